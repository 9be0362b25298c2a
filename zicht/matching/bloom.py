"""Privacy-preserving linkage on keyed Bloom-filter encodings.

An organisation that may not share names in clear runs :func:`encode` on its own premises. The
encoded frame holds, per record, only:

* field-level Bloom filters (CLK style: the bigrams of a normalised value, each set into
  ``BLOOM_BITS`` bits by ``BLOOM_HASHES`` HMAC-SHA256-keyed hash functions) of the name, the
  first name, the date of birth, the address and the identity number, as hex strings;
* keyed pseudonyms (HMAC-SHA256, base32) of exact identifiers and of blocking keys.

Without the key, neither can be reversed by a dictionary attack. :func:`link_encoded` links such
frames from several organisations with Splink on the encodings only, comparing Bloom filters by
their Dice coefficient. ``record_id`` and ``source`` pass through: they are the organisation's
own opaque references, needed to hand the clusters back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from zicht.matching.batch import DEFAULT_THRESHOLD, DEFAULT_THRESHOLDS, _run
from zicht.matching.blocking import rules_for
from zicht.matching.clusters import LinkageResult
from zicht.matching.comparisons import GUARD_M, GUARD_U
from zicht.matching.features import features
from zicht.matching.pseudonyms import KeyRing

__all__ = [
    "BLOOM_BITS",
    "BLOOM_HASHES",
    "ENCODED_COLUMNS",
    "bloom_filter",
    "dedupe_private",
    "dice",
    "encode",
    "link_encoded",
]

BLOOM_BITS = 512
BLOOM_HASHES = 10
_WORDS = BLOOM_BITS // 64

BLOOM_FIELDS = ("bf_name", "bf_fn", "bf_dob", "bf_addr", "bf_id")
PSEUDONYM_FIELDS = (
    "p_dob",
    "p_dob_swap",
    "p_phone",
    "p_email",
    "p_sex",
    "p_nat",
    "p_id",
    "b_fn",
    "b_ln",
    "b_tok",
    "b_fn_ph",
    "b_ln_ph",
    "b_dob_y",
    "b_pc",
    "b_addr",
)
ENCODED_COLUMNS = ("record_id", "source", *BLOOM_FIELDS, *PSEUDONYM_FIELDS)


def bigrams(text: str) -> set[str]:
    """Bigrams of ``text`` padded with one space at each end."""
    padded = f" {text} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def bloom_filter(tokens: set[str], key: bytes) -> bytes:
    """A ``BLOOM_BITS``-bit Bloom filter of ``tokens``; each token sets ``BLOOM_HASHES`` bits
    chosen by HMAC-SHA256 under ``key``."""
    bits = np.zeros(BLOOM_BITS, dtype=bool)
    for token in tokens:
        digest = hmac.new(key, token.encode("utf-8"), hashlib.sha256).digest()
        for i in range(BLOOM_HASHES):
            bits[int.from_bytes(digest[2 * i : 2 * i + 2], "big") % BLOOM_BITS] = True
    return np.packbits(bits).tobytes()


def _words(hex_filter: str) -> tuple[list[int], int]:
    """A hex Bloom filter as signed 64-bit words plus its number of set bits."""
    raw = bytes.fromhex(hex_filter)
    words = np.frombuffer(raw, dtype=">i8").astype(np.int64).tolist()
    return words, int(np.unpackbits(np.frombuffer(raw, dtype=np.uint8)).sum())


def dice(a: bytes | str, b: bytes | str) -> float:
    """Dice coefficient 2|A∩B| / (|A|+|B|) of two Bloom filters (bytes or hex)."""
    x = np.unpackbits(np.frombuffer(bytes.fromhex(a) if isinstance(a, str) else a, np.uint8))
    y = np.unpackbits(np.frombuffer(bytes.fromhex(b) if isinstance(b, str) else b, np.uint8))
    total = int(x.sum() + y.sum())
    return 2 * int((x & y).sum()) / total if total else 0.0


def _tokens_name(row: Any) -> set[str] | None:
    parts = [p for p in (row.fn_key, row.ln_key) if p]
    if not parts:
        return None
    # order-free: the bigrams of each part, so swapped first and last names encode alike
    return set().union(*(bigrams(p) for p in parts))


def _tokens_dob(row: Any) -> set[str] | None:
    if row.dob:
        return bigrams(row.dob)
    if row.dob_y:
        return bigrams(row.dob_ym or row.dob_y)
    return None


def _tokens_addr(row: Any) -> set[str] | None:
    parts = [p for p in (row.street, row.hn, row.pc, row.city) if p]
    return set().union(*(bigrams(p) for p in parts)) if parts else None


def _single(column: str) -> Callable[[Any], set[str] | None]:
    def tokens(row: Any) -> set[str] | None:
        value = getattr(row, column)
        return bigrams(value) if value else None

    return tokens


_BLOOM_SOURCES: dict[str, Callable[[Any], set[str] | None]] = {
    "bf_name": _tokens_name,
    "bf_fn": _single("fn_key"),
    "bf_dob": _tokens_dob,
    "bf_addr": _tokens_addr,
    "bf_id": _single("id_no"),
}
_PSEUDONYM_SOURCES: dict[str, str] = {
    "p_dob": "dob",
    "p_dob_swap": "dob_swap",
    "p_phone": "phone",
    "p_email": "email",
    "p_sex": "sex",
    "p_nat": "nat",
    "p_id": "id_no",
    "b_fn": "fn_key",
    "b_ln": "ln_key",
    "b_tok": "name_tok",
    "b_fn_ph": "fn_ph",
    "b_ln_ph": "ln_ph",
    "b_dob_y": "dob_y",
    "b_pc": "pc",
    "b_addr": "addr",
}
# the day/month-swapped date must hash like the date itself
_PSEUDONYM_PURPOSE = {"p_dob_swap": "p_dob"}


def encode(records: pd.DataFrame, keyring: KeyRing, version: int | None = None) -> pd.DataFrame:
    """Encode records (CLI input columns) into Bloom filters and pseudonyms only. Runs at the
    organisation; the result is what leaves it."""
    use = keyring.current_version if version is None else version
    feats = features(records)
    out = pd.DataFrame({"record_id": feats["unique_id"], "source": feats["source"]})
    rows = list(feats.itertuples(index=False))
    for column, tokens_of in _BLOOM_SOURCES.items():
        key = keyring.subkey(use, "bloom/" + column)
        values = []
        for row in rows:
            tokens = tokens_of(row)
            values.append(bloom_filter(tokens, key).hex() if tokens else None)
        out[column] = values
    for column, feature in _PSEUDONYM_SOURCES.items():
        key = keyring.subkey(use, "private/" + _PSEUDONYM_PURPOSE.get(column, column))
        cache: dict[str, str] = {}
        values = []
        for value in feats[feature].tolist():
            if value is None:
                values.append(None)
                continue
            if value not in cache:
                digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).digest()[:16]
                cache[value] = base64.b32encode(digest).decode("ascii").rstrip("=").lower()
            values.append(cache[value])
        out[column] = values
    out.attrs["key_version"] = use
    return out


def _dice_sql(column: str, threshold: float) -> str:
    """Dice >= threshold on filters stored as 64-bit words: portable SQL (bit_count and & exist
    in DuckDB and Spark)."""
    common = " + ".join(
        f"CAST(bit_count({column}_{i}_l & {column}_{i}_r) AS INTEGER)" for i in range(_WORDS)
    )
    return f"2.0 * ({common}) >= {threshold} * ({column}_n_l + {column}_n_r)"


def _dice_levels(column: str, thresholds: Sequence[float]) -> list[dict[str, Any]]:
    levels: list[dict[str, Any]] = [
        {
            "sql_condition": f"{column}_n_l IS NULL OR {column}_n_r IS NULL",
            "label_for_charts": "null",
            "is_null_level": True,
        }
    ]
    for t in thresholds:
        levels.append({"sql_condition": _dice_sql(column, t), "label_for_charts": f"Dice >= {t}"})
    levels.append({"sql_condition": "ELSE", "label_for_charts": "all other"})
    return levels


def _exact_levels(column: str, extra: Sequence[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    levels: list[dict[str, Any]] = [
        {
            "sql_condition": f"{column}_l IS NULL OR {column}_r IS NULL",
            "label_for_charts": "null",
            "is_null_level": True,
        },
        {"sql_condition": f"{column}_l = {column}_r", "label_for_charts": "exact"},
    ]
    levels.extend({"sql_condition": sql, "label_for_charts": label} for sql, label in extra)
    levels.append({"sql_condition": "ELSE", "label_for_charts": "all other"})
    return levels


def private_settings(present: set[str]) -> dict[str, Any]:
    """Splink settings for encoded frames (DuckDB SQL: list functions)."""
    comparisons: list[dict[str, Any]] = []

    def add(name: str, needs: str, levels: list[dict[str, Any]]) -> None:
        if needs in present:
            comparisons.append({"output_column_name": name, "comparison_levels": levels})

    add("name", "bf_name", _dice_levels("bf_name", (0.95, 0.85, 0.75, 0.6)))
    add(
        "birth_date",
        "bf_dob",
        [
            _dice_levels("bf_dob", ())[0],
            {"sql_condition": "p_dob_l = p_dob_r", "label_for_charts": "exact date"},
            {"sql_condition": "p_dob_l = p_dob_swap_r", "label_for_charts": "day/month swapped"},
            *_dice_levels("bf_dob", (0.8, 0.6))[1:],
        ],
    )
    add("address", "bf_addr", _dice_levels("bf_addr", (0.95, 0.8, 0.6)))
    add("id_number", "bf_id", _dice_levels("bf_id", (0.95, 0.7)))
    add("phone", "p_phone", _exact_levels("p_phone"))
    add("email", "p_email", _exact_levels("p_email"))
    add("sex", "p_sex", _exact_levels("p_sex"))
    add("nationality", "p_nat", _exact_levels("p_nat"))
    if {"bf_fn", "bf_dob"} <= present:
        comparisons.append(
            {
                "output_column_name": "different_person_guard",
                "comparison_levels": [
                    {
                        "sql_condition": (
                            "bf_fn_n_l IS NOT NULL AND bf_fn_n_r IS NOT NULL "
                            "AND bf_dob_n_l IS NOT NULL AND bf_dob_n_r IS NOT NULL AND NOT ("
                            + _dice_sql("bf_fn", 0.4)
                            + ") AND NOT ("
                            + _dice_sql("bf_dob", 0.6)
                            + ") AND COALESCE(p_dob_l <> p_dob_swap_r, TRUE)"
                            " AND COALESCE(b_tok_l <> b_tok_r, TRUE)"
                        ),
                        "label_for_charts": "other first name and other date of birth",
                        "m_probability": GUARD_M,
                        "u_probability": GUARD_U,
                        "fix_m_probability": True,
                        "fix_u_probability": True,
                    },
                    {
                        "sql_condition": "ELSE",
                        "label_for_charts": "all other",
                        "m_probability": 1.0,
                        "u_probability": 1.0,
                        "fix_m_probability": True,
                        "fix_u_probability": True,
                    },
                ],
            }
        )
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": comparisons,
        "blocking_rules_to_generate_predictions": rules_for(PRIVATE_BLOCKING_RULES, present),
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": ["source"] if "source" in present else [],
    }


PRIVATE_BLOCKING_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("l.b_fn = r.b_fn AND l.b_ln = r.b_ln", ("b_fn", "b_ln")),
    ("l.b_tok = r.b_tok", ("b_tok",)),
    ("l.b_ln = r.b_ln AND l.b_dob_y = r.b_dob_y", ("b_ln", "b_dob_y")),
    ("l.b_fn = r.b_fn AND l.b_dob_y = r.b_dob_y", ("b_fn", "b_dob_y")),
    ("l.p_dob = r.p_dob AND l.b_pc = r.b_pc", ("p_dob", "b_pc")),
    ("l.b_fn_ph = r.b_fn_ph AND l.b_ln_ph = r.b_ln_ph", ("b_fn_ph", "b_ln_ph")),
    ("l.p_dob = r.p_dob AND l.b_ln_ph = r.b_ln_ph", ("p_dob", "b_ln_ph")),
    ("l.p_dob = r.p_dob AND l.b_fn_ph = r.b_fn_ph", ("p_dob", "b_fn_ph")),
    ("l.p_phone = r.p_phone", ("p_phone",)),
    ("l.p_email = r.p_email", ("p_email",)),
    ("l.p_id = r.p_id", ("p_id",)),
    ("l.b_addr = r.b_addr", ("b_addr",)),
    ("l.b_pc = r.b_pc AND l.b_ln = r.b_ln", ("b_pc", "b_ln")),
    ("l.b_pc = r.b_pc AND l.b_fn = r.b_fn", ("b_pc", "b_fn")),
)
_PRIVATE_DETERMINISTIC = (
    ("l.b_fn = r.b_fn AND l.b_ln = r.b_ln AND l.p_dob = r.p_dob", ("b_fn", "b_ln", "p_dob")),
)
_PRIVATE_EM = (
    ("l.p_dob = r.p_dob", ("p_dob",)),
    ("l.b_fn = r.b_fn AND l.b_ln = r.b_ln", ("b_fn", "b_ln")),
)


def link_encoded(
    encoded: pd.DataFrame | Sequence[pd.DataFrame],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    seed: int = 5,
    keep_pairs: bool = False,
) -> LinkageResult:
    """Link encoded frames (from :func:`encode`, one or more organisations, same key) on the
    encodings only, with DuckDB."""
    frames = [encoded] if isinstance(encoded, pd.DataFrame) else list(encoded)
    frame = pd.concat(frames, ignore_index=True)
    missing = set(ENCODED_COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"not an encoded frame; missing {sorted(missing)}")
    unexpected = set(frame.columns) - set(ENCODED_COLUMNS)
    if unexpected:
        raise ValueError(f"encoded frames may hold nothing else; found {sorted(unexpected)}")
    feats = pd.DataFrame({"unique_id": frame["record_id"].astype(str), "source": frame["source"]})
    present: set[str] = set()
    for column in BLOOM_FIELDS:
        decoded = [_words(v) if isinstance(v, str) else None for v in frame[column]]
        for i in range(_WORDS):
            feats[f"{column}_{i}"] = pd.array(
                [d[0][i] if d else None for d in decoded], dtype="Int64"
            )
        feats[f"{column}_n"] = pd.array([d[1] if d else None for d in decoded], dtype="Int64")
        if any(d is not None for d in decoded):
            present.add(column)
    for column in PSEUDONYM_FIELDS:
        feats[column] = frame[column].astype(object).where(frame[column].notna(), None)
    present |= {c for c in PSEUDONYM_FIELDS if feats[c].notna().any()}
    if feats["source"].notna().any():
        present.add("source")
    return _run(
        feats,
        present,
        threshold,
        thresholds,
        "duckdb",
        None,
        None,
        seed,
        keep_pairs,
        settings=private_settings(present),
        deterministic=rules_for(_PRIVATE_DETERMINISTIC, present),
        em_rules=rules_for(_PRIVATE_EM, present),
    )


def dedupe_private(
    records: pd.DataFrame, keyring: KeyRing, *, threshold: float = DEFAULT_THRESHOLD, **kwargs: Any
) -> LinkageResult:
    """Encode ``records`` and link the encodings: the private mode of the CLI."""
    return link_encoded(encode(records, keyring), threshold=threshold, **kwargs)
