"""What a production installation must set, in one list, and the check that stops start-up
without it.

`REQUIRED_IN_PRODUCTION` is the one place that names the required environment variables;
docs/architecture.md's settings table marks the same ones "required" (a test compares them).
With `ZICHT_ENV=production` the system check `zicht.E001` reports every variable that is
missing or unusable, all at once, so a deployment learns everything it lacks in one start.
`manage.py` commands run it (migrate, runserver, check, db_worker), and the WSGI and ASGI entry
points run every check tagged `PRODUCTION_TAG` before they serve a request (`refuse_to_start`).

An app whose setting needs more than presence (a key that must parse) registers its own check
with the tag `PRODUCTION_TAG` and adds its variable here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

PRODUCTION_TAG = "zicht_production"


@dataclass(frozen=True)
class Required:
    """Environment variables of which at least one must be set, and why."""

    variables: tuple[str, ...]
    why: str
    # A problem with the value ("must point to PostgreSQL"), or None when it will do.
    problem: Callable[[str], str | None] | None = None


def _postgresql(url: str) -> str | None:
    if url.split("://", 1)[0] in {"postgres", "postgresql", "pgsql"}:
        return None
    return "must point to PostgreSQL (the access log is append-only only there)"


REQUIRED_IN_PRODUCTION: tuple[Required, ...] = (
    Required(("ZICHT_SECRET_KEY",), "signs sessions, CSRF tokens and portal challenges"),
    Required(("DATABASE_URL",), "the PostgreSQL database", _postgresql),
    Required(("ZICHT_ALLOWED_HOSTS",), "the host names zicht answers to"),
    Required(("ZICHT_SITE_URL",), "the address in links in e-mails"),
    Required(
        ("ZICHT_ACCESS_LOG_KEY",),
        "the key that seals the access log, kept outside the database (after a rotation the"
        " earlier keys go in ZICHT_ACCESS_LOG_KEYS, which is not required)",
    ),
    Required(
        ("ZICHT_PSEUDONYM_KEYS", "ZICHT_PSEUDONYM_KEY_FILE"),
        "the keys of the pseudonym register; without them every report fails",
    ),
)


def missing(environ: Mapping[str, str]) -> list[str]:
    """One sentence per required setting that is absent or unusable."""
    found = []
    for required in REQUIRED_IN_PRODUCTION:
        given = [name for name in required.variables if environ.get(name, "").strip()]
        names = " or ".join(required.variables)
        if not given:
            found.append(f"{names} is not set ({required.why})")
            continue
        problem = required.problem and required.problem(environ[given[0]].strip())
        if problem:
            found.append(f"{given[0]} {problem}")
    return found


@checks.register(PRODUCTION_TAG)
def check_required_settings(app_configs: object = None, **kwargs: object) -> list[checks.Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    return [
        checks.Error(
            problem,
            hint="See the settings table in docs/architecture.md.",
            id="zicht.E001",
        )
        for problem in missing(os.environ)
    ]


def refuse_to_start() -> None:
    """Run by wsgi.py and asgi.py: a server that is not configured does not start (gunicorn
    runs no system checks of its own)."""
    errors = [
        message for message in checks.run_checks(tags=[PRODUCTION_TAG]) if message.is_serious()
    ]
    if errors:
        lines = "\n".join(f"- {error.msg}" for error in errors)
        raise ImproperlyConfigured(f"zicht cannot start in production:\n{lines}")
