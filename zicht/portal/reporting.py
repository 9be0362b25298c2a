"""The portal's operations: file a report with its receipt and attachments, and
exchange messages between the reporter and the staff who hold the case.

Each is one transaction; notifications leave after commit (notify_users)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.casework.opening import Route, default_route
from zicht.casework.routing import NotFound, case_link
from zicht.casework.workflow import Status
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.intake.vocabulary import INDICATORS, ExploitationForm, PersonRole, ReportSource
from zicht.notifications.delivery import notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Role
from zicht.portal import files, receipts
from zicht.portal.models import Direction, PortalAttachment, PortalMessage, PortalReceipt
from zicht.portal.vocabulary import indicators_for

_FORMS_OF = {indicator.code: indicator.forms for indicator in INDICATORS}
STAFF_WHO_ANSWER = (Role.HUB_CASE_MANAGER, Role.FOCAL_OFFICER)


@dataclass
class Filed:
    report: Report
    receipt: PortalReceipt
    created: bool
    secret_matches: bool


def exploitation_forms(situation: list[str], indicators: list[str]) -> list[str]:
    forms = [form for form in situation if form != ExploitationForm.UNKNOWN]
    for code in indicators:
        for form in _FORMS_OF[code]:
            if form not in forms:
                forms.append(form)
    return forms or [ExploitationForm.UNKNOWN.value]


def report_data(cleaned: dict, *, language: str) -> ReportData:
    """The portal's answers as a report; the free text stays as the reporter wrote it."""
    indicators = indicators_for(cleaned["seen"])
    description = cleaned["description"].strip()
    if cleaned.get("anything_else", "").strip():
        description = f"{description}\n\n{cleaned['anything_else'].strip()}"
    persons = []
    who = cleaned.get("who", "").strip()
    if who or cleaned["minor"] == "yes":
        prefix = "[minderjarig] " if cleaned["minor"] == "yes" else ""
        persons.append(
            PersonData(role=PersonRole.PRESUMED_VICTIM, description=(prefix + who)[:300])
        )
    identified = any(
        cleaned.get(name) for name in ("contact_name", "contact_phone", "contact_email")
    )
    if identified:
        email = cleaned.get("contact_email", "")
        persons.append(
            PersonData(
                role=PersonRole.REPORTER,
                first_name=cleaned.get("contact_name", "")[:100],
                phone=cleaned.get("contact_phone", ""),
                description=f"e-mail: {email}" if email else "",
            )
        )
    forms = exploitation_forms(cleaned["situation"], indicators)
    # Suspected sexual exploitation of a minor always counts as acute (DOMAIN.md, meldcode).
    minor_sexual = cleaned["minor"] == "yes" and ExploitationForm.SEXUAL.value in forms
    return ReportData(
        source=ReportSource.RESIDENT_IDENTIFIED if identified else ReportSource.RESIDENT_ANONYMOUS,
        municipality=cleaned["municipality"],
        description=description,
        is_acute=cleaned["is_acute"] or minor_sexual,
        exploitation_forms=forms,
        indicators=indicators,
        location=cleaned.get("location", ""),
        observed_on=cleaned.get("observed_on"),
        language=language,
        persons=persons,
        involves_minor=cleaned["minor"] == "yes",
    )


def _new_receipt(report: Report, secret: str) -> PortalReceipt:
    secret_hash = receipts.hash_secret(secret)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return PortalReceipt.objects.create(
                    report=report, code=receipts.new_code(), secret_hash=secret_hash
                )
        except IntegrityError:
            if PortalReceipt.objects.filter(report=report).exists():
                raise
    raise RuntimeError("no free receipt code after 10 tries")


def file_report(
    *,
    submission_key: uuid.UUID,
    data: ReportData,
    secret: str,
    attachments: list[files.Cleaned] = (),  # type: ignore[assignment]
) -> Filed:
    """File a portal report with its receipt and attachments, once per submission key.

    The report, receipt and attachment rows commit together; the caller shows the
    receipt only after this returns. A repeated submission (double click, retry,
    back button) returns the first report; its secret is shown again only if the
    same form (with the same secret) was sent. Attachments that cannot be written
    (disk full) refuse the whole report: `files.NotStored`, and nothing is kept.
    """
    stored = files.store_all(attachments)
    try:
        with transaction.atomic():
            report, created = submit_report(submission_key=submission_key, data=data, by=None)
            if created:
                receipt = _new_receipt(report, secret)
                for item, name, digest in stored:
                    PortalAttachment.objects.create(
                        report=report,
                        kind=item.kind,
                        stored_name=name,
                        size=len(item.data),
                        sha256=digest,
                    )
            else:
                receipt = PortalReceipt.objects.get(report=report)
    except BaseException:
        for _item, name, _digest in stored:
            files.remove(name)
        raise
    if not created:
        for _item, name, _digest in stored:
            files.remove(name)
    matches = created or receipts.check_secret(secret, receipt.secret_hash)
    return Filed(report=report, receipt=receipt, created=created, secret_matches=matches)


def filed_with(submission_key: uuid.UUID) -> Filed | None:
    """The report already filed with this form's key, if any: the form page shown again
    (back button) then says it was received instead of inviting a second report. The secret
    is not shown again."""
    receipt = (
        PortalReceipt.objects.select_related("report")
        .filter(report__submission_key=submission_key)
        .first()
    )
    if receipt is None:
        return None
    return Filed(report=receipt.report, receipt=receipt, created=False, secret_matches=False)


def find_receipt(code: str, secret: str) -> PortalReceipt | None:
    """The receipt for this code and secret, or None: an unknown code and a wrong
    secret look the same, and take the same time."""
    receipt = PortalReceipt.objects.select_related("report__case").filter(code=code).first()
    stored = receipt.secret_hash if receipt else receipts.DUMMY_HASH
    if receipts.check_secret(secret, stored) and receipt is not None:
        return receipt
    return None


class CoarseStatus:
    RECEIVED = "received"
    ANSWERED = "answered"
    IN_HAND = "in_hand"
    CLOSED = "closed"


def coarse_status(receipt: PortalReceipt) -> str:
    """What the reporter may know: received, read and answered, being handled, or closed —
    no details. A team that answered has read the report, even before the case moves on."""
    case = receipt.case
    if case.status == Status.CLOSED:
        return CoarseStatus.CLOSED
    if case.status != Status.RECEIVED:
        return CoarseStatus.IN_HAND
    if receipt.messages.filter(direction=Direction.TO_REPORTER).exists():
        return CoarseStatus.ANSWERED
    return CoarseStatus.RECEIVED


def staff_to_tell(case: Case) -> list:
    """Who holds the case for the portal: the hub once it has it (or when the region
    routes portal reports there, or for acute danger), otherwise the focal officer.

    A municipality that takes part in zicht without a focal officer (yet) would leave the
    reporter talking to no one: then the hub is told, as it sees every case of its region."""
    focal_officers = recipients.staff_in_role(
        case.municipality.own_organisation, Role.FOCAL_OFFICER
    )
    to_hub = (
        case.is_acute
        or case.reported_to_hub_at is not None
        or default_route(None, case.municipality) == Route.HUB
        or not focal_officers
    )
    users = recipients.hub_staff(case.region) if to_hub else []
    if not to_hub or case.reported_to_hub_at is not None:
        users += focal_officers
    return users


@transaction.atomic
def reporter_writes(*, receipt: PortalReceipt, text: str) -> PortalMessage:
    message = PortalMessage.objects.create(
        receipt=receipt, direction=Direction.TO_STAFF, text=text.strip()
    )
    case = receipt.case
    record_change(
        membership=None,
        action=AccessAction.CREATE,
        obj=message,
        detail={"case": case.pk, "by": "portal reporter"},
    )
    # The e-mail names the case only: no personal data, no message text.
    notify_users(
        staff_to_tell(case),
        subject=_("New message from a reporter on case %(ref)s") % {"ref": case.reference},
        body=_("A reporter sent a message through the public portal. Read it on the case page."),
        link=case_link(case),
    )
    return message


@transaction.atomic
def staff_answers(*, receipt_id: int, by: Membership, text: str) -> PortalMessage:
    """Staff who can see the case (hub or focal officer) answer the reporter."""
    receipt = PortalReceipt.objects.filter(
        pk=receipt_id, report__case__in=Case.objects.visible_to(by)
    ).first()
    if receipt is None or by.role not in STAFF_WHO_ANSWER:
        raise NotFound
    message = PortalMessage.objects.create(
        receipt=receipt, direction=Direction.TO_REPORTER, text=text.strip(), author=by.user
    )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=message,
        purpose=Purpose.PORTAL_ANSWER,
        detail={"case": receipt.report.case_id},
    )
    return message
