"""The sensitivity table, its plain-language reading and the machine-readable outputs."""

import json
import xml.etree.ElementTree as ET

import pytest

from zicht.estimation import (
    check_model,
    compare,
    estimate,
    estimate_strata,
    reading,
    sensitivity_table,
    svg_plot,
    to_json,
    to_text,
)


@pytest.fixture(scope="module")
def dutch(table):
    return compare(table("NL_2010_2015_5lists.csv"), max_order=2)


def test_comparing_methods_on_the_dutch_table_shows_the_published_spread(dutch):
    by_method = {e.method: e.estimate for e in dutch}
    assert list(by_method) == ["main", "stepwise", "bic", "aic"]
    assert round(by_method["stepwise"]) == 121522
    assert round(by_method["bic"]) == 48013
    assert round(by_method["main"]) == 52924


def test_the_reading_tells_to_report_a_range_when_methods_disagree(dutch):
    text = reading(dutch)
    low = min(e.estimate for e in dutch)
    high = max(e.estimate for e in dutch)
    assert f"factor {high / low:.1f}" in text
    assert "report a range" in text
    assert "ten times" in text  # stepwise: 121,522 against 8,234 registered


def test_the_reading_says_when_methods_agree(table):
    results = compare(table("Korea_3lists.csv"), methods=["bic", "aic"])
    assert "agree to within 0%" in reading(results)


def test_a_single_estimate_is_never_read_as_the_answer(table):
    text = reading([estimate(table("Korea_3lists.csv"), method="main")])
    assert "compare" in text


def test_sensitivity_rows_carry_estimate_interval_and_model(dutch):
    rows = sensitivity_table(dutch)
    assert rows[0]["interval_kind"] == "profile"
    assert rows[1]["interval"] is None
    assert all(r["ratio_to_observed"] > 1 for r in rows)


def test_json_is_valid_and_has_no_nan(dutch):
    data = json.loads(to_json(dutch))
    assert isinstance(data, list)
    assert {"observed", "estimate", "method", "model", "interval"} <= set(data[0])
    single = json.loads(to_json(dutch[0]))
    assert single["method"] == "main"


def test_text_lists_every_method_and_the_reading(dutch):
    text = to_text(dutch)
    for e in dutch:
        assert f"{e.estimate:,.0f}" in text
    assert reading(dutch) in text


def test_svg_plot_is_well_formed_with_one_dot_per_method(dutch):
    root = ET.fromstring(svg_plot(dutch))  # noqa: S314 - our own output, not untrusted
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == len(dutch)
    lines = root.findall("{http://www.w3.org/2000/svg}line")
    assert len(lines) >= 3  # observed line, axis, main-effects interval


def test_estimate_rejects_unknown_methods_and_bad_options(table):
    data = table("Korea_3lists.csv")
    with pytest.raises(ValueError, match="unknown method"):
        estimate(data, method="magic")
    with pytest.raises(ValueError, match="threshold"):
        estimate(data, threshold=2)
    with pytest.raises(ValueError, match="max order"):
        estimate(data, method="bic", max_order=3)


def test_check_model_accepts_list_names(table):
    data = table("Artificial_3.csv")
    assert check_model(data, model="A:B") == 1
    assert check_model(data, model="A:C + B:C") == 0


def test_strata_are_estimated_separately_and_summed():
    import pandas as pd

    rows = []
    for year, scale in (("2022", 1), ("2023", 2)):
        for pattern, n in (
            ((1, 0, 0), 40),
            ((0, 1, 0), 30),
            ((0, 0, 1), 20),
            ((1, 1, 0), 8),
            ((1, 0, 1), 3),
            ((0, 1, 1), 2),
            ((1, 1, 1), 1),
        ):
            rows += [(*pattern, year)] * (n * scale)
    records = pd.DataFrame(rows, columns=["a", "b", "c", "year"])
    result = estimate_strata(
        records, lists=["a", "b", "c"], by=["year"], method="main", bootstrap=40, seed=3
    )
    first, second = result.strata.values()
    assert second.estimate == pytest.approx(2 * first.estimate, rel=1e-9)
    assert result.total_estimate == pytest.approx(first.estimate + second.estimate)
    low, high = result.total_interval
    assert low < result.total_estimate < high
    assert result.total_observed == 104 * 3
