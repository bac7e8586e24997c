// newsgen serve: live reload and the build-error overlay. Injected into served pages only.
(function () {
  "use strict";
  var me = document.currentScript;
  var pageEpoch = Number(me && me.dataset.epoch);
  var pageBoot = me && me.dataset.boot;
  var OVERLAY_ID = "newsgen-error-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showOverlay(status) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;" +
      "font:14px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.25)";
    var title = document.createElement("h2");
    title.id = OVERLAY_ID + "-title";
    title.style.cssText = "margin:0 0 .5rem;font-size:1.1rem";
    title.textContent = "Build failed \u2014 showing the last good version of the site";
    var list = document.createElement("pre");
    list.style.cssText = "margin:0;white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace";
    var lines = status.errors && status.errors.length ? status.errors : status.diagnostics || [];
    list.textContent = lines.join("\n") || "The build failed; see the terminal.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "margin-top:.75rem;font:inherit";
    close.addEventListener("click", removeOverlay);
    box.append(title, list, close);
    document.body.appendChild(box);
  }

  function refreshOverlay() {
    fetch("/__newsgen__/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) { if (status.ok) removeOverlay(); else showOverlay(status); })
      .catch(function () { /* the server is restarting; the event stream will retry */ });
  }

  function refreshStylesheets(epoch) {
    document.querySelectorAll('link[rel~="stylesheet"][href]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("newsgen-epoch", String(epoch));
      link.href = url.href;
    });
  }

  function onEpoch(event) {
    var data = JSON.parse(event.data);
    var changed = data.boot !== pageBoot || data.epoch !== pageEpoch;
    var nextBuild = data.boot === pageBoot && data.epoch === pageEpoch + 1;
    if (data.ok && data.styles_only && nextBuild) {  // nothing but stylesheets changed since load
      pageEpoch = data.epoch;
      refreshStylesheets(data.epoch);
    } else if (data.ok && changed) {
      location.reload();
    } else if (data.ok) {
      removeOverlay();
    } else {
      pageEpoch = data.epoch;
      refreshOverlay();
    }
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__newsgen__/events");
  source.addEventListener("epoch", onEpoch);
  // EventSource reconnects by itself (the server asks for 1 s), also after a server restart;
  // a new server has a new boot id, so the first event after a restart reloads the page.
})();
