"""Enriching a case: the focal officer (or the hub) adds what they learnt from the social
domain, persons and indicators to a case as a supplementary report. Who may do so and when
is the rule in `zicht.casework.enriching`; this is the one operation that does it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.audit.models import Purpose
from zicht.casework.enriching import enriching_refusal
from zicht.casework.routing import RouteRefused, case_link, lock_visible_case
from zicht.casework.workflow import Status
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, store_report
from zicht.intake.vocabulary import INDICATOR_CODES, ExploitationForm, Sector, source_for
from zicht.notifications.delivery import Text, notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership


def _check_codes(indicators: Sequence[str], forms: Sequence[str], sectors: Sequence[str]) -> None:
    if (
        not set(indicators) <= INDICATOR_CODES
        or not set(forms) <= set(ExploitationForm.values)
        or not set(sectors) <= set(Sector.values)
    ):
        raise RouteRefused(
            _("Choose indicators, forms of exploitation and sectors from the lists.")
        )


@transaction.atomic
def enrich_case(
    *,
    case_id: int,
    by: Membership,
    submission_key: uuid.UUID,
    information: str = "",
    indicators: Sequence[str] = (),
    exploitation_forms: Sequence[str] = (),
    sectors: Sequence[str] = (),
    persons: Sequence[PersonData] = (),
) -> tuple[Report, bool]:
    """Add a supplementary report to the case; returns (report, created).

    Idempotent on `submission_key` like `submit_report`: the back button and a second
    click return the first report. The hub hears of it once the case is reported to it."""
    case = lock_visible_case(case_id, by)  # also serialises two clicks of one form
    existing = Report.objects.filter(submission_key=submission_key, case=case).first()
    if existing is not None:
        return existing, False
    refusal = enriching_refusal(case, by)
    if refusal:
        raise RouteRefused(refusal)
    if not (information.strip() or indicators or persons):
        raise RouteRefused(_("Add information, an indicator or a person."))
    _check_codes(indicators, exploitation_forms, sectors)
    data = ReportData(
        source=source_for(by.organisation.type),
        municipality=case.municipality,
        description=information.strip(),
        exploitation_forms=list(exploitation_forms),
        sectors=list(sectors),
        indicators=list(indicators),
        persons=list(persons),
    )
    report = store_report(
        case,
        submission_key=submission_key,
        data=data,
        by=by,
        is_supplement=True,
        purpose=Purpose.ENRICHING,
    )
    if case.status == Status.REPORTED_TO_HUB:
        notify_users(
            recipients.hub_staff(case.region),
            subject=Text(gettext_lazy("New information on case %(ref)s"), {"ref": case.reference}),
            body=gettext_lazy("Information was added to a case reported to the regional hub."),
            link=case_link(case),
        )
    return report, True
