"""The access log past its retention period: the nightly run removes its oldest part up to a
checkpoint, and what remains still verifies, tampering and removals included (time-machine)."""

from __future__ import annotations

import datetime
import json
from contextlib import contextmanager

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from zicht.audit import checkpoints
from zicht.audit.log import check_chain
from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead, Checkpoint
from zicht.privacy.models import RecordType, RetentionRule
from zicht.privacy.nightly import run_nightly
from zicht.privacy.retention import preview

pytestmark = pytest.mark.django_db

SEVEN_YEARS_AND_A_MONTH = datetime.timedelta(days=85 * 31)


@contextmanager
def database_writer():
    """Whoever can write the database as its superuser: on PostgreSQL such a user can switch
    the append-only trigger off (until the test's transaction ends). Not the log's key."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        yield cursor


@pytest.fixture
def checkpoint_file(settings, tmp_path):
    path = tmp_path / "outside" / "checkpoints.jsonl"
    settings.ZICHT_ACCESS_LOG_CHECKPOINT_FILE = str(path)
    return path


@pytest.fixture
def pruned(make_report, checkpoint_file, django_capture_on_commit_callbacks):
    """A report and a night (with its checkpoint) seven years ago, a report now and tonight's
    run, which removed the entries up to that old checkpoint."""
    start = timezone.now()
    make_report()
    with django_capture_on_commit_callbacks(execute=True):
        run_nightly(start)
    old = Checkpoint.objects.get()
    with time_machine.travel(start + SEVEN_YEARS_AND_A_MONTH):
        make_report()
        with django_capture_on_commit_callbacks(execute=True):
            run = run_nightly(timezone.now())
    assert run is not None
    assert run.removed[RecordType.ACCESS_LOG] == old.count
    return old


def test_the_log_past_its_period_goes_up_to_a_checkpoint_and_still_verifies(pruned):
    assert not AccessLogEntry.objects.filter(pk__lte=pruned.entry_id).exists()
    first = AccessLogEntry.objects.order_by("id").first()
    assert first.previous_hash == pruned.entry_hash  # the chain goes on from the checkpoint
    removal = AccessLogEntry.objects.get(object_type="audit.checkpoint")
    assert removal.action == AccessAction.DELETE
    assert removal.detail["pruned_through"] == pruned.entry_id
    assert removal.detail["entries"] == pruned.count
    assert check_chain() is None
    call_command("verify_access_log")  # with the file outside the database


def test_the_checkpoints_are_exported_to_the_file(pruned, checkpoint_file):
    lines = [json.loads(line) for line in checkpoint_file.read_text().splitlines()]
    assert [line["entry"] for line in lines] == list(
        Checkpoint.objects.values_list("entry_id", flat=True)
    )
    assert lines[0] == pruned.as_record()


def test_an_entry_rewritten_after_the_pruning_is_reported(pruned):
    victim = AccessLogEntry.objects.order_by("id")[1]
    with database_writer() as cursor:
        cursor.execute(
            "UPDATE audit_accesslogentry SET purpose = 'rewritten' WHERE id = %s", [victim.pk]
        )
    assert check_chain().entry_id == victim.pk
    with pytest.raises(CommandError, match=f"broken at entry {victim.pk}"):
        call_command("verify_access_log")


def test_the_newest_entries_removed_after_the_pruning_are_reported(pruned):
    newest = AccessLogEntry.objects.order_by("-id")[:2]
    with database_writer() as cursor:
        cursor.execute(
            "DELETE FROM audit_accesslogentry WHERE id IN (%s, %s)", [e.pk for e in newest]
        )
    assert "newer entries were removed" in check_chain().reason


def test_entries_removed_up_to_a_checkpoint_without_the_log_saying_so_are_reported(
    make_report, django_capture_on_commit_callbacks
):
    make_report()
    anchor = checkpoints.write_checkpoint()
    make_report()
    with database_writer() as cursor:  # the right place to cut, but not by zicht
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id <= %s", [anchor.entry_id])
    found = check_chain()
    assert found.entry_id == AccessLogEntry.objects.order_by("id").first().pk
    assert "does not record it" in found.reason


def test_entries_removed_anywhere_but_at_a_checkpoint_are_reported(make_report):
    make_report()
    make_report()
    anchor = checkpoints.write_checkpoint()
    make_report()
    oldest = AccessLogEntry.objects.order_by("id").first()
    assert oldest.pk < anchor.entry_id
    with database_writer() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [oldest.pk])
    assert "no checkpoint anchors it" in check_chain().reason


def test_a_checkpoint_made_up_without_the_key_is_reported(make_report):
    make_report()
    made_up = checkpoints.write_checkpoint()
    with database_writer() as cursor:
        cursor.execute("UPDATE audit_checkpoint SET count = count + 1 WHERE id = %s", [made_up.pk])
    assert "does not carry its seal" in check_chain().reason


def test_a_database_put_back_to_an_earlier_copy_is_seen_by_the_file(
    make_report, checkpoint_file, django_capture_on_commit_callbacks
):
    make_report()
    with django_capture_on_commit_callbacks(execute=True):
        earlier = checkpoints.write_checkpoint()
    head = ChainHead.objects.get()
    make_report()
    with django_capture_on_commit_callbacks(execute=True):
        later = checkpoints.write_checkpoint()
    # The database as it was at the earlier checkpoint: entries, head and checkpoints together.
    with database_writer() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id > %s", [earlier.entry_id])
        cursor.execute("DELETE FROM audit_checkpoint WHERE id = %s", [later.pk])
        cursor.execute(
            "UPDATE audit_chainhead SET last_hash = %s, seal = %s", [head.last_hash, head.seal]
        )
    assert check_chain() is None  # the database alone cannot tell
    found = check_chain(checkpoints.exported())
    assert found.entry_id == later.entry_id
    assert "put back to an earlier copy" in found.reason


def test_another_logs_checkpoints_in_the_file_are_left_alone(make_report, checkpoint_file):
    checkpoint_file.parent.mkdir(parents=True)
    make_report()
    foreign = checkpoints.write_checkpoint()
    checkpoint_file.write_text(json.dumps(foreign.as_record()) + "\n")
    with database_writer() as cursor:  # a demo database made afresh: another first entry
        cursor.execute("DELETE FROM audit_checkpoint")
        cursor.execute("DELETE FROM audit_accesslogentry")
        cursor.execute("DELETE FROM audit_chainhead")
    make_report()
    assert check_chain(checkpoints.exported()) is None


def test_only_entries_up_to_a_checkpoint_older_than_the_period_go(make_report):
    make_report()
    rule = RetentionRule.objects.get(record_type=RecordType.ACCESS_LOG)
    later = timezone.now() + SEVEN_YEARS_AND_A_MONTH

    def expiring() -> int:
        line = next(line for line in preview(later) if line.rule == rule)
        assert line.applied
        return line.count

    assert expiring() == 0  # past the period, but no checkpoint anchors them yet
    anchor = checkpoints.write_checkpoint()
    make_report()  # after the checkpoint: stays until a later one is old enough
    assert expiring() == anchor.count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_remove_entries_outside_a_pruning(make_report):
    make_report()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_accesslogentry")
