"""Exports: only persons with consent or a legal basis, validated against their schemas,
and every download access-logged."""

import csv
import datetime
import io
import json

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.care import reflection, support, trajectories
from zicht.care.models import GoalDomain, LegalBasis
from zicht.intake.models import InvolvedPerson
from zicht.monitor import exports
from zicht.monitor.exports.htcds import htcds_records
from zicht.monitor.figures import Scope
from zicht.monitor.tests.test_darknumber import make_overlapping_registrations
from zicht.organisations.models import Organisation, OrganisationType

YEAR_2025 = "?start=2025-01-01&end=2025-12-31"


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _validate(data, name: str) -> None:
    jsonschema.validate(
        data, exports.schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_comensha_export_holds_only_persons_with_consent_or_a_legal_basis(known, twente):
    result = exports.build("comensha", Scope.year(twente, 2025))
    rows = _csv(result.content)
    _validate(rows, "comensha")
    assert len(rows) == known["comensha_rows"]
    assert {r["consent_or_legal_basis"] for r in rows} == {"legal_police", "consent_person"}
    assert result.left_out == {"no_basis": 12, "consent_age": 1}
    assert len(result.person_ids) == known["comensha_rows"]
    first = rows[0]
    assert first["reporter_type"] == "NP"
    assert first["reporting_region"] == "RE02 Oost-Nederland"
    assert first["minor_or_adult"] == "minor"
    assert first["country_of_origin"] == "unknown"


def test_the_comensha_export_says_how_many_were_left_out_and_why(known, twente):
    result = exports.build("comensha-left-out", Scope.year(twente, 2025))
    rows = _csv(result.content)
    _validate(rows, "comensha-left-out")
    counts = {r["reason"]: int(r["persons"]) for r in rows}
    assert counts == {"no_basis": 12, "consent_age": 1, "exported": 7}
    assert sum(counts.values()) == known["unique_persons"]


def test_the_htcds_json_and_csv_exports_validate_and_map_case_status(known, twente):
    scope = Scope.year(twente, 2025)
    records = json.loads(exports.build("htcds-json", scope).content)
    _validate(records, "htcds")
    assert len(records) == 7
    statuses = {r["case"]["case_status"] for r in records}
    assert "Closed Referred" in statuses
    assert all(r["victim_context"]["methods_of_control"] == ["debt_bondage", "takes_documents"]
               for r in records)  # fmt: skip
    rows = _csv(exports.build("htcds-csv", scope).content)
    _validate(rows, "htcds-csv")
    assert [r["person_id"] for r in rows] == [r["person"]["person_id"] for r in records]


def test_the_ctdc_table_leaves_out_groups_under_eleven(known, twente):
    result = exports.build("ctdc", Scope.year(twente, 2025))
    rows = _csv(result.content)
    _validate(rows, "ctdc")
    assert rows == []  # twenty persons spread over many groups: none reaches 11
    assert result.left_out["groups_below_k"] > 0


def test_the_ctdc_table_publishes_groups_of_eleven_or_more(demo, twente):
    make_overlapping_registrations(twente, 2025)
    rows = _csv(exports.build("ctdc", Scope.year(twente, 2025)).content)
    _validate(rows, "ctdc")
    assert rows
    assert all(int(r["count"]) >= 11 for r in rows)


@pytest.mark.parametrize(
    "kind", ["comensha", "comensha-left-out", "htcds-json", "htcds-csv", "ctdc"]
)
def test_every_export_download_is_access_logged(signed_in, known, kind):
    before = AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count()
    response = signed_in("analist.twente").get(reverse("monitor:export", args=[kind]) + YEAR_2025)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    entries = AccessLogEntry.objects.filter(action=AccessAction.EXPORT)
    assert entries.count() == before + 1
    entry = entries.latest("id")
    assert entry.detail["export"] == kind
    if kind in ("comensha", "htcds-json", "htcds-csv"):
        assert len(entry.person_ids) == 7


def test_the_htcds_export_fills_the_assistance_only_for_the_persons_it_holds(known, twente, member):
    """The support plan, providers and reflection period of an exported person's trajectory
    are in the export; a trajectory of a person the legal-basis rules leave out is not."""
    scope = Scope.year(twente, 2025)
    hub = member("hub.twente")
    _records, _left_out, exported = htcds_records(scope)
    held = InvolvedPerson.objects.get(pk=exported[0])
    left_out = (
        InvolvedPerson.objects.filter(report__case__region=twente, role="presumed_victim")
        .exclude(pk__in=exported)
        .exclude(report__case=held.report.case)
        .first()
    )
    shelter = Organisation.objects.filter(region=twente, type=OrganisationType.SHELTER).first()
    for person in (held, left_out):
        t = trajectories.open_trajectory(
            case_id=person.report.case_id, person_id=person.pk, by=hub
        ).pk
        trajectories.start_plan(trajectory_id=t, by=hub)
        support.add_goal(trajectory_id=t, by=hub, domain=GoalDomain.HOUSING,
                         description="Veilige woonplek bij Opvang X", owner=hub.organisation,
                         due_on=timezone.localdate() + datetime.timedelta(days=30))  # fmt: skip
        support.involve_provider(trajectory_id=t, by=hub, provider=shelter, purpose="Opvang",
                                 legal_basis=LegalBasis.VITAL_INTEREST)  # fmt: skip
        trajectories.start_care(trajectory_id=t, by=hub)
        reflection.start_reflection_period(trajectory_id=t, by=hub, starts_on=timezone.localdate())
    records = json.loads(exports.build("htcds-json", scope).content)
    _validate(records, "htcds")
    helped = [r for r in records if r["assistance"] is not None]
    assert len(helped) == 1
    assert len(records) == 7
    assistance = helped[0]["assistance"]
    assert assistance["care_status"] == "in_care"
    assert assistance["support_plan"][0]["domain"] == "housing"
    assert assistance["providers"] == [
        {"provider_type": "shelter", "legal_basis": "vital_interest"}
    ]
    assert assistance["reflection_period"]["granted"] is True
    text = json.dumps(records)
    assert "Opvang X" not in text  # the goal's text is not exported
    assert shelter.name not in text  # nor where the victim is sheltered
    rows = _csv(exports.build("htcds-csv", scope).content)
    _validate(rows, "htcds-csv")
    filled = [r for r in rows if r["care_status"]]
    assert len(filled) == 1
    assert filled[0]["support_plan"] == "housing:open"
    assert filled[0]["providers_involved"] == "shelter:vital_interest"
    assert filled[0]["reflection_period_granted"] == "true"
