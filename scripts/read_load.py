#!/usr/bin/env python3
"""Read load (issue 15): CLIENTS clients each send GET requests for DURATION seconds, in turn to
the tracking list API's first page and to the reports page, against `kairos serve --demo`, and
report the latency percentiles of each. Passes when every p95 is under 1 s and nothing failed.

usage: scripts/read_load.py KAIROS_BINARY [CLIENTS] [DURATION_SECONDS]
"""
import os
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".ci"))
import smoke_test  # noqa: E402
from smoke_test import DemoServer, request  # noqa: E402

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/kairos"
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
DURATION = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def session_cookie(base, username, password):
    _, _, cookies, _ = request(f"{base}/login")
    csrf = smoke_test.cookie_value(cookies, "kairos_login_csrf") or ""
    form = urllib.parse.urlencode({"username": username, "password": password, "_csrf": csrf}).encode()
    _, _, cookies, _ = request(f"{base}/login", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"kairos_login_csrf={csrf}"})
    return smoke_test.cookie_value(cookies, "kairos_session")


def main():
    with DemoServer(BINARY) as demo:
        base = demo.base
        token = smoke_test.subprocess.run([BINARY, "user", "token", "booking", "--database", demo.database],
                                          capture_output=True, text=True, timeout=120).stdout.strip().splitlines()[-1]
        cookie = session_cookie(base, "booking", demo.logins["booking"])
        targets = {
            "tracking list API (first page)": (f"{base}/api/v1/tracking-list", {"Authorization": f"Bearer {token}"}),
            "reports page": (f"{base}/outpatients/reports", {"Cookie": f"kairos_session={cookie}", "Accept": "text/html"}),
        }
        names = list(targets)
        latencies = {name: [] for name in names}
        failures = {name: 0 for name in names}
        lock = threading.Lock()
        stop = time.time() + DURATION

        def client(k):
            n = k
            while time.time() < stop:
                name = names[n % len(names)]
                n += 1
                url, headers = targets[name]
                started = time.perf_counter()
                status, _, _, _ = request(url, headers=headers)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[name].append(elapsed * 1000)
                    if status != 200:
                        failures[name] += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    ok = True
    for name in names:
        values = latencies[name]
        p50, p95, p99 = percentile(values, 50), percentile(values, 95), percentile(values, 99)
        print(f"load: {name}: {len(values)} requests from {CLIENTS} clients in {DURATION:.0f} s; "
              f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, failures {failures[name]}")
        ok = ok and values and p95 < 1000 and failures[name] == 0
    print("load: PASS" if ok else "load: FAIL (target: p95 under 1 s, no failure)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
