"""The report grids' cells as HTML, written in Python rather than by Jinja expressions per cell.

A class of 35 students and 10 assignments has 350 overview cells; rendering each through the `state_badge`
macro and the `percent` and `points` filters was half the overview's time (profiled with `make bench`'s
school), and the skill matrix's cells cost it the same way. This writes the same markup for a whole row at a
fraction of the cost. The badge (templating.STATE_BADGES) matches `state_badge` in
templates/reports/_report.html, which the pages with a handful of badges still use.

percent() and points() write only digits, '.', '%' and '–', heat_bin() a fixed class name and attempts is
an int: none of them needs escaping.
"""

from __future__ import annotations

from markupsafe import Markup

from crosscheck.items.base import AWAITING
from crosscheck.progress.mastery import Mastery
from crosscheck.progress.states import WorkState
from crosscheck.reports.svg import heat_bin
from crosscheck.templating import STATE_BADGES, percent, points


def overview_cell(progress: WorkState) -> str:
    """One overview cell as HTML: the badge, the score and points when scored, the attempts past one."""
    html = STATE_BADGES[progress.state, progress.submitted_late]
    score = progress.score
    if score is not None:
        html += (
            f" <strong>{percent(score)}</strong>"
            f' <span class="muted">({points(progress.points)}/{points(progress.max_points)})</span>'
        )
    elif progress.awaiting:
        html += f' <span class="tag">{AWAITING}</span>'
    if progress.attempts > 1:
        html += f' <span class="muted small">{progress.attempts} attempts</span>'
    if progress.extended:  # an accommodation: the teacher sees the student has their own terms
        html += ' <span class="tag small" title="Own due date or extra attempts">accommodation</span>'
    return f"<td>{html}</td>"


def overview_row_cells(cells: list[WorkState]) -> Markup:
    """A row's cells, one <td> each, as one piece of markup for the template."""
    return Markup("\n        ".join(overview_cell(cell) for cell in cells))


def matrix_cell(mastery: Mastery) -> str:
    """One skill matrix cell: coloured by its bin, the share, and the points when any were available."""
    share = mastery.share
    detail = f' <span class="small">({points(mastery.points)}/{points(mastery.available)})</span>'
    return f'<td class="{heat_bin(share)}">{percent(share)}{detail if mastery.available else ""}</td>'


def matrix_row_cells(cells: list[Mastery]) -> Markup:
    """A student's row of the skill matrix, one <td> per skill."""
    return Markup("".join(matrix_cell(cell) for cell in cells))
