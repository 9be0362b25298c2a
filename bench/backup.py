"""Benchmark of backup and restore (manage.py backup / restore) on a large database.

    uv run python bench/backup.py                       # 100,000 reports, print a section
    uv run python bench/backup.py --write               # ... and put it in docs/benchmarks.md
    uv run python bench/backup.py --reports 1000000 --database zicht_bench_monitor

The database is the monitor benchmark's (bench/monitor.py: reports with one presumed
victim each, 3 cases in 10 reports with a follow-up action and feedback, the monitor's
victim records), built once with that script at the size asked for. An attachment store
of synthetic files (incompressible, like photos) is made beside it. Then, three times:
`manage.py backup` (timed), a new empty database and `manage.py restore` into it (timed;
the restore also counts every table against the backup's manifest), as an operator runs
them, in processes of their own. Medians are reported, with the sizes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from benchdoc import write_section  # noqa: E402

HEADING = "## Backup and restore (issue 12)"
SERVER = "postgres://postgres@127.0.0.1:5432"


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def exists(database: str) -> bool:
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        return found.fetchone() is not None


def build(database: str, reports: int) -> None:
    if exists(database):
        return
    env = {**os.environ, "BENCH_MONITOR_DB": database, "BENCH_MONITOR_REPORTS": str(reports)}
    subprocess.run([sys.executable, str(ROOT / "bench/monitor.py"), "--load-only"], env=env,
                   check=True, cwd=ROOT)  # fmt: skip


def facts(database: str) -> dict:
    with psycopg.connect(f"{SERVER}/{database}") as connection:
        return {
            "size": connection.execute("SELECT pg_database_size(current_database())").fetchone()[0],
            "reports": connection.execute("SELECT count(*) FROM intake_report").fetchone()[0],
            "persons": connection.execute("SELECT count(*) FROM intake_involvedperson").fetchone()[
                0
            ],
            "cases": connection.execute("SELECT count(*) FROM casework_case").fetchone()[0],
        }


def attachment_store(path: Path, count: int, size: int) -> None:
    path.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (path / f"{number:040x}").write_bytes(os.urandom(size))


def manage(env: dict, *arguments: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *arguments], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def timing(values: list[float]) -> str:
    runs = ", ".join(f"{value:.1f}" for value in values)
    return f"**{statistics.median(values):.1f} s** (runs: {runs})"


def markdown(args, database: dict, sizes: dict, runs: dict, load) -> str:
    store = args.attachments * args.attachment_kib * 1024
    rows = [
        ("database", f"{database['reports']:,} reports, {database['persons']:,} persons, "
                     f"{database['cases']:,} cases; {mib(database['size'])} on disk"),
        ("attachment store", f"{args.attachments:,} files of {args.attachment_kib} KiB "
                             f"(random bytes), {mib(store)}"),
        ("backup (pg_dump custom format and the attachments, GnuPG AES-256)",
         timing(runs["backup"])),
        ("restore (pg_restore in one transaction, the attachments, every table counted)",
         timing(runs["restore"])),
        ("backup size", f"database {mib(sizes.get('database.dump.gpg', 0))}, "
                        f"attachments {mib(sizes.get('attachments.tar.gpg', 0))}"),
    ]  # fmt: skip
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return f"""{HEADING}

Machine: 2 cores, 24 GiB, shared with other work (load average {load[0]:.1f} / {load[1]:.1f} /
{load[2]:.1f} at the end). Rerun: `uv run python bench/backup.py --reports {args.reports}
--database {args.database}` (builds the database once with bench/monitor.py; add `--write` to
update this section). Each run is `manage.py backup`, then `manage.py restore` into a new
empty database, in processes of their own, as an operator runs them. Medians of
{args.repeats} runs.

| measurement | result |
|---|---|
{table}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--database", default="zicht_bench_backup_100k")
    parser.add_argument("--attachments", type=int, default=500, help="files in the store")
    parser.add_argument("--attachment-kib", type=int, default=200, help="size of each")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()

    build(args.database, args.reports)
    database = facts(args.database)
    work = Path(tempfile.mkdtemp(prefix="zicht-bench-backup-"))
    restored = f"{args.database}_restored"
    try:
        key = work / "backup.key"
        key.write_text(os.urandom(32).hex())
        store = work / "attachments"
        attachment_store(store, args.attachments, args.attachment_kib * 1024)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "zicht.settings",
            "DATABASE_URL": f"{SERVER}/{args.database}",
            "ZICHT_BACKUP_KEY_FILE": str(key),
            "ZICHT_ATTACHMENT_DIR": str(store),
            "ZICHT_VAR_DIR": str(work / "var"),
            "ZICHT_LOG_LEVEL": "WARNING",
        }
        backups, restores, sizes = [], [], {}
        for repeat in range(args.repeats):
            target = work / f"backups-{repeat}"
            backups.append(manage(env, "backup", "--to", str(target)))
            (backup,) = target.iterdir()
            sizes = {p.name: p.stat().st_size for p in backup.iterdir()}
            admin(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
            admin(f'CREATE DATABASE "{restored}"')
            into = {**env, "DATABASE_URL": f"{SERVER}/{restored}"}
            copy = str(work / f"restored-{repeat}")
            restores.append(manage(into, "restore", str(backup), "--attachment-dir", copy))
            shutil.rmtree(target)
            shutil.rmtree(work / f"restored-{repeat}")
            print(f"run {repeat + 1}: backup {backups[-1]:.1f} s, restore {restores[-1]:.1f} s",
                  flush=True)  # fmt: skip
        load = os.getloadavg()
    finally:
        admin(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)

    runs = {"backup": backups, "restore": restores}
    section = markdown(args, database, sizes, runs, load)
    print(section)
    if args.write:
        write_section(HEADING, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
