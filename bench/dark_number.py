"""The dark-number page (issue 10e): what its first load costs, and what it costs cached.

    DATABASE_URL=... uv run python bench/dark_number.py [--region VR05] [--years 3] [--write]

Runs against the database as it is (the demo: ``manage.py demo_data`` and ``manage.py
link_persons``). Each figure is the median of several timed repeats (wall clock) of
``dark_numbers`` (what the page computed on every view) and of ``dark_number_results``
(the rendered estimates from the cache, what a view costs now) for the last ``--years``
calendar years up to today, in Dutch. The first view includes importing numpy, scipy and
pandas, as the page's first load in a new worker does.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")

import django  # noqa: E402

django.setup()

from benchdoc import write_section  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import translation  # noqa: E402

from zicht.monitor.dark_page import dark_number_results  # noqa: E402
from zicht.monitor.figures import Scope, person_frame  # noqa: E402
from zicht.organisations.models import Region  # noqa: E402

HEADING = "## Monitor: the dark-number page (issue 10)"


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
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    translation.activate("nl")
    region = Region.objects.get(code=args.region)
    today = datetime.date.today()  # noqa: DTZ011 - a period up to today, as the page
    scope = Scope(region, datetime.date(today.year - args.years + 1, 1, 1), today)

    cache.clear()
    cold = timed(lambda: dark_number_results(scope, full=True), 1)  # imports numpy, scipy
    from zicht.monitor.darknumber import dark_numbers  # loaded by now

    frame = timed(lambda: person_frame(scope), args.repeats)
    uncached = timed(lambda: dark_numbers(scope), args.repeats)
    cached = timed(lambda: dark_number_results(scope, full=True), args.repeats)
    persons = len(person_frame(scope))
    rows = [
        ("first view in a new process, cache empty (imports numpy, scipy, pandas)", cold),
        ("reading the person frame (one query)", frame),
        ("every estimate of the page: what each later view cost before", uncached),
        ("a view from the cache (no estimation, no numpy): each view now", cached),
    ]
    lines = [
        HEADING,
        "",
        f"`DATABASE_URL=... uv run python bench/dark_number.py --region {args.region}"
        f" --years {args.years}` on {today:%Y-%m-%d}: {region.name}, {scope.start} to"
        f" {scope.end}, {persons} presumed-victim records; median of {args.repeats} runs"
        " (first lines: one run).",
        "",
        "| step | seconds |",
        "|---|---:|",
        *[f"| {name} | {seconds:.3f} |" for name, seconds in rows],
        "",
        "Profiled (cProfile): of an estimate, about 40 % is building the capture histories"
        " (pandas crosstab), a quarter the linear programme that checks which models exist"
        " (scipy HiGHS), the rest the fits and profile intervals; the first view in a process"
        " is dominated by importing numpy, scipy and pandas (seconds on a loaded machine)."
        " The page now caches its rendered estimates (`zicht/monitor/dark_page.py`) under"
        " the dashboard's key, so a later view of the same period neither imports those"
        " libraries nor estimates, until a new report or linkage run changes the key. The"
        " cache is Django's default (per process); warming it ahead from the task worker"
        " needs a shared cache (Redis or the database cache) and is not done.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
