"""The restore drill: back up a database with reports, an access log and a portal
attachment, restore it into a new database and attachment directory, and check it there:
every table's row count, the access log's chain (`manage.py verify_access_log`, run on the
restored database) and the attachment's bytes."""

import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zicht.audit.models import AccessLogEntry
from zicht.backup.archive import ATTACHMENTS, DATABASE, MANIFEST
from zicht.intake.submission import ReportData
from zicht.portal import files
from zicht.portal.models import PortalAttachment
from zicht.portal.reporting import file_report

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
PHOTO = ROOT / "zicht/portal/tests/data/python.jpg"


def url_of(database: str) -> str:
    """The address of a database on the test database's server (trust authentication)."""
    params = connection.settings_dict
    host = params["HOST"] or "127.0.0.1"
    return f"postgres://{params['USER']}@{host}:{params['PORT'] or 5432}/{database}"


@pytest.fixture
def key(settings, tmp_path):
    path = tmp_path / "backup.key"
    path.write_bytes(os.urandom(32).hex().encode())
    path.chmod(0o400)
    settings.BACKUP_KEY_FILE = str(path)
    return path


@pytest.fixture
def installation(transactional_db, settings, tmp_path, make_report, hengelo):
    """A database with reports and their access log, and a portal report with a photo."""
    settings.ZICHT_ATTACHMENT_DIR = tmp_path / "attachments"
    make_report()
    make_report(acute=True)
    file_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="resident_anonymous",
            municipality=hengelo,
            description="Busje haalt elke ochtend mensen op.",
            is_acute=False,
            exploitation_forms=["labour"],
        ),
        secret="SECRET-1234",
        attachments=[files.clean(PHOTO.read_bytes())],
    )
    return PortalAttachment.objects.get()


@pytest.fixture
def empty_database():
    """A new, empty database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = {k: v for k, v in connection.get_connection_params().items() if k != "context"}
    admin["dbname"] = "postgres"
    with psycopg.connect(**admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    yield url_of(name)
    with psycopg.connect(**admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def counts(url: str, tables: list[str]) -> dict[str, int]:
    with psycopg.connect(url) as database:
        return {t: database.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608


def test_a_backup_restores_into_a_new_database_with_its_log_and_files(
    installation, key, empty_database, tmp_path
):
    call_command("backup", "--to", str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()
    assert sorted(p.name for p in backup.iterdir()) == sorted([ATTACHMENTS, DATABASE, MANIFEST])
    assert PHOTO.read_bytes()[:64] not in (backup / ATTACHMENTS).read_bytes()  # encrypted

    restored_files = tmp_path / "restored-attachments"
    call_command(
        "restore", str(backup), database_url=empty_database, attachment_dir=str(restored_files)
    )

    tables = [
        "intake_report", "intake_involvedperson", "casework_case", "portal_portalreceipt",
        "portal_portalattachment", "audit_accesslogentry", "notifications_notification",
    ]  # fmt: skip
    source = counts(url_of(connection.settings_dict["NAME"]), tables)
    assert counts(empty_database, tables) == source
    assert source["intake_report"] == 3
    assert source["audit_accesslogentry"] == AccessLogEntry.objects.count() > 0

    # The access log's chain, checked by its own command on the restored database with the
    # settings (and so the keys) of the installation that wrote it.
    verified = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "verify_access_log"],
        env={**os.environ, "DATABASE_URL": empty_database},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
    assert "intact" in verified.stdout

    kept = (restored_files / installation.stored_name).read_bytes()
    assert kept == files.path_of(installation.stored_name).read_bytes()
    assert hashlib.sha256(kept).hexdigest() == installation.sha256


def test_a_backup_does_not_open_with_another_key(installation, key, empty_database, tmp_path):
    call_command("backup", "--to", str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()
    key.chmod(0o600)
    key.write_bytes(b"another key")
    with pytest.raises(CommandError, match="wrong key"):
        call_command("restore", str(backup), database_url=empty_database,
                     attachment_dir=str(tmp_path / "restored"))  # fmt: skip


def test_a_restore_never_overwrites_a_database_in_use(installation, key, tmp_path):
    call_command("backup", "--to", str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup), database_url=url_of(connection.settings_dict["NAME"]),
                     attachment_dir=str(tmp_path / "restored"))  # fmt: skip


def test_without_a_key_there_is_no_backup(settings, tmp_path):
    settings.BACKUP_KEY_FILE = ""
    with pytest.raises(CommandError, match="ZICHT_BACKUP_KEY_FILE"):
        call_command("backup", "--to", str(tmp_path / "backups"))
    assert not (tmp_path / "backups").exists()
