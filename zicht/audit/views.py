from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from zicht.audit.models import AccessLogEntry
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role


@membership_required(roles=[Role.ADMINISTRATOR])
def access_log(request: MemberRequest) -> HttpResponse:
    entries = AccessLogEntry.objects.all()
    filters = {}
    for field in ("username", "object_id", "action"):
        value = request.GET.get(field, "").strip()
        if value:
            filters[field] = value
    if filters:
        entries = entries.filter(**filters)
    person = request.GET.get("person", "").strip()
    if person.isdigit():
        if connection.features.supports_json_field_contains:
            entries = entries.filter(person_ids__contains=[int(person)])
        else:  # SQLite (demo): no JSON containment, filter the candidates in Python
            ids = [e.pk for e in entries.only("pk", "person_ids") if int(person) in e.person_ids]
            entries = entries.filter(pk__in=ids)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"page": page, "filters": request.GET})
