import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zicht.audit.log import record_read
from zicht.audit.models import Purpose
from zicht.casework.models import Case
from zicht.casework.opening import Route, default_route
from zicht.intake.forms import PersonFormSet, ReportForm, to_report_data
from zicht.intake.models import Report
from zicht.intake.submission import submit_report
from zicht.intake.vocabulary import ReportSource
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import OrganisationType, Role

# Keyed by Organisation.type, a plain string in the database.
SOURCE_BY_ORGANISATION: dict[str, ReportSource] = {
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


@membership_required(
    roles=[Role.REPORTER, Role.FOCAL_OFFICER, Role.HUB_CASE_MANAGER, Role.PARTNER_MEMBER]
)
def new_report(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    if request.method == "POST":
        form = ReportForm(request.POST)
        persons = PersonFormSet(request.POST, prefix="persons")
        if "add_person" in request.POST:
            posted = request.POST.copy()
            posted["persons-TOTAL_FORMS"] = str(int(posted.get("persons-TOTAL_FORMS", 1)) + 1)
            form = ReportForm(posted)
            persons = PersonFormSet(posted, prefix="persons")
            form.errors.clear()
            return render(
                request,
                "intake/report_form.html",
                {"form": form, "persons": persons, "skip_errors": True},
            )
        if form.is_valid() and persons.is_valid():
            data = to_report_data(form, persons)
            key = form.cleaned_data["submission_key"]
            report, created = submit_report(
                submission_key=key,
                data=data,
                by=membership,
                route_to=form.cleaned_data["route_to"] or None,
            )
            if created:
                messages.success(
                    request, _("Your report %(ref)s was received.") % {"ref": report.reference}
                )
            return redirect("intake:report_detail", report_id=report.pk)
    else:
        municipality = membership.organisation.municipality
        form = ReportForm(
            initial={
                "submission_key": uuid.uuid4(),
                "source": SOURCE_BY_ORGANISATION.get(
                    membership.organisation.type, ReportSource.OTHER
                ),
                "municipality": municipality,
                "route_to": default_route(membership, municipality) if municipality else Route.HUB,
            }
        )
        persons = PersonFormSet(prefix="persons")
    return render(request, "intake/report_form.html", {"form": form, "persons": persons})


@membership_required
def report_detail(request: MemberRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(
        Report.objects.visible_to(request.membership).select_related("case", "municipality"),
        pk=report_id,
    )
    persons = list(report.persons.all())
    record_read(
        membership=request.membership,
        obj=report,
        person_ids=[person.pk for person in persons],
        purpose=Purpose.REPORT_FOLLOW_UP,
    )
    case_visible = (
        Case.objects.visible_to(request.membership).filter(pk=report.case_id or 0).exists()
    )
    return render(
        request,
        "intake/report_detail.html",
        {"report": report, "persons": persons, "case_visible": case_visible},
    )
