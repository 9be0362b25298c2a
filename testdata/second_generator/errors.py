"""How a clerk, a form or a scanner gets a value wrong: keyboard slips, scanner confusions,
Dutch ears respelling a foreign name, and the ways one value is written differently.

Every function takes a ``random.Random`` and a string and returns a string; none of them
looks at how the linkage engine compares values."""

from __future__ import annotations

import random
import unicodedata

# Neighbouring keys on a QWERTY keyboard (Dutch keyboards are QWERTY).
_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _key in enumerate(_row):
        near = []
        for dr in (-1, 0, 1):
            rr = _r + dr
            if 0 <= rr < len(_ROWS):
                for dc in (-1, 0, 1):
                    cc = _c + dc + (0 if dr == 0 else (1 if dr < 0 else 0))
                    if (dr, dc) != (0, 0) and 0 <= cc < len(_ROWS[rr]):
                        near.append(_ROWS[rr][cc])
        _NEIGHBOURS[_key] = "".join(sorted(set(near) - {_key}))

# What a scanner or a tired eye reads for what (both ways round).
_LOOKALIKES = (
    ("rn", "m"),
    ("cl", "d"),
    ("vv", "w"),
    ("li", "h"),
    ("e", "c"),
    ("n", "h"),
    ("u", "v"),
    ("i", "l"),
    ("0", "o"),
    ("1", "l"),
    ("5", "s"),
    ("8", "b"),
)


def _keep_case(original: str, new: str) -> str:
    return new.upper() if original.isupper() else new


def keyboard_slip(rng: random.Random, value: str) -> str:
    """One slip of the fingers: a neighbouring key, a key twice, a key left out, or two keys
    in the wrong order. Letters only, never the first letter more often than the others."""
    letters = [i for i, ch in enumerate(value) if ch.isalnum()]
    if len(letters) < 3:
        return value
    i = rng.choice(letters)
    kind = rng.random()
    ch = value[i]
    if kind < 0.35:
        options = _NEIGHBOURS.get(ch.lower(), "")
        if not options:
            return value
        return value[:i] + _keep_case(ch, rng.choice(options)) + value[i + 1 :]
    if kind < 0.55:
        return value[:i] + ch + value[i:]
    if kind < 0.8:
        return value[:i] + value[i + 1 :]
    j = i + 1
    if j >= len(value) or not value[j].isalnum():
        return value
    return value[:i] + value[j] + value[i] + value[j + 1 :]


def scanner_confusion(rng: random.Random, value: str) -> str:
    """A character group read as a look-alike (rn for m, cl for d, 0 for o)."""
    low = value.lower()
    found = [(a, b) for a, b in _LOOKALIKES if a in low] + [
        (b, a) for a, b in _LOOKALIKES if b in low
    ]
    if not found:
        return keyboard_slip(rng, value)
    a, b = rng.choice(found)
    at = low.find(a)
    return value[:at] + _keep_case(value[at : at + len(a)], b) + value[at + len(a) :]


# A Dutch clerk writing down a name heard aloud: spellings that sound the same to Dutch ears.
_DUTCH_EAR = (
    ("ij", "ei"),
    ("ei", "ij"),
    ("au", "ou"),
    ("ou", "au"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("c", "k"),
    ("k", "c"),
    ("dt", "t"),
    ("d", "t"),
    ("y", "ij"),
    ("ie", "i"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("uu", "u"),
    ("z", "s"),
    ("s", "z"),
    ("v", "f"),
    ("w", "v"),
    ("sch", "s"),
    ("x", "ks"),
    ("ks", "x"),
    ("g", "ch"),
)


def dutch_ear(rng: random.Random, value: str) -> str:
    """One respelling that sounds alike to a Dutch listener."""
    low = value.lower()
    found = [(a, b) for a, b in _DUTCH_EAR if a in low[1:]]  # rarely the first letter
    if not found:
        return value
    a, b = rng.choice(found)
    at = low.find(a, 1)
    return value[:at] + _keep_case(value[at : at + len(a)], b) + value[at + len(a) :]


def fold_diacritics(value: str) -> str:
    """Letters without their accents, as typed on a keyboard without them (ł and ı too)."""
    special = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ø": "o", "ß": "ss"})
    decomposed = unicodedata.normalize("NFKD", value.translate(special))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def letter_case(rng: random.Random, value: str, capitals: float = 0.15) -> str:
    """Written in capitals, in lower case, or as given."""
    x = rng.random()
    if x < capitals:
        return value.upper()
    if x < capitals + 0.04:
        return value.lower()
    return value


def truncate(value: str, length: int) -> str:
    """A form field that keeps only the first ``length`` characters."""
    return value[:length]


def apply_one(rng: random.Random, value: str, sources: dict[str, float]) -> str:
    """Apply one error process, chosen with the given weights."""
    processes = {"keyboard": keyboard_slip, "scanner": scanner_confusion, "ear": dutch_ear}
    names = list(sources)
    chosen = rng.choices(names, weights=[sources[n] for n in names])[0]
    return processes[chosen](rng, value)


def digit_slip(rng: random.Random, digits: str) -> str:
    """One digit of a number changed to a neighbour on the keypad or two digits swapped."""
    positions = [i for i, ch in enumerate(digits) if ch.isdigit()]
    if not positions:
        return digits
    i = rng.choice(positions)
    if rng.random() < 0.3 and i + 1 < len(digits) and digits[i + 1].isdigit():
        return digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
    keypad = {
        "0": "89",
        "1": "247",
        "2": "1358",
        "3": "26",
        "4": "157",
        "5": "24680",
        "6": "359",
        "7": "148",
        "8": "5790",
        "9": "68",
    }
    return digits[:i] + rng.choice(keypad[digits[i]]) + digits[i + 1 :]
