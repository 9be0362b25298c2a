"""Writing to the access log. Operations and views call these; nothing else writes entries."""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connections, models, router, transaction
from django.utils import timezone

from zicht.audit import sealing
from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead, Checkpoint, Purpose
from zicht.organisations.models import Membership

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User); the
    # accounts app sits in a layer above this one, so its model is not imported here.
    from django.contrib.auth.models import _User

GENESIS = "0" * 64
# The `sealed` detail of the log's own entries (action SEAL).
SEALED_LEGACY = "earlier entries"
SEALED_ALTERED_HEAD = "altered head"
SEALED_KEY_SWITCH = "key switch"


# The head hash this process last wrote, per database and key id: a hint that saves reading
# the head before each append. A stale hint (another process appended, or a transaction that
# wrote it rolled back) only makes the compare-and-swap below miss, and the head is then read
# locked. A new key has no hint, so the first append under it reads the head (and records the
# switch).
_head_hint: dict[tuple[str, str], str] = {}


def _link(entries: list[AccessLogEntry], previous: str, key: bytes) -> str:
    """Chain the entries after `previous` under `key`; returns the last entry's hash."""
    key_id = sealing.key_id(key)
    for entry in entries:
        entry.previous_hash = previous
        entry.key_id = key_id
        entry.entry_hash = previous = entry.compute_hash(key)
    return previous


def _move_head(alias: str, expected: str, last: str, key: bytes) -> bool:
    """Set the head to `last`, with its seal, if it is still `expected`; the update takes the
    row lock.

    Written as SQL: it is the statement every append runs, and the ORM spends ten times
    longer building it than the database needs to run it."""
    connection = connections[alias]
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_hash = %s, seal = %s WHERE id = 1 AND last_hash = %s",  # noqa: S608
            [last, sealing.head_seal(last, key), expected],
        )
        return cursor.rowcount == 1


def _altered_head(head: ChainHead) -> AccessLogEntry:
    """The log's own entry saying that the head it found did not carry its seal: someone
    moved it (say, back to an earlier entry after removing the newest ones). The chain goes
    on from there, and this entry keeps the finding in it."""
    return AccessLogEntry(
        at=timezone.now(),
        username="",
        action=AccessAction.SEAL,
        object_type=ChainHead._meta.label_lower,
        object_id=str(head.pk),
        detail={"sealed": SEALED_ALTERED_HEAD, "head": head.last_hash},
    )


def _key_switch(head: ChainHead, earlier: str, current: str) -> AccessLogEntry:
    """The log's own entry saying that from here on entries are hashed under another key: the
    head was sealed under ``earlier``, a key verification still knows (ZICHT_ACCESS_LOG_KEYS)."""
    return AccessLogEntry(
        at=timezone.now(),
        username="",
        action=AccessAction.SEAL,
        object_type=ChainHead._meta.label_lower,
        object_id=str(head.pk),
        detail={"sealed": SEALED_KEY_SWITCH, "from": earlier, "to": current},
    )


def _sealed_by(head: ChainHead) -> str | None:
    """The id of the known key whose seal the head carries (None: no known key's)."""
    for key_id, secret in sealing.known_keys().items():
        if hmac.compare_digest(head.seal, sealing.head_seal(head.last_hash, secret)):
            return key_id
    return None


def _append_all(entries: list[AccessLogEntry], *, read_head: bool = False) -> list[AccessLogEntry]:
    """Chain and store entries in order: one head update and one insert for all of them.

    The head row is the lock that serialises appends. With a hint of the head, one
    conditional update both checks it and takes the row lock (on PostgreSQL a waiting
    update re-reads the row, so a head moved by another transaction fails the condition);
    without one, or when the hint is stale, the head is read with ``select_for_update`` and
    its seal checked. Inside an operation's transaction no savepoint is made: a failure
    fails the operation.
    """
    if not entries and not read_head:
        return []
    key = sealing.key()
    current = sealing.key_id(key)
    alias = router.db_for_write(AccessLogEntry)
    with transaction.atomic(using=alias, savepoint=False):
        hint = None if read_head else _head_hint.get((alias, current))
        last = _link(entries, hint, key) if hint is not None else None
        if hint is None or last is None or not _move_head(alias, hint, last, key):
            head, _ = (
                ChainHead.objects.using(alias)
                .select_for_update()
                .get_or_create(
                    pk=1, defaults={"last_hash": GENESIS, "seal": sealing.head_seal(GENESIS, key)}
                )
            )
            sealed_by = _sealed_by(head)
            if sealed_by is None:
                entries = [_altered_head(head), *entries]
            elif sealed_by != current:
                entries = [_key_switch(head, sealed_by, current), *entries]
            if not entries:
                return []
            last = _link(entries, head.last_hash, key)
            _move_head(alias, head.last_hash, last, key)
        AccessLogEntry.objects.using(alias).bulk_create(entries)
    _head_hint[(alias, current)] = last
    return entries


def switch_key() -> AccessLogEntry | None:
    """Record that the log goes on under the current key (after ZICHT_ACCESS_LOG_KEY was
    changed and the old key moved to ZICHT_ACCESS_LOG_KEYS): the entry that says so, or None
    when the head is already sealed under the current key. The first append under a new key
    does the same; this makes the switch a step of its own (``rotate_access_log_key``)."""
    written = _append_all([], read_head=True)
    return written[0] if written else None


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


@dataclass(frozen=True)
class ChainBreak:
    """Where the log fails to verify: the first entry that does not (for a wrong end, the
    newest entry; 0 when there is none) and why."""

    entry_id: int
    reason: str


def _records_pruning(entry: AccessLogEntry, anchor: Checkpoint) -> bool:
    """Is this the log's own entry saying that everything up to ``anchor`` was removed?"""
    detail = entry.detail or {}
    return (
        entry.action == AccessAction.DELETE
        and entry.object_type == Checkpoint._meta.label_lower
        and detail.get("pruned_through") == anchor.entry_id
        and detail.get("hash") == anchor.entry_hash
    )


def _keyed_hash_matches(entry: AccessLogEntry, keys: dict[str, bytes]) -> bool | None:
    """Does the entry's hash match under its key? None when it names a key not known. An entry
    from before key ids matches under any known key (the current one is tried first)."""
    if entry.key_id:
        secret = keys.get(entry.key_id)
        if secret is None:
            return None
        return hmac.compare_digest(sealing.entry_hash(entry, secret), entry.entry_hash)
    return any(
        hmac.compare_digest(sealing.entry_hash(entry, secret), entry.entry_hash)
        for secret in keys.values()
    )


def _chain_of(first: AccessLogEntry | None, checkpoints: list[Checkpoint]) -> str:
    """Which log this is: the hash of its first entry ever (kept by the checkpoints once the
    first entry is gone)."""
    if checkpoints:
        return checkpoints[0].chain
    if first is not None and first.previous_hash == GENESIS:
        return first.entry_hash
    return ""


def check_chain(exported: Iterable[Checkpoint] = ()) -> ChainBreak | None:
    """Verify the whole log: every entry's link and keyed hash, the head against the chain's
    end, and the head's seal. Entries from before the log had a key verify by their plain
    SHA-256 only when the keyed entry that sealed them (action SEAL) follows them.

    Checkpoints: each must carry its seal and match the entry it names (hash and position). When
    the oldest entries were removed, the chain must follow a checkpoint and the removal must be
    recorded after it (``checkpoints.prune_through``). ``exported`` are the checkpoints from the
    file outside the database: each of this log must also be in the database, so a database put
    back to an earlier copy is seen."""
    keys = sealing.known_keys()
    checkpoints = list(Checkpoint.objects.order_by("entry_id"))
    for checkpoint in checkpoints:
        if not sealing.checkpoint_is_sealed(checkpoint, keys):
            return ChainBreak(
                checkpoint.entry_id, "the checkpoint at this entry does not carry its seal"
            )
    by_entry = {checkpoint.entry_id: checkpoint for checkpoint in checkpoints}
    first = AccessLogEntry.objects.order_by("id").first()
    previous, position, anchor = GENESIS, 0, None
    if first is not None and first.previous_hash != GENESIS:
        anchor = next(
            (c for c in reversed(checkpoints) if c.entry_hash == first.previous_hash),
            None,
        )
        if anchor is None or anchor.entry_id >= first.pk:
            return ChainBreak(
                first.pk, "the entries before it were removed, and no checkpoint anchors it"
            )
        previous, position = anchor.entry_hash, anchor.count
    pruning_recorded = anchor is None
    legacy_from: int | None = None  # the first of the unkeyed entries not yet sealed
    keyed = anchor is not None  # a keyed entry was seen: every later one is keyed too
    newest = 0
    for entry in AccessLogEntry.objects.order_by("id").iterator():
        newest = entry.pk
        position += 1
        if entry.previous_hash != previous:
            return ChainBreak(entry.pk, "it does not follow the entry before it")
        sealed = (entry.detail or {}).get("sealed") if entry.action == AccessAction.SEAL else None
        matches = _keyed_hash_matches(entry, keys)
        if matches is None:
            return ChainBreak(
                entry.pk,
                f"it was hashed under a key that is not known (key id {entry.key_id}): add the"
                " earlier key to ZICHT_ACCESS_LOG_KEYS",
            )
        if matches:
            if sealed == SEALED_ALTERED_HEAD:
                return ChainBreak(
                    entry.pk,
                    "when it was written the head had been altered: newer entries may have"
                    " been removed before it",
                )
            if legacy_from is not None and sealed != SEALED_LEGACY:
                return ChainBreak(legacy_from, "its hash is not keyed and nothing seals it")
            legacy_from, keyed = None, True
        elif not keyed and hmac.compare_digest(sealing.legacy_hash(entry), entry.entry_hash):
            legacy_from = legacy_from or entry.pk
        else:
            return ChainBreak(entry.pk, "its hash does not match its content")
        at_entry = by_entry.get(entry.pk)
        if at_entry is not None and (
            at_entry.entry_hash != entry.entry_hash or at_entry.count != position
        ):
            return ChainBreak(
                entry.pk,
                "the checkpoint at this entry does not match the chain: entries before it"
                " were removed or inserted",
            )
        if anchor is not None and not pruning_recorded:
            pruning_recorded = _records_pruning(entry, anchor)
        previous = entry.entry_hash
    if legacy_from is not None:
        return ChainBreak(legacy_from, "its hash is not keyed and nothing seals it")
    if checkpoints and checkpoints[-1].entry_id > newest:
        return ChainBreak(
            newest, "a checkpoint names an entry after the chain's end: newer entries were removed"
        )
    if first is not None and not pruning_recorded:
        return ChainBreak(
            first.pk, "the entries before it were removed, and the log does not record it"
        )
    head = ChainHead.objects.filter(pk=1).first()
    if head is None:  # every database has one since the migration that sealed the log
        return ChainBreak(newest, "the log has no head: it was removed")
    if head.last_hash != previous:
        return ChainBreak(
            newest, "the head names another end of the chain: newer entries were removed"
        )
    if _sealed_by(head) is None:
        return ChainBreak(newest, "the head's seal does not match: the head was altered")
    return _check_exported(exported, _chain_of(first, checkpoints), by_entry, keys)


def _check_exported(
    exported: Iterable[Checkpoint],
    chain: str,
    by_entry: dict[int, Checkpoint],
    keys: dict[str, bytes],
) -> ChainBreak | None:
    """Every exported checkpoint of this log is in the database as it was written."""
    for outside in exported:
        if not sealing.checkpoint_is_sealed(outside, keys):
            return ChainBreak(outside.entry_id, "a checkpoint in the file does not carry its seal")
        if outside.chain != chain:
            continue  # another log's (a database made afresh, another installation)
        inside = by_entry.get(outside.entry_id)
        if inside is None or (inside.entry_hash, inside.count) != (
            outside.entry_hash,
            outside.count,
        ):
            return ChainBreak(
                outside.entry_id,
                "the file's checkpoint at this entry is not in the database: the database was"
                " put back to an earlier copy, or the checkpoint was removed",
            )
    return None


def verify_chain() -> int | None:
    """None if the log verifies, else the id of the entry where it breaks (``check_chain``)."""
    found = check_chain()
    return None if found is None else found.entry_id
