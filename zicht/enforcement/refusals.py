"""The refusal an operation of the administrative approach raises: the reason, translated,
for the page to show; nothing was changed."""

from __future__ import annotations


class EnforcementRefused(Exception):
    pass


class NotFound(Exception):
    """The object does not exist or the acting membership may not see it."""
