"""Encrypting backups with GnuPG: symmetric AES-256 under a passphrase read from a key file
outside the database (`ZICHT_BACKUP_KEY_FILE`), streamed through `gpg` so that nothing
unencrypted is written to disk. The files are standard OpenPGP: an operator can decrypt a
backup without zicht (`gpg --decrypt --passphrase-file KEY FILE`), and a wrong key or a
changed byte makes decryption fail (the modification detection code)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def key_file() -> Path:
    configured = settings.BACKUP_KEY_FILE
    if not configured:
        raise BackupError("ZICHT_BACKUP_KEY_FILE is not set: backups are always encrypted")
    path = Path(configured)
    if not path.is_file() or not path.read_bytes().strip():
        raise BackupError(f"the backup key file {path} is missing or empty")
    return path


@contextmanager
def gpg_home() -> Iterator[Path]:
    """A private GnuPG home for one backup or restore; its agent is stopped afterwards."""
    if shutil.which("gpg") is None:
        raise BackupError("gpg (GnuPG) is not installed: `apt-get install gnupg`")
    home = Path(tempfile.mkdtemp(prefix="zicht-gpg-"))
    try:
        yield home
    finally:
        subprocess.run(
            ["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(home, ignore_errors=True)


def _gpg(home: Path, *arguments: str) -> list[str]:
    return [
        "gpg", "--batch", "--no-tty", "--quiet", "--homedir", str(home),
        "--pinentry-mode", "loopback", "--passphrase-file", str(key_file()),
        "--no-symkey-cache", *arguments,
    ]  # fmt: skip


def encrypt_to(home: Path, output: Path) -> list[str]:
    """The command that encrypts its standard input into `output`."""
    # No compression: the database dump is compressed already, the attachments are
    # JPEG, PNG and PDF.
    return _gpg(home, "--symmetric", "--cipher-algo", "AES256", "--s2k-digest-algo", "SHA512",
                "--compress-algo", "none", "--output", str(output))  # fmt: skip


def decrypt_from(home: Path, source: Path) -> list[str]:
    """The command that writes the decrypted `source` to its standard output."""
    return _gpg(home, "--decrypt", str(source))
