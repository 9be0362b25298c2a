"""Load test of the public reporting portal, against the server started as in production.

    uv run python bench/portal_load.py --clients 50 --duration 60
    uv run python bench/portal_load.py --clients 200 --duration 60

What it does:
1. recreates the PostgreSQL database (default postgres://postgres@127.0.0.1:5432/zicht_bench),
   migrates it and loads the demo organisations (no history);
2. starts gunicorn on 127.0.0.1 with ZICHT_ENV=production (DEBUG off, production
   middleware and security settings; TLS redirect and secure cookies off because
   the loopback run has no TLS);
3. runs N client threads for a fixed time; each loops: GET the form (CSRF cookie,
   idempotency key, secret, signed stamp), GET an ALTCHA challenge for the form's
   key and solve it (cost 1 by default: the load is the server's, not the solver's), POST the
   report, read the receipt code from the answer. A share of the submissions is
   sent twice with the same key (a double click), which must yield one report;
4. reports throughput, p50/p95/p99 latency of the POST (the submission) and of the
   GET, and the errors; then checks in the database that every acknowledged receipt
   code exists exactly once and that no report exists without an acknowledgement.

Loopback only; the number of clients and the duration are bounded. The load
generator runs on the same machine as the server and takes CPU from it.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import altcha

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
MAX_CLIENTS = 500
MAX_DURATION = 600

HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
CODE = re.compile(r'data-testid="receipt-code">([A-Z0-9-]+)<')
OPTION = re.compile(r'<option value="(\d+)"')
PHRASES = ["papers", "money", "not_free", "alone", "debt", "work_pay", "crowded", "afraid"]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def solve(challenge: dict) -> str:
    """What the ALTCHA widget does: solve the challenge, answer as the form field `altcha`."""
    parsed = altcha.Challenge.from_dict(challenge)
    return altcha.Payload(parsed, altcha.solve_challenge(parsed)).to_base64()


# -- set-up -----------------------------------------------------------------------


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"refusing odd database name {name!r}")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def server_env(args) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "zicht.settings",
            "ZICHT_ENV": "production",
            "ZICHT_SECRET_KEY": "bench-" + uuid.uuid4().hex,
            "ZICHT_ALLOWED_HOSTS": HOST,
            "ZICHT_SITE_URL": f"http://{HOST}",
            "ZICHT_SSL_REDIRECT": "0",
            "DATABASE_URL": args.database,
            "ZICHT_VAR_DIR": str(args.var_dir),
            "ZICHT_LOG_LEVEL": "WARNING",
            # Every client comes from 127.0.0.1: lift the per-connection limit for the run.
            "ZICHT_PORTAL_SUBMISSIONS_PER_HOUR": "100000000",
            "ZICHT_PORTAL_POW_COST": str(args.pow_cost),
            "ZICHT_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "ZICHT_PSEUDONYM_KEYS": "v1:" + base64.b64encode(os.urandom(32)).decode(),
        }
    )
    return env


def prepare(args) -> None:
    recreate_database(args.database)
    env = server_env(args)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from zicht.demo.create import create_demo; create_demo(history=False)",
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )


def start_server(args) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "zicht.wsgi:application",
        "--bind",
        f"{HOST}:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=server_env(args), cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, args.port, timeout=2)
            connection.request("GET", "/melden/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("the server did not start")


def process_group_cpu(group: int) -> float:
    """CPU seconds (user + system) used so far by the server's processes (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


# -- the clients ------------------------------------------------------------------


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    post_latency: list[float] = field(default_factory=list)
    get_latency: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    doubles: list[tuple[str, str]] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def request(port: int, method: str, path: str, *, body: bytes = b"", headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        connection.close()


def client(number: int, args, stop_at: float, results: Results, municipalities: list[str]):
    rng = random.Random(number)
    port = args.port
    if args.think:  # people do not all press "send" in the same second
        time.sleep(rng.uniform(0, args.think))
    while time.monotonic() < stop_at:
        try:
            started = time.perf_counter()
            status, cookie, page = request(port, "GET", f"/melden/melding/{uuid.uuid4()}/")
            get_time = time.perf_counter() - started
            if status != 200:
                results.error(f"GET {status}")
                continue
            fields = dict(HIDDEN.findall(page.decode()))
            csrf = re.search(r"csrftoken=([^;]+)", cookie)
            if not csrf or "challenge" not in fields:
                results.error("form without token or challenge")
                continue
            key = fields["submission_key"]
            status, _cookie, issued = request(port, "GET", f"/melden/uitdaging/?voor={key}")
            if status != 200:
                results.error(f"GET challenge {status}")
                continue
            fields["altcha"] = solve(json.loads(issued))
            data = [
                *fields.items(),
                ("is_acute", "no"),
                ("situation", "labour"),
                ("seen", rng.choice(PHRASES)),
                ("seen", rng.choice(PHRASES)),
                (
                    "description",
                    f"Belasting {number}: mensen worden vroeg opgehaald met een busje.",
                ),
                ("municipality", rng.choice(municipalities)),
                ("minor", "dont_know"),
                ("website", ""),
            ]
            body = urllib.parse.urlencode(data).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf.group(1)}",
                "Origin": f"http://{HOST}:{port}",
                "Referer": f"http://{HOST}:{port}/melden/melding/",
                "Accept-Language": rng.choice(["nl", "pl", "ro", "ar", "en"]),
            }
            # A share is sent twice at the same moment with the same key (a double click).
            times = 2 if rng.random() < args.double_rate else 1
            answers: list[tuple[int, bytes, float]] = []

            def post(answers=answers, body=body, headers=headers):
                # A reporter whose answer times out sends the same form again (same key):
                # that must give the same receipt, never a second report.
                started = time.perf_counter()
                for attempt in range(2):
                    try:
                        status, _cookie, answer = request(
                            port, "POST", "/melden/melding/", body=body, headers=headers
                        )
                    except (OSError, http.client.HTTPException) as error:
                        results.error(f"POST {type(error).__name__} (attempt {attempt + 1})")
                        continue
                    answers.append((status, answer, time.perf_counter() - started))
                    return

            senders = [threading.Thread(target=post) for _ in range(times)]
            for sender in senders:
                sender.start()
            for sender in senders:
                sender.join()
            codes = []
            for status, answer, post_time in answers:
                found = CODE.search(answer.decode()) if status == 200 else None
                if not found:
                    results.error(f"POST {status}")
                    continue
                codes.append(found.group(1).replace("-", ""))
                with results.lock:
                    results.post_latency.append(post_time)
            with results.lock:
                results.get_latency.append(get_time)
                if codes:
                    results.acknowledged.append(codes[0])
                if len(codes) == 2:
                    results.doubles.append((codes[0], codes[1]))
            if args.think:
                pause = rng.expovariate(1 / args.think)
                time.sleep(max(0.0, min(pause, stop_at - time.monotonic())))
        except (OSError, http.client.HTTPException) as error:
            results.error(type(error).__name__)


def municipality_ids(port: int) -> list[str]:
    _status, _cookie, page = request(port, "GET", f"/melden/melding/{uuid.uuid4()}/")
    return OPTION.findall(page.decode())


# -- checking the database ---------------------------------------------------------


def verify(args, results: Results) -> dict:
    import psycopg

    codes = results.acknowledged
    with psycopg.connect(args.database) as connection:
        rows = connection.execute(
            "SELECT code, count(*) FROM portal_portalreceipt WHERE code = ANY(%s) GROUP BY code",
            (codes,),
        ).fetchall()
        reports = connection.execute(
            "SELECT count(*) FROM intake_report WHERE source LIKE 'resident%%'"
        ).fetchone()[0]
        receipts = connection.execute("SELECT count(*) FROM portal_portalreceipt").fetchone()[0]
    found = dict(rows)
    return {
        "acknowledged": len(codes),
        "acknowledged_distinct": len(set(codes)),
        "acknowledged_missing": sum(1 for code in codes if found.get(code, 0) == 0),
        "acknowledged_doubled": sum(1 for count in found.values() if count > 1),
        "reports_in_database": reports,
        "receipts_in_database": receipts,
        "double_clicks": len(results.doubles),
        "double_clicks_with_two_codes": sum(1 for a, b in results.doubles if a != b),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause per client, s")
    parser.add_argument("--double-rate", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pow-cost", type=int, default=1, help="PBKDF2 iterations per try")
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zicht_bench"
        ),
    )
    parser.add_argument("--var-dir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.duration <= MAX_DURATION:
        raise SystemExit(f"clients 1..{MAX_CLIENTS}, duration 1..{MAX_DURATION} s")
    args.var_dir.mkdir(parents=True, exist_ok=True)

    prepare(args)
    server = start_server(args)
    try:
        municipalities = municipality_ids(args.port)
        results = Results()
        load_before = os.getloadavg()[0]
        cpu_before = process_group_cpu(server.pid)
        stop_at = time.monotonic() + args.duration
        started = time.monotonic()
        threads = [
            threading.Thread(target=client, args=(n, args, stop_at, results, municipalities))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started
        server_cpu = process_group_cpu(server.pid) - cpu_before
        load_after = os.getloadavg()[0]
    finally:
        stop_server(server)

    check = verify(args, results)
    post = [1000 * v for v in results.post_latency]
    get = [1000 * v for v in results.get_latency]
    summary = {
        "clients": args.clients,
        "duration_s": round(elapsed, 1),
        "think_s": args.think,
        "server": f"gunicorn gthread {args.workers}x{args.threads}",
        "submissions_per_s": round(len(results.acknowledged) / elapsed, 1),
        # Server (gunicorn) CPU per acknowledged submission, including its form GET:
        # independent of what else runs on the machine (PostgreSQL's share not included).
        "server_cpu_ms_per_submission": round(
            1000 * server_cpu / max(1, len(results.acknowledged)), 1
        ),
        "load_average_before_after": [round(load_before, 1), round(load_after, 1)],
        "post_ms": {
            "p50": round(statistics.median(post), 1) if post else None,
            "p95": round(percentile(post, 95), 1),
            "p99": round(percentile(post, 99), 1),
            "max": round(max(post), 1) if post else None,
            "count": len(post),
        },
        "get_ms": {
            "p50": round(statistics.median(get), 1) if get else None,
            "p95": round(percentile(get, 95), 1),
            "p99": round(percentile(get, 99), 1),
        },
        "errors": results.errors,
        "database": check,
    }
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    # A report stored whose answer never reached the client (it gave up twice) is not
    # lost, but it is not acknowledged either: allowed, one per client that gave up.
    gave_up = sum(n for kind, n in results.errors.items() if "attempt 2" in kind)
    ok = (
        check["acknowledged_missing"] == 0
        and check["acknowledged_doubled"] == 0
        and check["double_clicks_with_two_codes"] == 0
        and check["acknowledged_distinct"]
        <= check["receipts_in_database"]
        <= check["acknowledged_distinct"] + gave_up
    )
    print("nothing lost, nothing doubled" if ok else "CHECK FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
