"""The case page's forms: each labelled and with ids of its own; a form with errors comes
back with them and with everything typed."""

import re

from django.urls import reverse

from zicht.casework import routing


def test_no_two_elements_share_an_id_and_every_label_has_its_field(make_report, signed_in):
    case = make_report().case
    page = signed_in("afm.hengelo").get(reverse("casework:case_detail", args=[case.pk]))
    html = page.content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', html):
        assert f'id="{target}"' in html, target
    # Each step has its own heading and its own note; the acute step stands apart.
    assert 'id="step-start_enriching-h"' in html
    assert 'id="step-report_to_hub-h"' in html
    assert 'id="acute-step-h"' in html
    assert 'name="escalate_acute-note"' in html
    assert 'name="start_enriching-note"' in html


def test_an_action_without_a_due_date_comes_back_with_the_error_and_the_text(
    make_report, member, signed_in
):
    case = make_report().case
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    hub = member("hub.twente")
    response = signed_in("hub.twente").post(
        reverse("casework:add_action", args=[case.pk]),
        {
            "action-kind": "advice",
            "action-owner": hub.organisation_id,
            "action-due_on": "",
            "action-instructions": "Bel de wijkcoach terug.",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bel de wijkcoach terug." in html
    assert 'data-testid="error-summary"' in html
    assert case.actions.count() == 0


def test_a_refused_step_keeps_the_note(make_report, member, signed_in):
    case = make_report().case
    response = signed_in("afm.hengelo").post(
        reverse("casework:take_step", args=[case.pk, "report_to_hub"]),
        {"report_to_hub-note": "Graag snel.", "report_to_hub-feedback_days": "500"},
    )
    assert response.status_code == 400
    assert "Graag snel." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "received"


def test_a_step_is_taken_with_its_prefixed_form(make_report, signed_in):
    case = make_report().case
    response = signed_in("afm.hengelo").post(
        reverse("casework:take_step", args=[case.pk, "start_enriching"]),
        {"start_enriching-note": "Wijkteam gebeld."},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "enriching"
    assert case.steps.last().note == "Wijkteam gebeld."
