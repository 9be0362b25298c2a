from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from zicht.audit.forms import AccessLogFilter
from zicht.audit.models import AccessLogEntry, AccessLogQuerySet
from zicht.audit.records import name_entries
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role


@membership_required(roles=[Role.ADMINISTRATOR])
def access_log(request: MemberRequest) -> HttpResponse:
    form = AccessLogFilter(request.GET or None)
    entries: AccessLogQuerySet = AccessLogEntry.objects.all()
    if form.is_bound and form.is_valid():
        entries = _with_person(form.apply(entries), form.cleaned_data.get("person"))
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": page,
            "rows": name_entries(page, request.membership),
            "roles": dict(Role.choices),
            "query": query.urlencode(),
        },
    )


def _with_person(entries: AccessLogQuerySet, person: int | None) -> AccessLogQuerySet:
    if person is None:
        return entries
    if connection.features.supports_json_field_contains:
        return entries.filter(person_ids__contains=[person])
    # SQLite (demo): no JSON containment, filter the candidates in Python
    ids = [e.pk for e in entries.only("pk", "person_ids") if person in e.person_ids]
    return entries.filter(pk__in=ids)
