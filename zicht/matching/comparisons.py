"""The comparisons of the linkage model: for each compared field its levels, from the
strongest agreement to "all other", and the guard that keeps household members and namesakes
apart.

Each comparison level is written once as a portable SQL condition (it runs unchanged on DuckDB
and on Spark) and once as the same rule in Python, so that a pair of records can be scored
outside a database with the trained weights (:func:`zicht.matching.scoring.score_pair`). A test
checks that the two agree on every scored pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jellyfish

Row = Mapping[str, Any]


def _lev(a: str | None, b: str | None) -> int:
    if a is None or b is None:
        return 1_000_000
    return jellyfish.levenshtein_distance(a, b)


def _eq(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a == b


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    test: Callable[[Row, Row], bool]
    is_null: bool = False
    tf_column: str | None = None  # term-frequency adjustment: rare values weigh more


@dataclass(frozen=True)
class ComparisonSpec:
    name: str
    needs: tuple[str, ...]  # feature columns that must be present for this comparison
    levels: tuple[Level, ...]
    description: str


def _else() -> Level:
    return Level("all other", "ELSE", lambda a, b: True)


def _null(*cols: str) -> Level:
    sql = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return Level(
        "null",
        sql,
        lambda a, b: any(a.get(c) is None or b.get(c) is None for c in cols),
        is_null=True,
    )


def _both_fuzzy(k: int) -> Level:
    straight = f"levenshtein(fn_key_l, fn_key_r) <= {k} AND levenshtein(ln_key_l, ln_key_r) <= {k}"
    crossed = f"levenshtein(fn_key_l, ln_key_r) <= {k} AND levenshtein(ln_key_l, fn_key_r) <= {k}"

    def test(a: Row, b: Row) -> bool:
        return (_lev(a["fn_key"], b["fn_key"]) <= k and _lev(a["ln_key"], b["ln_key"]) <= k) or (
            _lev(a["fn_key"], b["ln_key"]) <= k and _lev(a["ln_key"], b["fn_key"]) <= k
        )

    return Level(
        f"both names within {k} edit(s), either order", f"({straight}) OR ({crossed})", test
    )


NAME = ComparisonSpec(
    name="name",
    needs=("fn_key",),
    description="first name and surname core, tolerant of particles, transliteration, order",
    levels=(
        _null("fn_key"),
        # a record with a first name only (a shelter knows someone by first name)
        Level(
            "first name agrees, a surname missing",
            "(ln_key_l IS NULL OR ln_key_r IS NULL) AND fn_key_l = fn_key_r",
            lambda a, b: (
                (a["ln_key"] is None or b["ln_key"] is None) and _eq(a["fn_key"], b["fn_key"])
            ),
        ),
        Level(
            "other first name, a surname missing",
            "ln_key_l IS NULL OR ln_key_r IS NULL",
            lambda a, b: a["ln_key"] is None or b["ln_key"] is None,
        ),
        Level(
            "exact first name and surname",
            "fn1_l = fn1_r AND ln_l = ln_r",
            lambda a, b: _eq(a["fn1"], b["fn1"]) and _eq(a["ln"], b["ln"]),
        ),
        Level(
            "same transliteration keys",
            "fn_key_l = fn_key_r AND ln_key_l = ln_key_r",
            lambda a, b: _eq(a["fn_key"], b["fn_key"]) and _eq(a["ln_key"], b["ln_key"]),
        ),
        Level(
            "first name and surname swapped",
            "fn_key_l = ln_key_r AND ln_key_l = fn_key_r",
            lambda a, b: _eq(a["fn_key"], b["ln_key"]) and _eq(a["ln_key"], b["fn_key"]),
        ),
        _both_fuzzy(1),
        Level(
            "same phonetic codes",
            "fn_ph_l = fn_ph_r AND ln_ph_l = ln_ph_r",
            lambda a, b: _eq(a["fn_ph"], b["fn_ph"]) and _eq(a["ln_ph"], b["ln_ph"]),
        ),
        _both_fuzzy(2),
        # a double surname, a father's or grandfather's name written after the surname (Eritrean
        # and Ethiopian names), or a married name: "Yonas" and "Yonas Tesfamariam"
        Level(
            "same first name, one surname inside the other",
            "fn_key_l = fn_key_r AND length(ln_key_l) >= 3 AND length(ln_key_r) >= 3 "
            "AND (instr(ln_key_l, ln_key_r) > 0 OR instr(ln_key_r, ln_key_l) > 0)",
            lambda a, b: (
                _eq(a["fn_key"], b["fn_key"])
                and a["ln_key"] is not None
                and b["ln_key"] is not None
                and len(a["ln_key"]) >= 3
                and len(b["ln_key"]) >= 3
                and (a["ln_key"] in b["ln_key"] or b["ln_key"] in a["ln_key"])
            ),
        ),
        Level(
            "same surname, other first name",
            "ln_key_l = ln_key_r",
            lambda a, b: _eq(a["ln_key"], b["ln_key"]),
        ),
        Level(
            "same first name, other surname",
            "fn_key_l = fn_key_r",
            lambda a, b: _eq(a["fn_key"], b["fn_key"]),
        ),
        _else(),
    ),
)

DOB = ComparisonSpec(
    name="birth_date",
    needs=("dob_y",),
    description="date of birth, tolerant of day/month swaps, partial dates and one-digit typos",
    levels=(
        _null("dob_y"),
        Level("exact date", "dob_l = dob_r", lambda a, b: _eq(a["dob"], b["dob"])),
        Level(
            "day and month swapped",
            "dob_l = dob_swap_r",
            lambda a, b: _eq(a["dob"], b["dob_swap"]),
        ),
        Level(
            "partial date agrees",
            "(dob_l IS NULL OR dob_r IS NULL) AND dob_y_l = dob_y_r "
            "AND (dob_ym_l IS NULL OR dob_ym_r IS NULL OR dob_ym_l = dob_ym_r)",
            lambda a, b: (
                (a["dob"] is None or b["dob"] is None)
                and _eq(a["dob_y"], b["dob_y"])
                and (a["dob_ym"] is None or b["dob_ym"] is None or a["dob_ym"] == b["dob_ym"])
            ),
        ),
        Level(
            "one digit differs",
            "levenshtein(dob_l, dob_r) <= 1",
            lambda a, b: _lev(a["dob"], b["dob"]) <= 1,
        ),
        Level(
            "partial date, year one apart",
            "(dob_l IS NULL OR dob_r IS NULL) "
            "AND abs(CAST(dob_y_l AS INTEGER) - CAST(dob_y_r AS INTEGER)) = 1",
            lambda a, b: (
                (a["dob"] is None or b["dob"] is None)
                and a["dob_y"] is not None
                and b["dob_y"] is not None
                and abs(int(a["dob_y"]) - int(b["dob_y"])) == 1
            ),
        ),
        Level(
            "same year",
            "dob_y_l = dob_y_r",
            lambda a, b: _eq(a["dob_y"], b["dob_y"]),
        ),
        Level(
            "years within 2",
            "abs(CAST(dob_y_l AS INTEGER) - CAST(dob_y_r AS INTEGER)) <= 2",
            lambda a, b: abs(int(a["dob_y"]) - int(b["dob_y"])) <= 2,
        ),
        _else(),
    ),
)


def _fuzzy(col: str, k: int) -> Level:
    return Level(
        f"within {k} edit(s)",
        f"levenshtein({col}_l, {col}_r) <= {k}",
        lambda a, b: _lev(a[col], b[col]) <= k,
    )


def _exact(name: str, col: str, description: str, fuzzy: int = 0) -> ComparisonSpec:
    levels = [
        _null(col),
        Level("exact", f"{col}_l = {col}_r", lambda a, b: _eq(a[col], b[col])),
    ]
    levels.extend(_fuzzy(col, k) for k in range(1, fuzzy + 1))
    levels.append(_else())
    return ComparisonSpec(name, (col,), tuple(levels), description)


ADDRESS = ComparisonSpec(
    name="address",
    needs=("city",),
    description="postcode + house number; street + house number; postcode; city",
    levels=(
        Level(
            "null",
            "(addr_l IS NULL OR addr_r IS NULL) AND (hn_l IS NULL OR hn_r IS NULL "
            "OR street_l IS NULL OR street_r IS NULL) AND (pc_l IS NULL OR pc_r IS NULL) "
            "AND (city_l IS NULL OR city_r IS NULL)",
            lambda a, b: (
                (a["addr"] is None or b["addr"] is None)
                and (
                    a["hn"] is None or b["hn"] is None or a["street"] is None or b["street"] is None
                )
                and (a["pc"] is None or b["pc"] is None)
                and (a["city"] is None or b["city"] is None)
            ),
            is_null=True,
        ),
        Level(
            "same postcode and house number",
            "addr_l = addr_r",
            lambda a, b: _eq(a["addr"], b["addr"]),
        ),
        Level(
            "same street and house number",
            "street_l = street_r AND hn_l = hn_r",
            lambda a, b: _eq(a["street"], b["street"]) and _eq(a["hn"], b["hn"]),
        ),
        Level(
            "street within 2 edits and same house number",
            "levenshtein(street_l, street_r) <= 2 AND hn_l = hn_r",
            lambda a, b: _lev(a["street"], b["street"]) <= 2 and _eq(a["hn"], b["hn"]),
        ),
        Level("same postcode", "pc_l = pc_r", lambda a, b: _eq(a["pc"], b["pc"])),
        Level("same city", "city_l = city_r", lambda a, b: _eq(a["city"], b["city"])),
        _else(),
    ),
)

PHONE = ComparisonSpec(
    name="phone",
    needs=("phone",),
    description="E.164 phone number; the same last nine digits",
    levels=(
        _null("phone"),
        Level("exact", "phone_l = phone_r", lambda a, b: _eq(a["phone"], b["phone"])),
        # a foreign number written once with and once without its country code (a Polish
        # "603 793 848" read as Dutch): the same subscriber number, another country code
        Level(
            "same number, another country code",
            "length(phone_l) >= 10 AND length(phone_r) >= 10 "
            "AND substr(phone_l, -9) = substr(phone_r, -9)",
            lambda a, b: (
                a["phone"] is not None
                and b["phone"] is not None
                and len(a["phone"]) >= 10
                and len(b["phone"]) >= 10
                and a["phone"][-9:] == b["phone"][-9:]
            ),
        ),
        _else(),
    ),
)

_GUARD_NAME_SQL = (
    "fn_key_l IS NOT NULL AND fn_key_r IS NOT NULL AND ln_key_l IS NOT NULL "
    "AND ln_key_r IS NOT NULL "
    "AND levenshtein(fn_key_l, fn_key_r) > 2 AND levenshtein(fn_key_l, ln_key_r) > 2 "
    "AND levenshtein(ln_key_l, fn_key_r) > 2 AND COALESCE(fn_ph_l <> fn_ph_r, TRUE) "
    "AND COALESCE(id_no_l <> id_no_r, TRUE)"
)
_OTHER_DATE_SQL = (
    "dob_y_l IS NOT NULL AND dob_y_r IS NOT NULL AND ("
    "(dob_l IS NOT NULL AND dob_r IS NOT NULL AND dob_l <> dob_r "
    "AND COALESCE(dob_l <> dob_swap_r, TRUE) AND levenshtein(dob_l, dob_r) > 1) "
    "OR (dob_y_l <> dob_y_r AND (dob_l IS NULL OR dob_r IS NULL)))"
)
_GUARD_SQL = f"{_GUARD_NAME_SQL} AND {_OTHER_DATE_SQL}"
_GUARD_NO_DATE_SQL = f"{_GUARD_NAME_SQL} AND (dob_l IS NULL OR dob_r IS NULL)"
# another surname: not a typo (> 2 edits), not swapped with the first name, not the same
# sound, and neither contained in the other (a double or married name, "El Amrani" and
# "Amrani")
_GUARD_SURNAME_SQL = (
    "fn_key_l IS NOT NULL AND fn_key_r IS NOT NULL AND ln_key_l IS NOT NULL "
    "AND ln_key_r IS NOT NULL "
    "AND levenshtein(ln_key_l, ln_key_r) > 2 AND levenshtein(ln_key_l, fn_key_r) > 2 "
    "AND levenshtein(fn_key_l, ln_key_r) > 2 AND COALESCE(ln_ph_l <> ln_ph_r, TRUE) "
    "AND instr(ln_key_l, ln_key_r) = 0 AND instr(ln_key_r, ln_key_l) = 0 "
    f"AND COALESCE(id_no_l <> id_no_r, TRUE) AND {_OTHER_DATE_SQL}"
)


# twins and siblings registered with one date (a household registered together): the same
# surname and the same full date of birth with another first name, not an initial
_GUARD_TWIN_SQL = (
    f"{_GUARD_NAME_SQL} AND length(fn_key_l) > 1 AND length(fn_key_r) > 1 "
    "AND ln_key_l = ln_key_r AND dob_l = dob_r"
)


def _other_name(a: Row, b: Row, key: str, phonetic: str, contained: bool = False) -> bool:
    """Another first name (``key`` fn_key) or surname (ln_key): more than 2 edits apart, also
    against the other name (a swap), another phonetic code, not the same identity number, and
    with ``contained`` neither inside the other (a double or married surname)."""
    if None in (a["fn_key"], b["fn_key"], a["ln_key"], b["ln_key"]):
        return False
    return not (
        _lev(a[key], b[key]) <= 2
        or _lev(a["fn_key"], b["ln_key"]) <= 2
        or _lev(a["ln_key"], b["fn_key"]) <= 2
        or _eq(a[phonetic], b[phonetic])
        or (contained and (a[key] in b[key] or b[key] in a[key]))
        or _eq(a["id_no"], b["id_no"])
    )


def _other_first_name(a: Row, b: Row) -> bool:
    return _other_name(a, b, "fn_key", "fn_ph")


def _other_date(a: Row, b: Row) -> bool:
    if a["dob_y"] is None or b["dob_y"] is None:
        return False
    if a["dob"] is not None and b["dob"] is not None:
        return a["dob"] != b["dob"] and a["dob"] != b["dob_swap"] and _lev(a["dob"], b["dob"]) > 1
    return a["dob_y"] != b["dob_y"]


def _guard_test(a: Row, b: Row) -> bool:
    return _other_first_name(a, b) and _other_date(a, b)


def _guard_surname_test(a: Row, b: Row) -> bool:
    return _other_name(a, b, "ln_key", "ln_ph", contained=True) and _other_date(a, b)


def _guard_twin_test(a: Row, b: Row) -> bool:
    return (
        _other_first_name(a, b)
        and len(a["fn_key"]) > 1
        and len(b["fn_key"]) > 1
        and _eq(a["ln_key"], b["ln_key"])
        and _eq(a["dob"], b["dob"])
    )


def _guard_no_date_test(a: Row, b: Row) -> bool:
    return _other_first_name(a, b) and (a["dob"] is None or b["dob"] is None)


#: m and u of the guard levels are fixed, not trained: an analyst can read them in the model.
GUARD_M, GUARD_U = 1e-4, 0.5
#: The same when a date of birth is missing or only a year (household members who share a
#: phone or an address, one registered without a date).
GUARD_NO_DATE_M, GUARD_NO_DATE_U = 1e-4, 0.5

GUARD_NO_DATE_LABEL = "other first name, a date of birth missing or partial"
#: Another surname and another date of birth: namesakes by first name (co-workers, two
#: Mohameds) sharing a phone or an address.
GUARD_SURNAME_M, GUARD_SURNAME_U = 1e-4, 0.5
GUARD_SURNAME_LABEL = "other surname and other date of birth"
#: Another first name with the same surname and the same full date of birth: twins, or
#: siblings registered with one date. Not as strong as the other levels: a first name can be
#: replaced by a nickname or a second given name.
GUARD_TWIN_M, GUARD_TWIN_U = 1e-3, 0.5
GUARD_TWIN_LABEL = "other first name, same surname and date of birth"

GUARD = ComparisonSpec(
    name="different_person_guard",
    needs=("fn_key", "ln_key", "dob_y"),
    description=(
        "household members and namesakes: another first name and another (or no) date of "
        "birth mean another person, whatever phone or address the records share (not an "
        "identity number: that is personal)"
    ),
    levels=(
        Level("other first name and other date of birth", _GUARD_SQL, _guard_test),
        Level(
            GUARD_NO_DATE_LABEL,
            _GUARD_NO_DATE_SQL,
            _guard_no_date_test,
        ),
        Level(GUARD_SURNAME_LABEL, _GUARD_SURNAME_SQL, _guard_surname_test),
        Level(GUARD_TWIN_LABEL, _GUARD_TWIN_SQL, _guard_twin_test),
        _else(),
    ),
)

#: Fixed (m, u) of each guard level but the last ("all other": 1, 1).
GUARD_PROBABILITIES: dict[str, tuple[float, float]] = {
    GUARD.levels[0].label: (GUARD_M, GUARD_U),
    GUARD_NO_DATE_LABEL: (GUARD_NO_DATE_M, GUARD_NO_DATE_U),
    GUARD_SURNAME_LABEL: (GUARD_SURNAME_M, GUARD_SURNAME_U),
    GUARD_TWIN_LABEL: (GUARD_TWIN_M, GUARD_TWIN_U),
}

#: Comparisons whose agreement is no evidence of its own (fixed at a Bayes factor of 1):
#: persons with the same name nearly always share their sex and often their nationality, so
#: agreeing on these would count the name twice (two Piotr Kowalskis are both Polish men);
#: disagreeing still counts against a match.
NEUTRAL_AGREEMENT = {("sex", "exact"), ("nationality", "exact")}

ALL_COMPARISONS: tuple[ComparisonSpec, ...] = (
    NAME,
    DOB,
    PHONE,
    ADDRESS,
    _exact("email", "email", "e-mail address"),
    _exact("id_number", "id_no", "document or other identity number", fuzzy=2),
    _exact("sex", "sex", "sex"),
    _exact("nationality", "nat", "nationality"),
    GUARD,
)


def comparisons_for(present: Iterable[str]) -> list[ComparisonSpec]:
    have = set(present)
    return [c for c in ALL_COMPARISONS if all(col in have for col in c.needs)]
