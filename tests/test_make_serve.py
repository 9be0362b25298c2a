"""`make serve` (the end of `make run`) stops the task worker with the server.

The worker reloads itself on code changes: a parent process that restarts a child. Killing
only the process the Makefile started left that child running, holding tasks and the
database, or a server without its worker. Both ways of stopping are tried: the developer
presses Ctrl-C (SIGINT to the terminal's foreground process group), and make is terminated
(SIGTERM to make alone)."""

import contextlib
import http.client
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def processes_with(marker: str) -> list[tuple[int, str]]:
    """The running processes whose environment holds the marker, with their command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            found.append((int(entry.name), command))
    return found


def workers(marker: str) -> list[tuple[int, str]]:
    return [(pid, command) for pid, command in processes_with(marker) if "db_worker" in command]


def answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/melden/")
        return connection.getresponse().status == 200
    except OSError:
        return False


@pytest.fixture
def make_serve(process_env, spawn):
    markers = []

    def start(port: int):
        env = process_env()
        # `make` calls `python3 -m uv`: the Python outside the project's environment.
        venv = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv)
        env.pop("VIRTUAL_ENV", None)
        process = spawn(
            "make",
            "--no-print-directory",
            "serve",
            f"PORT={port}",
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        markers.append(f"ZICHT_VAR_DIR={env['ZICHT_VAR_DIR']}")
        return process, markers[-1]

    yield start
    for marker in markers:  # whatever the test left behind, also when it failed
        for pid, _command in processes_with(marker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_server_and_worker(make_serve, free_port, wait_for):
    port = free_port()
    make, marker = make_serve(port)
    wait_for(lambda: answers(port), timeout=120, what="the server to answer")
    # The worker reloads: a parent and the child that runs the tasks.
    wait_for(lambda: len(workers(marker)) >= 2, timeout=60, what="the worker and its child")
    os.killpg(make.pid, signal.SIGINT)
    make.wait(timeout=60)
    wait_for(lambda: not processes_with(marker), timeout=30, what="every process to end")


def test_terminating_make_stops_server_and_worker(make_serve, free_port, wait_for):
    """As `timeout`, an editor's stop button or a service manager does: SIGTERM to make."""
    port = free_port()
    make, marker = make_serve(port)
    wait_for(lambda: answers(port), timeout=120, what="the server to answer")
    wait_for(lambda: len(workers(marker)) >= 2, timeout=60, what="the worker and its child")
    make.terminate()
    make.wait(timeout=60)
    wait_for(lambda: not processes_with(marker), timeout=30, what="every process to end")
