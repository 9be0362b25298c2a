"""The dark number in words: Dutch notation, Dutch method names, and no interval that
collapses to one number."""

import pytest
from django.utils import translation

from zicht.estimation import Estimate
from zicht.monitor import charts, dark_reading


def estimate(method: str, value: float, interval=None, terms="main effects") -> Estimate:
    return Estimate(
        method=method,
        observed=282,
        estimate=value,
        model="[1,2,3]",
        model_terms=terms,
        interval=interval,
        interval_kind="profile" if interval else None,
        level=0.95,
        aic=1.0,
        bic=1.0,
        deviance=1.0,
        n_parameters=4,
        infinite_terms=[],
    )


@pytest.fixture
def dutch():
    with translation.override("nl"):
        yield


def test_numbers_are_written_in_dutch_notation(dutch):
    assert dark_reading.number(1479.4) == "1.479"
    assert dark_reading.number(1.6, 1) == "1,6"


def test_methods_that_agree_are_not_shown_as_a_range_of_one_number(dutch):
    same = [estimate("main", 1479.2, (1200.0, 1890.0)), estimate("stepwise", 1479.2)]
    text = dark_reading.headline(same)
    assert "1.479 tot 1.479" not in text
    assert "Alle methoden komen op dit aantal uit" in text
    assert "1.200 tot 1.890" in text


def test_methods_that_differ_give_a_range(dutch):
    text = dark_reading.headline([estimate("main", 1105), estimate("aic", 1751)])
    assert "1.105 tot 1.751" in text


def test_the_reading_names_no_command_line_flag_and_no_english_method(dutch):
    text = dark_reading.reading(
        [estimate("main", 1105, (900.0, 1400.0)), estimate("stepwise", 1751, terms="A:B")]
    )
    assert "--bootstrap" not in text
    assert "stapsgewijs" in text
    assert "main effects" not in text
    assert "1.751" in text


def test_the_chart_is_dutch_and_labelled(dutch):
    svg = charts.estimates_chart([estimate("main", 1479, (1200.0, 1890.0))])
    assert 'role="img"' in svg
    assert "geregistreerd: 282" in svg
    assert "registered" not in svg
    assert "1.479" in svg
