"""The case table in Twente: the hub's table with the police (RIEC covenant) and Veilig
Thuis (care covenant), a meeting, its agenda per organisation's need to know, decisions
that become follow-up actions, measures, minutes, the reminders and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.audit.models import AccessLogEntry, Purpose
from zicht.care import support, trajectories
from zicht.care.reminders import remind_aftercare
from zicht.casetable import operations
from zicht.casetable.models import AgendaItem, CaseTable, Covenant, Decision, MeasureKind
from zicht.casework import actions, routing
from zicht.casework.models import ActionStatus, Case
from zicht.casework.workflow import Status
from zicht.notifications.models import Notification, ReminderClaim
from zicht.notifications.reminders import run_daily, run_reminders
from zicht.organisations.models import Organisation, OrganisationType
from zicht.privacy.anonymising import anonymise_case


@pytest.fixture
def hub(member):
    return member("hub.twente")


@pytest.fixture
def secretary(member):
    return member("tafel.twente")


@pytest.fixture
def police(member):
    return member("politie.twente")


@pytest.fixture
def vt(member):
    return member("vt.twente")


@pytest.fixture
def table(demo) -> CaseTable:
    return CaseTable.objects.get(region__code="VR05")


@pytest.fixture
def case(make_report, person, hub, django_capture_on_commit_callbacks) -> Case:
    """A Hengelo case with a victim and a suspect, in follow-up (the hub started it)."""
    case = make_report(
        persons=[
            person(first_name="Anna", last_name="Kowalska"),
            person(role="suspect", first_name="Marek", last_name="Nowak"),
        ],
        by="hub.twente",
    ).case
    with django_capture_on_commit_callbacks(execute=True):
        if case.status != Status.REPORTED_TO_HUB:
            routing.report_to_hub(case_id=case.pk, by=hub)
        routing.start_follow_up(case_id=case.pk, by=hub)
    case.refresh_from_db()
    return case


@pytest.fixture
def meeting(table, secretary):
    return operations.plan_meeting(table_id=table.pk, by=secretary, held_on=timezone.localdate())


@pytest.fixture
def care_item(meeting, hub, case) -> AgendaItem:
    return operations.add_agenda_item(
        meeting_id=meeting.pk,
        by=hub,
        case_id=case.pk,
        covenant=Covenant.CARE,
        summary="Afstemming over veiligheid.",
        care_details="Traumabehandeling gestart in de opvang.",
    )


@pytest.fixture
def riec_item(meeting, hub, case, care_item) -> AgendaItem:
    suspect = case.reports.get().persons.get(role="suspect")
    return operations.add_agenda_item(
        meeting_id=meeting.pk,
        by=hub,
        case_id=case.pk,
        person_id=suspect.pk,
        covenant=Covenant.RIEC,
        summary="Dadergerichte aanpak.",
    )


def test_the_demo_sets_up_twentes_table_with_members_per_covenant(table):
    seats = {m.organisation.type: (m.riec_covenant, m.care_covenant) for m in table.members.all()}
    assert seats[OrganisationType.REGIONAL_HUB] == (True, True)
    assert seats[OrganisationType.POLICE] == (True, False)
    assert seats[OrganisationType.VEILIG_THUIS] == (False, True)


def test_the_secretary_sees_a_case_only_once_it_is_on_its_tables_agenda(secretary, case, care_item):
    assert Case.objects.visible_to(secretary).filter(pk=case.pk).exists()
    other = Case.objects.exclude(pk=case.pk).filter(region=case.region)
    assert not Case.objects.visible_to(secretary).filter(pk__in=other).exists()


def test_a_secretary_without_items_sees_no_case(secretary, case):
    assert not Case.objects.visible_to(secretary).exists()


def test_each_member_sees_only_the_items_shared_under_its_covenant(
    police, vt, care_item, riec_item
):
    assert list(AgendaItem.objects.visible_to(police)) == [riec_item]
    assert list(AgendaItem.objects.visible_to(vt)) == [care_item]


def test_the_police_member_is_told_a_care_item_is_not_shared_and_sees_nothing_of_it(
    signed_in, care_item, riec_item
):
    client = signed_in("politie.twente")
    page = client.get(reverse("casetable:item_detail", args=[care_item.pk]))
    assert page.status_code == 403
    text = page.content.decode()
    assert "Traumabehandeling" not in text
    assert care_item.case.reference not in text
    meeting_page = client.get(reverse("casetable:meeting_detail", args=[care_item.meeting_id]))
    text = meeting_page.content.decode()
    assert "Traumabehandeling" not in text
    assert "Afstemming" not in text
    assert "Dadergerichte aanpak" in text
    assert 'data-testid="items-not-shared"' in text


def test_care_details_show_to_a_care_member_and_the_read_is_logged(signed_in, vt, care_item):
    client = signed_in("vt.twente")
    page = client.get(reverse("casetable:item_detail", args=[care_item.pk]))
    assert page.status_code == 200
    assert "Traumabehandeling gestart" in page.content.decode()
    entry = AccessLogEntry.objects.filter(
        object_type="casetable.agendaitem", object_id=str(care_item.pk), user=vt.user
    ).latest("pk")
    assert entry.purpose == Purpose.CASE_TABLE


def test_an_organisation_not_at_the_table_gets_404(signed_in, care_item):
    client = signed_in("afm.hengelo")
    assert client.get(reverse("casetable:item_detail", args=[care_item.pk])).status_code == 404


def test_a_decision_becomes_a_follow_up_action_through_add_action(
    secretary, riec_item, django_capture_on_commit_callbacks
):
    police_org = Organisation.objects.get(region__code="VR05", type=OrganisationType.POLICE)
    with django_capture_on_commit_callbacks(execute=True):
        decision = operations.decide(
            item_id=riec_item.pk,
            by=secretary,
            text="Locatieverbod aanvragen.",
            kind="offender_approach",
            owner=police_org,
            due_on=timezone.localdate() + datetime.timedelta(days=30),
        )
    action = decision.action
    assert action.case_id == riec_item.case_id
    assert action.owner == police_org
    assert action.status == ActionStatus.AWAITING_ACCEPTANCE  # a handover to the police
    assert action.handover.to_organisation == police_org
    assert Notification.objects.filter(recipient__username="politie.twente").exists()


def test_a_decision_on_a_case_not_in_follow_up_is_refused_and_nothing_changes(
    secretary, hub, meeting, make_report
):
    case = make_report(by="hub.twente").case
    item = operations.add_agenda_item(
        meeting_id=meeting.pk, by=hub, case_id=case.pk, covenant=Covenant.RIEC, summary="x"
    )
    hub_org = hub.organisation
    with pytest.raises(operations.TableRefused):
        operations.decide(
            item_id=item.pk,
            by=secretary,
            text="Iets",
            kind="advice",
            owner=hub_org,
            due_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    assert not Decision.objects.exists()
    assert not case.actions.exists()


def test_the_secretary_cannot_add_actions_to_cases_off_its_agenda(secretary, case):
    with pytest.raises(routing.NotFound):
        actions.add_action(
            case_id=case.pk,
            by=secretary,
            kind="advice",
            owner=secretary.organisation,
            due_on=timezone.localdate(),
        )


def test_only_organisers_change_the_table(police, meeting, case):
    with pytest.raises(operations.TableRefused):
        operations.record_minutes(meeting_id=meeting.pk, by=police, minutes="Gehouden.")


def test_measures_refuse_bad_input_and_record_good(secretary, riec_item, care_item):
    today = timezone.localdate()
    with pytest.raises(operations.TableRefused):
        operations.record_measure(
            item_id=riec_item.pk,
            by=secretary,
            kind=MeasureKind.CONTACT_BAN,
            starts_on=today,
            electronic_monitoring=True,
        )
    with pytest.raises(operations.TableRefused):
        operations.record_measure(
            item_id=riec_item.pk,
            by=secretary,
            kind=MeasureKind.CONTACT_BAN,
            starts_on=today,
            ends_on=today - datetime.timedelta(days=1),
        )
    with pytest.raises(operations.TableRefused):  # not a suspect's item
        operations.record_measure(
            item_id=care_item.pk, by=secretary, kind=MeasureKind.CONTACT_BAN, starts_on=today
        )
    measure = operations.record_measure(
        item_id=riec_item.pk,
        by=secretary,
        kind=MeasureKind.LOCATION_BAN,
        electronic_monitoring=True,
        starts_on=today,
    )
    assert measure.person_id == riec_item.person_id
    assert riec_item.person.offender_measures.count() == 1


def test_only_a_suspect_of_the_case_goes_on_the_agenda(hub, meeting, case):
    victim = case.reports.get().persons.get(role="presumed_victim")
    with pytest.raises(operations.TableRefused):
        operations.add_agenda_item(
            meeting_id=meeting.pk,
            by=hub,
            case_id=case.pk,
            person_id=victim.pk,
            covenant=Covenant.RIEC,
            summary="x",
        )
    assert not AgendaItem.objects.exists()


def test_minutes_hold_the_meeting_and_open_decisions_come_back_next_time(
    signed_in, secretary, table, riec_item, django_capture_on_commit_callbacks
):
    police_org = Organisation.objects.get(region__code="VR05", type=OrganisationType.POLICE)
    with django_capture_on_commit_callbacks(execute=True):
        operations.decide(
            item_id=riec_item.pk,
            by=secretary,
            text="Locatieverbod aanvragen.",
            kind="offender_approach",
            owner=police_org,
            due_on=timezone.localdate() + datetime.timedelta(days=30),
        )
    meeting = operations.record_minutes(
        meeting_id=riec_item.meeting_id, by=secretary, minutes="Besproken."
    )
    assert meeting.is_held
    following = operations.plan_meeting(
        table_id=table.pk,
        by=secretary,
        held_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    page = signed_in("tafel.twente").get(reverse("casetable:meeting_detail", args=[following.pk]))
    assert "Locatieverbod aanvragen." in page.content.decode()


def test_bad_input_on_the_pages_is_a_message_and_changes_nothing(signed_in, meeting, case):
    client = signed_in("tafel.twente")
    count = AgendaItem.objects.count()
    for data in (
        {"item-case_reference": "nonsense", "item-covenant": "riec", "item-summary": "x"},
        {"item-case_reference": case.reference, "item-covenant": "x", "item-summary": "x"},
        {"item-case_reference": "C-2026-999999", "item-covenant": "riec", "item-summary": "x"},
        {},
    ):
        page = client.post(reverse("casetable:add_item", args=[meeting.pk]), data)
        assert page.status_code == 400
        assert 'data-testid="error-summary"' in page.content.decode()
    assert AgendaItem.objects.count() == count
    page = client.post(
        reverse("casetable:plan_meeting", args=[meeting.table_id]),
        {f"meeting-{meeting.table_id}-held_on": "9999-01-01"},
    )
    assert page.status_code == 400


def test_the_reminder_of_an_overdue_decision_goes_once_without_personal_data(
    secretary, riec_item, django_capture_on_commit_callbacks
):
    police_org = Organisation.objects.get(region__code="VR05", type=OrganisationType.POLICE)
    with django_capture_on_commit_callbacks(execute=True):
        operations.decide(
            item_id=riec_item.pk,
            by=secretary,
            text="Locatieverbod aanvragen.",
            kind="offender_approach",
            owner=police_org,
            due_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    later = timezone.localdate() + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders(later)
        second = run_reminders(later)
    assert first["table_decisions"] == 1
    assert second["table_decisions"] == 0
    assert first["overdue_actions"] == 1
    assert second["overdue_actions"] == 0
    told = Notification.objects.filter(subject__contains=riec_item.reference)
    assert [n.recipient for n in told] == [secretary.user]
    assert "Nowak" not in told[0].subject + told[0].body


def test_the_daily_run_runs_once_a_day(db, demo):
    now = timezone.now()
    assert run_daily(now) is not None
    assert run_daily(now) is None
    assert ReminderClaim.objects.filter(kind="daily_reminders").count() == 1


def test_the_start_page_lists_the_tables_open_decisions(
    signed_in, secretary, riec_item, django_capture_on_commit_callbacks
):
    police_org = Organisation.objects.get(region__code="VR05", type=OrganisationType.POLICE)
    with django_capture_on_commit_callbacks(execute=True):
        operations.decide(
            item_id=riec_item.pk,
            by=secretary,
            text="Locatieverbod aanvragen.",
            kind="offender_approach",
            owner=police_org,
            due_on=timezone.localdate() + datetime.timedelta(days=30),
        )
    page = signed_in("tafel.twente").get(reverse("casework:inbox"))
    assert page.status_code == 200
    groups = {group.key: group for group in page.context["inbox"].groups}
    assert groups["table_decisions"].count == 1
    assert groups["table_decisions"].items[0].case == riec_item.case


def test_an_aftercare_follow_up_that_is_due_is_told_once(
    hub, case, django_capture_on_commit_callbacks
):
    victim = case.reports.get().persons.get(role="presumed_victim")
    follow_up_on = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        trajectory = trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=hub)
        trajectories.start_plan(trajectory_id=trajectory.pk, by=hub)
        support.add_goal(
            trajectory_id=trajectory.pk,
            by=hub,
            domain="housing",
            description="Woonplek",
            owner=hub.organisation,
            due_on=follow_up_on,
        )
        trajectories.start_care(trajectory_id=trajectory.pk, by=hub)
        trajectories.start_aftercare(trajectory_id=trajectory.pk, by=hub, follow_up_on=follow_up_on)
    assert remind_aftercare(follow_up_on - datetime.timedelta(days=1)) == 0
    before = set(Notification.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_aftercare(follow_up_on) == 1
        assert remind_aftercare(follow_up_on + datetime.timedelta(days=1)) == 0
    told = Notification.objects.exclude(pk__in=before)
    assert told.exists()
    assert all(trajectory.reference in n.subject for n in told)
    assert not any("Kowalska" in n.subject + n.body for n in told)
    # once: each recipient has one
    assert len({n.recipient_id for n in told}) == told.count()


def test_anonymising_a_case_clears_what_the_table_wrote_of_it(hub, secretary, riec_item):
    operations.record_measure(
        item_id=riec_item.pk,
        by=secretary,
        kind=MeasureKind.CONTACT_BAN,
        starts_on=timezone.localdate(),
        note="Geen contact met Anna Kowalska.",
    )
    anonymise_case(riec_item.case, record_type="closed_case")
    riec_item.refresh_from_db()
    assert riec_item.summary == ""
    assert riec_item.person.offender_measures.get().note == ""
    assert not AgendaItem.objects.filter(case=riec_item.case).exclude(summary="").exists()
