"""`zicht-link dedupe` on a handful of records gives a result or one clear line, never a
traceback: four records that the deterministic rules never pair made a prior of 0 (whose match
weight, a logarithm, cannot be computed), and four alike made more pairs than recall allows."""

from __future__ import annotations

import pandas as pd
import pytest

from zicht.matching.cli import EXIT_BAD_INPUT, main

ALL_DIFFERENT = """record_id,first_name,last_name,birth_date
1,Anna,Kowalska,1999-01-01
2,Piet,Jansen,1980-02-02
3,Ioana,Popescu,1970-03-03
4,Jan,Bakker,1960-04-04
"""
ALL_ALIKE = """record_id,first_name,last_name,birth_date
1,Anna,Kowalska,1999-01-01
2,Anna,Kowalska,1999-01-01
3,Anna,Kowalska,1999-01-01
4,Anna,Kowalska,1999-01-01
"""


def test_four_records_no_rule_pairs_are_four_persons(tmp_path, capsys):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(ALL_DIFFERENT)
    assert main(["dedupe", str(source), "--out", str(out)]) == 0
    assert pd.read_csv(out, dtype=str).cluster_id.nunique() == 4


def test_four_records_all_alike_get_a_clear_message(tmp_path, capsys):
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(ALL_ALIKE)
    assert main(["dedupe", str(source), "--out", str(out)]) == EXIT_BAD_INPUT
    error = capsys.readouterr().err
    assert error.startswith("zicht-link: error: the records are too few or too much alike")
    assert "Traceback" not in error


@pytest.mark.parametrize("content", [ALL_DIFFERENT, ALL_ALIKE])
def test_private_linkage_of_four_records_gives_a_result_or_a_message(
    tmp_path, capsys, monkeypatch, content
):
    monkeypatch.setenv("ZICHT_PSEUDONYM_KEYS", "v1:" + "a2" * 22)
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(content)
    assert main(["dedupe", str(source), "--out", str(out), "--private"]) in (0, EXIT_BAD_INPUT)
    assert "Traceback" not in capsys.readouterr().err
