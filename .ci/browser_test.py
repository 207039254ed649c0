#!/usr/bin/env python3
"""End-to-end test in a real headless browser (Chromium driven by Selenium).

Starts `kairos serve --demo`, logs in as the demo booking coordinator, finds a waiting patient by
name and by an NHS number typed with spaces, opens their pathway, books the first slot offered,
sees the confirmation letter queued, opens the printable letter (its date right-aligned by its
own styles), reschedules the appointment in place, cancels it through the confirmation page,
and books it again from the clinic grid. Checks that no main page scrolls sideways at 1366 px or
on a 390 px phone, and that a scheduler is refused the tracking list. Then a team leader previews auto-allocation; a
transport planner plans tomorrow and reads the reasons; the transport manager authorises the
third-party journeys, commits, re-plans after a breakdown and commits again; the crew member sees
only their own run sheet and its iCalendar feed, and turns alerts to their phone on and off.
Loopback only; the patient is chosen from the server's database (read-only).
"""
import base64
import os
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request

import icalendar
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smoke_test import DemoServer, check  # noqa: E402
import smoke_test  # noqa: E402

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/kairos"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def waiting_patient(database):
    """The NHS number, referral and family name of a patient waiting with no appointment yet, most urgent first."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute(
            "SELECT p.nhs_number, r.id, p.family_name, p.id FROM referrals r JOIN patients p ON p.id = r.patient_id "
            "WHERE r.status = 'open' AND r.id NOT IN (SELECT referral_id FROM appointments) "
            "ORDER BY r.priority = 'routine', r.received LIMIT 1").fetchone()


def fits(driver, base, path, width):
    """Whether the page at `path` fits `width` CSS pixels without scrolling sideways."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
    driver.get(f"{base}{path}")
    scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    return scroll <= inner and inner == width, f"{path} at {width}px: scrollWidth {scroll}, innerWidth {inner}"


def log_in(driver, base, username, password):
    driver.get(f"{base}/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".who")))


# A phone's push service, stood in for: headless Chromium has none (its PushManager.subscribe
# never answers), so before the page loads PushManager answers with a subscription that has a
# real P-256 key. The worker, the page's script, its form post and the server are the real ones.
FAKE_PUSH = """(function () {
  if (!window.PushManager) { return; }
  var key = "kairos-fake-push";
  var fake = { endpoint: "https://fcm.googleapis.com/fcm/send/kairos-ci", options: {},
    toJSON: function () { return { endpoint: this.endpoint, keys: { p256dh: "%s", auth: "%s" } }; },
    unsubscribe: function () { localStorage.removeItem(key); return Promise.resolve(true); } };
  PushManager.prototype.subscribe = function () { localStorage.setItem(key, "1"); return Promise.resolve(fake); };
  PushManager.prototype.getSubscription = function () { return Promise.resolve(localStorage.getItem(key) ? fake : null); };
})();"""


def push_alerts(driver, demo, day):
    """The crew member turns on alerts that come while Kairos is closed, then stops them."""
    def b64url(data):
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    def rows():
        with sqlite3.connect(demo.database) as db:
            return db.execute("SELECT user_id FROM push_subscriptions").fetchall()

    browser_key = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": demo.base, "permissions": ["notifications"]})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FAKE_PUSH % (b64url(browser_key), b64url(os.urandom(16)))})
    driver.set_script_timeout(20)
    worker = driver.execute_async_script(
        "var done = arguments[0]; navigator.serviceWorker.register('/static/run-sheet-worker.js')"
        ".then(function (r) { done(r.scope); }, function (e) { done('error ' + e); });")
    check("the alerts' service worker registers (served as a script, allowed by the page's policy)", worker.endswith("/static/"), worker)
    driver.get(f"{demo.base}/transport/run-sheet?date={day}")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "notify-button").is_displayed())
    driver.find_element(By.ID, "notify-button").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "notify-on").is_displayed())
    check("alerts turned on: the page says so and Kairos keeps the crew member's browser", rows() == [("usr_demo_crew",)], str(rows()))
    driver.find_element(By.ID, "notify-stop").click()
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "notify-button").is_displayed())
    check("alerts stopped: the page offers them again and Kairos forgets the browser", rows() == [], str(rows()))


def crew_vehicle(database):
    """Tomorrow's date, the vehicle the demo crew member works and its shift (the demo's transport day)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute(
            "SELECT s.date, s.vehicle_name, s.id FROM vehicle_shifts s JOIN vehicle_shift_crew c ON c.shift_id = s.id "
            "WHERE c.user_id = 'usr_demo_crew'").fetchone()


def run_sheet_calendar(demo, shift):
    """The crew member's run sheet as iCalendar, fetched with an API token and parsed by the
    independent `icalendar` package: its events, each with a start, an end after it and a UID."""
    token = subprocess.run([BINARY, "user", "token", "crew", "--label", "calendar", "--database", demo.database],
                           capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    request = urllib.request.Request(f"{demo.base}/api/v1/transport/run-sheets/{shift}/calendar", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        kind, body = response.headers.get("Content-Type", ""), response.read()
    calendar = icalendar.Calendar.from_ical(body)
    events = list(calendar.walk("VEVENT"))
    valid = all(e.get("UID") and e.decoded("DTSTART") < e.decoded("DTEND") and e.get("SUMMARY") for e in events)
    return kind, events, valid


def transport_journey(driver, demo, wait):
    """A transport planner plans tomorrow and reads why journeys are left out; the transport manager
    authorises the third-party journeys, commits, re-plans after a breakdown (authorising again if
    need be) and commits again; the crew member then sees only their own run sheet and its feed."""
    day, vehicle, shift = crew_vehicle(demo.database)
    driver.delete_all_cookies()
    log_in(driver, demo.base, "planner", demo.logins.get("planner", ""))
    driver.get(f"{demo.base}/transport/day?date={day}")
    check("the planner's day board lists tomorrow's vehicles", "Vehicle shifts" in driver.page_source and vehicle in driver.page_source)
    driver.find_element(By.CSS_SELECTOR, "#time-limit option[value='10']").click()
    driver.find_element(By.ID, "plan-button").click()
    # The day board has no progress bar either: wait for the job's page before waiting for the job.
    WebDriverWait(driver, 30).until(expected_conditions.url_contains("/transport/plan-jobs/"))
    WebDriverWait(driver, 90).until_not(expected_conditions.presence_of_element_located((By.ID, "job-progress")))
    reasons = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#unplanned tbody tr")]
    check("the proposed plan says why each journey left out is left out, and what would make it fit",
          len(reasons) > 0 and all("would fit" in r or "No vehicle" in r or "Cheaper by a third party" in r for r in reasons), str(reasons[:3]))
    check("the proposal draws the vehicles' timeline and the route map as SVG",
          len(driver.find_elements(By.CSS_SELECTOR, "figure svg")) == 2)
    check("the planner sees that third-party journeys await a manager's authorisation, and cannot commit yet",
          "must authorise" in driver.page_source and not driver.find_elements(By.ID, "commit-button"))
    job = driver.current_url

    driver.delete_all_cookies()
    log_in(driver, demo.base, "transport-manager", demo.logins.get("transport-manager", ""))
    driver.get(f"{demo.base}/transport/authorisations")
    check("the transport manager's queue lists the plan with its cost", "£" in driver.page_source and job.split("/")[-1] in driver.page_source)
    driver.get(job)
    driver.find_element(By.ID, "authorise-button").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "commit-button")))
    driver.find_element(By.ID, "commit-button").click()
    wait.until(expected_conditions.url_contains("committed=1"))
    check("the plan is committed once authorised", "Plan version 1" in driver.page_source)
    driver.find_elements(By.CSS_SELECTOR, "#broken option")[1].click()
    driver.execute_script("document.getElementById('broken-at').value = '11:00'")
    driver.find_element(By.ID, "replan-button").click()
    # The re-plan searches about a second; a loaded machine running a debug build needs far longer.
    WebDriverWait(driver, 120).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#commit-button, #authorise-button")))
    check("the re-plan after a breakdown says what happened at 11:00", "Re-planned from 11:00; off the road:" in driver.page_source)
    if driver.find_elements(By.ID, "authorise-button"):
        driver.find_element(By.ID, "authorise-button").click()
        wait.until(expected_conditions.presence_of_element_located((By.ID, "commit-button")))
    driver.find_element(By.ID, "commit-button").click()
    wait.until(expected_conditions.url_contains("committed=2"))
    check("the re-plan is committed as version 2", "Plan version 2" in driver.page_source)
    # A hand edit: the first journey listed onto another vehicle, timed without a search.
    driver.find_elements(By.CSS_SELECTOR, "#edit-journey option")[1].click()
    driver.find_elements(By.CSS_SELECTOR, "#edit-shift option")[2].click()
    driver.find_element(By.ID, "edit-button").click()
    WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located((By.ID, "edit-source")))
    WebDriverWait(driver, 30).until_not(expected_conditions.presence_of_element_located((By.ID, "job-progress")))
    check("a hand edit shows the edited plan, and either commits or names each rule it breaks in words",
          "Edited by hand from committed plan version 2" in driver.page_source
          and (bool(driver.find_elements(By.ID, "commit-button")) or "This edit breaks a rule" in driver.page_source))
    driver.get(f"{demo.base}/transport/reports?from={day}&to={day}")
    check("the indicators page draws its four charts and each journey planned against recorded",
          len(driver.find_elements(By.CSS_SELECTOR, "figure svg")) == 4 and bool(driver.find_elements(By.ID, "report-lines")))
    driver.get(f"{demo.base}/transport/day?date={day}")
    driver.find_element(By.LINK_TEXT, "Renal transport centre").click()
    check("the board offers the other cluster, and its day has only its own contract's journeys and vehicles",
          "Renal transport centre</h1>" in driver.page_source and "Renal ambulance" in driver.page_source and "Car 1" not in driver.page_source,
          driver.current_url)
    for path in (f"/transport/day?date={day}", f"/transport/day?date={day}&cluster=renal", f"/transport/run-sheet?date={day}", "/transport/journeys/new",
                 f"/transport/reports?from={day}&to={day}", "/transport/settings", "/transport/fleet"):
        for width in (1366, 390):
            ok, detail = fits(driver, demo.base, path, width)
            check(f"{path} fits {width} px without scrolling sideways", ok, detail)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    driver.delete_all_cookies()
    log_in(driver, demo.base, "crew", demo.logins.get("crew", ""))
    driver.get(f"{demo.base}/transport/run-sheet?date={day}")
    sheets = [s.get_attribute("aria-label") for s in driver.find_elements(By.CSS_SELECTOR, "section.run-sheet")]
    check("the crew member sees only their own run sheet", sheets == [vehicle], str(sheets))
    stops = len(driver.find_elements(By.CSS_SELECTOR, "section.run-sheet li[id^='stop-']"))
    ok, detail = fits(driver, demo.base, f"/transport/run-sheet?date={day}", 390)
    check("the run sheet fits a 390 px phone", ok, detail)
    shown, permission = driver.execute_script(
        "return [!document.getElementById('notify').hidden, window.Notification ? Notification.permission : 'none']")
    check("the run sheet offers change alerts exactly when the browser can still be asked for them",
          shown == (permission == "default"), f"shown {shown}, permission {permission}")
    push_alerts(driver, demo, day)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.get(f"{demo.base}/transport/day?date={day}")
    check("the crew member is refused the day board", "Forbidden" in driver.title, driver.title)
    kind, events, valid = run_sheet_calendar(demo, shift)
    check("the run sheet's iCalendar feed parses (icalendar) with an event per stop, each with a UID, start and end",
          kind.startswith("text/calendar") and len(events) == stops > 0 and valid, f"{kind}, {len(events)} events, {stops} stops")


def main():
    with DemoServer(BINARY) as demo:
        nhs, referral, family, patient = waiting_patient(demo.database)
        driver = browser()
        try:
            wait = WebDriverWait(driver, 15)
            log_in(driver, demo.base, "booking", demo.logins.get("booking", ""))
            check("the booking coordinator logs in and sees the home page", "Booking coordinator" in driver.page_source)

            driver.find_element(By.LINK_TEXT, "Outpatients").click()
            driver.find_element(By.ID, "nhs").send_keys(family)
            driver.find_element(By.CSS_SELECTOR, "form[action='/patients'] button").click()
            listed = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table[aria-label='Patients found']")))
            check("finds patients by family name", f"/patients/{patient}" in listed.get_attribute("innerHTML"))
            spaced = f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
            box = driver.find_element(By.ID, "query")
            box.clear()
            box.send_keys(spaced)
            driver.find_element(By.CSS_SELECTOR, "form[action='/patients'] button").click()
            wait.until(expected_conditions.url_contains(f"/patients/{patient}"))
            check("finds the patient by an NHS number typed with spaces, straight to the record",
                  driver.current_url.endswith(f"/patients/{patient}") and "patient-banner" in driver.page_source, driver.current_url)

            driver.find_element(By.CSS_SELECTOR, f"a[href='/outpatients/referrals/{referral}']").click()
            wait.until(expected_conditions.presence_of_element_located((By.ID, "booking-form")))
            check("the pathway page offers slots to book", len(driver.find_elements(By.NAME, "slotId")) > 0)
            first = driver.find_elements(By.NAME, "slotId")[0]
            slot = first.get_attribute("value")
            first.click()
            driver.find_element(By.ID, "book-button").click()

            notice = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice[role=status]")))
            check("booking the chosen slot confirms the appointment", "Booked: reference" in notice.text, notice.text)
            rows = driver.find_elements(By.CSS_SELECTOR, "tr.message")
            queued = [r.text for r in rows if "Confirmation" in r.text and "Waiting to go" in r.text]
            check("the confirmation letter is queued", any("Letter" in r for r in queued), str([r.text for r in rows]))
            booked = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table[aria-labelledby=appointments] tbody tr")]
            check("the pathway lists the new appointment as booked", len(booked) == 1 and "Booked" in booked[0], str(booked))
            pathway_url = driver.current_url
            check("the chosen slot is no longer offered", not driver.find_elements(By.CSS_SELECTOR, f"input[value='{slot}']"))

            letter = next(a for a in driver.find_elements(By.CSS_SELECTOR, "tr.message a") if "/letters/" in a.get_attribute("href"))
            letter.click()
            check("the letter opens as a printable page with a short reference", "@page" in driver.page_source and "<dt>Reference</dt>" in driver.page_source
                  and "apt_" not in driver.page_source)
            align = driver.execute_script("return getComputedStyle(document.querySelector('p.date')).textAlign")
            check("the letter's own styles apply: its date is right-aligned", align == "right", align)

            # Rescheduling in place: the Move page, another slot, back to the pathway with one change letter.
            driver.get(pathway_url.split("?")[0])
            driver.find_element(By.CSS_SELECTOR, "a[href$='/change']").click()
            wait.until(expected_conditions.presence_of_element_located((By.NAME, "slotId")))
            driver.find_elements(By.NAME, "slotId")[0].click()
            driver.find_element(By.CSS_SELECTOR, "input[name=initiatedBy][value=patient]").click()
            driver.find_element(By.CSS_SELECTOR, "form[action$='/change'] button[type=submit]").click()
            notice = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice[role=status]")))
            check("an appointment is rescheduled in place", "Moved: the new appointment is reference" in notice.text, notice.text)
            changes = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "tr.message") if "Change" in r.text and "Letter" in r.text]
            check("the move queues one change letter", len(changes) == 1, str(changes))

            # Cancelling asks first: the confirmation page, then back to the pathway.
            driver.get(pathway_url.split("?")[0])
            driver.find_element(By.CSS_SELECTOR, "a[href$='/cancellation']").click()
            wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "button.danger")))
            check("cancelling shows a confirmation page first", "Cancel appointment" in driver.title, driver.title)
            driver.find_element(By.CSS_SELECTOR, "input[name=initiatedBy][value=patient]").click()
            driver.find_element(By.CSS_SELECTOR, "button.danger").click()
            notice = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice[role=status]")))
            check("the appointment is cancelled after confirming", "Cancelled appointment" in notice.text, notice.text)

            # Booking from the clinic grid: the pathway's link, a week with a free slot for it, the form, back to the pathway.
            driver.find_element(By.ID, "grid-link").click()
            wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".booking-for")))
            for _ in range(8):
                if driver.find_elements(By.CSS_SELECTOR, ".session a.book"):
                    break
                driver.find_element(By.LINK_TEXT, "Next week").click()
            grid_url = urllib.parse.urlparse(driver.current_url)
            grid_path = grid_url.path + "?" + grid_url.query
            check("the clinic grid shows the week's sessions as columns", len(driver.find_elements(By.CSS_SELECTOR, ".session-grid .session")) > 0)
            driver.find_elements(By.CSS_SELECTOR, ".session a.book")[0].click()
            wait.until(expected_conditions.presence_of_element_located((By.ID, "slot-booking-form")))
            booking_path = urllib.parse.urlparse(driver.current_url).path
            chosen = driver.find_elements(By.CSS_SELECTOR, "input[name=referralId]:checked")
            check("the grid's booking form has the pathway chosen", len(chosen) == 1 and chosen[0].get_attribute("value") == referral,
                  str([c.get_attribute("value") for c in chosen]))
            if driver.find_elements(By.NAME, "shortNoticeAgreed"):
                driver.find_element(By.NAME, "shortNoticeAgreed").click()
            driver.find_element(By.ID, "slot-book-button").click()
            notice = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice[role=status]")))
            check("a free slot is booked from the clinic grid", "Booked: reference" in notice.text and f"/outpatients/referrals/{referral}" in driver.current_url,
                  notice.text)

            for path in ("/", "/services/outpatients", "/outpatients/tracking-list", urllib.parse.urlparse(pathway_url).path,
                         f"/patients/{patient}", f"/patients?q={family}", "/outpatients/clinics", grid_path, booking_path, "/outpatients/reports"):
                for width in (1366, 390):
                    ok, detail = fits(driver, demo.base, path, width)
                    check(f"{path} fits {width} px without scrolling sideways", ok, detail)
            # The worklist: at least 30 rows in view at 1366x900, a saved view, a sorted column.
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            driver.get(f"{demo.base}/outpatients/tracking-list")
            visible = driver.execute_script("return [...document.querySelectorAll('table.worklist tbody tr')]"
                                            ".filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length")
            check("the tracking list shows at least 30 rows at 1366x900", visible >= 30, str(visible))
            driver.find_element(By.LINK_TEXT, "To book").click()
            driver.find_element(By.LINK_TEXT, "Weeks").click()
            sorted_header = driver.find_elements(By.CSS_SELECTOR, "th[aria-sort=descending]")
            check("a saved view sorts by a column header", "view=to-book" in driver.current_url and "sort=weeks" in driver.current_url
                  and len(sorted_header) == 1 and "Weeks" in sorted_header[0].text, driver.current_url)
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

            driver.get(f"{demo.base}/outpatients/tracking-list?breached=true")
            check("the tracking list shows breached pathways", "past their 18-week breach date" in driver.page_source
                  and len(driver.find_elements(By.CSS_SELECTOR, "tr.breached")) > 0)

            driver.delete_all_cookies()
            log_in(driver, demo.base, "scheduler", demo.logins.get("scheduler", ""))
            driver.get(f"{demo.base}/outpatients/tracking-list")
            check("a scheduler is refused the patient tracking list", "Forbidden" in driver.title and "NHS number" not in driver.page_source, driver.title)
            driver.get(f"{demo.base}/patients/{patient}")
            check("a scheduler is refused a patient record", "Forbidden" in driver.title, driver.title)

            driver.delete_all_cookies()
            log_in(driver, demo.base, "teamlead", demo.logins.get("teamlead", ""))
            driver.get(f"{demo.base}/outpatients/allocation")
            driver.find_element(By.CSS_SELECTOR, "form[action='/outpatients/allocation'] button").click()
            wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "input[name=planId]")))
            check("a team leader previews auto-allocation", "Proposed" in driver.page_source)

            transport_journey(driver, demo, wait)
        except Exception as error:  # report, then fail the run
            check("the browser journey completes", False, f"{type(error).__name__}: {error}")
        finally:
            driver.quit()
    check("server stops cleanly on SIGINT", demo.exit_code == 0, str(demo.exit_code))
    print(f"browser: {smoke_test.passed} passed, {smoke_test.failed} failed")
    return 0 if smoke_test.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
