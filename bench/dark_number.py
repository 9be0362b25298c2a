"""The dark-number page (issue 10e, and "The staff screens a professional would trust"):
what its first load costs when nobody computed it ahead, and when the task worker did.

    DATABASE_URL=... uv run python bench/dark_number.py [--region VR05] [--write]

Runs against the database as it is (the demo: ``manage.py demo_data`` and ``manage.py
link_persons``), for the page's default period (this year so far, the whole region, in
Dutch). A first view is timed in a new Python process each time (``--repeats`` processes),
as the page's first load in a new web worker: ``dark_number_page`` with an empty cache and
no stored result (before: it imports numpy, scipy and pandas and estimates every method),
and with the result the worker stored ahead (after). Also timed: what the worker spends
computing a region ahead (``compute_ahead``: two periods, two languages, with and without
small numbers), and a later view from the cache for a period not computed ahead. Each
figure is a median (wall clock). The stored results the script makes are removed again.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")

HEADING = "## Monitor: the dark-number page (issue 10)"

# One first view in a fresh process: Django set up, then the page's estimates, timed.
FIRST_VIEW = """
import sys, time, django
django.setup()
from django.utils import timezone, translation
from zicht.monitor.dark_page import dark_number_page
from zicht.monitor.figures import Scope
from zicht.organisations.models import Region
translation.activate("nl")
today = timezone.localdate()
scope = Scope(Region.objects.get(code=sys.argv[1]), today.replace(month=1, day=1), today)
start = time.perf_counter()
page = dark_number_page(scope, full=True)
seconds = time.perf_counter() - start
assert (page.computed_at is not None) == (sys.argv[2] == "stored"), page.computed_at
print(seconds, "numpy" in sys.modules)
"""


def first_view(region: str, expect: str) -> tuple[float, bool]:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_VIEW, region, expect],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    return float(out[-2]), out[-1] == "True"


def median_first_view(region: str, expect: str, repeats: int) -> tuple[float, bool]:
    runs = [first_view(region, expect) for _ in range(repeats)]
    return statistics.median(seconds for seconds, _ in runs), any(numpy for _, numpy in runs)


def timed(call, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="VR05")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from benchdoc import write_section
    from django.core.cache import cache
    from django.utils import timezone, translation

    from zicht.monitor.dark_page import compute_ahead, dark_number_results
    from zicht.monitor.figures import Scope, person_frame
    from zicht.monitor.models import DarkNumberResult
    from zicht.organisations.models import Region

    translation.activate("nl")
    region = Region.objects.get(code=args.region)
    today = timezone.localdate()
    scope = Scope(region, datetime.date(today.year, 1, 1), today)
    persons = len(person_frame(scope))

    DarkNumberResult.objects.filter(region=region).delete()
    before, before_numpy = median_first_view(args.region, "estimated", args.repeats)
    ahead = timed(lambda: compute_ahead(region, today), args.repeats)
    after, after_numpy = median_first_view(args.region, "stored", args.repeats)
    DarkNumberResult.objects.filter(region=region).delete()
    cache.clear()
    dark_number_results(scope, full=True)
    cached = timed(lambda: dark_number_results(scope, full=True), args.repeats)

    def numpy(loaded: bool) -> str:
        return "yes" if loaded else "no"

    rows = [
        (
            "before: first view in a new process, nothing stored (estimates every method)",
            before,
            numpy(before_numpy),
        ),
        (
            "after: first view in a new process, reading the result the worker stored",
            after,
            numpy(after_numpy),
        ),
        (
            "the worker computing the region ahead (two periods, two languages, two views)",
            ahead,
            "yes",
        ),
        ("a later view from the cache, for a period not computed ahead", cached, "no"),
    ]
    lines = [
        HEADING,
        "",
        f"`DATABASE_URL=... uv run python bench/dark_number.py --region {args.region}` on"
        f" {today:%Y-%m-%d}: {region.name}, {scope.start} to {scope.end} (the page's default"
        f" period), {persons} presumed-victim records; median of {args.repeats} runs, each"
        " first view in a new Python process; the machine's load average was"
        f" {os.getloadavg()[0]:.1f} (two cores, shared), so the absolute seconds are high.",
        "",
        "| step | seconds | imports numpy |",
        "|---|---:|---|",
        *[f"| {name} | {seconds:.3f} | {loaded} |" for name, seconds, loaded in rows],
        "",
        f"Ratio first view before/after: {before / after:,.0f} times. The first view used to be"
        " dominated by importing numpy, scipy and pandas (seconds on a loaded machine) and"
        " then estimating (profiled: about 40 % building the capture histories, a quarter"
        " the linear programme that checks which models exist, the rest the fits). The task"
        " worker now computes each region's page ahead (`zicht/monitor/dark_page.py`: after"
        " every linkage run and every night) and stores the rendered estimates in the"
        " database, so the page's first view in any web process is one query; the page says"
        " when the result was computed. Other periods still use Django's cache as before.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
