// Live run sheets (PT-07): every 20 seconds, ask whether the sheets on this page changed (a
// re-plan, a cancellation, a stop recorded by the other crew member) and reload them if so.
// While a note is being typed the page is not reloaded: it says the plan changed instead. A crew
// member who allows it is alerted (a notification and a buzz) when the sheet changes while the
// phone shows something else, and, where the browser has a push service, also while Kairos is
// closed (run-sheet-worker.js shows Kairos's pushed alert). Browsers allow alerts over HTTPS only.
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
  var on = document.getElementById("notify-on"), stop = document.getElementById("notify-stop"), problem = document.getElementById("notify-problem");
  // With a push service (most phones' browsers) alerts come also while Kairos is closed.
  var key = ask && ask.getAttribute("data-push-key");
  var canPush = canNotify && key && "serviceWorker" in navigator && "PushManager" in window;
  function bytes(base64url) {
    var text = window.atob(base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4));
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { out[i] = text.charCodeAt(i); }
    return out;
  }
  function tell(fields) {
    fields._csrf = ask.getAttribute("data-csrf");
    return fetch("/transport/run-sheet/alerts", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString()
    }).then(function (r) { if (!r.ok) { throw new Error("Kairos answered " + r.status); } });
  }
  function sameKey(subscription) {
    var theirs = subscription.options && subscription.options.applicationServerKey;
    if (!theirs) { return true; }
    var a = new Uint8Array(theirs), b = bytes(key);
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }
  function subscription(create) {
    return navigator.serviceWorker.register("/static/run-sheet-worker.js").then(function (registration) {
      return registration.pushManager.getSubscription().then(function (existing) {
        if (existing && sameKey(existing)) { return existing; }
        var fresh = function () { return create ? registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) }) : null; };
        return existing ? existing.unsubscribe().then(fresh) : fresh();
      });
    });
  }
  function show(state, message) {
    if (!ask) { return; }
    ask.hidden = state === "none";
    button.hidden = state !== "ask";
    if (on) { on.hidden = state !== "on"; }
    if (problem) { problem.hidden = !message; problem.textContent = message || ""; }
  }
  function within(seconds, promise) {
    // A browser without a reachable push service may never answer.
    return Promise.race([promise, new Promise(function (_, fail) { window.setTimeout(function () { fail(new Error("no answer")); }, seconds * 1000); })]);
  }
  function subscribe() {
    return within(15, subscription(true)).then(function (s) {
      var json = s.toJSON();
      return tell({ endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth });
    }).then(function () { show("on"); }, function () {
      show("none");
      if (problem) { ask.hidden = false; problem.hidden = false; problem.textContent = "Alerts could not be set up on this phone: they come only while this page is open."; }
    });
  }
  // An iPhone's Safari pushes only to Kairos opened from the Home Screen.
  if (ask && key && navigator.standalone === false && !("PushManager" in window) && problem) {
    ask.hidden = false;
    problem.hidden = false;
    problem.textContent = "To be alerted while Kairos is closed on an iPhone, add it to the Home Screen (Share, then Add to Home Screen) and open it from there.";
  }
  if (ask && button && canNotify) {
    if (Notification.permission === "default") { show("ask"); }
    else if (Notification.permission === "granted" && canPush) {
      // Already allowed: keep this browser's subscription known to Kairos (another crew member may have signed in on this phone).
      subscription(false).then(function (s) { if (s) { subscribe(); } else { show("ask"); } }, function () { show("ask"); });
    }
    button.addEventListener("click", function () {
      Notification.requestPermission().then(function (answer) {
        if (answer === "granted" && canPush) { subscribe(); } else { show("none"); }
      });
    });
    if (stop) {
      stop.addEventListener("click", function () {
        subscription(false).then(function (s) {
          if (!s) { return null; }
          var endpoint = s.endpoint;
          return s.unsubscribe().then(function () { return tell({ endpoint: endpoint, stop: "1" }); });
        }).then(function () { show("ask"); }, function () { show("ask"); });
      });
    }
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
