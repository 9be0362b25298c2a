"""The monitor's pages: the dashboard, the dark number, the analyst's interpretation,
the annual report and the exports. Who sees how much is decided in access.py; every
download is written to the access log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.monitor import charts
from zicht.monitor.access import MonitorAccess, monitor_access
from zicht.monitor.dark_page import dark_number_page
from zicht.monitor.disclosure import (
    internal_minimum,
    protect_count,
    public_minimum,
    show,
    show_care,
)
from zicht.monitor.figures import Scope, baseline_progress, cached_overview
from zicht.monitor.forms import AnnualReportForm, FilterForm, InterpretationForm
from zicht.monitor.models import Interpretation
from zicht.organisations.acting import MemberRequest, membership_required


def _access(request: MemberRequest) -> MonitorAccess:
    access = monitor_access(request.membership)
    if access is None:
        raise PermissionDenied
    return access


def _full_access(request: MemberRequest) -> MonitorAccess:
    access = _access(request)
    if not access.may_export:
        raise PermissionDenied
    return access


@dataclass
class Filters:
    form: FilterForm
    scope: Scope
    trend: str
    query: str


def _filters(request: MemberRequest, access: MonitorAccess) -> Filters:
    form = FilterForm(request.GET, region=access.region)
    if form.is_valid():
        data = form.cleaned_data
    else:
        fallback = FilterForm({}, region=access.region)
        fallback.is_valid()
        data = fallback.cleaned_data
    scope = Scope(access.region, data["start"], data["end"], data.get("municipality"))
    params = {"start": scope.start.isoformat(), "end": scope.end.isoformat()}
    if scope.municipality is not None:
        params["municipality"] = scope.municipality.cbs_code
    if form.is_valid():
        # The fields show the period on the page, also the default one chosen for an
        # empty field; an invalid form keeps what was typed, with its errors.
        form = FilterForm({**params, "trend": data["trend"]}, region=access.region)
    return Filters(form=form, scope=scope, trend=data["trend"], query=urlencode(params))


def _interpretations(scope: Scope):
    return (
        Interpretation.objects.filter(
            region=scope.region,
            municipality=scope.municipality,
            period_start__lte=scope.end,
            period_end__gte=scope.start,
        )
        .select_related("author", "municipality")
        .order_by("-period_end", "-created_at")
    )


@membership_required
def dashboard(request: MemberRequest) -> HttpResponse:
    access = _access(request)
    filters = _filters(request, access)
    scope = filters.scope
    full = access.sees_in_full(scope.municipality)
    minimum = None if full else internal_minimum()
    keep = [access.own_municipality.cbs_code] if access.own_municipality else []
    data = cached_overview(scope, trend_by=filters.trend)
    shown = [show(figure, minimum, keep_codes=keep) for figure in data.figures]
    panels = [{"figure": f, "svg": charts.bar_chart(f)} for f in shown]
    trend = show(data.trend, minimum)
    handling = data.handling
    care = show_care(data.care, minimum)

    def count(value: int) -> int | None:
        return value if minimum is None else protect_count(value, minimum)

    def median(value: float | None, n: int) -> float | None:
        return value if minimum is None or n >= minimum else None

    context = {
        "access": access,
        "filters": filters,
        "scope": scope,
        "full": full,
        "minimum": minimum,
        "headline": {
            "reports": count(data.reports),
            "cases": count(data.cases),
            "unique_persons": count(data.persons.unique),
            "person_records": count(data.persons.records),
        },
        "panels": panels,
        "trend": trend,
        "trend_svg": charts.line_chart(trend),
        "handling": {
            "to_hub": median(handling.to_hub_days, handling.to_hub_n),
            "to_hub_n": count(handling.to_hub_n),
            "to_first_action": median(handling.to_first_action_days, handling.to_first_action_n),
            "to_first_action_n": count(handling.to_first_action_n),
            "feedback_due": count(handling.feedback_due),
            "feedback_overdue": count(handling.feedback_overdue),
            "feedback_late": count(handling.feedback_late),
        },
        "care": care,
        "care_panels": [{"figure": f, "svg": charts.bar_chart(f)} for f in care.figures],
        "enforcement_panels": [
            {"figure": f, "svg": charts.bar_chart(f)}
            for f in (show(figure, minimum, keep_codes=keep) for figure in data.enforcement)
        ],
        "baseline": baseline_progress(scope),
        "interpretations": _interpretations(scope),
        "may_interpret": access.may_interpret(request.membership),
        "interpretation_form": InterpretationForm(
            region=access.region,
            initial={
                "municipality": scope.municipality,
                "period_start": scope.start,
                "period_end": scope.end,
            },
        ),
        "years": list(range(scope.end.year, scope.end.year - 6, -1)),
    }
    return render(request, "monitor/dashboard.html", context)


@membership_required
def dark_number(request: MemberRequest) -> HttpResponse:
    access = _access(request)
    filters = _filters(request, access)
    full = access.sees_in_full(filters.scope.municipality)
    context = {
        "access": access,
        "filters": filters,
        "scope": filters.scope,
        "dark": dark_number_page(filters.scope, full=full),
    }
    return render(request, "monitor/dark_number.html", context)


@require_POST
@membership_required
def add_interpretation(request: MemberRequest) -> HttpResponse:
    access = _access(request)
    if not access.may_interpret(request.membership):
        raise PermissionDenied
    form = InterpretationForm(request.POST, region=access.region)
    if form.is_valid():
        interpretation = form.save(commit=False)
        interpretation.region = access.region
        interpretation.author = request.user
        interpretation.full_clean()
        interpretation.save()
        messages.success(request, _("The interpretation was saved with its period."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        interpretation = None
    params = {}
    if interpretation is not None:
        params = {
            "start": interpretation.period_start.isoformat(),
            "end": interpretation.period_end.isoformat(),
        }
        if interpretation.municipality:
            params["municipality"] = interpretation.municipality.cbs_code
    return redirect(f"{reverse('monitor:dashboard')}?{urlencode(params)}")


def _download(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@membership_required
def annual_report(request: MemberRequest) -> HttpResponse:
    # WeasyPrint, numpy and scipy load when a report is asked for: start-up time
    from zicht.monitor.annual_report import render_annual_report

    access = _full_access(request)
    form = AnnualReportForm(request.GET, region=access.region)
    if not form.is_valid():
        year = datetime.date.today().year - 1  # noqa: DTZ011 - only the default choice
        form = AnnualReportForm({"year": year}, region=access.region)
        form.is_valid()
    year = form.cleaned_data["year"]
    municipality = form.cleaned_data.get("municipality")
    pdf = render_annual_report(access.region, year, municipality)
    where = municipality.cbs_code if municipality else access.region.code
    record_change(
        membership=request.membership,
        action=AccessAction.EXPORT,
        obj=municipality or access.region,
        purpose=Purpose.ANNUAL_REPORT,
        detail={"export": "annual_report", "year": year, "minimum_cell": public_minimum()},
    )
    return _download(pdf, f"jaarverslag-{where}-{year}.pdf", "application/pdf")


EXPORTS = {
    "comensha": ("comensha.csv", "text/csv; charset=utf-8"),
    "comensha-left-out": ("comensha-left-out.csv", "text/csv; charset=utf-8"),
    "htcds-json": ("htcds.json", "application/json"),
    "htcds-csv": ("htcds.csv", "text/csv; charset=utf-8"),
    "ctdc": ("ctdc-aggregate.csv", "text/csv; charset=utf-8"),
}


@membership_required
def exports_page(request: MemberRequest) -> HttpResponse:
    """The exports of the dashboard's period and place, with how many presumed victims the
    person exports leave out and why, before anyone downloads an empty file."""
    # pandas loads when the exports are asked for: start-up time
    from zicht.monitor import exports

    access = _full_access(request)
    filters = _filters(request, access)
    context = {
        "access": access,
        "filters": filters,
        "scope": filters.scope,
        "left_out": exports.who_is_left_out(filters.scope),
    }
    return render(request, "monitor/exports.html", context)


@membership_required
def export(request: MemberRequest, kind: str) -> HttpResponse:
    # pandas loads when an export is asked for: start-up time
    from zicht.monitor import exports

    access = _full_access(request)
    if kind not in EXPORTS:
        raise PermissionDenied
    filters = _filters(request, access)
    if filters.form.errors:
        # A file of another period than the one asked for would be worse than none.
        problems = [str(error) for errors in filters.form.errors.values() for error in errors]
        return HttpResponseBadRequest("\n".join(problems), content_type="text/plain; charset=utf-8")
    scope = filters.scope
    result = exports.build(kind, scope)
    filename, content_type = EXPORTS[kind]
    stamp = f"{access.region.code}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    record_change(
        membership=request.membership,
        action=AccessAction.EXPORT,
        obj=scope.municipality or access.region,
        person_ids=result.person_ids,
        purpose=Purpose.export(kind),
        detail={
            "export": kind,
            "start": scope.start.isoformat(),
            "end": scope.end.isoformat(),
            "rows": result.rows,
            **({"left_out": result.left_out} if result.left_out else {}),
        },
    )
    response = _download(result.content, f"{kind}-{stamp}.{filename.rsplit('.', 1)[1]}",
                         content_type)  # fmt: skip
    if result.left_out:
        response["X-Zicht-Left-Out"] = str(sum(result.left_out.values()))
    return response
