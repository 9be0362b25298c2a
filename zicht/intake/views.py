import uuid

from django.contrib import messages
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zicht.audit.log import record_read
from zicht.audit.models import Purpose
from zicht.casework import routing
from zicht.casework.disclosure import disclosure_for
from zicht.casework.models import Case
from zicht.casework.opening import Route, default_route
from zicht.intake import enrichment
from zicht.intake.forms import PersonFormSet, ReportForm, enrich_forms, to_report_data
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, submit_report
from zicht.intake.vocabulary import source_for
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Membership, Role


def _already_received(request: HttpRequest, report: Report) -> HttpResponse:
    """The same form sent again (back button, double click, a retry): no second report, but
    the first one, with a word that it was already received."""
    messages.info(
        request,
        _("This report was already received as %(ref)s; it was not sent a second time.")
        % {"ref": report.reference},
    )
    return redirect("intake:report_detail", report_id=report.pk)


def _form_page(
    request: HttpRequest, form: ReportForm, persons: BaseFormSet, *, show_errors: bool
) -> HttpResponse:
    context = {"form": form, "persons": persons, "show_errors": show_errors}
    return render(request, "intake/report_form.html", context)


@membership_required(
    roles=[Role.REPORTER, Role.FOCAL_OFFICER, Role.HUB_CASE_MANAGER, Role.PARTNER_MEMBER]
)
def new_report(request: MemberRequest, submission_key: uuid.UUID | None = None) -> HttpResponse:
    """The report form. Its submission key is part of the page's address (a fresh one on the
    way in), so a browser that goes back shows the same key and cannot make a second report."""
    membership = request.membership
    if request.method != "POST" and submission_key is None:
        return redirect("intake:report_form", submission_key=uuid.uuid4())
    data = request.POST.copy()
    if submission_key is not None:
        data["submission_key"] = str(submission_key)
    key = submission_key or _key_of(data)
    sent = Report.objects.visible_to(membership).filter(submission_key=key).first() if key else None
    if sent is not None:
        return _already_received(request, sent)
    if request.method != "POST" and submission_key is not None:
        if Report.objects.filter(submission_key=submission_key).exists():
            return redirect("intake:new_report")  # someone else's key: start afresh
        return _form_page(
            request,
            _empty_form(membership, submission_key),
            PersonFormSet(prefix="persons"),
            show_errors=False,
        )
    if "add_person" in data:
        data["persons-TOTAL_FORMS"] = str(_count(data.get("persons-TOTAL_FORMS")) + 1)
        form = ReportForm(data)
        form.errors.clear()  # not sent yet: no "required" before the user is done
        return _form_page(request, form, PersonFormSet(data, prefix="persons"), show_errors=False)
    form = ReportForm(data)
    persons = PersonFormSet(data, prefix="persons")
    if not (form.is_valid() and persons.is_valid()):
        return _form_page(request, form, persons, show_errors=True)
    report, created = submit_report(
        submission_key=form.cleaned_data["submission_key"],
        data=to_report_data(form, persons),
        by=membership,
        route_to=form.cleaned_data["route_to"] or None,
    )
    if not created:
        return _already_received(request, report)
    messages.success(request, _("Your report %(ref)s was received.") % {"ref": report.reference})
    return redirect("intake:report_detail", report_id=report.pk)


def _key_of(data: QueryDict) -> uuid.UUID | None:
    try:
        return uuid.UUID(data.get("submission_key", ""))
    except ValueError:
        return None


def _count(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), PersonFormSet.max_num - 1)
    except ValueError:
        return 1


def _empty_form(membership: Membership, submission_key: uuid.UUID) -> ReportForm:
    municipality = membership.organisation.municipality
    return ReportForm(
        initial={
            "submission_key": submission_key,
            "source": source_for(membership.organisation.type),
            "municipality": municipality,
            "route_to": default_route(membership, municipality) if municipality else Route.HUB,
        }
    )


@membership_required
def report_detail(request: MemberRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.visible_to(request.membership).select_related(
            "case", "municipality", "reporting_organisation"
        ),
        pk=report_id,
    )
    visible_case = (
        Case.objects.visible_to(request.membership).filter(pk=report.case_id or 0).first()
    )
    own = report.reported_by_id == request.user.pk
    # A partner that has not accepted a handover does not read reports (disclosure.py).
    if (
        visible_case is not None
        and not own
        and not disclosure_for(visible_case, request.membership).shows_reports
    ):
        raise Http404
    persons = list(report.persons.all())
    record_read(
        membership=request.membership,
        obj=report,
        person_ids=[person.pk for person in persons],
        purpose=Purpose.REPORT_FOLLOW_UP,
    )
    return render(
        request,
        "intake/report_detail.html",
        {"report": report, "persons": persons, "case_visible": visible_case is not None},
    )


@membership_required(roles=[Role.FOCAL_OFFICER, Role.HUB_CASE_MANAGER])
def enrich_case(request: MemberRequest, case_id: int) -> HttpResponse:
    """Add information, a person or indicators to a case (GET shows the form alone; a
    refused or invalid submission comes back here with everything typed kept)."""
    case = get_object_or_404(
        Case.objects.visible_to(request.membership).select_related("municipality"), pk=case_id
    )
    form, person = enrich_forms(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and person.is_valid():
        data = form.cleaned_data
        try:
            report, created = enrichment.enrich_case(
                case_id=case.pk,
                by=request.membership,
                submission_key=data["submission_key"],
                information=data["information"],
                indicators=data["indicators"],
                exploitation_forms=data["exploitation_forms"],
                sectors=data["sectors"],
                persons=[PersonData(**person.cleaned_data)]
                if person.has_identifying_data()
                else [],
            )
        except routing.NotFound as error:
            raise Http404 from error
        except routing.RouteRefused as error:
            form.add_error(None, str(error))
        else:
            if created:
                messages.success(
                    request,
                    _("The information was added to the case as %(ref)s.")
                    % {"ref": report.reference},
                )
            return redirect(reverse("casework:case_detail", args=[case.pk]) + "#reports-h")
    return render(
        request,
        "intake/enrich_case.html",
        {
            "case": case,
            "form": form,
            "person": person,
            "error_forms": [f for f in (form, person) if f.is_bound and f.errors],
        },
        status=400 if request.method == "POST" else 200,
    )
