"""The barrier models of the demo set-up (every region: last year and this year), the
Twente hub and a counting source of the test's own."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from django.utils import timezone

from zicht.barriers import counting
from zicht.barriers.models import Barrier, BarrierModel
from zicht.organisations.models import Membership, Organisation, OrganisationType, Region
from zicht.organisations.tests.factories import HubCaseManagerFactory

THIS_YEAR = timezone.localdate().year


def closures_in_twente(region: Region, year: int) -> Iterable[counting.CountRow]:
    """Two closures under 174a in Twente this year (in the "work" barrier), one housing
    order last year."""
    if region.code != "VR05":
        return []
    if year == THIS_YEAR:
        return [("work", "closure_174a", "Sluiting art. 174a Gemeentewet", 2)]
    return [("housing", "overcrowding", "Last onder dwangsom overbewoning", 1)]


def inspections_in_twente(region: Region, year: int) -> Iterable[counting.CountRow]:
    if region.code != "VR05" or year != THIS_YEAR:
        return []
    return [
        ("work", "inspection", "Integrale controle", 5),
        ("work", "closure_174a", "Sluiting art. 174a Gemeentewet", 1),
        ("work", "nothing", "Niets", 0),
    ]


@pytest.fixture
def sources():
    counting.register_source(closures_in_twente)
    counting.register_source(inspections_in_twente)
    yield
    counting.unregister_source(closures_in_twente)
    counting.unregister_source(inspections_in_twente)


@pytest.fixture
def hub(member):
    return member("hub.twente")


@pytest.fixture
def zeeland_hub(demo) -> Membership:
    """A case manager of Zeeland's hub: another region."""
    hub = Organisation.objects.get(region__code="VR19", type=OrganisationType.REGIONAL_HUB)
    return HubCaseManagerFactory(organisation=hub)


@pytest.fixture
def twente(demo) -> BarrierModel:
    return BarrierModel.objects.get(region__code="VR05", year=THIS_YEAR)


@pytest.fixture
def twente_work(twente) -> Barrier:
    return twente.barriers.get(exploitation_form="labour", code="work")
