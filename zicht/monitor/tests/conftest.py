import pytest

from zicht.monitor.sample import create_known_year
from zicht.organisations.models import Region


@pytest.fixture
def known(demo):
    """Twente 2025 with known numbers (see zicht/monitor/sample.py)."""
    return create_known_year(2025)


@pytest.fixture
def twente(demo):
    return Region.objects.get(code="VR05")
