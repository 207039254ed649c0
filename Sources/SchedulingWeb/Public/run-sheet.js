// Live run sheets (PT-07): every 20 seconds, ask whether the sheets on this page changed (a
// re-plan, a cancellation, a stop recorded by the other crew member) and reload them if so.
// While a note is being typed the page is not reloaded: it says the plan changed instead. A crew
// member who allows it is alerted (a notification and a buzz) when the sheet changes while the
// phone shows something else; browsers allow this over HTTPS only, and only while the page is open.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.fetch) { return; }
  var url = live.getAttribute("data-live-url"), stamp = live.getAttribute("data-live-stamp");
  function typing() {
    var active = document.activeElement;
    if (active && (active.tagName === "TEXTAREA" || active.tagName === "INPUT")) { return true; }
    return Array.prototype.some.call(document.querySelectorAll("textarea"), function (t) { return t.value.trim() !== ""; });
  }
  var canNotify = "Notification" in window && window.isSecureContext;
  var ask = document.getElementById("notify"), button = document.getElementById("notify-button");
  if (ask && button && canNotify && Notification.permission === "default") {
    ask.hidden = false;
    button.addEventListener("click", function () {
      Notification.requestPermission().then(function () { ask.hidden = true; });
    });
  }
  function alertCrew() {
    if (!document.hidden) { return; }
    if (canNotify && Notification.permission === "granted") {
      new Notification("Your run sheet has changed", { body: "Open it to see the new stops and times.", tag: "kairos-run-sheet" });
    }
    if (navigator.vibrate) { navigator.vibrate([200, 100, 200]); }
  }
  function check() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body || body.stamp === stamp) { return; }
        alertCrew();
        if (typing()) {
          stamp = body.stamp;
          live.textContent = "The plan has changed: reload this page when you have saved your note.";
          live.className = "notice no-print";
        } else {
          window.location.reload();
        }
      })
      .catch(function () { /* offline for a moment: ask again next time */ });
  }
  window.setInterval(check, 20000);
})();
