"""Each student's state on each assigned piece of work (not started, in progress, late, done; score), from the
sums student_sums.py reads. Pure: no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crosscheck.items.base import AWAITING
from crosscheck.progress.assigned_work import AssignedWork
from crosscheck.progress.student_sums import QuizSummary

STATE_LABELS = {"not_started": "Not started", "in_progress": "In progress", "late": "Late", "done": "Done"}
# Order used when sorting by an assignment column: no score sorts as these, below every score.
STATE_RANK = {"late": 0, "not_started": 1, "in_progress": 2, "done": 3}
ONE_SECOND = timedelta(seconds=1)  # due_at is a whole second (23:59:59): the work is on time through it


@dataclass(frozen=True)
class WorkState:
    """One student's state on one assignment."""

    state: str  # not_started | in_progress | late (past due, not done) | done
    submitted_late: bool = False  # done, but after the due date
    attempts: int = 0
    finished_at: datetime | None = None  # first submission (quiz) or completion (lesson)
    points: float | None = None  # the points the module's score policy counts
    max_points: float | None = None
    started: bool = False  # opened (lesson) or attempted (quiz), even if now late
    awaiting: int = 0  # answers awaiting marking that the score policy counts: no score until marked
    due_at: datetime | None = None  # the due date that holds for this student (an extension's, or the class's)
    extended: bool = False  # the student has an accommodation: their own due date or extra attempts

    @property
    def score(self) -> float | None:
        """Points as a share of the maximum (0..1), or None when there is nothing to score (or it awaits marking)."""
        if self.points is None or not self.max_points or self.awaiting:
            return None
        return self.points / self.max_points

    @property
    def label(self) -> str:
        """'Done (late)', 'In progress', ..."""
        return STATE_LABELS[self.state] + (" (late)" if self.submitted_late else "")

    @property
    def summary(self) -> str:
        """The state and score in words, as a report cell or CSV cell shows it: 'Done 80% (late)'."""
        score = f" {self.score:.0%}" if self.score is not None else ""
        if self.awaiting:
            score = f", {AWAITING}"
        late = " (late)" if self.submitted_late else ""
        return f"{STATE_LABELS[self.state]}{score}{late}"

    def sort_key(self) -> tuple:
        """Scores first by value; unscored work by state (late lowest)."""
        return (self.score if self.score is not None else -1.0, STATE_RANK[self.state])


def state_of(started: bool, finished_at: datetime | None, due_at: datetime | None, now: datetime) -> tuple[str, bool]:
    """(state, submitted_late) from when the work was started and finished and when it was due."""
    if finished_at is not None:
        return "done", due_at is not None and _after(finished_at, due_at)
    if due_at is not None and _after(now, due_at):
        return "late", False
    return ("in_progress" if started else "not_started"), False


def past_due(now: datetime, due_at: datetime) -> bool:
    """True once work due at `due_at` would be late (the one lateness rule, for the reveal rule too)."""
    return _after(now, due_at)


def next_change(states, now: datetime) -> datetime | None:
    """The first moment after `now` at which one of these states turns late (None: none will by time alone)."""
    ahead = [s.due_at + ONE_SECOND for s in states if s.due_at is not None and not _after(now, s.due_at)]
    return min(ahead, default=None)


def _after(moment: datetime, due_at: datetime) -> bool:
    """Past the due second: work due at 23:59:59 is on time until midnight, not late at 23:59:59.5."""
    return moment >= due_at + ONE_SECOND


def work_state(
    work: AssignedWork,
    user_id: int,
    quizzes: dict[tuple[int, str], QuizSummary],
    lessons: dict[tuple[int, str], tuple[datetime, datetime | None]],
    now: datetime,
    allowances: dict | None = None,
) -> WorkState:
    """A student's progress on one assignment, from the quiz summaries or lesson rows of the class.

    `allowances` maps (assignment id, student id) to an accommodation's Allowance: its due date holds.
    """
    allowance = (allowances or {}).get((work.assignment_id, user_id))
    due_at = allowance.due(work.due_at) if allowance else work.due_at
    own = {"due_at": due_at, "extended": allowance is not None}
    if work.kind == "lesson":
        row = lessons.get((user_id, work.target_id))
        completed = row[1] if row else None
        state, late = state_of(row is not None, completed, due_at, now)
        return WorkState(state, late, finished_at=completed, started=row is not None, **own)
    summary = quizzes.get((user_id, work.target_id))
    if summary is None:
        state, late = state_of(False, None, due_at, now)
        return WorkState(state, late, max_points=work.max_points, **own)
    state, late = state_of(True, summary.first_submitted, due_at, now)
    max_points = summary.max_points() if summary.counted_points is not None else work.max_points
    points, waiting = summary.counted_points, summary.awaiting
    return WorkState(state, late, summary.attempts, summary.first_submitted, points, max_points, True, waiting, **own)
