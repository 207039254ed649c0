#!/usr/bin/env python3
"""Stall test (issue 15): while 8 loops post wrong passwords to /login and 10 clients send heavy
requests (auto-allocation previews, the tracking list, reports) for DURATION seconds, GET /health
is timed every 50 ms. Passes when its p99 is under 100 ms and it never failed.

usage: scripts/stall_test.py KAIROS_BINARY [DURATION_SECONDS]

Starts `kairos serve --demo` on a temporary database and a free loopback port (the smoke test's
DemoServer), then stops it. Prints the counts and percentiles; exits 1 on failure.
"""
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".ci"))
import smoke_test  # noqa: E402
from smoke_test import DemoServer, request  # noqa: E402

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/kairos"
DURATION = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def main():
    with DemoServer(BINARY) as demo:
        base = demo.base
        token = smoke_test.subprocess.run([BINARY, "user", "token", "teamlead", "--database", demo.database],
                                          capture_output=True, text=True, timeout=120).stdout.strip().splitlines()[-1]
        auth = {"Authorization": f"Bearer {token}"}
        stop = time.time() + DURATION
        counts = {"login": {}, "heavy": {}}
        lock = threading.Lock()

        def count(kind, status):
            with lock:
                counts[kind][status] = counts[kind].get(status, 0) + 1

        def guesser(k):
            while time.time() < stop:
                status, _, cookies, body = request(f"{base}/login")
                csrf = smoke_test.cookie_value(cookies, "kairos_login_csrf") or ""
                form = urllib.parse.urlencode({"username": f"booking{k % 2 or ''}", "password": "not the password", "_csrf": csrf}).encode()
                status, _, _, _ = request(f"{base}/login", data=form, headers={
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"kairos_login_csrf={csrf}"})
                count("login", status)

        heavy_requests = [
            ("POST", "/api/v1/allocations", b"{}"),
            ("GET", "/api/v1/tracking-list", None),
            ("GET", "/api/v1/reports/waiting-list", None),
            ("GET", "/api/v1/reports/backlog-projection", None),
        ]

        def heavy(k):
            n = k
            while time.time() < stop:
                method, path, body = heavy_requests[n % len(heavy_requests)]
                n += 1
                headers = dict(auth)
                if body is not None:
                    headers["Content-Type"] = "application/json"
                status, _, _, _ = request(f"{base}{path}", data=body, headers=headers, method=method)
                count("heavy", status)

        health = []
        failures = []

        def timer():
            while time.time() < stop:
                started = time.perf_counter()
                status, _, _, _ = request(f"{base}/health")
                elapsed = (time.perf_counter() - started) * 1000
                health.append(elapsed)
                if status != 200:
                    failures.append(status)
                time.sleep(0.05)

        threads = [threading.Thread(target=guesser, args=(k,)) for k in range(8)]
        threads += [threading.Thread(target=heavy, args=(k,)) for k in range(10)]
        threads.append(threading.Thread(target=timer))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    p50, p99, worst = percentile(health, 50), percentile(health, 99), max(health) if health else float("nan")
    print(f"stall: {DURATION:.0f} s; logins by status {dict(sorted(counts['login'].items()))}; "
          f"heavy requests by status {dict(sorted(counts['heavy'].items()))}")
    print(f"stall: GET /health {len(health)} times: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {worst:.1f} ms, failures {len(failures)}")
    ok = health and p99 < 100 and not failures
    print("stall: PASS" if ok else "stall: FAIL (target: p99 under 100 ms, no failure)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
