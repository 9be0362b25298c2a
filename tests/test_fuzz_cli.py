"""No input makes `zicht-link` or `zicht-estimate` end in a traceback: random CSV files (headers
from the real columns and others, cells with long text, unicode, NUL, far dates, negative and
huge numbers) and random option values give a result (exit 0), "no estimate" (1) or one clear
line on stderr (2).

The commands run in this process through their `main`, as the console scripts call it, so that
hypothesis can try many files in little time; an exception escaping `main` is what a user would
see as a traceback."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.estimation import cli as estimate_cli
from zicht.matching import cli as link_cli
from zicht.matching.features import INPUT_COLUMNS

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "-1",
            "²",
            "9" * 30,
            "1e309",
            "nan",
            "9999-12-31",
            "0000-00-00",
            "1999-02-30",
            "ß" * 100,
            "x" * 3000,
            "a\x00b",
            "06 12345678",
            "+31 6 1234 5678",
            "1234AB",
            "Anna",
            "Kowalska",
            "van der Berg",
        ]
    ),
    st.text(max_size=40),
)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def tables(draw, columns: list[str]) -> str:
    header = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=6, unique=True))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=8))
    return _csv(header, rows)


LINK_COLUMNS = [*INPUT_COLUMNS, "unknown", ""]


@fuzz(15)
@given(
    content=tables(LINK_COLUMNS),
    threshold=st.sampled_from([None, "0.5", "0", "1", "-3", "nan", "abc", "1e309"]),
    private=st.booleans(),
)
def test_zicht_link_never_ends_in_a_traceback(tmp_path, monkeypatch, content, threshold, private):
    monkeypatch.setenv("ZICHT_PSEUDONYM_KEYS", "v1:" + "a2" * 22)
    source = tmp_path / "input.csv"
    source.write_text(content, encoding="utf-8")
    argv = ["dedupe", str(source), "--out", str(tmp_path / "out.csv")]
    if threshold is not None:
        argv += ["--threshold", threshold]
    if private:
        argv.append("--private")
    try:
        code = link_cli.main(argv)
    except SystemExit as stop:  # argparse refusing an option: its own one-line message
        code = stop.code
    assert code in (0, 2)


ESTIMATE_COLUMNS = ["A", "B", "C", "D", "count", "region", ""]


@fuzz(60)
@given(
    content=tables(ESTIMATE_COLUMNS),
    method=st.sampled_from(["stepwise", "bic", "aic", "main", "all", "none"]),
    options=st.lists(
        st.sampled_from(
            [
                ["--max-order", "-1"],
                ["--max-order", "99"],
                ["--threshold", "2"],
                ["--threshold", "nan"],
                ["--level", "1.5"],
                ["--bootstrap", "-5"],
                ["--lists", "A,B,C"],
                ["--lists", "²,x"],
                ["--by", "region"],
                ["--json"],
            ]
        ),
        max_size=3,
        unique_by=lambda option: option[0],
    ),
)
def test_zicht_estimate_never_ends_in_a_traceback(tmp_path, content, method, options):
    source = tmp_path / "table.csv"
    source.write_text(content, encoding="utf-8")
    argv = [str(source), "--method", method, *(part for option in options for part in option)]
    try:
        code = estimate_cli.main(argv)
    except SystemExit as stop:
        code = stop.code
    assert code in (0, 1, 2)
