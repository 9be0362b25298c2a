"""How long the portal's proof of work takes: in the browser (the ALTCHA widget, Chromium) and
on the server (checking one answer), per PBKDF2 cost.

    uv run python bench/portal_proof.py [--costs 500,1000,2000] [--runs 15]

Serves a page with the widget and our own portal/proof.js from 127.0.0.1 (http.server, a
temporary directory laid out as the static files are), with a challenge made by the server's
library and written into the page, and lets headless Chromium solve it `--runs` times per
cost (one worker, as on a cheap phone; and the browser's default). Prints medians and the
spread; the results go to docs/benchmarks.md. Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import altcha
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SECRET = b"bench only"
PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<link rel="stylesheet" href="/vendor/altcha/external/altcha.css"></head><body>
<form id="report-form"><altcha-widget name="altcha" auto="off" language="nl"
 challenge="{challenge}" workers="{workers}"
 configuration='{{"minDuration": 0}}'></altcha-widget></form>
<script type="module" src="/vendor/altcha/i18n/nl.js"></script>
<script type="module" src="/portal/proof.js"></script></body></html>"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def lay_out(directory: Path) -> None:
    shutil.copytree(ROOT / "node_modules" / "altcha" / "dist", directory / "vendor" / "altcha")
    (directory / "portal").mkdir()
    shutil.copy(ROOT / "zicht" / "static" / "portal" / "proof.js", directory / "portal")


def challenge(cost: int) -> dict:
    made = altcha.create_challenge(
        "PBKDF2/SHA-256", cost, key_prefix="00", hmac_secret=SECRET, data={"for": "bench"}
    )
    return made.to_dict()


SOLVE = """async () => {
  const widget = document.querySelector("altcha-widget");
  await customElements.whenDefined("altcha-widget");
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const done = new Promise((resolve) => widget.addEventListener("statechange", (event) => {
    if (["verified", "error"].includes(event.detail.state)) { resolve(event.detail.state); }
  }));
  widget.verify();
  const state = await done;
  return [state, performance.now() - started, widget.querySelector("input[name=altcha]").value];
}"""


def in_browser(browser, port: int, directory: Path, cost: int, workers: int, runs: int):
    times, verified = [], 0
    for _ in range(runs):
        page_file = directory / "index.html"
        page_file.write_text(
            PAGE.format(challenge=html.escape(json.dumps(challenge(cost))), workers=workers)
        )
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/index.html")
        state, elapsed, payload = page.evaluate(SOLVE)
        page.close()
        if state == "verified" and altcha.verify_solution(payload, SECRET).verified:
            verified += 1
            times.append(elapsed)
    return times, verified


def on_server(cost: int, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        made = altcha.Challenge.from_dict(challenge(cost))
        payload = altcha.Payload(made, altcha.solve_challenge(made)).to_base64()
        started = time.perf_counter()
        assert altcha.verify_solution(payload, SECRET).verified
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--costs", default="500,1000,2000")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    runs = min(max(args.runs, 1), 50)
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        lay_out(directory)
        handler = functools.partial(Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            for cost in [int(c) for c in args.costs.split(",")]:
                for workers in (1, 4):
                    times, ok = in_browser(browser, port, directory, cost, workers, runs)
                    q = statistics.quantiles(times, n=10) if len(times) > 1 else times * 2
                    print(
                        f"browser cost {cost:5d} workers {workers}: median "
                        f"{statistics.median(times):7.0f} ms, p10 {q[0]:6.0f}, p90 {q[-1]:6.0f}"
                        f" ({ok}/{runs} verified by the server's library)"
                    )
                server_times = on_server(cost, runs)
                print(
                    f"server  cost {cost:5d}: check median {statistics.median(server_times):.2f} ms"
                )
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
