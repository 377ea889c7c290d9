/* The workspace editor's niceties; the page works without them (Save and "Check without saving" post the form).
   - line numbers and note rows follow the text as it is typed;
   - the text is checked as you type (after a pause) with the same checker, and each problem shows beside its line;
   - a problem's link puts the cursor at its line and column;
   - Ctrl+S (Cmd+S on a Mac) presses Save;
   - leaving the page with unsaved changes asks first, and the text typed is kept in this tab (sessionStorage,
     gone when the tab closes) until a page shows it saved: after a session ended, signing in again in the
     same tab brings the editor back with an offer to put the unsaved text back. */
(function () {
  "use strict";
  var form = document.querySelector(".editor-form");
  if (!form) { return; }
  var text = form.querySelector("textarea");
  var gutter = form.querySelector(".gutter");
  var notes = form.querySelector(".line-notes");
  var list = document.getElementById("problems");
  var summary = document.getElementById("problems-summary");
  var status = document.getElementById("live-status");
  var spare = 3;
  var timer = null;
  var sent = 0;
  var dirty = false;
  var kept = "crosscheck-unsaved:" + form.action + ":" + form.querySelector("[name=path]").value;

  function lineCount() { return text.value.split("\n").length + spare; }

  function resize() {
    var wanted = lineCount();
    text.rows = wanted;
    while (gutter.children.length < wanted) {
      var n = gutter.children.length + 1;
      var ln = document.createElement("span");
      ln.className = "ln"; ln.id = "L" + n; ln.textContent = String(n);
      gutter.appendChild(ln);
      var note = document.createElement("span");
      note.className = "note-line";
      notes.appendChild(note);
    }
    while (gutter.children.length > wanted) {
      gutter.removeChild(gutter.lastChild);
      notes.removeChild(notes.lastChild);
    }
  }

  function show(problems) {
    var byLine = {};
    problems.forEach(function (p) { (byLine[p.line] = byLine[p.line] || []).push(p); });
    Array.prototype.forEach.call(gutter.children, function (ln, i) {
      var here = byLine[i + 1];
      ln.className = "ln" + (here ? " is-" + here[0].severity : "");
      var note = notes.children[i];
      note.className = "note-line" + (here ? " is-" + here[0].severity : "");
      note.textContent = here ? "column " + here[0].col + ": " + here[0].message + (here[0].fix ? " · " + here[0].fix : "") +
        (here.length > 1 ? " (+" + (here.length - 1) + ")" : "") : "";
      note.title = here ? here[0].message + (here[0].fix ? ". Fix: " + here[0].fix : "") : "";
    });
    list.textContent = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.className = "problem is-" + p.severity;
      var a = document.createElement("a");
      a.href = "#L" + p.line; a.dataset.line = p.line; a.dataset.col = p.col;
      a.textContent = "line " + p.line + ", column " + p.col;
      li.appendChild(a);
      li.appendChild(document.createTextNode(": "));
      var sev = document.createElement("span");
      sev.className = "severity"; sev.textContent = p.severity;
      li.appendChild(sev);
      li.appendChild(document.createTextNode(" " + p.message));
      if (p.fix) {
        var fix = document.createElement("span");
        fix.className = "fix"; fix.textContent = "Fix: " + p.fix;
        li.appendChild(fix);
      }
      list.appendChild(li);
    });
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    summary.textContent = problems.length ? errors + " error(s) and " + (problems.length - errors) +
      " warning(s) in this file" : "No problems in this file";
  }

  function check() {
    var limit = parseInt(form.dataset.limit, 10);
    if (new Blob([text.value]).size > limit) {
      status.textContent = "The text is over the limit of " + Math.floor(limit / 1024) + " KB: it cannot be saved.";
      return;
    }
    var mine = ++sent;
    var body = new FormData();
    body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
    body.append("path", form.querySelector("[name=path]").value);
    body.append("text", text.value);
    status.textContent = "Checking…";
    fetch(form.dataset.checkUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        if (mine !== sent) { return; }  // a newer check is on its way
        show(data.problems);
        status.textContent = "Checked as you typed (not saved).";
      })
      .catch(function () { if (mine === sent) { status.textContent = "Could not check just now; Save still checks."; } });
  }

  function goTo(line, col) {
    var lines = text.value.split("\n");
    var at = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) { at += lines[i].length + 1; }
    at += Math.max(0, col - 1);
    text.focus();
    text.setSelectionRange(at, at);
    var row = document.getElementById("L" + line);
    if (row) { row.scrollIntoView({ block: "center" }); }
  }

  function keep() {
    try {
      sessionStorage.setItem(kept, JSON.stringify({ text: text.value, at: new Date().toLocaleTimeString() }));
    } catch (e) { /* storage full or off: the beforeunload question still guards the text */ }
  }

  function offerKept() {
    var stored = null;
    try { stored = JSON.parse(sessionStorage.getItem(kept) || "null"); } catch (e) { stored = null; }
    if (!stored || typeof stored.text !== "string") { return; }
    if (stored.text === text.value.replace(/\r\n/g, "\n")) {  // on the page already
      if (form.dataset.shown === "saved") { sessionStorage.removeItem(kept); }
      return;
    }
    var box = document.createElement("div");
    box.className = "flash info";
    box.setAttribute("role", "status");
    box.appendChild(document.createTextNode("This tab kept text you typed here at " + stored.at +
      " that was not saved. "));
    var put = document.createElement("button");
    put.type = "button"; put.className = "button"; put.textContent = "Put my unsaved text back";
    var drop = document.createElement("button");
    drop.type = "button"; drop.className = "button"; drop.textContent = "Discard it";
    box.appendChild(put); box.appendChild(document.createTextNode(" ")); box.appendChild(drop);
    form.parentNode.insertBefore(box, form);
    put.addEventListener("click", function () {
      text.value = stored.text;
      dirty = true;
      box.remove();
      resize();
      check();
      text.focus();
    });
    drop.addEventListener("click", function () { sessionStorage.removeItem(kept); box.remove(); text.focus(); });
  }

  text.addEventListener("input", function () {
    dirty = true;
    keep();
    resize();
    clearTimeout(timer);
    timer = setTimeout(check, 700);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-line]");
    if (!link) { return; }
    event.preventDefault();
    goTo(parseInt(link.dataset.line, 10), parseInt(link.dataset.col, 10));
  });
  form.addEventListener("submit", function () { dirty = false; keep(); });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
      event.preventDefault();  // not the browser's "save page as"
      form.requestSubmit(form.querySelector("button[value=save]"));
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
  offerKept();
  var target = /^#L(\d+)$/.exec(window.location.hash);
  if (target) { goTo(parseInt(target[1], 10), 1); }
})();
