"""Score one candidate pair of person records with the linkage model, without a database.

For the web app's "already known?" check: candidates found by exact pseudonyms or a trigram
search are ranked by the match weight of the trained Splink model (a saved model JSON), or by
the default weights below when no model has been trained yet.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zicht.matching import comparisons as cmp
from zicht.matching import features as feat
from zicht.matching import normalise as n
from zicht.matching import term_frequencies as tf

__all__ = [
    "DEFAULT_WEIGHTS",
    "ModelWeights",
    "PairScore",
    "load_weights",
    "record_features",
    "score_candidates",
    "score_pair",
]

#: Default Bayes factors (m/u) per comparison level, used without a trained model: rounded
#: from a model trained on 10,000 synthetic Dutch records (docs/linkage.md). Levels not listed
#: count as neutral (1.0).
DEFAULT_WEIGHTS: dict[str, dict[str, float]] = {
    "name": {
        "exact first name and surname": 4700.0,
        "same transliteration keys": 4900.0,
        "first name and surname swapped": 5000.0,
        "both names within 1 edit(s), either order": 2500.0,
        "same phonetic codes": 1500.0,
        "both names within 2 edit(s), either order": 68.0,
        "same first name, one surname inside the other": 30.0,
        "same surname, other first name": 1.1,
        "same first name, other surname": 3.3,
        "all other": 0.026,
    },
    "birth_date": {
        "exact date": 4600.0,
        "day and month swapped": 2000.0,
        "partial date agrees": 41.0,
        "one digit differs": 110.0,
        "same year": 0.8,
        "all other": 0.058,
    },
    "phone": {"exact": 4500.0, "same number, another country code": 1000.0, "all other": 0.17},
    "address": {"same postcode and house number": 4000.0, "same city": 0.33, "all other": 0.26},
    "email": {"exact": 1500.0, "all other": 0.001},
    "id_number": {"exact": 1700.0, "all other": 0.001},
    "sex": {"exact": 1.8, "all other": 0.016},
    "nationality": {"exact": 6.0, "all other": 0.075},
    "different_person_guard": {
        "other first name and other date of birth": cmp.GUARD_M / cmp.GUARD_U,
        cmp.GUARD_NO_DATE_LABEL: cmp.GUARD_NO_DATE_M / cmp.GUARD_NO_DATE_U,
        cmp.GUARD_SURNAME_LABEL: cmp.GUARD_SURNAME_M / cmp.GUARD_SURNAME_U,
        cmp.GUARD_TWIN_LABEL: cmp.GUARD_TWIN_M / cmp.GUARD_TWIN_U,
        "all other": 1.0,
    },
}
DEFAULT_PRIOR = 1e-4  # probability that two random records are the same person


#: Comparisons that are not evidence of their own beside a name: many share them.
_WEAK_EVIDENCE = frozenset({"sex", "nationality"})


@dataclass(frozen=True)
class PairScore:
    match_weight: float
    match_probability: float
    levels: dict[str, str]  # comparison → label of the level the pair fell into
    evidence: frozenset[str] = frozenset()  # comparisons whose level weighs for a match

    @property
    def rests_on_name_alone(self) -> bool:
        """The name is the only evidence for the match: no date of birth, phone, address,
        e-mail or identity number agrees (they are missing or differ)."""
        return "name" in self.evidence and not (self.evidence - _WEAK_EVIDENCE - {"name"})


@dataclass(frozen=True)
class ModelWeights:
    """What a model scores with: Bayes factors per comparison level, the prior, and the
    term frequencies (zicht.matching.term_frequencies) of the records it was trained on."""

    bayes_factors: Mapping[str, Mapping[str, float]]
    prior: float
    frequencies: Mapping[str, Any] | None = None


def load_weights(
    model: Mapping[str, Any] | str | Path,
) -> tuple[dict[str, dict[str, float]], float]:
    """Bayes factors per comparison level and the prior from a saved Splink model."""
    loaded = _model_weights(model)
    return dict(loaded.bayes_factors), loaded.prior  # type: ignore[arg-type]


def _model_weights(model: Mapping[str, Any] | str | Path) -> ModelWeights:
    data = json.loads(Path(model).read_text()) if isinstance(model, str | Path) else model
    weights: dict[str, dict[str, float]] = {}
    for comparison in data["comparisons"]:
        levels = {}
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level") or not m or not u:
                continue
            levels[level.get("label_for_charts", level["sql_condition"])] = m / u
        weights[comparison["output_column_name"]] = levels
    return ModelWeights(
        weights,
        float(data.get("probability_two_random_records_match", DEFAULT_PRIOR)),
        data.get(tf.MODEL_KEY),
    )


def _memo(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Cache a per-value feature function for text input: the same names, dates and postcodes
    come back in look-up after look-up."""
    cached = functools.lru_cache(maxsize=1 << 16)(func)

    def call(value: Any) -> Any:
        return cached(value) if isinstance(value, str) else func(value)

    return call


_first_name = _memo(feat.first_name_features)
_surname = _memo(feat.surname_features)
_dob = _memo(feat.dob_features)
_sex = _memo(n.normalise_sex)
_nationality = _memo(n.normalise_nationality)
_phone = _memo(feat.phone_feature)
_postcode = _memo(n.normalise_postcode)
_house_number = _memo(n.normalise_house_number)
_street = _memo(n.normalise_street)
_city = _memo(feat.city_feature)
_email = _memo(n.normalise_email)
_document = _memo(n.normalise_document_number)


#: Input column → the features made from it.
_FEATURES_OF = {
    "first_name": ("fn1", "fn_key", "fn_ph"),
    "last_name": ("ln", "ln_key", "ln_ph"),
    "birth_date": ("dob", "dob_swap", "dob_y", "dob_ym"),
    "sex": ("sex",),
    "nationality": ("nat",),
    "phone": ("phone",),
    "postcode": ("pc",),
    "house_number": ("hn",),
    "street": ("street",),
    "city": ("city",),
    "email": ("email",),
    "id_number": ("id_no",),
}


def record_features(
    record: Mapping[str, Any], skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The feature row of one record (a dict with the CLI's column names), without pandas:
    the same values as the row :func:`zicht.matching.features.features` gives for it, built from
    the same per-value rules (a test compares the two on synthetic records). Input columns in
    `skip` are read as empty."""

    def _value(name: str) -> Any:
        value = None if name in skip else record.get(name)
        return None if value is None or (isinstance(value, float) and value != value) else value

    source = _value("source")
    fn1, fn_key, fn_ph = _first_name(_value("first_name"))
    ln, ln_key, ln_ph = _surname(_value("last_name"))
    dob, dob_swap, dob_y, dob_ym = _dob(_value("birth_date"))
    pc = _postcode(_value("postcode"))
    hn = feat.house_feature(_house_number(_value("house_number")))
    return {
        "unique_id": str(_value("record_id")),
        "source": None if source is None else str(source).strip(),
        "fn1": fn1,
        "fn_key": fn_key,
        "fn_ph": fn_ph,
        "ln": ln,
        "ln_key": ln_key,
        "ln_ph": ln_ph,
        "name_tok": feat.name_token(fn_key, ln_key),
        "dob": dob,
        "dob_swap": dob_swap,
        "dob_y": dob_y,
        "dob_ym": dob_ym,
        "sex": _sex(_value("sex")),
        "nat": _nationality(_value("nationality")),
        "phone": _phone(_value("phone")),
        "pc": pc,
        "hn": hn,
        "addr": feat.address_feature(pc, hn),
        "street": _street(_value("street")),
        "city": _city(_value("city")),
        "email": _email(_value("email")),
        "id_no": _document(_value("id_number")),
    }


def _score_features(
    fa: Mapping[str, Any],
    fb: Mapping[str, Any],
    weights: Mapping[str, Mapping[str, float]],
    prior: float,
    frequencies: Mapping[str, Any] | None = None,
) -> PairScore:
    total = math.log2(prior / (1 - prior))
    chosen: dict[str, str] = {}
    evidence = set()
    for spec in cmp.ALL_COMPARISONS:
        if spec.name not in weights:
            continue
        for level in spec.levels:
            if level.test(fa, fb):
                chosen[spec.name] = level.label
                if not level.is_null:
                    bf = weights[spec.name].get(level.label, 1.0)
                    total += math.log2(bf)
                    if bf > 1.0:
                        evidence.add(spec.name)
                break
    total += tf.pair_adjustment(chosen, fa, fb, frequencies)
    probability = 1.0 / (1.0 + 2.0 ** (-total))
    return PairScore(total, probability, chosen, frozenset(evidence))


@functools.lru_cache(maxsize=8)
def _saved_weights(path: str, modified: int) -> ModelWeights:
    return _model_weights(path)


def _weights(model: Mapping[str, Any] | str | Path | None) -> ModelWeights:
    if model is None:
        return ModelWeights(DEFAULT_WEIGHTS, DEFAULT_PRIOR)
    if isinstance(model, str | Path):  # read once per version of the file
        return _saved_weights(str(model), Path(model).stat().st_mtime_ns)
    return _model_weights(model)


def score_pair(
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    model: Mapping[str, Any] | str | Path | None = None,
) -> PairScore:
    """Match weight and probability of two person records given as dicts with the CLI's
    column names (raw values; they are normalised here)."""
    return score_candidates(a, [b], model)[0]


def score_candidates(
    record: Mapping[str, Any],
    candidates: list[Mapping[str, Any]],
    model: Mapping[str, Any] | str | Path | None = None,
) -> list[PairScore]:
    """Score one record against many candidates, normalising all of them in one pass
    (the known-check ranks its candidates with this)."""
    if not candidates:
        return []
    weights = _weights(model)
    mine = record_features(record)
    # Every comparison level needs a feature on both sides (or is the null level when one
    # side lacks it), so what the record lacks is not worth normalising in the candidates.
    lacking = frozenset(
        column
        for column, features in _FEATURES_OF.items()
        if all(mine[feature] is None for feature in features)
    )
    return [
        _score_features(
            mine,
            record_features(other, lacking),
            weights.bayes_factors,
            weights.prior,
            weights.frequencies,
        )
        for other in candidates
    ]
