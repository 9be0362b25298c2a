"""Need to know: one rule for every page; an outsider gets 404 and nothing else."""

import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.casework import routing
from zicht.casework.models import ActionKind, Case
from zicht.organisations.models import Municipality, Organisation, OrganisationType


@pytest.fixture
def case(make_report):
    return make_report().case


def _status(client, case):
    return client.get(reverse("casework:case_detail", args=[case.pk])).status_code


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("afm.hengelo", 200),  # focal officer of the case's municipality
        ("hub.twente", 200),  # the region's hub
        ("afm.enschede", 404),  # focal officer of another municipality: outsider
        ("hub.vr17", 404),  # hub of another region
        ("vt.twente", 404),  # partner without a handover
        ("oov.hengelo", 404),  # safety officer without a flag
        ("wijkcoach.hengelo", 404),  # reporter: follows the report, not the case
        ("analist.twente", 404),  # analyst: figures only
        ("beheer", 404),  # administrator: users and logs, not cases
    ],
)
def test_case_page_follows_the_visibility_rule(signed_in, case, username, expected, demo):
    from zicht.demo.create import create_demo

    create_demo(history=False)
    if username == "hub.vr17":
        from zicht.demo.organisations import _user
        from zicht.organisations.models import Membership, Role

        user = _user("hub.vr17", "Hub", "Rotterdam")
        Membership.objects.get_or_create(
            user=user,
            organisation=Organisation.objects.get(
                type=OrganisationType.REGIONAL_HUB, region__code="VR17"
            ),
            role=Role.HUB_CASE_MANAGER,
        )
    assert _status(signed_in(username), case) == expected


def test_a_partner_sees_the_case_once_handed_over(signed_in, case, member):
    vt_org = Organisation.objects.get(type=OrganisationType.VEILIG_THUIS, region=case.region)
    routing.add_action(
        case_id=case.pk,
        by=member("hub.twente"),
        kind=ActionKind.VEILIG_THUIS,
        owner=vt_org,
        due_on=timezone.localdate(),
    )
    assert _status(signed_in("vt.twente"), case) == 200
    assert _status(signed_in("politie.twente"), case) == 404


def test_a_safety_officer_sees_a_flagged_case(signed_in, case, member):
    routing.flag_safety_risk(case_id=case.pk, by=member("afm.hengelo"), note="Dreiging")
    assert _status(signed_in("oov.hengelo"), case) == 200


def test_the_reporter_sees_their_own_report_but_not_others(signed_in, make_report):
    own = make_report()
    other = make_report(by="afm.enschede", municipality=Municipality.objects.get(cbs_code="GM0153"))
    client = signed_in("wijkcoach.hengelo")
    assert client.get(reverse("intake:report_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("intake:report_detail", args=[other.pk])).status_code == 404


def test_an_outsider_cannot_act_on_a_case_either(signed_in, case):
    client = signed_in("afm.enschede")
    response = client.post(
        reverse("casework:take_step", args=[case.pk, "report_to_hub"]),
        {"note": "", "feedback_days": 14},
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == "received"


def test_lists_show_only_visible_cases(signed_in, make_report, member):
    mine = make_report().case
    make_report(by="afm.enschede", municipality=Municipality.objects.get(cbs_code="GM0153"))
    visible = set(Case.objects.visible_to(member("afm.hengelo")))
    assert visible == {mine}
    page = signed_in("afm.hengelo").get(reverse("casework:case_list")).content.decode()
    assert mine.reference in page
