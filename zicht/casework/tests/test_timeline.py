"""The timeline is the case's whole history, in time order, read from the records."""

import datetime

from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, Handover
from zicht.casework.timeline import build_timeline
from zicht.organisations.models import Organisation, OrganisationType


def test_the_timeline_holds_every_kind_of_event_in_time_order(make_report, member):
    report = make_report()
    case = report.case
    hub = member("hub.twente")
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"), note="Naar het hub.")
    vt = Organisation.objects.get(type=OrganisationType.VEILIG_THUIS, region=case.region)
    due = timezone.localdate() + datetime.timedelta(days=7)
    handed = actions.add_action(
        case_id=case.pk, by=hub, kind=ActionKind.VEILIG_THUIS, owner=vt, due_on=due
    )
    actions.decide_handover(
        handover_id=Handover.objects.get(action=handed).pk,
        by=member("vt.twente"),
        accept=False,
        reason="Geen capaciteit",
    )
    own = actions.add_action(
        case_id=case.pk, by=hub, kind=ActionKind.ADVICE, owner=hub.organisation, due_on=due
    )
    actions.complete_action(action_id=own.pk, by=hub, outcome="Advies gegeven")
    routing.give_feedback(case_id=case.pk, by=hub, text="Wij pakken het op.")
    routing.flag_safety_risk(case_id=case.pk, by=hub, note="Dreiging")

    entries = build_timeline(case)

    assert [e.at for e in entries] == sorted(e.at for e in entries)
    kinds = [e.kind for e in entries]
    assert {"report", "step", "action", "handover", "feedback", "safety"} <= set(kinds)
    notes = [e.note for e in entries]
    declined = notes.index("Geen capaciteit")
    assert entries[declined].kind == "handover"
    assert entries[notes.index("Naar het hub.")].kind == "step"
    assert notes.index("Advies gegeven") > declined  # done after the handover was declined
    assert notes.index("Wij pakken het op.") > notes.index("Advies gegeven")


def test_a_fresh_case_starts_with_its_receipt_and_report(make_report):
    case = make_report().case
    assert [e.kind for e in build_timeline(case)] == ["step", "report"]
