#!/usr/bin/env python3
"""End-to-end smoke test of the built server.

Starts `kairos serve --demo` on a temporary database and a free port, logs in over HTTP with a
printed demo login, fetches a page and an API route, checks that an unauthenticated API call
gets 401, saves /openapi.json for the validator, and stops the server. Loopback only.
"""
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/kairos"
OPENAPI_OUT = sys.argv[2] if len(sys.argv) > 2 else None

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"  ok   {name}")
    else:
        failed += 1
        print(f"  FAIL {name} {detail}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url, data=None, headers=None, method=None):
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with opener.open(req, timeout=30) as response:
            return response.status, dict(response.headers), response.headers.get_all("Set-Cookie") or [], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.headers.get_all("Set-Cookie") or [], error.read().decode()


def cookie_value(set_cookies, name):
    for line in set_cookies:
        first = line.split(";")[0]
        if first.startswith(name + "="):
            return first[len(name) + 1:]
    return None


class DemoServer:
    """`kairos serve --demo` on a temporary database and a free loopback port; the demo logins
    are read from its start-up output. Stopped with SIGINT (its exit code in `exit_code`)."""

    def __init__(self, binary, extra=()):
        self.extra = list(extra)
        self.workdir = tempfile.mkdtemp(prefix="kairos-e2e-")
        self.database = os.path.join(self.workdir, "kairos.sqlite")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.binary = binary
        self.logins = {}
        self.exit_code = None

    def __enter__(self):
        self.process = subprocess.Popen([self.binary, "serve", "--demo", "--database", self.database, "--port", str(self.port)] + self.extra,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.time() + 180
        for line in self.process.stdout:
            match = re.match(r"^  (\S+)\s+(\S+)\s+", line)
            if match:
                self.logins[match.group(1)] = match.group(2)
            if "listening on" in line or time.time() > deadline:
                break
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGINT)
        try:
            self.exit_code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.exit_code = "killed"
        return False


def main():
    demo = DemoServer(BINARY)
    with demo:
        base, logins, database = demo.base, demo.logins, demo.database
        check("server starts with demo data and prints demo logins", "admin" in logins and "booking" in logins, str(logins.keys()))

        status, _, _, body = request(f"{base}/health")
        check("GET /health is ok", status == 200 and json.loads(body)["status"] == "ok", f"{status} {body}")

        status, headers, cookies, body = request(f"{base}/login")
        login_csrf = cookie_value(cookies, "kairos_login_csrf")
        form_csrf = re.search(r'name="_csrf" value="([0-9a-f]+)"', body)
        check("GET /login shows the form with a CSRF token", status == 200 and login_csrf and form_csrf and form_csrf.group(1) == login_csrf)

        form = urllib.parse.urlencode({"username": "booking", "password": logins.get("booking", ""), "_csrf": login_csrf or ""}).encode()
        status, headers, cookies, _ = request(f"{base}/login", data=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"kairos_login_csrf={login_csrf}"})
        session = cookie_value(cookies, "kairos_session")
        session_line = next((c for c in cookies if c.startswith("kairos_session=")), "")
        check("POST /login logs in and sets a secure HttpOnly session cookie",
              status == 303 and session and "HttpOnly" in session_line and "Secure" in session_line, f"{status} {session_line}")

        status, _, _, body = request(f"{base}/", headers={"Cookie": f"kairos_session={session}", "Accept": "text/html"})
        check("GET / shows the booking coordinator's home page", status == 200 and "Booking coordinator" in body, str(status))

        status, headers, _, body = request(f"{base}/api/v1/organisation")
        check("GET /api/v1/organisation without a token is 401 problem JSON",
              status == 401 and headers.get("Content-Type") == "application/problem+json" and json.loads(body)["status"] == 401,
              f"{status} {headers.get('Content-Type')}")

        token = subprocess.run([BINARY, "user", "token", "booking", "--database", database],
                               capture_output=True, text=True, timeout=120).stdout.strip().splitlines()[-1]
        status, headers, _, body = request(f"{base}/api/v1/organisation", headers={"Authorization": f"Bearer {token}"})
        organisation = json.loads(body) if status == 200 else {}
        check("GET /api/v1/organisation with a token lists the demo trust",
              status == 200 and len(organisation.get("specialties", [])) >= 10 and headers.get("X-Request-ID"), str(status))

        status, _, _, body = request(f"{base}/metrics")
        check("GET /metrics counts requests by route", status == 200 and 'route="/api/v1/organisation"' in body, str(status))

        # A solve job runs in the server's background workers (a lifecycle service) to its checked solution.
        planner = subprocess.run([BINARY, "user", "token", "planner", "--database", database],
                                 capture_output=True, text=True, timeout=120).stdout.strip().splitlines()[-1]
        example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "examples", "small-day.json")
        with open(example, "rb") as problem:
            status, headers, _, body = request(f"{base}/api/v1/routing/jobs?timeLimitSeconds=1", data=problem.read(),
                                               headers={"Authorization": f"Bearer {planner}", "Content-Type": "application/json"})
        location = headers.get("Location", "")
        check("POST /api/v1/routing/jobs queues a job (202 with its Location)", status == 202 and location.startswith("/api/v1/jobs/job_"), str(status))
        job = {}
        deadline = time.time() + 60
        while location and time.time() < deadline:
            status, _, _, body = request(f"{base}{location}", headers={"Authorization": f"Bearer {planner}"})
            job = json.loads(body) if status == 200 else {}
            if job.get("status") in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(0.25)
        check("the job runs in the background to a checked solution",
              job.get("status") == "succeeded" and job.get("result", {}).get("routes"), str({k: job.get(k) for k in ("status", "note", "error")}))

        status, _, _, body = request(f"{base}/static/manifest.json")
        manifest = json.loads(body) if status == 200 else {}
        icons = [urllib.request.urlopen(f"{base}{icon['src']}").status for icon in manifest.get("icons", [])]
        check("the web app manifest (a crew's Home Screen app) is served with its icons",
              manifest.get("display") == "standalone" and manifest.get("start_url") == "/" and icons and all(code == 200 for code in icons),
              f"{status} {icons}")

        status, _, _, body = request(f"{base}/openapi.json")
        check("GET /openapi.json serves OpenAPI 3.1", status == 200 and json.loads(body)["openapi"] == "3.1.0", str(status))
        if OPENAPI_OUT and status == 200:
            with open(OPENAPI_OUT, "w") as out:
                out.write(body)
    check("server stops cleanly on SIGINT", demo.exit_code == 0, str(demo.exit_code))

    print(f"smoke: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
