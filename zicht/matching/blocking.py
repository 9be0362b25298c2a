"""Blocking rules: which pairs of records the model compares at all.

Each rule is SQL on the feature columns with the columns it needs. Prediction uses
:data:`BLOCKING_RULES` and, while the pairs they make stay within a budget, the broad rules on
names alone (:func:`blocking_rules_for`); training uses :data:`EM_BLOCKING_RULES` and
:data:`DETERMINISTIC_RULES`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import pandas as pd

logger = logging.getLogger(__name__)

#: A broad blocking rule (name alone) is used only while the pairs the broad rules make stay
#: within this many (counted before scoring).
_BROAD_RULE_BUDGET = 2_000_000

# Blocking rules: (SQL, columns it needs). Together they must find nearly every pair that the
# model links. There are two kinds.
#
# BLOCKING_RULES are always used. Names block only together with part of the date of birth:
# the year (typo in the day or month, swapped day and month, partial date) or the day and month
# (typo in the year); identifiers and addresses block on their own. The number of pairs they
# make grows about linearly with the number of records.
#
# BROAD_BLOCKING_RULES block on (similar) names alone. The number of pairs they make grows with
# the square of the number of records (a first name and a birth year shared by a hundred
# records in a million make 5,000 pairs; 32 million in all for that rule), while the pairs
# they add become unlinkable as the data grow: two records that share only a name and a
# nationality can reach the threshold among 10,000 records, not among a million, where the
# prior probability of a match is a hundred times smaller. :func:`blocking_rules_for` admits a
# broad rule only while the pairs it makes stay within a budget (``_BROAD_RULE_BUDGET``).
_DAY_MONTH = "substr(l.dob, 6, 5) = substr(r.dob, 6, 5)"
BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # identifiers and address
    ("l.phone = r.phone", ("phone",)),
    ("substr(l.phone, -9) = substr(r.phone, -9) AND length(l.phone) >= 10", ("phone",)),
    ("l.email = r.email", ("email",)),
    ("l.id_no = r.id_no", ("id_no",)),
    ("l.pc = r.pc AND l.hn = r.hn", ("pc", "hn")),
    ("l.pc = r.pc AND l.street = r.street", ("pc", "street")),
    ("l.ln_key = r.ln_key AND l.pc = r.pc", ("ln_key", "pc")),
    ("l.dob = r.dob AND l.pc = r.pc", ("dob", "pc")),
    # same names (either order) and part of the date of birth, or the nationality
    ("l.name_tok = r.name_tok AND l.dob_y = r.dob_y", ("name_tok", "dob_y")),
    (f"l.name_tok = r.name_tok AND {_DAY_MONTH}", ("name_tok", "dob")),
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key AND l.nat = r.nat", ("fn_key", "ln_key", "nat")),
    # same date of birth and a similar name
    (
        "l.dob = r.dob AND substr(l.name_tok, 1, 1) = substr(r.name_tok, 1, 1)",
        ("dob", "name_tok"),
    ),
    ("l.fn_key = r.fn_key AND l.dob = r.dob", ("fn_key", "dob")),
    # phonetic names (transliterations), also swapped, and part of the date of birth
    ("l.fn_ph = r.fn_ph AND l.ln_ph = r.ln_ph AND l.dob_y = r.dob_y", ("fn_ph", "ln_ph", "dob_y")),
    (f"l.fn_ph = r.fn_ph AND l.ln_ph = r.ln_ph AND {_DAY_MONTH}", ("fn_ph", "ln_ph", "dob")),
    (
        "l.ln_key = r.ln_key AND l.fn_ph = r.fn_ph AND l.dob_y = r.dob_y",
        ("ln_key", "fn_ph", "dob_y"),
    ),
    (
        "l.fn_key = r.ln_key AND l.ln_ph = r.fn_ph AND l.dob_y = r.dob_y",
        ("fn_key", "ln_key", "fn_ph", "ln_ph", "dob_y"),
    ),
    (
        "l.ln_key = r.fn_key AND l.fn_ph = r.ln_ph AND l.dob_y = r.dob_y",
        ("fn_key", "ln_key", "fn_ph", "ln_ph", "dob_y"),
    ),
    # one name the same, a typo in the other (its start or its end agrees), and the year
    (
        "l.fn_key = r.fn_key AND l.dob_y = r.dob_y "
        "AND substr(l.ln_key, 1, 1) = substr(r.ln_key, 1, 1)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    (
        "l.fn_key = r.fn_key AND l.dob_y = r.dob_y AND substr(l.ln_key, -3) = substr(r.ln_key, -3)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    (
        "l.ln_key = r.ln_key AND l.dob_y = r.dob_y "
        "AND substr(l.fn_key, 1, 1) = substr(r.fn_key, 1, 1)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    (
        "l.ln_key = r.ln_key AND l.dob_y = r.dob_y AND substr(l.fn_key, -2) = substr(r.fn_key, -2)",
        ("fn_key", "ln_key", "dob_y"),
    ),
    # one name the same, the other's start agrees, and day and month (typo in the year)
    (
        f"l.fn_key = r.fn_key AND substr(l.ln_key, 1, 3) = substr(r.ln_key, 1, 3) AND {_DAY_MONTH}",
        ("fn_key", "ln_key", "dob"),
    ),
    (
        f"l.ln_key = r.ln_key AND substr(l.fn_key, 1, 2) = substr(r.fn_key, 1, 2) AND {_DAY_MONTH}",
        ("fn_key", "ln_key", "dob"),
    ),
)

#: Rules on (similar) names alone or with the year only, in the order they are admitted.
BROAD_BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key", ("fn_key", "ln_key")),
    ("l.name_tok = r.name_tok", ("name_tok",)),
    ("l.fn_key = r.ln_key AND l.ln_ph = r.fn_ph", ("fn_key", "ln_key", "fn_ph", "ln_ph")),
    ("l.ln_key = r.fn_key AND l.fn_ph = r.ln_ph", ("fn_key", "ln_key", "fn_ph", "ln_ph")),
    ("l.ln_key = r.ln_key AND l.dob_y = r.dob_y", ("ln_key", "dob_y")),
    ("l.ln_key = r.ln_key AND l.fn_ph = r.fn_ph", ("ln_key", "fn_ph")),
    ("l.fn_key = r.fn_key AND l.ln_ph = r.ln_ph", ("fn_key", "ln_ph")),
    ("l.fn_ph = r.fn_ph AND l.ln_ph = r.ln_ph", ("fn_ph", "ln_ph")),
    (
        "l.ln_key = r.ln_key AND substr(l.fn_key, 1, 2) = substr(r.fn_key, 1, 2)",
        ("fn_key", "ln_key"),
    ),
    ("l.fn_key = r.fn_key AND l.dob_y = r.dob_y", ("fn_key", "dob_y")),
    (
        "l.fn_key = r.fn_key AND substr(l.ln_key, 1, 3) = substr(r.ln_key, 1, 3)",
        ("fn_key", "ln_key"),
    ),
)

#: EM training sessions: each blocks on some columns and so trains the other comparisons.
EM_BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.dob = r.dob", ("dob",)),
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key", ("fn_key", "ln_key")),
    ("l.phone = r.phone", ("phone",)),
    ("l.id_no = r.id_no", ("id_no",)),
)

#: Rules that admit very few false matches, used to estimate how often two records match.
DETERMINISTIC_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.fn_key = r.fn_key AND l.ln_key = r.ln_key AND l.dob = r.dob", ("fn_key", "ln_key", "dob")),
    ("l.id_no = r.id_no AND l.dob_y = r.dob_y", ("id_no", "dob_y")),
    ("l.phone = r.phone AND l.fn_key = r.fn_key", ("phone", "fn_key")),
)


def rules_for(rules: Iterable[tuple[str, tuple[str, ...]]], present: Iterable[str]) -> list[str]:
    have = set(present)
    return [sql for sql, needs in rules if all(col in have for col in needs)]


_TERM = re.compile(r"^\s*(.+?)\s*=\s*(.+?)\s*$")


def _join_keys(rule: str) -> tuple[list[str], list[str]]:
    """The left and right key expressions of a blocking rule that is a conjunction of
    equalities (``l.a = r.b AND substr(l.c, 1, 2) = substr(r.c, 1, 2)``)."""
    left, right = [], []
    for term in rule.split(" AND "):
        match = _TERM.match(term)
        if match is None:
            raise ValueError(f"not an equality: {term!r}")
        a, b = match.groups()
        if "r." in a and "l." in b:
            a, b = b, a
        left.append(re.sub(r"\bl\.", "", a))
        right.append(re.sub(r"\br\.", "", b))
    return left, right


def pairs_made_by(feats: pd.DataFrame, rule: str) -> int:
    """How many pairs of records a blocking rule makes, from the sizes of its blocks and before
    pairs found by other rules are removed; for a rule that compares different columns
    (``l.fn_key = r.ln_key``) half the number of ordered pairs. Counted with DuckDB on the
    feature frame, so the same whatever the backend."""
    import duckdb

    left, right = _join_keys(rule)

    def blocks(keys: list[str]) -> str:
        named = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
        not_null = " AND ".join(f"({k}) IS NOT NULL" for k in keys)
        # the rules are the model's own SQL, never user input
        return f"SELECT {named}, count(*) AS n FROM feats WHERE {not_null} GROUP BY ALL"  # noqa: S608

    on = " AND ".join(f"a.k{i} = b.k{i}" for i in range(len(left)))
    con = duckdb.connect(":memory:")
    try:
        con.register("feats", feats[sorted(set(re.findall(r"\b[lr]\.(\w+)", rule)))])
        if left == right:
            sql = f"SELECT sum(n * (n - 1) / 2) FROM ({blocks(left)})"  # noqa: S608
        else:
            sql = (
                f"SELECT sum(a.n * b.n) / 2 FROM ({blocks(left)}) a "  # noqa: S608
                f"JOIN ({blocks(right)}) b ON {on}"
            )
        count = con.execute(sql).fetchone()
    finally:
        con.close()
    return int(count[0] or 0) if count else 0


def blocking_rules_for(
    feats: pd.DataFrame, present: Iterable[str], budget: int = _BROAD_RULE_BUDGET
) -> list[str]:
    """The prediction blocking rules for these records: every rule of :data:`BLOCKING_RULES`,
    and each of :data:`BROAD_BLOCKING_RULES` (names alone) in turn while the pairs the admitted
    broad rules make stay within ``budget``."""
    present = set(present)
    rules = rules_for(BLOCKING_RULES, present)
    spent = 0
    for rule in rules_for(BROAD_BLOCKING_RULES, present):
        pairs = pairs_made_by(feats, rule)
        if spent + pairs <= budget:
            rules.append(rule)
            spent += pairs
        else:
            logger.info("broad blocking rule left out (%s pairs): %s", f"{pairs:,}", rule)
    return rules
