"""The retention rules, applied at moments in the future (time-machine): what expires when,
what anonymising leaves, what a legal hold stops, and what the access log is told."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from zicht.audit.log import verify_chain
from zicht.audit.models import AccessAction, AccessLogEntry, Purpose
from zicht.intake.models import InvolvedPerson, Report
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.notifications.models import Notification
from zicht.portal import files
from zicht.portal.models import Direction, PortalAttachment, PortalMessage, PortalReceipt
from zicht.privacy.holds import HoldRefused, lift_hold, place_hold
from zicht.privacy.models import AnonymisedCase, RecordType, RetentionRule, add_months
from zicht.privacy.retention import apply_retention, preview
from zicht.register.models import PersonPseudonym

pytestmark = pytest.mark.django_db


def age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def expiring(at: datetime.datetime) -> dict[str, int]:
    return {line.rule.record_type: line.count for line in preview(at)}


def months_after(moment: datetime.datetime, months: int, days: int = 0) -> datetime.datetime:
    local = timezone.localtime(moment)
    day = add_months(local.date(), months)
    return local.replace(year=day.year, month=day.month, day=day.day) + datetime.timedelta(
        days=days
    )


def test_the_rules_are_data_with_a_legal_source():
    rules = {rule.record_type: rule for rule in RetentionRule.objects.all()}
    assert set(rules) == set(RecordType.values)
    assert rules[RecordType.REPORT_WITHOUT_FOLLOW_UP].months == 12
    assert rules[RecordType.CLOSED_CASE].months == 60
    assert all("AVG" in rule.legal_source or "NEN" in rule.legal_source for rule in rules.values())


def test_a_report_that_led_to_nothing_is_anonymised_a_year_after_closing(hub_report, close):
    report = hub_report()
    case = close(report.case, "no_indication")
    person = report.persons.get()
    assert PersonPseudonym.objects.filter(person=person).exists()

    with time_machine.travel(months_after(case.closed_at, 12, days=-1)):
        assert expiring(timezone.now())[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
        assert apply_retention().removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
    with time_machine.travel(months_after(case.closed_at, 12, days=1)):
        assert expiring(timezone.now())[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 1
        run = apply_retention()
    assert run.removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 1

    person.refresh_from_db()
    report.refresh_from_db()
    assert (person.first_name, person.last_name, person.phone, person.name_key) == ("", "", "", "")
    # the age on the report's day stays (born 2 April 1999), the birth date itself goes
    received = report.received_at.astimezone(datetime.UTC).date()
    assert age(person.birth_date, received) == age(datetime.date(1999, 4, 2), received)
    assert (person.birth_date.month, person.birth_date.day) == (received.month, received.day)
    assert person.role == "presumed_victim"
    assert report.description == ""
    assert report.exploitation_forms == ["sexual"]
    assert not PersonPseudonym.objects.filter(person=person).exists()
    assert "Anna" not in str(list(case.actions.values_list("outcome", flat=True)))
    entry = AccessLogEntry.objects.get(action=AccessAction.ANONYMISE, object_id=str(case.pk))
    assert entry.purpose == Purpose.RETENTION
    assert entry.person_ids == [person.pk]
    assert entry.detail["retention"] == RecordType.REPORT_WITHOUT_FOLLOW_UP
    assert verify_chain() is None

    with time_machine.travel(months_after(case.closed_at, 13)):
        assert apply_retention().removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0


def test_a_case_closed_after_follow_up_is_kept_five_years(hub_report, close):
    case = close(hub_report().case, "referred_police")
    with time_machine.travel(months_after(case.closed_at, 13)):
        assert apply_retention().removed.get(RecordType.REPORT_WITHOUT_FOLLOW_UP) == 0
        assert apply_retention().removed[RecordType.CLOSED_CASE] == 0
    assert InvolvedPerson.objects.get(report__case=case).last_name == "Kowalska"
    with time_machine.travel(months_after(case.closed_at, 60, days=1)):
        assert apply_retention().removed[RecordType.CLOSED_CASE] == 1
    assert InvolvedPerson.objects.get(report__case=case).last_name == ""
    assert AnonymisedCase.objects.get(case=case).record_type == RecordType.CLOSED_CASE


def test_an_open_case_never_expires(hub_report):
    case = hub_report().case
    with time_machine.travel(timezone.now() + datetime.timedelta(days=365 * 20)):
        run = apply_retention()
    assert (
        run.removed[RecordType.CLOSED_CASE] == run.removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
    )
    assert InvolvedPerson.objects.get(report__case=case).last_name == "Kowalska"


def test_a_legal_hold_stops_retention_until_it_is_lifted(hub_report, close, privacy_officer):
    case = close(hub_report().case)
    hold = place_hold(
        case_reference=case.reference, reason="Strafrechtelijk onderzoek", by=privacy_officer
    )
    later = months_after(case.closed_at, 24)
    with time_machine.travel(later):
        assert expiring(timezone.now())[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
        assert apply_retention().removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
    assert Report.objects.get(case=case).description != ""
    with pytest.raises(HoldRefused):
        place_hold(case_reference=case.reference, reason="Nog een", by=privacy_officer)
    lift_hold(hold_id=hold.pk, by=privacy_officer)
    with time_machine.travel(later):
        assert apply_retention().removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 1
    assert Report.objects.get(case=case).description == ""
    purposes = AccessLogEntry.objects.filter(object_type="privacy.legalhold").values_list(
        "purpose", flat=True
    )
    assert list(purposes) == [Purpose.LEGAL_HOLD, Purpose.LEGAL_HOLD]


def test_a_hold_names_a_case_of_the_officers_own_region(hub_report, privacy_officer):
    case = hub_report().case
    for wrong in ("C-2019-000001", case.reference.replace("C-", "M-"), "", "C-1-1"):
        with pytest.raises(HoldRefused):
            place_hold(case_reference=wrong, reason="Onderzoek", by=privacy_officer)


def test_the_portal_conversation_and_attachments_go_before_the_case(hub_report, close):
    report = hub_report()
    receipt = PortalReceipt.objects.create(report=report, code="ABCD2345", secret_hash="x")
    PortalMessage.objects.create(receipt=receipt, direction=Direction.TO_STAFF, text="Ik ben Anna")
    stored, digest = files.store(b"%PDF-1.4 test")
    PortalAttachment.objects.create(
        report=report, kind="pdf", stored_name=stored, size=13, sha256=digest
    )
    case = close(report.case, "referred_police")
    with time_machine.travel(months_after(case.closed_at, 6, days=1)):
        removed = apply_retention().removed
    assert removed[RecordType.PORTAL_CONVERSATION] == 1
    assert removed[RecordType.PORTAL_ATTACHMENT] == 0
    assert not PortalMessage.objects.exists()
    assert files.path_of(stored).exists()
    with time_machine.travel(months_after(case.closed_at, 12, days=1)):
        assert apply_retention().removed[RecordType.PORTAL_ATTACHMENT] == 1
    assert not files.path_of(stored).exists()
    assert not PortalAttachment.objects.exists()
    logged = AccessLogEntry.objects.filter(
        action=AccessAction.DELETE, object_type="casework.case", object_id=str(case.pk)
    )
    assert sorted(e.detail["retention"] for e in logged) == [
        RecordType.PORTAL_ATTACHMENT,
        RecordType.PORTAL_CONVERSATION,
    ]


def test_anonymising_a_case_takes_what_the_portal_still_holds(hub_report, close):
    report = hub_report()
    receipt = PortalReceipt.objects.create(report=report, code="EFGH2345", secret_hash="x")
    PortalMessage.objects.create(receipt=receipt, direction=Direction.TO_STAFF, text="Anna")
    case = close(report.case)
    RetentionRule.objects.filter(record_type=RecordType.PORTAL_CONVERSATION).update(months=24)
    with time_machine.travel(months_after(case.closed_at, 12, days=1)):
        apply_retention()
    assert not PortalReceipt.objects.exists()


def test_superseded_linkage_runs_go_three_months_after_the_next_run(twente_runs):
    old, new = twente_runs
    with time_machine.travel(months_after(new.created_at, 3, days=-1)):
        assert apply_retention().removed[RecordType.LINKAGE_RUN] == 0
    with time_machine.travel(months_after(new.created_at, 3, days=1)):
        assert apply_retention().removed[RecordType.LINKAGE_RUN] == 1
    assert list(LinkageRun.objects.all()) == [new]
    assert PersonCluster.objects.filter(run=new).count() == 1
    assert AccessLogEntry.objects.filter(
        action=AccessAction.DELETE, object_type="linkage.linkagerun", object_id=str(old.pk)
    ).exists()


@pytest.fixture
def twente_runs(hub_report):
    person = hub_report().persons.get()
    runs = []
    for days in (40, 10):
        with time_machine.travel(timezone.now() - datetime.timedelta(days=days)):
            run = LinkageRun.objects.create(region=person.report.case.region, threshold=0.9)
        PersonCluster.objects.create(run=run, person=person, cluster_id="u1")
        runs.append(run)
    return runs


def test_sent_notifications_go_after_a_year_unsent_ones_stay():
    sent = Notification.objects.create(email="a@example.org", subject="s", body="b")
    Notification.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    unsent = Notification.objects.create(email="b@example.org", subject="s", body="b")
    with time_machine.travel(months_after(sent.created_at, 12, days=1)):
        assert apply_retention().removed[RecordType.NOTIFICATION] == 1
    assert list(Notification.objects.all()) == [unsent]


def test_the_access_log_without_a_checkpoint_is_kept_whole(hub_report):
    hub_report()
    entries = AccessLogEntry.objects.count()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=366 * 8)):
        line = next(
            line for line in preview(timezone.now()) if line.rule.record_type == "access_log"
        )
        assert line.count == 0  # past its period, but nothing anchors the rest yet
        assert line.applied
        apply_retention()
    assert AccessLogEntry.objects.count() == entries + 1  # the run's own entry
    assert verify_chain() is None


def closed_at_noon(case) -> datetime.datetime:
    """Set the case's closing to noon (Amsterdam) on 15 January 2026, for tests of "tonight"."""
    noon = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=timezone.get_current_timezone())
    type(case).objects.filter(pk=case.pk).update(closed_at=noon)
    return noon


def test_the_preview_shows_what_goes_tonight_before_it_has_gone(hub_report, close):
    case = close(hub_report().case)
    expiry = months_after(closed_at_noon(case), 12)  # 15 January 2027, 12:00
    with time_machine.travel(expiry - datetime.timedelta(hours=1)):
        assert expiring(timezone.now())[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
        assert preview()[0].rule.record_type == RecordType.LINKAGE_RUN  # shortest period first
        assert (
            expiring(timezone.now() + datetime.timedelta(hours=16))[
                RecordType.REPORT_WITHOUT_FOLLOW_UP
            ]
            == 1
        )
        tonight = {line.rule.record_type: line.count for line in preview()}
        assert tonight[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 1


def test_the_command_previews_by_default_and_applies_on_request(hub_report, close, capsys):
    case = close(hub_report().case)
    expiry = months_after(closed_at_noon(case), 12)
    with time_machine.travel(expiry - datetime.timedelta(hours=1)):
        call_command("retention")
        out = capsys.readouterr().out
        assert "expiring at 2027-01-16 02:30" in out
        assert "report_without_follow_up: 1" in out
        call_command("retention", "--apply")
        assert "report_without_follow_up: 0" in capsys.readouterr().out
    with time_machine.travel(expiry + datetime.timedelta(hours=15)):
        call_command("retention", "--apply")
        assert "report_without_follow_up: 1" in capsys.readouterr().out
    assert AnonymisedCase.objects.filter(case=case).exists()
