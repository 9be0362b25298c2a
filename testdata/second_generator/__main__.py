"""Write synthetic registrations as a CSV for ``zicht-link dedupe`` (``person_id`` is the
truth; zicht-link ignores that column with a note).

    python -m testdata.second_generator 10000 --seed 3 --out records.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from testdata.second_generator import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m testdata.second_generator")
    parser.add_argument("records", type=int, help="number of registrations")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    args = parser.parse_args(argv)
    if args.records < 1:
        parser.error("the number of registrations must be positive")
    frame = generate(args.records, seed=args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(args.out, index=False)
    print(
        f"{len(frame)} registrations of {frame.person_id.nunique()} persons written to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
