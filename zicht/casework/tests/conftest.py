"""The people of the route in Hengelo (region Twente), made with the factories."""

import pytest
from django.utils import translation

from zicht.casework.tests.factories import CaseFactory
from zicht.organisations.models import Membership
from zicht.organisations.tests.factories import (
    ENSCHEDE,
    HENGELO,
    FocalOfficerFactory,
    HubCaseManagerFactory,
    municipality,
)


@pytest.fixture
def focal_officer(db) -> Membership:
    """The focal officer of Hengelo."""
    return FocalOfficerFactory(organisation__municipality=municipality(HENGELO))


@pytest.fixture
def hub(db) -> Membership:
    """A case manager of Twente's hub."""
    return HubCaseManagerFactory(organisation__region=municipality(HENGELO).region)


@pytest.fixture
def outsider(db) -> Membership:
    """The focal officer of Enschede: same region, another municipality, no need to know."""
    return FocalOfficerFactory(organisation__municipality=municipality(ENSCHEDE))


@pytest.fixture
def case_in(focal_officer, hub):
    """A Hengelo case in the given status, moved there by `focal_officer` and `hub`."""

    def make(status: str, **kwargs):
        return CaseFactory(status=status, focal_officer=focal_officer, hub=hub, **kwargs)

    return make


@pytest.fixture
def english():
    """Refusals read in English, so a test can say which refusal it expects."""
    with translation.override("en"):
        yield
