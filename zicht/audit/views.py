from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from zicht.audit.forms import AccessLogFilter
from zicht.audit.models import AccessLogEntry, AccessLogQuerySet
from zicht.audit.records import name_entries
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role


@membership_required(roles=[Role.ADMINISTRATOR, Role.PRIVACY_OFFICER])
def access_log(request: MemberRequest) -> HttpResponse:
    form = AccessLogFilter(request.GET or None)
    entries: AccessLogQuerySet = AccessLogEntry.objects.all()
    if form.is_bound and form.is_valid():
        entries = form.apply(entries)
        person = form.cleaned_data.get("person")
        if person is not None:
            entries = entries.about_person(person)
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
