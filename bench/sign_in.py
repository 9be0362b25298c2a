"""Where the time of a sign-in goes: the two screens (password, then the six-digit code).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zicht_bench_sign_in \\
        uv run python bench/sign_in.py [RUNS=15]

Runs with the production settings (``zicht.settings``: the real password hasher,
django-axes, sessions in the database), against Django's test client, for one user with
a confirmed authenticator app. Each run signs out, opens the sign-in page, posts the
password, opens the code page and posts the current code. Prints the median and p90 of
each request in milliseconds, and the median of one password check alone, which is what
the password screen costs beyond its queries.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")
if "DATABASE_URL" not in os.environ:
    sys.exit("set DATABASE_URL to a PostgreSQL database for the benchmark")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import get_hasher  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

USERNAME = "bench.sign_in"
PASSWORD = "a-long-bench-password-2026"
KEY = "3132333435363738393031323334353637383930"


def _user() -> TOTPDevice:
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.set_password(PASSWORD)  # with the hasher configured now
    user.save()
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name="bench", defaults={"key": KEY, "confirmed": True}
    )
    return device


def _timed(samples: dict[str, list[float]], name: str, call: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = call()
    samples.setdefault(name, []).append((time.perf_counter() - start) * 1000)
    return result


def _p90(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.9 * len(values)) - 1)]


def main(runs: int) -> None:
    call_command("migrate", verbosity=0)
    device = _user()
    client = Client(HTTP_HOST="127.0.0.1")
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        client.logout()
        # A code is accepted once (django-otp refuses a replay); the bench reuses it.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        _timed(samples, "GET  password page", lambda: client.get("/account/inloggen/"))
        response = _timed(
            samples,
            "POST password",
            lambda: client.post("/account/inloggen/", {"username": USERNAME, "password": PASSWORD}),
        )
        assert response.status_code == 302, response  # type: ignore[attr-defined]
        _timed(samples, "GET  code page", lambda: client.get("/account/verificatie/"))
        code = f"{totp(bytes.fromhex(KEY)):06d}"
        response = _timed(
            samples,
            "POST code",
            lambda code=code: client.post("/account/verificatie/", {"token": code}),
        )
        assert response.status_code == 302, response  # type: ignore[attr-defined]
    user = get_user_model().objects.get(username=USERNAME)
    for _ in range(runs):
        _timed(samples, "one password check", lambda: user.check_password(PASSWORD))
    hasher = get_hasher()
    print(f"hasher {hasher.algorithm} {hasher.safe_summary(user.password)}; {runs} runs")
    print(f"{'step':<22} {'median ms':>10} {'p90 ms':>8}")
    for name, values in samples.items():
        print(f"{name:<22} {statistics.median(values):>10.1f} {_p90(values):>8.1f}")
    screens = [
        a + b for a, b in zip(samples["POST password"], samples["GET  code page"], strict=True)
    ]
    print(f"{'password screen total':<22} {statistics.median(screens):>10.1f}")
    print(f"settings.PASSWORD_HASHERS[0] = {settings.PASSWORD_HASHERS[0]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
