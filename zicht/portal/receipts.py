"""Receipt codes and secrets: short, unambiguous, and only the secret's hash is kept."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

# No 0/O, 1/I/L, U/V look-alikes: easy to read aloud and to copy from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 8  # 29**8 ≈ 5·10^11; the code alone opens nothing
SECRET_LENGTH = 16  # 29**16 ≈ 2^77: high entropy, so a moderate scrypt suffices

# The secret has about 77 bits from the operating system's random source, so
# guessing is hopeless whatever the hash costs; scrypt with modest parameters
# (1 MB, a few milliseconds) still makes a stolen table useless to test against,
# without slowing every submission. Parameters are stored with each hash.
_N, _R, _P = 2**10, 8, 1
_PATTERN = re.compile(r"[^0-9A-Z]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def normalise(value: str) -> str:
    """What the reporter typed, without spaces, dashes or case."""
    return _PATTERN.sub("", (value or "").upper())


def is_well_formed(value: str, length: int) -> bool:
    return len(value) == length and all(char in ALPHABET for char in value)


def group(value: str, size: int = 4) -> str:
    return "-".join(value[i : i + size] for i in range(0, len(value), size))


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encoded_salt = base64.b64encode(salt).decode()
    return f"scrypt${_N}${_R}${_P}${encoded_salt}${base64.b64encode(digest).decode()}"


def check_secret(secret: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            secret.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


# A fixed hash to check against when the code is unknown, so that an unknown
# code and a wrong secret take the same time.
DUMMY_HASH = hash_secret(new_secret())
