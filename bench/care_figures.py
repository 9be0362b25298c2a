"""Benchmark of the monitor's care figures (issue 13) at 1 million reports, on PostgreSQL.

    uv run python bench/care_figures.py            # load (once), measure, print a section
    uv run python bench/care_figures.py --write    # ... and put it in docs/benchmarks.md

Uses the database of bench/monitor.py (``BENCH_MONITOR_DB``, default ``zicht_bench_monitor``;
built by it when missing: 1,000,000 reports with one presumed victim each, 300,000 cases)
and adds, once, a care trajectory for one presumed victim in twenty (5 %, the person ids
divisible by 20: about 50,000 trajectories, a tenth of them in Twente) with their history
written by COPY: opened within 20 days of the report, then a plan, care, aftercare,
closure and for one in ten a reopening (seven in ten of those after a relapse), each
trajectory stopping at a stage drawn at random and no step later than today. Then times
``care_figures`` (the one query of zicht/monitor/figures/care.py) for the dashboard's
periods, in the overview's read transaction, and the whole overview (every figure of the
dashboard, without rendering) with and without it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
import monitor as monitor_bench  # noqa: E402 - bench/monitor.py sets the database up
from benchdoc import write_section  # noqa: E402

HEADING = "## Monitor: care figures (issue 13)"
SHARE = 20  # one presumed victim in SHARE gets a trajectory
RUNS = 30
DAY = datetime.timedelta(days=1)


def load_trajectories() -> dict:
    """COPY the trajectories and their steps, unless there are some already."""
    import numpy as np
    from django.db import connection
    from django.utils import timezone

    from zicht.care.models import CareTrajectory
    from zicht.organisations.models import Membership, Organisation

    if CareTrajectory.objects.exists():
        return {"trajectories_seconds": None}
    start = time.perf_counter()
    rng = np.random.default_rng(13)
    # The hub coordinates; a region without one in the demo set-up, its first organisation.
    hubs = {}
    for region_id, kind, pk in Organisation.objects.order_by("pk").values_list(
        "region_id", "type", "pk"
    ):
        if region_id not in hubs or kind == "regional_hub":
            hubs[region_id] = pk
    fallback = Membership.objects.get(user__username="hub.twente").organisation_id
    user = Membership.objects.get(user__username="hub.twente").user_id
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT p.id, r.case_id, c.region_id, r.received_at
                FROM intake_involvedperson p
                JOIN intake_report r ON r.id = p.report_id
                JOIN casework_case c ON c.id = r.case_id
                WHERE p.role = 'presumed_victim' AND MOD(p.id, {SHARE}) = 0
                ORDER BY p.id"""
        )
        people = cursor.fetchall()
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM care_caretrajectory")
        trajectory_base = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM care_trajectorystep")
        step_base = cursor.fetchone()[0]
    now = timezone.now()
    n = len(people)
    stage = rng.random(n)
    gaps = {
        "plan": rng.integers(1, 10, n),
        "care": rng.integers(1, 20, n),
        "aftercare": rng.integers(30, 200, n),
        "close": rng.integers(30, 200, n),
        "reopen": rng.integers(30, 500, n),
    }
    opened_after = rng.integers(0, 20 * 24 * 60, n)
    outcomes = rng.choice(
        ["goals_reached", "regular_care", "returned_home", "left_region", "declined",
         "lost_contact"], n)  # fmt: skip
    relapse = rng.random(n) < 0.7
    case_ids = [case_id for _p, case_id, _r, _at in people]

    def ts(value: datetime.datetime) -> str:
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S+00")

    trajectories, steps = [], []
    step_id = step_base
    for i, (person_id, case_id, region_id, received_at) in enumerate(people):
        t = trajectory_base + 1 + i
        at = received_at + datetime.timedelta(minutes=int(opened_after[i]))
        if at >= now:
            continue
        story = [("open", "", "intake", "")]
        u = stage[i]
        if u >= 0.05:
            story.append(("start_plan", "intake", "plan", ""))
        if u >= 0.10:
            story.append(("start_care", "plan", "in_care", ""))
        if 0.30 <= u < 0.45 or u >= 0.60:
            story.append(("start_aftercare", "in_care", "aftercare", ""))
        if u >= 0.45:
            story.append(("close", story[-1][2], "closed", str(outcomes[i])))
        if u >= 0.90:
            reason = "relapse" if relapse[i] else "new_need"
            story.append(("reopen", "closed", "intake", reason))
        moments = [at]
        for transition, *_rest in story[1:]:
            key = {"start_plan": "plan", "start_care": "care", "start_aftercare": "aftercare",
                   "close": "close", "reopen": "reopen"}[transition]  # fmt: skip
            moments.append(moments[-1] + int(gaps[key][i]) * DAY)
        kept = [(s, m) for s, m in zip(story, moments, strict=True) if m < now]
        hub = hubs.get(region_id, fallback)
        status = kept[-1][0][2]
        started = next((m for s, m in kept if s[0] == "start_care"), None)
        closed = kept[-1][1] if status == "closed" else None
        outcome = kept[-1][0][3] if status == "closed" else ""
        relapse_case = ""
        for (transition, from_status, to_status, reason), moment in kept:
            step_id += 1
            linked = r"\N"
            if transition == "reopen" and reason == "relapse":
                linked = relapse_case = str(case_ids[(i + 1) % n])
            steps.append(
                "\t".join([str(step_id), str(t), transition, from_status, to_status, ts(moment),
                           str(user), str(hub), reason, linked, ""])
            )  # fmt: skip
        trajectories.append(
            "\t".join([str(t), str(case_id), str(person_id), str(hub), status, ts(at), str(user),
                       ts(started) if started else r"\N", r"\N", ts(closed) if closed else r"\N",
                       outcome, relapse_case or r"\N", ts(kept[-1][1])])
        )  # fmt: skip
    monitor_bench._copy(
        "care_caretrajectory",
        ["id", "case_id", "person_id", "coordinating_organisation_id", "status", "opened_at",
         "opened_by_id", "care_started_at", "aftercare_follow_up_on", "closed_at", "outcome",
         "relapse_case_id", "updated_at"],
        trajectories,
    )  # fmt: skip
    monitor_bench._copy(
        "care_trajectorystep",
        ["id", "trajectory_id", "transition", "from_status", "to_status", "at", "actor_id",
         "actor_organisation_id", "reason", "linked_case_id", "note"],
        steps,
    )  # fmt: skip
    with connection.cursor() as cursor:
        for table in ("care_caretrajectory", "care_trajectorystep"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                           f" (SELECT MAX(id) FROM {table}))")  # fmt: skip
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {
        "trajectories_seconds": time.perf_counter() - start,
        "trajectories": len(trajectories),
        "steps": len(steps),
    }


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure() -> dict:
    from zicht.care.models import CareTrajectory, TrajectoryStep
    from zicht.monitor.figures import Scope, care_figures, overview
    from zicht.monitor.figures.overview import _planned_for_ranges
    from zicht.organisations.models import Municipality, Region

    twente = Region.objects.get(code="VR05")
    enschede = Municipality.objects.get(cbs_code="GM0153")
    scopes = {
        "Twente, one year (2025)": Scope.year(twente, 2025),
        "Enschede, one year (2025)": Scope.year(twente, 2025, enschede),
        "Twente, one quarter": Scope(twente, datetime.date(2025, 4, 1), datetime.date(2025, 6, 30)),
        "Twente, ten years (2016-2025)": Scope(
            twente, datetime.date(2016, 1, 1), datetime.date(2025, 12, 31)
        ),
    }
    results: dict = {"care": {}, "figures": {}}
    for name, scope in scopes.items():

        def run(scope=scope):
            with _planned_for_ranges():
                return care_figures(scope)

        timed(run, 2)  # warm up: PostgreSQL's buffers
        times = timed(run, RUNS)
        results["care"][name] = (statistics.median(times), monitor_bench.p95(times))
        results["figures"][name] = run()
    year = scopes["Twente, one year (2025)"]
    timed(lambda: overview(year), 2)
    results["overview"] = timed(lambda: overview(year), 15)
    results["trajectories"] = CareTrajectory.objects.count()
    results["twente_trajectories"] = CareTrajectory.objects.filter(case__region=twente).count()
    results["steps"] = TrajectoryStep.objects.count()
    results["load"] = os.getloadavg()[1]
    return results


def _days(figures) -> str:
    return "none" if figures.days_to_care is None else f"{figures.days_to_care:.1f}"


def markdown(loaded: dict, r: dict) -> str:
    rows = "\n".join(
        f"| {name} | {p50:.0f} | {p95:.0f} | {f.in_care:,} | {f.started:,} | {_days(f)} "
        f"| {f.relapsed:,} of {f.relapse_cohort:,} |"
        for (name, (p50, p95)), f in zip(r["care"].items(), r["figures"].values(), strict=True)
    )
    overview = r["overview"]
    made = (
        f" Loaded with COPY in {loaded['trajectories_seconds']:.0f} s."
        if loaded.get("trajectories_seconds")
        else ""
    )
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""{HEADING}

Command: `BENCH_MONITOR_DB={monitor_bench.DB_NAME} uv run python bench/care_figures.py --write`
(PostgreSQL, database
`{monitor_bench.DB_NAME}` of bench/monitor.py: {monitor_bench.N_REPORTS:,} reports with one
presumed victim each; 2 CPUs shared with other work). Measured {when}.

Data: a care trajectory for **one presumed victim in {SHARE}** (5 %, ids divisible by {SHARE}):
{r["trajectories"]:,} trajectories ({r["twente_trajectories"]:,} in Twente) with
{r["steps"]:,} steps of history, each stopping at a random stage (5 % intake, 5 % plan, 20 % in
care, 15 % aftercare, 15 % closed from care, 30 % closed after aftercare, 10 % closed and
reopened, seven in ten of those after a relapse), no step after today.{made}

| period | p50 | p95 | in care | care started | median days to care | re-victimised |
|---|---:|---:|---:|---:|---:|---:|
{rows}

p50 and p95 of the care figures in milliseconds; {RUNS} runs per period after two
warm-up runs, each in the overview's read transaction (`random_page_cost` 1.1, `work_mem`
64 MB), as the dashboard computes them. The whole overview of Twente's year (every figure of
the dashboard, care included, without rendering): median
{statistics.median(overview):.0f} ms, p95 {monitor_bench.p95(overview):.0f} ms over 15 runs.
Load average (5 min) at the end: {r["load"]:.1f}.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    monitor_bench.ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loaded = monitor_bench.load()
    monitor_bench.prepare()
    loaded.update(load_trajectories())
    print(f"loaded: {loaded}", flush=True)
    section = markdown(loaded, measure())
    print(section)
    if args.write:
        write_section(HEADING, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
