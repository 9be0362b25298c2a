"""``zicht-link``: deduplicate person records from a CSV file into unique persons.

    zicht-link dedupe INPUT.csv --out CLUSTERS.csv [--threshold P] [--private]

See docs/linkage.md for the input columns and what ``--private`` does.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from zicht.matching.batch import DEFAULT_THRESHOLD, dedupe
from zicht.matching.bloom import dedupe_private
from zicht.matching.features import INPUT_COLUMNS
from zicht.matching.pseudonyms import KeyRing, PseudonymKeyError
from zicht.matching.training import TrainingError

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """The input cannot be linked; the message is shown to the user."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zicht-link", description="Link person records into unique persons."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    dedupe = commands.add_parser("dedupe", help="cluster the records of INPUT.csv into persons")
    dedupe.add_argument("input", type=Path, metavar="INPUT.csv")
    dedupe.add_argument("--out", type=Path, required=True, metavar="CLUSTERS.csv")
    dedupe.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="P",
        help=(
            "match probability at or above which two records are the same person (default: "
            "the threshold that maximises the trained model's expected F1; with --private "
            f"{DEFAULT_THRESHOLD:g})"
        ),
    )
    dedupe.add_argument(
        "--private",
        action="store_true",
        help="link on keyed Bloom-filter encodings and pseudonyms only (needs pseudonym keys)",
    )
    dedupe.add_argument(
        "--model", type=Path, default=None, help="use a saved Splink model JSON, do not train"
    )
    dedupe.add_argument(
        "--save-model", type=Path, default=None, help="write the trained model as Splink JSON"
    )
    dedupe.add_argument(
        "--weights", type=Path, default=None, help="write the match-weights table as CSV"
    )
    return parser


def read_input(path: Path) -> pd.DataFrame:
    """Read and check INPUT.csv; raise InputError with a readable message."""
    if not path.is_file():
        raise InputError(f"input file not found: {path}")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise InputError(f"{path} is not a readable CSV file: {exc}") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "record_id" not in frame.columns:
        raise InputError("the header has no record_id column (it is required)")
    known = [c for c in frame.columns if c in INPUT_COLUMNS]
    unknown = [c for c in frame.columns if c not in INPUT_COLUMNS]
    if len(known) < 2:
        raise InputError(
            "the header has no columns to link on; expected some of: "
            + ", ".join(INPUT_COLUMNS[1:])
        )
    if unknown:
        print(f"zicht-link: ignoring unknown columns: {', '.join(unknown)}", file=sys.stderr)
    frame = frame[known]
    if frame.empty:
        raise InputError("the input has no records")
    if frame["record_id"].isna().any():
        raise InputError("some rows have an empty record_id")
    frame["record_id"] = frame["record_id"].str.strip()
    duplicated = frame["record_id"][frame["record_id"].duplicated()]
    if len(duplicated):
        raise InputError(f"record_id is not unique, e.g. {duplicated.iloc[0]!r}")
    if len(frame) < 3:
        raise InputError("at least three records are needed to train a linkage model")
    return frame


def dedupe_command(args: argparse.Namespace) -> int:
    threshold = args.threshold
    if threshold is not None and not 0.0 < threshold < 1.0:
        raise InputError("--threshold must be a probability strictly between 0 and 1")
    records = read_input(args.input)
    if args.private:
        try:
            keyring = KeyRing.from_env()
        except PseudonymKeyError as exc:
            raise InputError(f"--private needs pseudonym keys: {exc}") from None
        result = dedupe_private(records, keyring, threshold=threshold or DEFAULT_THRESHOLD)
    else:
        result = dedupe(records, threshold=threshold, model=args.model)
    threshold = result.threshold
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result.at(threshold).to_csv(args.out, index=False)
    if args.save_model:
        result.save_model(args.save_model)
    if args.weights:
        result.weights().to_csv(args.weights, index=False)
    persons = result.clusters[result.column(threshold)].nunique()
    print(
        f"zicht-link: {len(records)} records, {persons} persons at threshold {threshold:g}; "
        f"written to {args.out}",
        file=sys.stderr,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.ERROR)
    for noisy in ("splink", "py4j", "pyspark"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "dedupe":
            return dedupe_command(args)
    except (InputError, TrainingError) as exc:
        print(f"zicht-link: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"zicht-link: error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser.print_usage(sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
