"""Disk full while the attachments of a portal report are written: the report is refused
whole, with a clear message, and nothing of it is kept (no report, no receipt, no file).

Two real ways a write fails, each in a process of its own (tests/full_disk_submission.py):
- a full filesystem: the attachment directory is a 64 KiB tmpfs, mounted in a private
  mount namespace (`unshare`, also without root where user namespaces are allowed); the
  second photo fills it (ENOSPC);
- a file-size limit (RLIMIT_FSIZE, 64 KiB): the kernel refuses the write past it (EFBIG).
  This one needs no privileges at all."""

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zicht.intake.models import Report
from zicht.portal.models import PortalAttachment, PortalReceipt

pytestmark = pytest.mark.slow

LIMIT = 64 * 1024


def _file_size_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def run_submission(how: str, env: dict[str, str], municipality: int) -> dict:
    script = [sys.executable, "-m", "zicht.portal.tests.full_disk_submission", str(municipality)]
    options: dict = {}
    if how == "full filesystem":
        if shutil.which("unshare") is None:
            pytest.skip("no unshare(1) to mount a small filesystem")
        mount = 'mount -t tmpfs -o size=64k,mode=0700 zicht-attachments "$0" && exec "$@"'
        command = [
            "unshare", "--user", "--map-root-user", "--mount",
            "sh", "-c", mount, env["ZICHT_ATTACHMENT_DIR"], *script,
        ]  # fmt: skip
    else:
        command = script
        options["preexec_fn"] = _file_size_limit
    finished = subprocess.run(  # noqa: S603 — the test's own command
        command,
        env=env,
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **options,
    )
    if how == "full filesystem" and "mount" in finished.stderr and finished.returncode:
        pytest.skip(f"cannot mount a small filesystem here: {finished.stderr.strip()}")
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


@pytest.mark.parametrize("how", ["full filesystem", "file-size limit"])
def test_a_report_whose_attachments_do_not_fit_is_refused_whole(
    how, process_env, hengelo, tmp_path
):
    attachments = tmp_path / "attachments"
    attachments.mkdir()
    env = process_env(attachment_dir=attachments, portal_pow_bits=8)
    env["DJANGO_SETTINGS_MODULE"] = "zicht.settings_test"

    answer = run_submission(how, env, hengelo.pk)

    assert answer["status"] == 503
    assert "niet opgeslagen" in answer["page"]
    assert answer["left"] == []
    assert not Report.objects.exists()
    assert not PortalReceipt.objects.exists()
    assert not PortalAttachment.objects.exists()
