import uuid

from django.contrib import messages
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zicht.audit.log import record_read
from zicht.casework.models import Case
from zicht.casework.opening import Route, default_route
from zicht.intake.forms import PersonFormSet, ReportForm, to_report_data
from zicht.intake.models import Report
from zicht.intake.submission import submit_report
from zicht.intake.vocabulary import ReportSource
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Membership, OrganisationType, Role

SOURCE_BY_ORGANISATION = {
    OrganisationType.MUNICIPALITY: ReportSource.MUNICIPAL,
    OrganisationType.POLICE: ReportSource.POLICE,
    OrganisationType.LABOUR_INSPECTORATE: ReportSource.LABOUR_INSPECTORATE,
    OrganisationType.KMAR: ReportSource.KMAR,
    OrganisationType.VEILIG_THUIS: ReportSource.VEILIG_THUIS,
    OrganisationType.HOUSING_CORPORATION: ReportSource.HOUSING_CORPORATION,
    OrganisationType.CARE: ReportSource.CARE,
    OrganisationType.SHELTER: ReportSource.CARE,
    OrganisationType.NGO: ReportSource.NGO,
    OrganisationType.REGIONAL_HUB: ReportSource.REGIONAL_HUB,
}


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
            "source": SOURCE_BY_ORGANISATION.get(
                OrganisationType(membership.organisation.type), ReportSource.OTHER
            ),
            "municipality": municipality,
            "route_to": default_route(membership, municipality) if municipality else Route.HUB,
        }
    )


@membership_required
def report_detail(request, report_id: int):
    report = get_object_or_404(
        Report.objects.visible_to(request.membership).select_related("case", "municipality"),
        pk=report_id,
    )
    persons = list(report.persons.all())
    record_read(
        membership=request.membership,
        obj=report,
        person_ids=[person.pk for person in persons],
        purpose="report follow-up",
    )
    case_visible = (
        Case.objects.visible_to(request.membership).filter(pk=report.case_id or 0).exists()
    )
    return render(
        request,
        "intake/report_detail.html",
        {"report": report, "persons": persons, "case_visible": case_visible},
    )
