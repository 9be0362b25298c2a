import base64
import os
import subprocess
import sys

import pandas as pd
import pytest

from testdata.synthetic_persons import generate
from zicht.matching.clusters import pairwise_scores


def run(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    env.pop("ZICHT_PSEUDONYM_KEYS", None) if env_extra is None else None
    return subprocess.run(  # noqa: S603 (our own command-line tool)
        [sys.executable, "-m", "zicht.matching.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def input_csv(tmp_path_factory):
    records = generate(1500, seed=21)
    path = tmp_path_factory.mktemp("cli") / "input.csv"
    records.drop(columns=["person_id"]).to_csv(path, index=False)
    return path, records


@pytest.mark.parametrize("private", [False, True], ids=["clear", "private"])
def test_dedupe_writes_record_and_cluster_ids(input_csv, tmp_path, private):
    path, records = input_csv
    out = tmp_path / "clusters.csv"
    args = ["dedupe", str(path), "--out", str(out), "--threshold", "0.8"]
    env = None
    if private:
        args.append("--private")
        env = {"ZICHT_PSEUDONYM_KEYS": "v1:" + base64.b64encode(b"k" * 32).decode()}
    result = run(*args, env_extra=env)
    assert result.returncode == 0, result.stderr
    clusters = pd.read_csv(out, dtype=str)
    assert list(clusters.columns) == ["record_id", "cluster_id"]
    assert sorted(clusters.record_id) == sorted(records.record_id)
    truth = dict(zip(records.record_id, records.person_id, strict=True))
    f1 = pairwise_scores(clusters.cluster_id, [truth[r] for r in clusters.record_id])["f1"]
    assert f1 > 0.85


def write(tmp_path, text):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("first_name,last_name\nAnna,Jansen\n", "record_id"),
        ("record_id,first_name\n1,Anna\n1,Anna\n2,Piet\n", "not unique"),
        ("record_id,shoe_size\n1,42\n", "no columns to link"),
        ("", "not a readable CSV"),
        ("record_id,first_name\n1,Anna\n", "at least three"),
    ],
)
def test_bad_input_gives_a_clear_message_and_exit_2(tmp_path, content, message):
    path = tmp_path / "missing.csv" if content is None else write(tmp_path, content)
    result = run("dedupe", str(path), "--out", str(tmp_path / "out.csv"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_threshold_and_private_without_keys_are_refused(input_csv, tmp_path):
    path, _ = input_csv
    result = run("dedupe", str(path), "--out", str(tmp_path / "o.csv"), "--threshold", "1.5")
    assert result.returncode == 2
    assert "threshold" in result.stderr
    result = run("dedupe", str(path), "--out", str(tmp_path / "o.csv"), "--private")
    assert result.returncode == 2
    assert "pseudonym keys" in result.stderr
    assert "Traceback" not in result.stderr
