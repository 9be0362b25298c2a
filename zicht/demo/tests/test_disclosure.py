"""The demo's consent and legal bases (zicht/demo/disclosure.py), recorded through the
monitor's operation: the demo's exports hold persons and leave out a believable part."""

import random

from testdata.monitor_year import create_known_year
from zicht.demo.disclosure import record_demo_disclosure_bases
from zicht.intake.models import InvolvedPerson
from zicht.monitor.exports import who_is_left_out
from zicht.monitor.figures import Scope
from zicht.monitor.models import DisclosureBasis
from zicht.organisations.models import Region


def test_the_demo_records_bases_for_part_of_the_presumed_victims(demo):
    twente = Region.objects.get(code="VR05")
    create_known_year(2025)
    DisclosureBasis.objects.all().delete()
    scope = Scope.year(twente, 2025)
    assert who_is_left_out(scope).exported == 0
    recorded = record_demo_disclosure_bases(twente, random.Random(3))
    victims = InvolvedPerson.objects.filter(role="presumed_victim").count()
    assert 0 < recorded < victims
    after = who_is_left_out(scope)
    assert after.exported > 0
    assert after.total > 0  # believable: not everyone consents
    # No basis that the export would refuse for the person's age.
    assert "consent_age" not in {code for code, _text, _n in after.reasons}
