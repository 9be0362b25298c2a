"""``zicht-estimate``: dark-number estimation from the command line.

    zicht-estimate FILE [--method main|stepwise|bic|aic|all] [--max-order K] [--threshold P]
                        [--bootstrap N] [--seed S] [--json] [--svg PATH]
                        [--lists A,B,C [--by COLUMN,...]]

FILE is a capture-history table (one 0/1 column per list and ``count``) or, with ``--lists``,
individual records (one row per person). Exit codes: 0 success, 2 unusable input or options
(one line on stderr), 1 valid input on which no estimate is possible.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import METHODS, estimate, estimate_strata
from .data import InputError, read_records, read_table, table_from_records
from .report import svg_plot, to_json, to_text
from .result import EstimationError
from .stepwise import DEFAULT_THRESHOLD


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit code 2
        self.exit(2, f"zicht-estimate: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zicht-estimate",
        description="Estimate the number of victims never registered (multiple systems"
        " estimation) from a capture-history table.",
    )
    parser.add_argument("file", help="CSV: one 0/1 column per list and a 'count' column")
    parser.add_argument("--method", choices=[*METHODS, "all"], default="stepwise")
    parser.add_argument(
        "--max-order",
        type=int,
        default=None,
        metavar="K",
        help="highest interaction order for bic/aic (default by number of lists)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="P",
        help="p-value threshold of the stepwise method (default 0.02)",
    )
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=0,
        metavar="N",
        help="bootstrap replicates for BCa intervals (0 = none)",
    )
    parser.add_argument("--seed", type=int, default=None, metavar="S")
    parser.add_argument("--level", type=float, default=0.95, help="interval level (0.95)")
    parser.add_argument("--workers", type=int, default=None, help="processes for the bootstrap")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--svg", metavar="PATH", help="also write a plot of the estimates")
    parser.add_argument(
        "--lists",
        help="FILE holds individual records; these are the list columns (comma separated)",
    )
    parser.add_argument("--by", help="with --lists: estimate per value of these columns")
    return parser


def _run(args: argparse.Namespace) -> int:
    methods = list(METHODS) if args.method == "all" else [args.method]
    options = {
        "threshold": args.threshold,
        "max_order": args.max_order,
        "bootstrap": args.bootstrap,
        "seed": args.seed,
        "level": args.level,
        "workers": args.workers,
    }
    if args.by and not args.lists:
        raise InputError("--by needs --lists (the list columns of the records)")
    if args.lists:
        lists = [c.strip() for c in args.lists.split(",") if c.strip()]
        if args.by:
            if args.method == "all":
                raise InputError("--by works with one method at a time")
            by = [c.strip() for c in args.by.split(",") if c.strip()]
            result = estimate_strata(args.file, lists=lists, by=by, method=args.method, **options)
            if args.json:
                print(json.dumps(result.to_dict(), indent=2, default=float))
            else:
                for key, e in result.strata.items():
                    print(f"{', '.join(key)}: observed {e.observed:,}, estimate {e.estimate:,.0f}")
                for key, reason in result.skipped.items():
                    print(f"{', '.join(key)}: no estimate ({reason})")
                print(
                    f"total: observed {result.total_observed:,}, estimate"
                    f" {result.total_estimate:,.0f}"
                )
            return 0
        table = table_from_records(read_records(args.file), lists=lists)
    else:
        table = read_table(args.file)
    if args.max_order is not None and not 1 <= args.max_order < table.n_lists:
        raise InputError(f"--max-order must be between 1 and {table.n_lists - 1}")
    skipped: list[str] = []
    if args.method == "all":
        results = []
        for method in methods:
            try:
                results.append(estimate(table, method=method, **options))
            except EstimationError as error:
                skipped.append(f"{method}: {error}")
        if not results:
            raise EstimationError("no method gives an estimate on these data")
    else:
        results = [estimate(table, method=args.method, **options)]
    if args.svg:
        with open(args.svg, "w", encoding="utf-8") as handle:
            handle.write(svg_plot(results))
    if args.json:
        print(to_json(results if args.method == "all" else results[0]))
    else:
        print(to_text(results))
        if skipped:
            print("\nLeft out:\n" + "\n".join(f"  {line}" for line in skipped))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except InputError as error:
        print(f"zicht-estimate: {args.file}: {error}", file=sys.stderr)
        return 2
    except EstimationError as error:
        print(f"zicht-estimate: no estimate: {error}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"zicht-estimate: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"zicht-estimate: cannot write or read a file: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
