// Run-sheet alerts (PT-07) on a crew member's phone while Kairos is closed: Kairos pushes a
// message through the browser's push service whenever the crew member's run sheets for today
// change; this worker shows it as a notification, and a tap opens the run sheet. The message
// names vehicles and counts stops, never a patient.
"use strict";
var sheet = "/transport/run-sheet";

function sameOrigin(url) {
  return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : sheet;
}

self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Your run sheet has changed", {
    body: data.body || "Open it to see the new stops and times.",
    tag: data.tag || "kairos-run-sheet",
    renotify: true,
    vibrate: [200, 100, 200],
    data: { url: sameOrigin(data.url) }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = sameOrigin(event.notification.data && event.notification.data.url);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url.indexOf(sheet) !== -1 && "focus" in windows[i]) {
        return windows[i].focus().then(function (w) { return w.navigate ? w.navigate(url) : w; });
      }
    }
    return self.clients.openWindow(url);
  }));
});
