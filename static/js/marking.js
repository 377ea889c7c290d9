/* The marking queue by keyboard: number keys choose a rubric level, Enter saves and goes on (Ctrl+Enter while
   writing the comment), N and P (or J and K) go to the next and previous answer. The form and links work the
   same without this script. */
(function () {
  "use strict";

  var queue = document.querySelector("[data-marking]");
  if (!queue) {
    return;
  }
  var form = queue.querySelector("form");

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type === "text"));
  }

  function go(name) {
    var link = queue.querySelector("[data-nav=" + name + "]");
    if (link) {
      window.location.href = link.href;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) {
      return;
    }
    if (typing(event.target)) {
      if (event.key === "Enter" && event.ctrlKey) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.ctrlKey) {
      return;
    }
    var level = queue.querySelector("input[data-key='" + event.key + "']");
    if (level) {
      event.preventDefault();
      level.checked = true;
      level.focus();
    } else if (event.key === "Enter" && event.target.tagName !== "A" && event.target.tagName !== "BUTTON") {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "n" || event.key === "j") {
      go("next");
    } else if (event.key === "p" || event.key === "k") {
      go("previous");
    }
  });
})();
