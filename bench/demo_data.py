"""What the demo costs: `manage.py demo_data` on a fresh SQLite database, as `make run` does.

    uv run python bench/demo_data.py [--runs 3] [--against OTHER_CHECKOUT] [--profile FILE]

Each run is a child process with a new SQLite file: it migrates (not timed), then times
``create_demo()`` (the whole of `demo_data` but Django's start) in wall-clock and CPU
seconds, counts its SQL statements (savepoints included) and then the rows it made. With
``--against`` the same is run in another checkout (e.g. a `git worktree` of an earlier
commit), alternating with this one so that both see the same load; the rows of every run
must agree (the same demo). Prints medians; the machine is shared, so CPU seconds are
the steadier figure. ``--profile`` writes a cProfile of one run of this checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# What "the same demo" means: these tables hold the same number of rows.
TABLES = {
    "reports": "intake_report",
    "persons": "intake_involvedperson",
    "cases": "casework_case",
    "case steps": "casework_casestep",
    "actions": "casework_followupaction",
    "handovers": "casework_handover",
    "feedback": "casework_feedback",
    "case links": "casework_caselink",
    "notifications": "notifications_notification",
    "access-log entries": "audit_accesslogentry",
    "pseudonyms": "linkage_personpseudonym",
    "register matches": "linkage_knownmatch",
    "disclosure bases": "monitor_disclosurebasis",
}


def child(tree: str, database: str, profile: str) -> None:
    """One run inside `tree`: migrate, time the demo, count; prints one JSON line."""
    sys.path.insert(0, tree)
    os.chdir(tree)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from zicht.audit.log import verify_chain
    from zicht.demo.create import create_demo

    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    wall, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        if profiler:
            profiler.enable()
        create_demo()
        if profiler:
            profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(profile)
    with connection.cursor() as cursor:
        rows = {}
        for name, table in TABLES.items():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            rows[name] = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "statements": statements,
                "rows": rows,
                "chain_intact": verify_chain() is None,
            }
        )
    )


def run(tree: Path, profile: str = "") -> dict:
    with tempfile.TemporaryDirectory() as folder:
        database = str(Path(folder) / "demo.sqlite3")
        env = {**os.environ, "ZICHT_VAR_DIR": folder}
        env.pop("DATABASE_URL", None)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(tree), database, profile],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def median(results: list[dict], key: str) -> float:
    return statistics.median(result[key] for result in results)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    parser.add_argument("--profile", default="", help="write a cProfile of one run here")
    args = parser.parse_args()
    if args.profile:
        result = run(HERE, str(Path(args.profile).resolve()))
        print(f"profiled run: {result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU")
        return
    trees = {"this checkout": HERE}
    if args.against:
        trees = {"other checkout": args.against.resolve(), **trees}
    results: dict[str, list[dict]] = {name: [] for name in trees}
    for number in range(args.runs):
        for name, tree in trees.items():
            result = run(tree)
            results[name].append(result)
            print(
                f"run {number + 1} {name}: {result['wall']:.1f} s wall, {result['cpu']:.1f} s CPU,"
                f" {result['statements']} statements",
                file=sys.stderr,
            )
    rows = {json.dumps(r["rows"], sort_keys=True) for rs in results.values() for r in rs}
    print(f"median of {args.runs} runs each (load average {os.getloadavg()[0]:.1f} at the end)")
    print("| checkout | wall s | CPU s | SQL statements |")
    print("|---|---:|---:|---:|")
    for name, rs in results.items():
        print(
            f"| {name} ({trees[name]}) | {median(rs, 'wall'):.1f} | {median(rs, 'cpu'):.1f}"
            f" | {median(rs, 'statements'):,.0f} |"
        )
    print("rows:", next(iter(results.values()))[0]["rows"])
    print("the same demo in every run:", len(rows) == 1)
    print("access-log chain intact:", all(r["chain_intact"] for rs in results.values() for r in rs))


if __name__ == "__main__":
    main()
