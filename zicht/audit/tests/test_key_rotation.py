"""Rotating the access log's key: entries name their key, verification knows the earlier keys,
and the switch is an entry of the log with a checkpoint at it."""

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from zicht.audit import log, sealing
from zicht.audit.checks import access_log_key
from zicht.audit.log import check_chain
from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead, Checkpoint

OLD = "old access log key, long enough to be accepted"
NEW = "new access log key, long enough to be accepted too"


def newest() -> AccessLogEntry:
    return AccessLogEntry.objects.order_by("-id").first()


@pytest.fixture
def old_key(settings, db):
    """An installation that has used OLD from the start (its empty log's head sealed under it)."""
    settings.ZICHT_ACCESS_LOG_KEY = OLD
    settings.ZICHT_ACCESS_LOG_KEYS = []
    head = ChainHead.objects.get()
    head.seal = sealing.head_seal(head.last_hash, OLD.encode())
    head.save(update_fields=["seal"])


@pytest.fixture
def under_the_old_key(old_key, make_report):
    make_report()


def test_every_entry_names_the_key_that_hashed_it(under_the_old_key):
    assert set(AccessLogEntry.objects.values_list("key_id", flat=True)) == {
        sealing.key_id(OLD.encode())
    }
    assert sealing.key_id(OLD.encode()) not in OLD  # a fingerprint, not the key


def test_the_command_switches_to_the_new_key_with_a_checkpoint(under_the_old_key, make_report):
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[OLD]):
        call_command("rotate_access_log_key")
        switch = newest()
        assert switch.action == AccessAction.SEAL
        assert switch.detail == {
            "sealed": log.SEALED_KEY_SWITCH,
            "from": sealing.key_id(OLD.encode()),
            "to": sealing.key_id(NEW.encode()),
        }
        assert switch.key_id == sealing.key_id(NEW.encode())
        assert Checkpoint.objects.get().entry_id == switch.pk
        make_report()
        assert check_chain() is None
        call_command("verify_access_log")
        with pytest.raises(CommandError, match="already sealed under the current key"):
            call_command("rotate_access_log_key")


def test_without_the_old_key_the_earlier_entries_do_not_verify(under_the_old_key):
    first = AccessLogEntry.objects.order_by("id").first()
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[OLD]):
        call_command("rotate_access_log_key")
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[]):
        found = check_chain()
    assert found.entry_id == first.pk
    assert "ZICHT_ACCESS_LOG_KEYS" in found.reason


def test_the_first_append_under_a_new_key_records_the_switch(under_the_old_key, make_report):
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[OLD]):
        before = newest().pk
        make_report()  # the command was forgotten
        switch = AccessLogEntry.objects.filter(pk__gt=before).order_by("id").first()
        assert switch.detail["sealed"] == log.SEALED_KEY_SWITCH
        assert check_chain() is None


def test_a_new_key_the_log_does_not_know_of_is_still_an_altered_head(
    under_the_old_key, make_report
):
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[]):
        make_report()
        assert AccessLogEntry.objects.filter(detail__sealed=log.SEALED_ALTERED_HEAD).exists()
        assert check_chain() is not None


def test_an_old_key_cannot_be_used_to_alter_entries_after_the_switch(
    under_the_old_key, make_report
):
    """Whoever still has the old key can forge entries that name it, but not re-hash the
    entries written under the new key that follow them."""
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[OLD]):
        call_command("rotate_access_log_key")
        make_report()
        entry = newest()
        entry.purpose = "rewritten"
        entry.key_id = sealing.key_id(OLD.encode())
        forged = sealing.entry_hash(entry, OLD.encode())
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(
                "UPDATE audit_accesslogentry SET purpose = %s, key_id = %s, entry_hash = %s"
                " WHERE id = %s",
                [entry.purpose, entry.key_id, forged, entry.pk],
            )
        assert check_chain() is not None  # the head, sealed under the new key, names another end


@pytest.mark.django_db
def test_entries_from_before_key_ids_verify_under_an_earlier_key(settings):
    settings.ZICHT_ACCESS_LOG_KEY = OLD
    previous = log.GENESIS
    for number in range(2):  # as written before entries named their key
        entry = AccessLogEntry(
            username="wijkcoach.hengelo",
            action=AccessAction.READ,
            object_type="casework.case",
            object_id=str(number),
            previous_hash=previous,
        )
        entry.entry_hash = previous = sealing.entry_hash(entry, OLD.encode())
        entry.save()
    ChainHead.objects.update_or_create(
        pk=1, defaults={"last_hash": previous, "seal": sealing.head_seal(previous, OLD.encode())}
    )
    assert check_chain() is None
    with override_settings(ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[OLD]):
        assert log.switch_key() is not None
        assert check_chain() is None


def test_production_refuses_a_short_earlier_key():
    with override_settings(
        PRODUCTION=True, ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=["short"]
    ):
        errors = access_log_key()
        assert [error.id for error in errors] == ["audit.E003"]
        assert isinstance(errors[0], Error)
    with override_settings(PRODUCTION=True, ZICHT_ACCESS_LOG_KEY=NEW, ZICHT_ACCESS_LOG_KEYS=[OLD]):
        assert access_log_key() == []


def test_the_command_can_generate_a_key(capsys):
    call_command("rotate_access_log_key", "--generate")
    assert len(capsys.readouterr().out.strip()) >= sealing.MIN_KEY_LENGTH
