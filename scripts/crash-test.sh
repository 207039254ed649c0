#!/usr/bin/env bash
# Crash test (issue 15): a booking load on loopback while the server is killed with SIGKILL at
# random moments and restarted on the same database, KILLS times; afterwards every booking that
# was acknowledged (201) is stored, no slot is booked twice, `kairos audit verify` passes and
# SQLite's integrity check passes. Prints its counts; exits 1 on any failure.
#
#   scripts/crash-test.sh [KILLS] [CLIENTS]                 (default 10 kills, 16 clients)
#   KAIROS=path/to/kairos scripts/crash-test.sh …           (default .build/debug/kairos)
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-10}
clients=${2:-16}
kairos=${KAIROS:-.build/debug/kairos}
[ -x "$kairos" ] || { echo "build it first: swift build --product kairos"; exit 2; }
exec python3 - "$kairos" "$kills" "$clients" <<'PY'
import json, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

binary, kills, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
work = tempfile.mkdtemp(prefix="kairos-crash-")
database = os.path.join(work, "crash.sqlite")
pairs_file = os.path.join(work, "pairs.txt")
token = subprocess.run([binary, "bench", "outpatients", "booking", "--database", database, "--pairs", pairs_file, "--bookings", "6000"],
                       capture_output=True, text=True, check=True, timeout=600).stdout.strip().splitlines()[-1]
pairs = [line.split() for line in open(pairs_file)]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"

def start():
    process = subprocess.Popen([binary, "serve", "--database", database, "--port", str(port), "--log-level", "error", "--no-dispatch"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health/live", timeout=1) as r:
                if r.status == 200:
                    return process
        except Exception:
            time.sleep(0.05)
    raise SystemExit("the server did not start")

lock = threading.Lock()
acknowledged = {}   # appointment id -> slot id
answers = {"201": 0, "409": 0, "other": 0, "lost": 0}
cursor = [0]
stop = threading.Event()

def client():
    while not stop.is_set():
        with lock:
            if cursor[0] >= len(pairs):
                return
            referral, slot = pairs[cursor[0]]
            cursor[0] += 1
        body = json.dumps({"referralID": referral, "slotID": slot, "channel": "phone", "shortNoticeAgreed": True}).encode()
        request = urllib.request.Request(f"{base}/api/v1/bookings", data=body, method="POST",
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                appointment = json.loads(response.read())
                with lock:
                    answers["201"] += 1
                    acknowledged[appointment["id"]] = slot
        except urllib.error.HTTPError as error:
            with lock:
                answers["409" if error.code == 409 else "other"] += 1
        except Exception:
            with lock:
                answers["lost"] += 1   # in flight when the server died: not acknowledged
            time.sleep(0.05)

server = start()
threads = [threading.Thread(target=client) for _ in range(clients)]
for thread in threads:
    thread.start()
for k in range(kills):
    time.sleep(random.uniform(0.5, 2.0))
    server.send_signal(signal.SIGKILL)
    server.wait()
    server = start()
time.sleep(1)
stop.set()
for thread in threads:
    thread.join()
server.send_signal(signal.SIGINT)
server.wait(timeout=30)

db = sqlite3.connect(database)
stored = {row[0] for row in db.execute("SELECT id FROM appointments")}
missing = [a for a in acknowledged if a not in stored]
doubles = db.execute("SELECT COUNT(*) FROM (SELECT slot_id FROM appointments WHERE status = 'booked' GROUP BY slot_id HAVING COUNT(*) > 1)").fetchone()[0]
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
db.close()
audit = subprocess.run([binary, "audit", "verify", "--database", database], capture_output=True, text=True, timeout=600)
print(f"crash: {kills} SIGKILLs; answers {answers}; {len(acknowledged)} bookings acknowledged, {len(stored)} stored")
print(f"crash: acknowledged but not stored {len(missing)}; slots booked twice {doubles}; integrity check {integrity}; "
      f"audit verify exit {audit.returncode} ({audit.stdout.strip().splitlines()[-1] if audit.stdout.strip() else audit.stderr.strip()[:200]})")
ok = not missing and doubles == 0 and integrity == "ok" and audit.returncode == 0 and answers["other"] == 0 and len(acknowledged) > 0
print("crash: PASS" if ok else "crash: FAIL")
subprocess.run(["rm", "-rf", work])
sys.exit(0 if ok else 1)
PY
