/* Highlight items: turn the list of sentence checkboxes into the passage as text, where a click, a tap,
   Space or Enter toggles a sentence. The checkboxes stay in the form (hidden) and are what gets submitted,
   so the page works the same without JavaScript. Keyboard: Tab reaches the passage (one stop), the arrow
   keys move between sentences, Home and End jump to the first and last. */
(function () {
  "use strict";

  function enhance(fieldset) {
    var list = fieldset.querySelector(".sentence-list");
    var count = fieldset.querySelector(".selection-count");
    var text = document.createElement("div");
    text.className = "hl-text";
    text.setAttribute("role", "group");
    text.setAttribute("aria-label", "Passage: select sentences");
    var sentences = [];

    fieldset.querySelectorAll(".sentence-group").forEach(function (group) {
      var paragraph = document.createElement("p");
      if (group.hasAttribute("data-furniture")) {
        paragraph.className = "passage-furniture";
      }
      group.querySelectorAll("li").forEach(function (row) {
        var box = row.querySelector("input[type=checkbox]");
        var label = row.querySelector("label");
        var span = document.createElement("span");
        span.className = "hl-sentence";
        span.setAttribute("role", "button");
        span.setAttribute("tabindex", "-1");
        span.dataset.sentence = box.value;
        label.childNodes.forEach(function (node) { span.appendChild(node.cloneNode(true)); });
        span.setAttribute("aria-pressed", box.checked ? "true" : "false");
        span.addEventListener("click", function () { toggle(span, box); focus(span); });
        span.addEventListener("keydown", function (event) { onKey(event, span, box); });
        paragraph.appendChild(span);
        paragraph.appendChild(document.createTextNode(" "));
        sentences.push(span);
      });
      text.appendChild(paragraph);
    });
    if (!sentences.length) {
      return;
    }
    sentences[0].setAttribute("tabindex", "0");
    list.parentNode.insertBefore(text, list);
    list.hidden = true;
    fieldset.querySelectorAll(".no-js-hint").forEach(function (el) { el.hidden = true; });
    fieldset.querySelectorAll(".js-hint").forEach(function (el) { el.hidden = false; });
    if (count) {
      count.hidden = false;
      announce();
    }

    function toggle(span, box) {
      box.checked = !box.checked;
      span.setAttribute("aria-pressed", box.checked ? "true" : "false");
      announce();
    }

    function focus(span) {
      sentences.forEach(function (s) { s.setAttribute("tabindex", s === span ? "0" : "-1"); });
      span.focus();
    }

    function onKey(event, span, box) {
      var at = sentences.indexOf(span);
      var to = null;
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        toggle(span, box);
        return;
      }
      if (event.key === "ArrowRight" || event.key === "ArrowDown") { to = Math.min(at + 1, sentences.length - 1); }
      if (event.key === "ArrowLeft" || event.key === "ArrowUp") { to = Math.max(at - 1, 0); }
      if (event.key === "Home") { to = 0; }
      if (event.key === "End") { to = sentences.length - 1; }
      if (to !== null) {
        event.preventDefault();
        focus(sentences[to]);
      }
    }

    function announce() {
      if (!count) { return; }
      var n = sentences.filter(function (s) { return s.getAttribute("aria-pressed") === "true"; }).length;
      count.textContent = n === 1 ? "1 sentence selected." : n + " sentences selected.";
    }
  }

  document.querySelectorAll("fieldset[data-highlight]").forEach(enhance);
})();
