"""A user's own choices: the interface language, which is also the language of the
notifications that user receives (zicht/notifications/delivery.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zicht.accounts.models import STAFF_LANGUAGES

if TYPE_CHECKING:
    from zicht.accounts.models import User


def choose_language(*, user: User, language: str) -> bool:
    """Remember `language` as the user's language; False (nothing changed) for a language
    the staff interface does not offer."""
    if language not in dict(STAFF_LANGUAGES):
        return False
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return True
