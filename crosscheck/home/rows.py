"""The dashboard's work rows as HTML, written in Python rather than by Jinja expressions per cell.

A student with a few classes has a dozen or more rows; through the template's expressions, filters and the
`state_badge` macro they were half the dashboard's rendering (measured: about 15 microseconds a row, against
a few here). The markup is the one templates/home/dashboard.html wrote: the work's title (a link while its
file is in the catalog), the due date that holds (with a tag when it is the student's own), the state badge
and the score. Every text from the catalog or the database is escaped; percent() writes only digits, '%' and
'–'.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from crosscheck.templating import STATE_BADGES, day, percent

OWN_DATE = ' <span class="tag">your own date</span>'


def task_row(task) -> str:
    """One task's row: title, due date, state, score."""
    work, progress = task.work, task.progress
    title = escape(work.label)
    if task.url:
        title = f'<a href="{escape(task.url)}">{title}</a>'
    due = escape(day(progress.due_at)) if progress.due_at else "–"
    own = OWN_DATE if progress.due_at != work.due_at else ""
    if not work.scored:
        score = "not scored"
    elif progress.awaiting:
        score = "awaiting marking"
    else:
        score = percent(progress.score)
    badge = STATE_BADGES[progress.state, progress.submitted_late]
    return f'<tr><th scope="row">{title}</th><td>{due}{own}</td><td>{badge}</td><td>{score}</td></tr>'


def task_rows(tasks) -> Markup:
    """A class's rows, as one piece of markup for the template."""
    return Markup("\n".join(task_row(task) for task in tasks))
