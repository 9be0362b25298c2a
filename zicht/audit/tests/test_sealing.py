"""The sealed log against someone who can write the database but lacks the key."""

import hashlib
import importlib
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError
from django.db import connection
from django.test import override_settings

from zicht.audit import log, sealing
from zicht.audit.checks import access_log_key
from zicht.audit.log import GENESIS, check_chain, record_changes, verify_chain
from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead

PRODUCTION_KEY = "k" * 48
seal_earlier_entries = importlib.import_module(
    "zicht.audit.migrations.0003_keyed_chain"
).seal_earlier_entries


@contextmanager
def database_writer():
    """Act as whoever can write the database as its superuser: on PostgreSQL such a user
    can switch triggers off, the append-only one included (until the test's transaction
    ends)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        yield cursor


def newest() -> AccessLogEntry:
    return AccessLogEntry.objects.order_by("-id").first()


def remove_newest_entry(*, move_head: bool) -> None:
    """Two reports' entries, then the newest removed (and the head moved back to the entry
    before it, as someone covering their tracks would)."""
    with database_writer() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [newest().pk])
        if move_head:
            cursor.execute("UPDATE audit_chainhead SET last_hash = %s", [newest().entry_hash])


def test_removing_the_newest_entry_is_reported(make_report):
    make_report()
    make_report()
    remove_newest_entry(move_head=False)
    assert verify_chain() == newest().pk
    assert "newer entries were removed" in check_chain().reason
    with pytest.raises(CommandError, match=f"broken at entry {newest().pk}"):
        call_command("verify_access_log")


def test_moving_the_head_back_after_removing_entries_is_reported(make_report):
    make_report()
    make_report()
    remove_newest_entry(move_head=True)
    found = check_chain()
    assert found.entry_id == newest().pk
    assert "seal" in found.reason


def test_removing_the_whole_log_is_reported(make_report):
    make_report()
    with database_writer() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry")
        cursor.execute("DELETE FROM audit_chainhead")
    found = check_chain()
    assert (found.entry_id, found.reason) == (0, "the log has no head: it was removed")


def test_the_next_append_keeps_the_finding_of_a_moved_head(make_report):
    make_report()
    make_report()
    remove_newest_entry(move_head=True)
    make_report()  # zicht goes on writing: the chain and the head are whole again...
    finding = AccessLogEntry.objects.get(action=AccessAction.SEAL)
    assert finding.detail["sealed"] == log.SEALED_ALTERED_HEAD
    # ...but the entry that says the head had been moved is in the chain for good.
    assert verify_chain() == finding.pk


def test_rewriting_an_entry_with_recomputed_plain_hashes_is_reported(make_report):
    make_report()
    make_report()
    entries = list(AccessLogEntry.objects.order_by("id"))
    rewritten = entries[-2]
    with database_writer() as cursor:
        previous = entries[-3].entry_hash if len(entries) > 2 else GENESIS
        for entry in entries[-2:]:
            if entry is rewritten:
                entry.purpose = "rewritten"
            entry.previous_hash = previous
            entry.entry_hash = previous = sealing.legacy_hash(entry)
            cursor.execute(
                "UPDATE audit_accesslogentry SET purpose = %s, previous_hash = %s,"
                " entry_hash = %s WHERE id = %s",
                [entry.purpose, entry.previous_hash, entry.entry_hash, entry.pk],
            )
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s", [previous])
    assert verify_chain() == rewritten.pk


def test_a_whole_log_recomputed_without_the_key_is_reported(make_report):
    make_report()
    make_report()
    entries = list(AccessLogEntry.objects.order_by("id"))
    previous = GENESIS
    with database_writer() as cursor:
        for entry in entries:
            entry.previous_hash = previous
            entry.entry_hash = previous = hashlib.sha256(entry.canonical().encode()).hexdigest()
            cursor.execute(
                "UPDATE audit_accesslogentry SET previous_hash = %s, entry_hash = %s WHERE id = %s",
                [entry.previous_hash, entry.entry_hash, entry.pk],
            )
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s", [previous])
    found = check_chain()
    assert found.entry_id == entries[0].pk
    assert "not keyed" in found.reason


def test_an_entry_hashed_under_another_key_is_reported(make_report):
    make_report()
    with override_settings(ZICHT_ACCESS_LOG_KEY="another key that is long enough to pass"):
        make_report()
        assert verify_chain() == AccessLogEntry.objects.order_by("id").first().pk


def test_a_batch_is_chained_with_one_head_update(make_report, member):
    report = make_report()
    entries = record_changes(
        membership=member("hub.twente"),
        action=AccessAction.UPDATE,
        objs=[report, report.case],
        detail={"batch": True},
    )
    assert entries[1].previous_hash == entries[0].entry_hash
    assert ChainHead.objects.get().last_hash == entries[1].entry_hash
    assert verify_chain() is None


def test_a_stale_head_hint_reads_the_head(make_report):
    make_report()
    log._head_hint[(connection.alias, sealing.key_id(sealing.key()))] = (
        "f" * 64
    )  # another process appended since
    make_report()
    assert verify_chain() is None


def _legacy_log(count: int) -> list[AccessLogEntry]:
    """Entries as written before the key existed: plain SHA-256, an unsealed head."""
    previous = GENESIS
    entries = []
    for number in range(count):
        entry = AccessLogEntry(
            username="wijkcoach.hengelo",
            action=AccessAction.READ,
            object_type="casework.case",
            object_id=str(number),
            previous_hash=previous,
        )
        entry.entry_hash = previous = sealing.legacy_hash(entry)
        entry.save()
        entries.append(entry)
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": previous, "seal": ""})
    return entries


@pytest.mark.django_db
def test_entries_from_before_the_key_verify_once_the_migration_sealed_them():
    _legacy_log(3)
    assert check_chain() is not None  # unsealed
    seal_earlier_entries(apps, SimpleNamespace(connection=connection))
    seal = newest()
    assert seal.action == AccessAction.SEAL
    assert seal.detail == {"sealed": log.SEALED_LEGACY, "entries": 3}
    assert verify_chain() is None


@pytest.mark.django_db
def test_a_sealed_earlier_entry_rewritten_is_reported():
    entries = _legacy_log(3)
    seal_earlier_entries(apps, SimpleNamespace(connection=connection))
    first = entries[0]
    first.purpose = "rewritten"
    with database_writer() as cursor:
        cursor.execute(
            "UPDATE audit_accesslogentry SET purpose = %s, entry_hash = %s WHERE id = %s",
            [first.purpose, sealing.legacy_hash(first), first.pk],
        )
    assert verify_chain() == entries[1].pk  # it no longer follows the rewritten one


@pytest.mark.django_db
def test_the_migration_does_not_hide_entries_removed_before_it():
    entries = _legacy_log(3)
    with database_writer() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [entries[-1].pk])
    seal_earlier_entries(apps, SimpleNamespace(connection=connection))
    assert verify_chain() == newest().pk  # the seal follows the head, not the surviving end


def test_production_does_not_start_without_the_key():
    with override_settings(PRODUCTION=True, ZICHT_ACCESS_LOG_KEY=""):
        assert [error.id for error in access_log_key()] == ["audit.E001"]
        with pytest.raises(SystemCheckError, match="ZICHT_ACCESS_LOG_KEY is not set"):
            call_command("check")
        with pytest.raises(ImproperlyConfigured, match="ZICHT_ACCESS_LOG_KEY"):
            sealing.key()


def test_production_refuses_a_short_key_and_takes_a_long_one():
    with override_settings(PRODUCTION=True, ZICHT_ACCESS_LOG_KEY="short"):
        errors = access_log_key()
        assert [error.id for error in errors] == ["audit.E002"]
        assert isinstance(errors[0], Error)
    with override_settings(PRODUCTION=True, ZICHT_ACCESS_LOG_KEY=PRODUCTION_KEY):
        assert access_log_key() == []
        assert sealing.key() == PRODUCTION_KEY.encode()


def test_outside_production_the_key_is_derived_from_the_secret_key():
    with override_settings(PRODUCTION=False, ZICHT_ACCESS_LOG_KEY=""):
        assert access_log_key() == []
        derived = sealing.key()
        with override_settings(SECRET_KEY="another secret key for this test only"):
            assert sealing.key() != derived
