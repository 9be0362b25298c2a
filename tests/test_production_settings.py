"""A production installation that lacks a required setting does not start, says what it lacks,
and the documented production environment passes `check --deploy`.

Each test starts Django afresh in a subprocess with the environment a deployment would have, so
that the settings module itself is read as in production."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

from zicht.lib.production import REQUIRED_IN_PRODUCTION

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
KEY = "v1:" + base64.b64encode(b"k" * 32).decode()

COMPLETE = {
    "ZICHT_ENV": "production",
    "ZICHT_SECRET_KEY": "s" * 20 + "ecret-key-for-a-test-only-" + "x" * 30,
    "ZICHT_PSEUDONYM_KEYS": KEY,
    "ZICHT_ACCESS_LOG_KEY": "a" * 16 + "ccess-log-key-for-a-test-only-" + "y" * 20,
    "DATABASE_URL": "postgres://zicht@127.0.0.1:5432/zicht_unused",
    "ZICHT_ALLOWED_HOSTS": "zicht.example.nl",
    "ZICHT_SITE_URL": "https://zicht.example.nl",
}


def _clean_environment(tmp_path: Path) -> dict[str, str]:
    # What a server would have: none of zicht's settings and none of Django's test switches
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process).
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ZICHT_", "DJANGO_")) and name != "DATABASE_URL"
    }
    env["DJANGO_SETTINGS_MODULE"] = "zicht.settings"
    env["ZICHT_VAR_DIR"] = str(tmp_path)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own manage.py, arguments from the test)
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_production_without_pseudonym_keys_does_not_start(tmp_path):
    env = _clean_environment(tmp_path) | COMPLETE
    del env["ZICHT_PSEUDONYM_KEYS"]
    checked = _run(["manage.py", "check"], env)
    assert checked.returncode != 0
    assert "zicht.E001" in checked.stderr
    assert "ZICHT_PSEUDONYM_KEYS or ZICHT_PSEUDONYM_KEY_FILE is not set" in checked.stderr
    served = _run(["-c", "import zicht.wsgi"], env)
    assert served.returncode != 0
    assert "zicht cannot start in production" in served.stderr
    assert "ZICHT_PSEUDONYM_KEYS" in served.stderr


def test_every_missing_setting_is_named_in_one_start(tmp_path):
    env = _clean_environment(tmp_path) | {"ZICHT_ENV": "production"}
    checked = _run(["manage.py", "check"], env)
    assert checked.returncode != 0
    for required in REQUIRED_IN_PRODUCTION:
        assert " or ".join(required.variables) + " is not set" in checked.stderr


def test_a_pseudonym_key_that_does_not_load_stops_start_up(tmp_path):
    env = _clean_environment(tmp_path) | COMPLETE | {"ZICHT_PSEUDONYM_KEYS": "v1:c2hvcnQ="}
    checked = _run(["manage.py", "check"], env)
    assert checked.returncode != 0
    assert "zicht.E002" in checked.stderr


def test_sqlite_is_refused_in_production(tmp_path):
    env = _clean_environment(tmp_path) | COMPLETE | {"DATABASE_URL": "sqlite:///x.sqlite3"}
    checked = _run(["manage.py", "check"], env)
    assert "DATABASE_URL must point to PostgreSQL" in checked.stderr


def test_a_complete_production_environment_starts(tmp_path):
    served = _run(["-c", "import zicht.wsgi"], _clean_environment(tmp_path) | COMPLETE)
    assert served.returncode == 0, served.stderr


def _documented_environment() -> str:
    section = ARCHITECTURE.split("A minimal production environment", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    script = f"set -a\n{_documented_environment()}\nexec {sys.executable} manage.py check --deploy"
    env = _clean_environment(tmp_path)
    checked = subprocess.run(  # noqa: S603 (the documented lines, from our own docs)
        ["/bin/bash", "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stderr
    assert "ERRORS" not in checked.stderr + checked.stdout


def _settings_table() -> dict[str, str]:
    """Each variable of docs/architecture.md's settings table, with its production column."""
    section = ARCHITECTURE.split("## Settings and the environment", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        for name in re.findall(r"`([A-Z_]+)`", cells[0]):
            table[name] = cells[-1]
    return table


def test_the_settings_table_marks_exactly_the_required_settings():
    table = _settings_table()
    marked = {name for name, production in table.items() if "**required**" in production}
    listed = {name for required in REQUIRED_IN_PRODUCTION for name in required.variables}
    assert marked == listed


def test_every_variable_zicht_reads_from_the_environment_is_in_the_table():
    table = _settings_table()
    read = set()
    for path in sorted((ROOT / "zicht").rglob("*.py")):
        if "tests" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        read |= set(re.findall(r"env_\w+\(\s*\"([A-Z_]+)\"", source))
        read |= set(re.findall(r"env(?:iron)?\.get\(\s*\"([A-Z_]+)\"", source))
    assert "ZICHT_PSEUDONYM_KEY_FILE" in read
    assert read - set(table) == set()
