#!/usr/bin/env python3
"""Run-sheet alerts pushed to a crew member's phone, end to end, checked by independent code.

Starts `kairos serve --demo` with a push service of the test's own on loopback accepted
(`--push-service`) and alerts looked for every second. The crew member's "browser" (a P-256 key
pair and a secret made here with `cryptography`) subscribes through the API; a planner puts the
crew member on a shift today, which changes their run sheets; the push service must then receive
one message that `http_ece` (an independent RFC 8188/8291 implementation) decrypts with the
browser's keys, naming the vehicle and no patient, with a VAPID token (RFC 8292) that verifies
against the server's public key and names the push service as its audience. The push service
then answers 410 Gone to the next alert, and the subscription must be dropped. Loopback only.
"""
import base64
import datetime
import json
import os
import subprocess
import sys
import threading
import time
import zoneinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smoke_test  # noqa: E402
from smoke_test import DemoServer, check, free_port, request  # noqa: E402

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/kairos"


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PushService(BaseHTTPRequestHandler):
    """Keeps each message it is sent; answers with the next status queued (201 by default)."""
    received = []
    answers = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        PushService.received.append((self.path, dict(self.headers), body))
        status = PushService.answers.pop(0) if PushService.answers else 201
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def wait_for(count, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline and len(PushService.received) < count:
        time.sleep(0.2)
    return len(PushService.received) >= count


def verify_vapid(authorization, audience):
    """The token's claims if its ES256 signature verifies with the key beside it; None if not."""
    scheme, _, rest = authorization.partition(" ")
    fields = dict(part.strip().split("=", 1) for part in rest.split(","))
    header, claims, signature = fields["t"].split(".")
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(fields["k"]))
    raw = unb64url(signature)
    try:
        key.verify(encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
                   f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return None
    decoded = json.loads(unb64url(claims))
    if scheme != "vapid" or json.loads(unb64url(header)).get("alg") != "ES256" or decoded.get("aud") != audience:
        return None
    return decoded, fields["k"]


def main():
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    server = ThreadingHTTPServer(("127.0.0.1", port), PushService)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    demo = DemoServer(BINARY, extra=["--push-service", origin, "--alert-seconds", "1", "--push-contact", "mailto:transport@ci.kairos.test"])
    with demo:
        def token(user):
            return subprocess.run([BINARY, "user", "token", user, "--label", "push", "--database", demo.database],
                                  capture_output=True, text=True, check=True).stdout.strip().split()[-1]

        crew, planner = token("crew"), token("planner")

        def api(path, token, body=None, method=None):
            data = json.dumps(body).encode() if body is not None else None
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"}
            status, _, _, text = request(f"{demo.base}{path}", data=data, headers=headers, method=method)
            return status, text

        status, text = api("/api/v1/transport/push-key", crew)
        server_key = json.loads(text).get("publicKey") if status == 200 else None
        check("the crew member reads the server's push key", status == 200 and server_key and len(unb64url(server_key)) == 65, f"{status} {text}")

        browser = ec.generate_private_key(ec.SECP256R1())
        browser_public = browser.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        auth = os.urandom(16)
        endpoint = f"{origin}/push/phone-1"
        status, text = api("/api/v1/transport/push-subscriptions", crew,
                           {"endpoint": endpoint, "expirationTime": None, "keys": {"p256dh": b64url(browser_public), "auth": b64url(auth)}})
        check("the crew member's browser subscribes (201)", status == 201, f"{status} {text}")
        status, text = api("/api/v1/transport/push-subscriptions", crew,
                           {"endpoint": "http://127.0.0.1:1/elsewhere", "keys": {"p256dh": b64url(browser_public), "auth": b64url(auth)}})
        check("an endpoint that is no accepted push service is refused by field", status == 422 and '"endpoint"' in text, f"{status} {text}")

        time.sleep(3)
        check("nothing is pushed while the run sheets stay as they are", not PushService.received, str(len(PushService.received)))

        today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/London")).date().isoformat()
        shift = {"date": today, "vehicleName": "Alert test van", "seats": 3, "wheelchairSpaces": 1, "crewSize": 1,
                 "base": {"latitude": 53.4808, "longitude": -2.2426}, "start": "00:05", "end": "23:55", "crewUserIDs": ["usr_demo_crew"]}
        status, text = api("/api/v1/transport/shifts", planner, shift)
        check("a planner puts the crew member on a shift today", status == 201, f"{status} {text}")

        check("the push service receives an alert", wait_for(1), "none within 20 s")
        if PushService.received:
            path, headers, body = PushService.received[0]
            check("the alert goes to the browser's endpoint, encrypted (aes128gcm) with a time to live",
                  path == "/push/phone-1" and headers.get("Content-Encoding") == "aes128gcm" and int(headers.get("TTL", "0")) > 0, str(headers))
            vapid = verify_vapid(headers.get("Authorization", ""), origin)
            check("its VAPID token verifies with the server's key, for this push service, with the operator's contact",
                  vapid is not None and vapid[1] == server_key and vapid[0].get("sub") == "mailto:transport@ci.kairos.test"
                  and vapid[0].get("exp", 0) > time.time(), headers.get("Authorization", ""))
            try:
                plain = http_ece.decrypt(body, private_key=browser, auth_secret=auth, version="aes128gcm")
                message = json.loads(plain)
            except Exception as error:  # noqa: BLE001 - any failure to decrypt is the finding
                message = {"error": repr(error)}
            check("http_ece decrypts it with the browser's keys: the run sheet changed, on the new vehicle",
                  message.get("title") == "Your run sheet has changed" and "Alert test van" in message.get("body", "")
                  and message.get("url", "").startswith("/transport/run-sheet"), str(message))

        PushService.answers.append(410)
        status, text = api("/api/v1/transport/shifts", planner, dict(shift, vehicleName="Second alert van", start="00:10", end="00:20"))
        check("a second change is made (another shift today)", status == 201, f"{status} {text}")
        if status == 201:
            wait_for(2)
            deadline = time.time() + 10
            while time.time() < deadline:
                status, text = api("/api/v1/transport/push-subscriptions", crew)
                if status == 200 and json.loads(text) == []:
                    break
                time.sleep(0.3)
            check("a browser the push service says is gone (410) is dropped", status == 200 and json.loads(text) == [], text)
    server.shutdown()
    check("server stops cleanly on SIGINT", demo.exit_code == 0, str(demo.exit_code))
    print(f"push: {smoke_test.passed} passed, {smoke_test.failed} failed")
    return 0 if smoke_test.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
