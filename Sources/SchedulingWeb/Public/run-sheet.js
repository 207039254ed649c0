// Live run sheets (PT-07): every 20 seconds, ask whether the sheets on this page changed (a
// re-plan, a cancellation, a stop recorded by the other crew member) and reload them if so.
// While a note is being typed the page is not reloaded: it says the plan changed instead.
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
  function check() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body || body.stamp === stamp) { return; }
        if (typing()) {
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
