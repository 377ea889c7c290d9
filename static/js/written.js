/* Written items: count words as the student types, and save the text as a draft a few seconds after they stop
   (and when they leave the page), so a closed tab loses nothing. Without JavaScript the "Save draft" button
   posts the same form to the same address; this script posts it in the background and asks for JSON. */
(function () {
  "use strict";

  var QUIET_MS = 2000;

  function enhance(box) {
    var area = box.querySelector("textarea");
    var count = box.querySelector("[data-word-count]");
    var status = box.querySelector("[data-draft-status]");
    var button = box.querySelector("[data-draft-url]");
    var form = area.form;
    var limit = parseInt(box.dataset.maxWords, 10);
    var timer = null;
    var lastSaved = area.value;

    function words() {
      var trimmed = area.value.trim();
      return trimmed ? trimmed.split(/\s+/).length : 0;
    }

    function showCount() {
      var n = words();
      count.textContent = n + " of " + limit + " words" + (n > limit ? ": too long, shorten it" : "");
      box.classList.toggle("over-limit", n > limit);
    }

    function save(keepalive) {
      timer = null;
      if (area.value === lastSaved || !area.value.trim()) {
        return;
      }
      var data = new FormData(form);
      var text = area.value;
      status.textContent = "Saving…";
      fetch(button.dataset.draftUrl, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        keepalive: !!keepalive
      }).then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            lastSaved = text;
          }
          status.textContent = body.message;
        });
      }).catch(function () {
        status.textContent = "Not saved: the connection failed. Use Save draft, or keep this page open.";
      });
    }

    area.addEventListener("input", function () {
      showCount();
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(save, QUIET_MS);
    });
    window.addEventListener("pagehide", function () { save(true); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        save(true);
      }
    });
    showCount();
  }

  document.querySelectorAll("[data-written]").forEach(enhance);
})();
