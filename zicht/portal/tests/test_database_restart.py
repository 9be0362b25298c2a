"""PostgreSQL restarted while residents send reports: no acknowledged report is lost, and
whoever was sending at that moment gets a clear page asking to send again (503 with
Retry-After), never a bare server error. Sending the same form again never makes a second
report.

Real parts: a PostgreSQL cluster of the test's own (initdb and pg_ctl on a free port on
127.0.0.1, a copy of the test database), the production settings under gunicorn, and
client threads that fill in the portal form as a browser does. The cluster is stopped
with `-m immediate` (as a crash: open transactions are cut off) and started again."""

import base64
import glob
import http.client
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from zicht.portal import challenge

pytestmark = pytest.mark.slow

POW_COST = 50  # a cheap proof of work: the residents here are the load, not the guessers
CHALLENGE = "/melden/uitdaging/"  # the ALTCHA widget fetches its challenge here
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
CODE = re.compile(r'data-testid="receipt-code">([A-Z0-9-]+)<')


class Cluster:
    """A PostgreSQL cluster in a temporary directory, run as the `postgres` user when the
    tests run as root (PostgreSQL refuses to run as root)."""

    def __init__(self, port: int) -> None:
        versions = sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4])
        )
        if not versions:
            pytest.skip("no PostgreSQL server binaries in /usr/lib/postgresql")
        self.bin = Path(versions[-1])
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="zicht-pg-"))
        self.user = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if self.user:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)

    def _as_owner(self) -> None:
        if self.user:
            os.setgid(self.user.pw_gid)
            os.setuid(self.user.pw_uid)

    def run(self, program: str, *arguments: str) -> None:
        subprocess.run(  # noqa: S603 — PostgreSQL's own programs
            [str(self.bin / program), *arguments],
            preexec_fn=self._as_owner,
            check=True,
            capture_output=True,
            cwd=self.dir,
        )

    def init(self) -> None:
        self.run("initdb", "-D", str(self.dir / "data"), "-U", "postgres", "--auth=trust",
                 "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir}"
        self.run("pg_ctl", "-D", str(self.dir / "data"), "-o", options, "-l",
                 str(self.dir / "log"), "-w", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.dir / "data"), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        if (self.dir / "data" / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def portal_on_own_cluster(process_env, hengelo, spawn, free_port, wait_for):
    """The portal under gunicorn on a copy of the test database in a cluster of its own."""
    cluster = Cluster(free_port())
    try:
        cluster.init()
        cluster.start()
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE zicht")
        settings = connection.settings_dict
        dump = subprocess.Popen(  # noqa: S603
            [str(cluster.bin / "pg_dump"), "--no-owner", "-h", settings["HOST"] or "127.0.0.1",
             "-p", str(settings["PORT"] or 5432), "-U", settings["USER"], settings["NAME"]],
            stdout=subprocess.PIPE,
        )  # fmt: skip
        subprocess.run(  # noqa: S603
            [str(cluster.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", cluster.url("zicht")],
            stdin=dump.stdout,
            check=True,
            capture_output=True,
        )
        assert dump.wait() == 0
        port = free_port()
        env = process_env(
            env="production",
            secret_key="restart-" + uuid.uuid4().hex,
            allowed_hosts="127.0.0.1",
            ssl_redirect="0",
            portal_submissions_per_hour="1000000",
            portal_pow_cost=POW_COST,
            access_log_key="restart-access-log-key-" + uuid.uuid4().hex,
            site_url="http://127.0.0.1",
            pseudonym_keys="v1:" + base64.b64encode(os.urandom(32)).decode(),
            email_backend="django.core.mail.backends.locmem.EmailBackend",
        )
        env["DATABASE_URL"] = cluster.url("zicht")
        spawn(
            sys.executable, "-m", "gunicorn", "zicht.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class", "gthread",
            "--threads", "4", "--log-level", "warning",
            env=env,
        )  # fmt: skip
        wait_for(lambda: status_of(port, "/melden/") == 200, timeout=60, what="gunicorn")
        yield cluster, port
    finally:
        cluster.remove()


def status_of(port: int, path: str) -> int:
    try:
        return request(port, "GET", path)[0]
    except OSError:
        return 0


def request(port: int, method: str, path: str, body: bytes = b"", headers=None):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request(method, path, body=body or None, headers=headers or {})
        response = client.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read(), response
    finally:
        client.close()


@dataclass
class Seen:
    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: dict[str, str] = field(default_factory=dict)  # submission key -> code
    statuses: list[int] = field(default_factory=list)
    retry_pages: list[tuple[str, str]] = field(default_factory=list)  # Retry-After, text


def resident(port: int, municipality: int, stop: threading.Event, seen: Seen) -> None:
    """Fill in the form and send it; on a retry page, send the same form again."""
    while not stop.is_set():
        status, cookie, page, _ = request(port, "GET", f"/melden/melding/{uuid.uuid4()}/")
        if status != 200:
            with seen.lock:
                seen.statuses.append(status)
            time.sleep(0.2)
            continue
        fields = dict(HIDDEN.findall(page.decode()))
        fields.pop("next", None)
        query = urllib.parse.urlencode({"voor": fields["submission_key"]})
        issued = request(port, "GET", f"{CHALLENGE}?{query}")
        if issued[0] != 200:
            with seen.lock:
                seen.statuses.append(issued[0])
            time.sleep(0.2)
            continue
        fields["altcha"] = challenge.solve(json.loads(issued[2]))
        csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        body = urllib.parse.urlencode([
            *fields.items(), ("is_acute", "no"), ("situation", "labour"), ("seen", "papers"),
            ("description", "Mensen worden vroeg opgehaald met een busje."),
            ("municipality", str(municipality)), ("minor", "dont_know"), ("website", ""),
        ]).encode()  # fmt: skip
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Origin": f"http://127.0.0.1:{port}",
            "Accept-Language": "nl",
        }
        for _attempt in range(100):  # a reporter sends the same form again until it is received
            status, _cookie, answer, response = request(
                port, "POST", f"/melden/melding/{fields['submission_key']}/", body, headers
            )
            with seen.lock:
                seen.statuses.append(status)
            text = answer.decode()
            if status == 200 and (code := CODE.search(text)):
                with seen.lock:
                    seen.acknowledged[fields["submission_key"]] = code.group(1).replace("-", "")
                break
            if status == 503:
                with seen.lock:
                    seen.retry_pages.append((response.getheader("Retry-After") or "", text))
                time.sleep(0.3)
                continue
            break  # anything else is a failure the assertions will show


def test_no_acknowledged_report_is_lost_when_postgresql_restarts(portal_on_own_cluster, hengelo):
    cluster, port = portal_on_own_cluster
    seen = Seen()
    stop = threading.Event()
    residents = [
        threading.Thread(target=resident, args=(port, hengelo.pk, stop, seen)) for _ in range(6)
    ]
    for thread in residents:
        thread.start()
    time.sleep(3)
    cluster.stop("immediate")  # as a crash: transactions in flight are cut off
    time.sleep(2)
    cluster.start()
    time.sleep(4)
    stop.set()
    for thread in residents:
        thread.join(timeout=120)

    assert set(seen.statuses) <= {200, 503}, sorted(set(seen.statuses))
    assert seen.retry_pages, "nobody was sending while the database was away"
    retry_after, text = seen.retry_pages[0]
    assert retry_after.isdigit()
    assert "nog niet ontvangen" in text
    with psycopg.connect(cluster.url("zicht")) as database:
        rows = database.execute(
            "SELECT r.submission_key::text, c.code FROM intake_report r"
            " JOIN portal_portalreceipt c ON c.report_id = r.id"
        ).fetchall()
    stored = dict(rows)
    assert seen.acknowledged
    assert {key: stored.get(key) for key in seen.acknowledged} == seen.acknowledged  # 0 lost
    assert len(rows) == len(stored)  # one report per form, however often it was sent
