"""The zicht-estimate command, run as a separate process on files the other tests never use."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "zicht.estimation.cli"]


def run(*args, check_ok=True):
    result = subprocess.run(  # noqa: S603 - fixed command, arguments from the test itself
        [*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )
    if check_ok:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def fresh_table(tmp_path):
    """Four registers with a positive dependence between the first two; never published."""
    path = tmp_path / "region.csv"
    path.write_text(
        "politie,zorg,kmar,gemeente,count\n"
        "1,0,0,0,140\n0,1,0,0,95\n0,0,1,0,60\n0,0,0,1,48\n"
        "1,1,0,0,31\n1,0,1,0,9\n1,0,0,1,6\n0,1,1,0,4\n0,1,0,1,7\n0,0,1,1,2\n"
        "1,1,1,0,3\n1,1,0,1,2\n"
    )
    return path


def test_json_output_has_the_promised_fields(fresh_table):
    out = json.loads(run(fresh_table, "--method", "stepwise", "--json").stdout)
    assert out["observed"] == 407
    assert out["estimate"] > out["observed"]
    assert out["method"] == "stepwise"
    assert out["model"].startswith("[")
    assert out["interval"] is None


def test_main_effects_come_with_a_profile_interval(fresh_table):
    out = json.loads(run(fresh_table, "--method", "main", "--json").stdout)
    low, high = out["interval"]
    assert low < out["estimate"] < high
    assert out["interval_kind"] == "profile"


def test_method_all_prints_a_list_with_every_method(fresh_table):
    out = json.loads(run(fresh_table, "--method", "all", "--max-order", "2", "--json").stdout)
    assert [row["method"] for row in out] == ["main", "stepwise", "bic", "aic"]
    assert len({row["observed"] for row in out}) == 1


def test_bootstrap_with_a_seed_is_reproducible_from_the_command_line(fresh_table):
    args = (fresh_table, "--method", "bic", "--bootstrap", "30", "--seed", "9", "--json")
    first = json.loads(run(*args).stdout)
    second = json.loads(run(*args).stdout)
    assert first["interval"] == second["interval"]
    assert first["interval_kind"] == "bca"


def test_text_output_shows_the_table_and_a_reading(fresh_table, tmp_path):
    plot = tmp_path / "plot.svg"
    out = run(fresh_table, "--method", "all", "--svg", plot).stdout
    assert "Observed (registered): 407" in out
    assert "report a range" in out or "agree" in out
    assert plot.read_text().startswith("<svg")


def test_the_threshold_changes_what_stepwise_may_add(fresh_table):
    strict = json.loads(run(fresh_table, "--threshold", "0", "--json").stdout)
    assert strict["model_terms"] == "main effects"


def test_individual_records_can_be_estimated_per_stratum(tmp_path):
    rows = ["politie,zorg,kmar,jaar"]
    patterns = [
        (1, 0, 0, 40),
        (0, 1, 0, 30),
        (0, 0, 1, 20),
        (1, 1, 0, 8),
        (1, 0, 1, 3),
        (0, 1, 1, 2),
        (1, 1, 1, 1),
    ]
    for year in (2022, 2023):
        for a, b, c, n in patterns:
            rows += [f"{a},{b},{c},{year}"] * (n + (year - 2022) * 5)
    path = tmp_path / "records.csv"
    path.write_text("\n".join(rows) + "\n")
    out = json.loads(
        run(
            path, "--lists", "politie,zorg,kmar", "--by", "jaar", "--method", "main", "--json"
        ).stdout
    )
    assert [s["stratum"]["jaar"] for s in out["strata"]] == ["2022", "2023"]
    assert out["total"]["estimate"] == pytest.approx(sum(s["estimate"] for s in out["strata"]))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("A,B,C,count\n1,0,2,5\n0,1,0,3\n", "only 0 or 1"),
        ("A,B,C,count\n1,0,0,-5\n0,1,0,3\n", "negative"),
        ("A,B,C,count\n0,0,0,5\n0,1,0,3\n", "on no list"),
        ("A,count\n1,5\n", "at least two list columns"),
        ("A,B,C\n1,0,0\n0,1,0\n", "missing 'count' column"),
        ("A,B,C,count\n1,0,0,many\n0,1,0,3\n", "must be a number"),
        ("", "empty"),
    ],
)
def test_malformed_input_exits_with_code_2_and_one_clear_line(tmp_path, content, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    result = run(path, check_ok=False)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_a_missing_file_and_bad_options_exit_with_code_2(tmp_path, fresh_table):
    assert run(tmp_path / "none.csv", check_ok=False).returncode == 2
    assert run(fresh_table, "--method", "magic", check_ok=False).returncode == 2
    assert run(fresh_table, "--threshold", "1.5", check_ok=False).returncode == 2
    assert run(fresh_table, "--max-order", "9", check_ok=False).returncode == 2


def test_the_installed_console_script_runs(fresh_table):
    script = Path(sys.executable).parent / "zicht-estimate"
    if not script.exists():
        pytest.skip("the project is not installed in this environment")
    result = subprocess.run(  # noqa: S603 - the project's own console script
        [str(script), str(fresh_table), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["observed"] == 407
