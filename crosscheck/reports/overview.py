"""Class overview: students by assignments, each cell the state, the score and whether it came in late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crosscheck.progress import allowances as accommodations
from crosscheck.progress.assigned_work import AssignedWork, assigned_work
from crosscheck.progress.states import WorkState, next_change, work_state
from crosscheck.progress.student_sums import lesson_states, quiz_summaries
from crosscheck.progress.students import Student, class_students, roster
from crosscheck.reports.grid_html import overview_row_cells
from crosscheck.reports.svg import Segment, stacked_bars

# Chart categories, in the order they are stacked.
SEGMENTS = [
    Segment("done", "Done on time", "#1d6b3a", "#fff"),
    Segment("done_late", "Done late", "#7fbf7b"),
    Segment("in_progress", "In progress", "#92c5de"),
    Segment("not_started", "Not started", "#d5dae1"),
    Segment("late", "Late", "#b2182b", "#fff"),
]


@dataclass(frozen=True)
class OverviewRow:
    """One student and their progress on each assignment, in the order of the columns."""

    student: Student
    cells: list[WorkState]

    @property
    def cells_html(self):
        """The row's cells as HTML for the grid (crosscheck/reports/grid_html.py says why not a macro)."""
        return overview_row_cells(self.cells)


@dataclass
class Overview:
    """The whole grid, sorted as asked."""

    works: list[AssignedWork]
    rows: list[OverviewRow]
    sort: str
    direction: str

    def column(self, index: int) -> list[WorkState]:
        """Every student's progress on one assignment."""
        return [row.cells[index] for row in self.rows]

    def counts(self, index: int) -> dict[str, int]:
        """Students per chart category for one assignment."""
        counts = {seg.key: 0 for seg in SEGMENTS}
        for cell in self.column(index):
            counts["done_late" if cell.submitted_late else cell.state] += 1
        return counts

    def mean_score(self, index: int) -> float | None:
        """The mean score (0..1) of the students who submitted."""
        scores = [c.score for c in self.column(index) if c.score is not None]
        return sum(scores) / len(scores) if scores else None

    def chart(self):
        """Stacked bars: how many students are at each state of each assignment."""
        bars = [(w.label, self.counts(i)) for i, w in enumerate(self.works)]
        return stacked_bars("overview-chart", "Students at each state, per assignment", SEGMENTS, bars)

    def next_change(self, now: datetime) -> datetime | None:
        """The first moment after `now` at which a cell turns late: the grid holds until then."""
        return next_change((cell for row in self.rows for cell in row.cells), now)

    def csv_table(self) -> tuple[list[str], list[list]]:
        """One row per student, a column per assignment: 'Done 80% (late)'."""
        header = ["Student", "Username", *(w.label for w in self.works)]
        rows = [[r.student.name, r.student.username, *(c.summary for c in r.cells)] for r in self.rows]
        return header, rows


def sort_keys(works: list[AssignedWork]) -> list[str]:
    """Column keys a report may be sorted by: the student's name, then each assignment."""
    return ["name", *(f"a{w.assignment_id}" for w in works)]


def build_overview(classroom_id: int, catalog, now: datetime, sort: str = "name", direction: str = "asc") -> Overview:
    """Five queries: roster, assignments, quiz attempt summaries, lesson progress, accommodations."""
    students = roster(classroom_id)
    works = assigned_work(classroom_id, catalog)
    in_class = class_students(classroom_id)
    quizzes = quiz_summaries(
        in_class, {w.target_id: catalog.quizzes.get(w.target_id) for w in works if w.kind == "quiz"}
    )
    lessons = lesson_states(in_class, [w.target_id for w in works if w.kind == "lesson"])
    allowances = accommodations.for_class(classroom_id)
    rows = [OverviewRow(s, [work_state(w, s.id, quizzes, lessons, now, allowances) for w in works]) for s in students]
    sort = sort if sort in sort_keys(works) else "name"
    direction = "desc" if direction == "desc" else "asc"
    if sort == "name":
        rows.sort(key=lambda r: (r.student.name.lower(), r.student.id), reverse=direction == "desc")
    else:
        index = [f"a{w.assignment_id}" for w in works].index(sort)
        # Ties keep name order whichever way the column runs.
        rows.sort(key=lambda r: (r.student.name.lower(), r.student.id))
        rows.sort(key=lambda r: r.cells[index].sort_key(), reverse=direction == "desc")
    return Overview(works, rows, sort, direction)
