"""Every operation first asks whether the case is visible: to an outsider it does
not exist (NotFound, the view's 404), whatever the operation."""

import datetime
import inspect

import pytest
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind
from zicht.casework.tests.refusals import route_state
from zicht.casework.workflow import ClosureReason, Status
from zicht.organisations.tests.factories import PartnerFactory

TODAY = timezone.localdate()

OPERATIONS = {
    "start_enriching": lambda case, by: routing.start_enriching(case_id=case.pk, by=by),
    "escalate_acute": lambda case, by: routing.escalate_acute(case_id=case.pk, by=by),
    "report_to_hub": lambda case, by: routing.report_to_hub(case_id=case.pk, by=by),
    "start_follow_up": lambda case, by: routing.start_follow_up(case_id=case.pk, by=by),
    "close_case": lambda case, by: routing.close_case(
        case_id=case.pk, by=by, reason=ClosureReason.NO_INDICATION, follow_up_secured=True
    ),
    "reopen_case": lambda case, by: routing.reopen_case(case_id=case.pk, by=by, note="Nieuw."),
    "add_action": lambda case, by: actions.add_action(
        case_id=case.pk, by=by, kind=ActionKind.CARE, owner=by.organisation, due_on=TODAY
    ),
    "decide_handover": lambda case, by: actions.decide_handover(
        handover_id=case.handovers.get().pk, by=by, accept=True
    ),
    "complete_action": lambda case, by: actions.complete_action(
        action_id=case.actions.get().pk, by=by, outcome="Gedaan."
    ),
    "give_feedback": lambda case, by: routing.give_feedback(case_id=case.pk, by=by, text="Klaar."),
    "flag_safety_risk": lambda case, by: routing.flag_safety_risk(case_id=case.pk, by=by),
    "link_cases": lambda case, by: routing.link_cases(
        case_id=case.pk, other_case_id=case.pk, by=by, matched_on="name"
    ),
}


@pytest.fixture
def handed_over_case(case_in, hub):
    """A case in follow-up with one action handed over to a partner."""
    case = case_in(Status.FOLLOW_UP)
    actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.VEILIG_THUIS,
        owner=PartnerFactory(region=hub.organisation.region),
        due_on=TODAY + datetime.timedelta(days=7),
    )
    return case


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_an_outsider_finds_no_case_to_act_on(handed_over_case, outsider, operation):
    before = route_state(handed_over_case)
    with pytest.raises(routing.NotFound):
        OPERATIONS[operation](handed_over_case, outsider)
    assert route_state(handed_over_case) == before


def test_every_operation_of_the_route_is_tried_by_an_outsider():
    """An operation on a case is a public function of routing.py or actions.py taking only
    keyword arguments, among them the acting membership `by`."""
    operations = set()
    for module in (routing, actions):
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue
            parameters = inspect.signature(value).parameters.values()
            if "by" in inspect.signature(value).parameters and all(
                parameter.kind == parameter.KEYWORD_ONLY for parameter in parameters
            ):
                operations.add(name)
    assert operations == set(OPERATIONS)
