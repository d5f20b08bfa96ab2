// Keep the legs of a case page current: ask for the legs section every few seconds and swap
// it in only when the server says it changed (ETag); stop asking while the tab is hidden.
// Without this script the page is complete; it only spares a reload.
(function () {
  "use strict";
  var EVERY_MS = 5000;

  function start(region) {
    var url = region.getAttribute("data-live-url");
    var version = region.getAttribute("data-version") || "";
    var timer = null;

    function schedule() {
      clearTimeout(timer);
      if (!document.hidden) timer = setTimeout(poll, EVERY_MS);
    }

    function swap(html, etag) {
      region.innerHTML = html;
      version = etag;
      region.setAttribute("data-version", etag);
      region.dispatchEvent(new CustomEvent("legs-updated", { bubbles: true }));
    }

    function poll() {
      var headers = { "X-Requested-With": "fetch" };
      if (version) headers["If-None-Match"] = '"' + version + '"';
      fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          var etag = (response.headers.get("ETag") || "").replace(/^W\//, "").replace(/"/g, "");
          if (response.status === 200 && etag && etag !== version) {
            return response.text().then(function (html) { swap(html, etag); });
          }
          // 304: nothing changed; a signed-out or failed answer leaves the page as it is
          return null;
        })
        .catch(function () { return null; })
        .then(schedule);
    }

    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        clearTimeout(timer);
      } else {
        poll();
      }
    });
    schedule();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var regions = document.querySelectorAll("[data-live-url]");
    for (var i = 0; i < regions.length; i++) start(regions[i]);
  });
})();
