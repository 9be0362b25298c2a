import pytest

from testdata.monitor_year import create_known_year
from zicht.organisations.models import Region


@pytest.fixture
def known(demo):
    """Twente 2025 with known numbers (see testdata/monitor_year.py)."""
    return create_known_year(2025)


@pytest.fixture
def twente(demo):
    return Region.objects.get(code="VR05")


@pytest.fixture(autouse=True)
def _no_figure_cache(settings):
    """Every test sees its own data: the overview cache is off (tested on its own)."""
    settings.ZICHT_MONITOR_CACHE_SECONDS = 0
