"""Checkpoints of the access log, and removing its oldest part when its retention ends.

A checkpoint anchors the chain at its newest entry: that entry's id and hash, its position in
the chain (counted from the first entry the log ever had) and the time, under a keyed seal. The
nightly run writes one (``zicht.privacy.nightly``), as does a key rotation. Each is kept in the
database and appended, as one JSON line, to a file outside it
(``ZICHT_ACCESS_LOG_CHECKPOINT_FILE``), where whoever puts the database back to an earlier copy
cannot take it back.

Entries older than the retention period are removed only up to a checkpoint, and the removal
is itself a keyed entry that names the checkpoint. ``log.check_chain`` then verifies from that
checkpoint: the surviving chain must follow it, and the removal must be recorded after it. A
removal without that entry, of any other part of the log, is still reported.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.utils import timezone

from zicht.audit import sealing
from zicht.audit.log import GENESIS, record_change
from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead, Checkpoint, Purpose

logger = logging.getLogger(__name__)

# The setting the append-only trigger reads (migration 0006): entries up to this id may be
# deleted in the transaction that sets it, and no others.
PRUNE_SETTING = "zicht.access_log_prune_through"


def write_checkpoint() -> Checkpoint | None:
    """Anchor the chain at its newest entry (None for an empty log; the same checkpoint when
    nothing was written since the last one). Appends wait meanwhile (the head's lock), so the
    newest entry is the head's."""
    key = sealing.key()
    alias = router.db_for_write(Checkpoint)
    with transaction.atomic(using=alias):
        list(ChainHead.objects.using(alias).select_for_update().filter(pk=1))
        entries = AccessLogEntry.objects.using(alias)
        newest = entries.order_by("-id").first()
        if newest is None:
            return None
        last = Checkpoint.objects.using(alias).order_by("-entry_id").first()
        if last is not None and last.entry_id == newest.pk:
            return last
        if last is None:
            first = entries.order_by("id").first()
            assert first is not None  # there is a newest entry
            chain = first.entry_hash if first.previous_hash == GENESIS else first.previous_hash
            count = entries.filter(id__lte=newest.pk).count()
        else:
            chain = last.chain
            count = last.count + entries.filter(id__gt=last.entry_id, id__lte=newest.pk).count()
        checkpoint = Checkpoint(
            chain=chain,
            entry_id=newest.pk,
            entry_hash=newest.entry_hash,
            count=count,
            at=timezone.now(),
            key_id=sealing.key_id(key),
        )
        checkpoint.seal = sealing.seal_checkpoint(checkpoint, key)
        checkpoint.save(using=alias)
        # After commit: a rolled-back checkpoint is not exported. A file that cannot be
        # written is logged (robust) and does not undo the checkpoint in the database.
        transaction.on_commit(functools.partial(export, checkpoint), using=alias, robust=True)
    return checkpoint


def checkpoint_file() -> Path | None:
    configured = getattr(settings, "ZICHT_ACCESS_LOG_CHECKPOINT_FILE", "")
    return Path(configured) if configured else None


def export(checkpoint: Checkpoint) -> None:
    """Append the checkpoint to the file outside the database, and make sure it is on disk."""
    path = checkpoint_file()
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(checkpoint.as_record(), sort_keys=True) + "\n")
        file.flush()
        os.fsync(file.fileno())
    logger.info("access log checkpoint at entry %s exported", checkpoint.entry_id)


def exported(path: Path | None = None) -> Iterator[Checkpoint]:
    """The checkpoints in the file (the configured one unless ``path``), as unsaved rows. A line
    that does not parse is yielded as a checkpoint that cannot carry a seal."""
    path = path or checkpoint_file()
    if path is None or not path.exists():
        return
    with path.open(encoding="utf-8") as file:
        for line in file:
            if line.strip():
                yield _from_record(line)


def _from_record(line: str) -> Checkpoint:
    try:
        record: dict[str, Any] = json.loads(line)
        return Checkpoint(
            chain=str(record["chain"]),
            entry_id=int(record["entry"]),
            entry_hash=str(record["hash"]),
            count=int(record["count"]),
            at=datetime.datetime.fromisoformat(str(record["at"])),
            key_id=str(record["key"]),
            seal=str(record["seal"]),
        )
    except (ValueError, KeyError, TypeError):
        return Checkpoint(chain="", entry_id=0, entry_hash="", count=0, at=timezone.now())


def expired_entries(cutoff: datetime.datetime) -> QuerySet[AccessLogEntry]:
    """The entries that may go at ``cutoff``: those up to the newest checkpoint made before it
    (so every one of them is older than the cutoff). Entries after that checkpoint stay until
    a later checkpoint is old enough."""
    entries = AccessLogEntry.objects.all()
    oldest = entries.order_by("id").values_list("id", flat=True).first()
    checkpoint = (
        Checkpoint.objects.filter(at__lt=cutoff, entry_id__gte=oldest or 0)
        .order_by("-entry_id")
        .first()
    )
    if oldest is None or checkpoint is None:
        return entries.none()
    return entries.filter(id__lte=checkpoint.entry_id)


def prune(entries: QuerySet[AccessLogEntry]) -> int:
    """Remove ``entries`` (from ``expired_entries``) up to the newest checkpoint among them, and
    record the removal in the log. Returns how many were removed."""
    checkpoint = (
        Checkpoint.objects.filter(entry_id__in=entries.values("id")).order_by("-entry_id").first()
    )
    return 0 if checkpoint is None else prune_through(checkpoint)


def prune_through(checkpoint: Checkpoint) -> int:
    """Delete every entry up to and including the checkpoint's, and append the keyed entry that
    says so: verification starts from this checkpoint only when that entry follows it."""
    alias = router.db_for_write(AccessLogEntry)
    connection = connections[alias]
    table = connection.ops.quote_name(AccessLogEntry._meta.db_table)
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        if postgresql:
            cursor.execute(
                "SELECT set_config(%s, %s, true)", [PRUNE_SETTING, str(checkpoint.entry_id)]
            )
        # The model refuses deletes (append-only); this is the one place that removes entries.
        cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [checkpoint.entry_id])  # noqa: S608
        removed = cursor.rowcount
        if postgresql:
            cursor.execute("SELECT set_config(%s, '', true)", [PRUNE_SETTING])
        record_change(
            membership=None,
            action=AccessAction.DELETE,
            obj=checkpoint,
            purpose=Purpose.RETENTION,
            detail={
                "pruned_through": checkpoint.entry_id,
                "hash": checkpoint.entry_hash,
                "count": checkpoint.count,
                "entries": removed,
            },
        )
    return removed
