"""Writing to the access log. Operations and views call these; nothing else writes entries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import connections, models, router, transaction
from django.utils import timezone

from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead, Purpose
from zicht.organisations.models import Membership

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User); the
    # accounts app sits in a layer above this one, so its model is not imported here.
    from django.contrib.auth.models import _User

GENESIS = "0" * 64


# The head hash this process last wrote, per database: a hint that saves reading the head
# before each append. A stale hint (another process appended, or a transaction that wrote it
# rolled back) only makes the compare-and-swap below miss, and the head is then read locked.
_head_hint: dict[str, str] = {}


def _link(entries: list[AccessLogEntry], previous: str) -> str:
    """Chain the entries after `previous`; returns the last entry's hash."""
    for entry in entries:
        entry.previous_hash = previous
        entry.entry_hash = previous = entry.compute_hash()
    return previous


def _move_head(alias: str, expected: str, last: str) -> bool:
    """Set the head to `last` if it is still `expected`; the update takes the row lock.

    Written as SQL: it is the statement every append runs, and the ORM spends ten times
    longer building it than the database needs to run it."""
    connection = connections[alias]
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_hash = %s WHERE id = 1 AND last_hash = %s",  # noqa: S608
            [last, expected],
        )
        return cursor.rowcount == 1


def _append_all(entries: list[AccessLogEntry]) -> None:
    """Chain and store entries in order: one head update and one insert for all of them.

    The head row is the lock that serialises appends. With a hint of the head, one
    conditional update both checks it and takes the row lock (on PostgreSQL a waiting
    update re-reads the row, so a head moved by another transaction fails the condition);
    without one, or when the hint is stale, the head is read with ``select_for_update``.
    Inside an operation's transaction no savepoint is made: a failure fails the operation.
    """
    if not entries:
        return
    alias = router.db_for_write(AccessLogEntry)
    with transaction.atomic(using=alias, savepoint=False):
        hint = _head_hint.get(alias)
        last = _link(entries, hint) if hint is not None else None
        if hint is None or last is None or not _move_head(alias, hint, last):
            head, _ = (
                ChainHead.objects.using(alias)
                .select_for_update()
                .get_or_create(pk=1, defaults={"last_hash": GENESIS})
            )
            last = _link(entries, head.last_hash)
            _move_head(alias, head.last_hash, last)
        AccessLogEntry.objects.using(alias).bulk_create(entries)
    _head_hint[alias] = last


def _entry(
    *,
    membership: Membership | None,
    user: _User | None = None,
    action: str,
    object_type: str,
    object_id: str,
    person_ids: Iterable[int] = (),
    purpose: Purpose | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLogEntry:
    user = user if user is not None else getattr(membership, "user", None)
    return AccessLogEntry(
        at=timezone.now(),
        user=user,
        username=getattr(user, "username", "") or "",
        organisation_name=membership.organisation.name if membership else "",
        role=membership.role if membership else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        person_ids=sorted(set(person_ids)),
        purpose=str(purpose) if purpose else "",
        detail=detail or {},
    )


def _describe(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def record_read(
    *,
    membership: Membership,
    obj: models.Model,
    person_ids: Iterable[int] = (),
    purpose: Purpose | None = None,
) -> AccessLogEntry:
    object_type, object_id = _describe(obj)
    entry = _entry(
        membership=membership,
        action=AccessAction.READ,
        object_type=object_type,
        object_id=object_id,
        person_ids=person_ids,
        purpose=purpose,
    )
    _append_all([entry])
    return entry


def record_change(
    *,
    membership: Membership | None,
    action: str,
    obj: models.Model,
    person_ids: Iterable[int] = (),
    purpose: Purpose | None = None,
    detail: dict[str, Any] | None = None,
    user: _User | None = None,
) -> AccessLogEntry:
    object_type, object_id = _describe(obj)
    entry = _entry(
        membership=membership,
        user=user,
        action=action,
        object_type=object_type,
        object_id=object_id,
        person_ids=person_ids,
        purpose=purpose,
        detail=detail,
    )
    _append_all([entry])
    return entry


def record_changes(
    *,
    membership: Membership | None,
    action: str,
    objs: Iterable[models.Model],
    purpose: Purpose | None = None,
    detail: dict[str, Any] | None = None,
    user: _User | None = None,
) -> list[AccessLogEntry]:
    """One entry per record, appended as one batch (one head update, one insert)."""
    entries = [
        _entry(
            membership=membership,
            user=user,
            action=action,
            object_type=object_type,
            object_id=object_id,
            purpose=purpose,
            detail=detail,
        )
        for object_type, object_id in map(_describe, objs)
    ]
    _append_all(entries)
    return entries


def verify_chain() -> int | None:
    """Return the id of the first entry whose hash does not match, or None if intact."""
    previous = GENESIS
    for entry in AccessLogEntry.objects.order_by("id").iterator():
        if entry.previous_hash != previous or entry.compute_hash() != entry.entry_hash:
            return entry.pk
        previous = entry.entry_hash
    return None
