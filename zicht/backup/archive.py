"""Backing up and restoring an installation: the PostgreSQL database and the attachment
store, each encrypted (encryption.py), with a manifest of row counts that the restore
checks.

A backup is a directory `zicht-backup-<UTC time>/` with three files:

- `manifest.json.gpg`: when, which database, the row count of every table and the number
  and bytes of the attachments;
- `database.dump.gpg`: `pg_dump --format=custom` in the snapshot the counts were taken in
  (an exported snapshot), so that counts and dump agree however busy the database is;
- `attachments.tar.gpg`: the attachment directory as a tar stream.

The database is dumped before the attachments are read: a file stored in between is in
the backup without its row (harmless), and a file whose row is in the dump is there,
because the portal writes a file before its row commits and removes files only of reports
that did not commit.
"""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import dj_database_url
import psycopg
from django.conf import settings
from django.utils import timezone
from psycopg import sql
from psycopg.conninfo import make_conninfo

from zicht.backup.encryption import BackupError, decrypt_from, encrypt_to, gpg_home, key_file

MANIFEST = "manifest.json.gpg"
DATABASE = "database.dump.gpg"
ATTACHMENTS = "attachments.tar.gpg"


@dataclass
class Manifest:
    created_at: str
    database: str
    server_version: str
    tables: dict[str, int]
    attachments: int
    attachment_bytes: int

    def __str__(self) -> str:
        rows = sum(self.tables.values())
        return (
            f"{rows} rows in {len(self.tables)} tables, "
            f"{self.attachments} attachments ({self.attachment_bytes} bytes)"
        )


def _database(url: str | None) -> dict[str, Any]:
    params: dict[str, Any] = dict(
        dj_database_url.parse(url) if url else settings.DATABASES["default"]
    )
    if "postgresql" not in params["ENGINE"]:
        raise BackupError("backup and restore need PostgreSQL (the demo's SQLite file is a copy)")
    return params


def _libpq(params: dict[str, Any]) -> dict[str, str]:
    """The connection as libpq environment variables: no password on a command line."""
    values = {
        "PGHOST": params.get("HOST") or "",
        "PGPORT": str(params.get("PORT") or ""),
        "PGUSER": params.get("USER") or "",
        "PGPASSWORD": params.get("PASSWORD") or "",
        "PGDATABASE": params["NAME"],
    }
    return {key: value for key, value in values.items() if value}


def _connect(params: dict[str, Any], **options: Any) -> psycopg.Connection:
    keys = {"PGHOST": "host", "PGPORT": "port", "PGUSER": "user", "PGPASSWORD": "password"}
    arguments = {keys[k]: v for k, v in _libpq(params).items() if k in keys}
    return psycopg.connect(make_conninfo(dbname=params["NAME"], **arguments), **options)


def _row_counts(cursor: psycopg.Cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]  # type: ignore[index]
    return counts


def _pipe(producer: list[str], consumer: list[str], env: dict[str, str]) -> None:
    """producer | consumer; BackupError with the failing program's own message."""
    first = subprocess.Popen(producer, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    second = subprocess.Popen(consumer, stdin=first.stdout, stderr=subprocess.PIPE, env=env)
    assert first.stdout is not None
    assert first.stderr is not None
    first.stdout.close()  # the consumer holds it now
    _, consumer_errors = second.communicate()
    producer_errors = first.stderr.read()
    first.wait()
    for program, process, errors in (
        (producer[0], first, producer_errors),
        (consumer[0], second, consumer_errors),
    ):
        if process.returncode:
            message = errors.decode(errors="replace").strip()
            raise BackupError(f"{program} failed: {message}")


def _finish(process: subprocess.Popen, what: str) -> None:
    errors = process.stderr.read() if process.stderr else b""
    if process.wait():
        raise BackupError(f"{what}: {errors.decode(errors='replace').strip()}")


def _write_attachments(home: Path, output: Path) -> tuple[int, int]:
    source = Path(settings.ZICHT_ATTACHMENT_DIR)
    gpg = subprocess.Popen(encrypt_to(home, output), stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    count = size = 0
    try:
        with tarfile.open(fileobj=gpg.stdin, mode="w|") as tar:
            for path in sorted(source.rglob("*")) if source.is_dir() else []:
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(source)), recursive=False)
                    count += 1
                    size += path.stat().st_size
    finally:
        assert gpg.stdin is not None
        gpg.stdin.close()
    _finish(gpg, "encrypting the attachments failed")
    return count, size


def make_backup(destination: Path | None = None) -> tuple[Path, Manifest]:
    """Write an encrypted backup of the configured database and attachment store."""
    params = _database(None)
    key_file()  # before anything is written
    now = timezone.now()
    target = Path(destination or settings.BACKUP_DIR) / f"zicht-backup-{now:%Y%m%dT%H%M%SZ}"
    target.mkdir(mode=0o700, parents=True)
    env = {**os.environ, **_libpq(params)}
    with gpg_home() as home, _connect(params) as database:
        database.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        database.read_only = True
        with database.cursor() as cursor:
            snapshot = cursor.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
            tables = _row_counts(cursor)
            version = cursor.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
            _pipe(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-password"],
                encrypt_to(home, target / DATABASE),
                env,
            )
        database.rollback()
        files, size = _write_attachments(home, target / ATTACHMENTS)
        manifest = Manifest(
            created_at=now.isoformat(),
            database=params["NAME"],
            server_version=version,
            tables=tables,
            attachments=files,
            attachment_bytes=size,
        )
        subprocess.run(
            encrypt_to(home, target / MANIFEST),
            input=json.dumps(asdict(manifest), indent=1).encode(),
            check=True,
            capture_output=True,
        )
    return target, manifest


def read_manifest(home: Path, source: Path) -> Manifest:
    decrypted = subprocess.run(decrypt_from(home, source / MANIFEST), capture_output=True)
    if decrypted.returncode:
        message = decrypted.stderr.decode(errors="replace").strip()
        raise BackupError(f"cannot decrypt {source / MANIFEST} (wrong key?): {message}")
    return Manifest(**json.loads(decrypted.stdout))


def _extract_attachments(home: Path, source: Path, target: Path) -> int:
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    gpg = subprocess.Popen(
        decrypt_from(home, source), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    stream: IO[bytes] = gpg.stdout  # type: ignore[assignment]
    count = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            tar.extract(member, target, filter="data")  # never outside the target
            count += member.isfile()
    _finish(gpg, "decrypting the attachments failed")
    return count


def restore_backup(
    source: Path, *, database_url: str | None = None, attachment_dir: Path | None = None
) -> Manifest:
    """Restore a backup into an empty database and an empty attachment directory (by
    default the configured ones), then check every table's row count and the number of
    attachments against the manifest."""
    params = _database(database_url)
    key_file()
    files = Path(attachment_dir or settings.ZICHT_ATTACHMENT_DIR)
    if files.is_dir() and any(files.iterdir()):
        raise BackupError(f"the attachment directory {files} is not empty")
    with _connect(params, autocommit=True) as database:
        tables = database.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]  # type: ignore[index]
    if tables:
        raise BackupError(f"the database {params['NAME']} is not empty: restore into a new one")
    env = {**os.environ, **_libpq(params)}
    with gpg_home() as home:
        manifest = read_manifest(home, source)
        _pipe(
            decrypt_from(home, source / DATABASE),
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
             "--single-transaction", "--no-password", f"--dbname={params['NAME']}"],
            env,
        )  # fmt: skip
        restored_files = _extract_attachments(home, source / ATTACHMENTS, files)
    with _connect(params) as database, database.cursor() as cursor:
        counted = _row_counts(cursor)
    differences = {
        table: (count, counted.get(table))
        for table, count in manifest.tables.items()
        if counted.get(table) != count
    }
    if differences or restored_files != manifest.attachments:
        raise BackupError(
            f"restored rows or files differ from the backup: {differences}, "
            f"{restored_files} of {manifest.attachments} attachments"
        )
    return manifest
