"""The dashboard's work rows written in Python (crosscheck/home/rows.py) are the markup the template wrote."""

import re
from datetime import datetime

from flask import render_template_string

from crosscheck.home.dashboard import ClassName, Task
from crosscheck.home.rows import task_rows
from crosscheck.progress.assigned_work import AssignedWork
from crosscheck.progress.states import WorkState

# The rows as templates/home/dashboard.html wrote them before: the reference the Python rows must match.
TEMPLATE_ROWS = """{% from "reports/_report.html" import state_badge %}{% for t in tasks %}
<tr><th scope="row">{% if t.url %}<a href="{{ t.url }}">{{ t.work.label }}</a>{% else %}{{ t.work.label }}{% endif %}</th>
  <td>{{ t.progress.due_at|due_date if t.progress.due_at else '–' }}{% if t.progress.due_at != t.work.due_at %} <span class="tag">your own date</span>{% endif %}</td>
  <td>{{ state_badge(t.progress) }}</td>
  <td>{% if not t.work.scored %}not scored{% elif t.progress.awaiting %}awaiting marking{% else %}{{ t.progress.score|percent }}{% endif %}</td></tr>
{% endfor %}"""  # noqa: E501
DUE = datetime(2026, 3, 5, 23, 59, 59)


def _normalised(html: str) -> str:
    """White space aside, as scripts/snapshot_pages.py compares pages."""
    return re.sub(r" ?([<>]) ?", r"\1", re.sub(r"\s+", " ", html)).strip()


def _task(title: str, url: str | None, progress: WorkState, due_at=DUE, scored=True, kind="quiz") -> Task:
    work = AssignedWork(7, kind, "m", title, due_at, url is not None, 4.0, ("framing",), scored)
    return Task(ClassName(1, "9B"), work, progress, url)


def test_the_rows_are_the_templates_markup(app):
    tasks = [
        _task(
            "Spot <the> claim & more", "/quizzes/m?a=1&b=2", WorkState("done", True, 2, DUE, 3.0, 4.0, True, due_at=DUE)
        ),
        _task("Gone", None, WorkState("late", due_at=DUE), due_at=DUE),
        _task("Own date", "/quizzes/x", WorkState("in_progress", started=True, due_at=datetime(2026, 3, 9))),
        _task("No date", "/lessons/l", WorkState("not_started"), due_at=None, kind="lesson"),
        _task("Pre-test", "/quizzes/p", WorkState("done", points=1.0, max_points=4.0, due_at=DUE), scored=False),
        _task("Waiting", "/quizzes/w", WorkState("done", points=1.0, max_points=4.0, awaiting=1, due_at=DUE)),
    ]
    with app.test_request_context("/"):
        written = task_rows(tasks)
        assert _normalised(written) == _normalised(render_template_string(TEMPLATE_ROWS, tasks=tasks))
    assert "Spot &lt;the&gt; claim &amp; more" in written and 'href="/quizzes/m?a=1&amp;b=2"' in written
    assert written.count("your own date") == 1 and "not scored" in written and "awaiting marking" in written
