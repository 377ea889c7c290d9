"""Where a student stands on each assignment and skill, from the rows progress.py reads. Pure: no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crosscheck.classes.progress import QuizSummary, SkillSums
from crosscheck.classes.work import Work, module_skill_points
from crosscheck.items.base import AWAITING

STATE_LABELS = {"not_started": "Not started", "in_progress": "In progress", "late": "Late", "done": "Done"}
# Order used when sorting by an assignment column: no score sorts as these, below every score.
STATE_RANK = {"late": 0, "not_started": 1, "in_progress": 2, "done": 3}
ONE_SECOND = timedelta(seconds=1)  # due_at is a whole second (23:59:59): the work is on time through it


@dataclass(frozen=True)
class Progress:
    """One student's state on one assignment."""

    state: str  # not_started | in_progress | late (past due, not done) | done
    submitted_late: bool = False  # done, but after the due date
    attempts: int = 0
    finished_at: datetime | None = None  # first submission (quiz) or completion (lesson)
    points: float | None = None  # the latest submitted attempt's points
    max_points: float | None = None
    started: bool = False  # opened (lesson) or attempted (quiz), even if now late
    awaiting: int = 0  # answers of the latest submitted attempt awaiting marking: no score until marked

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


def _after(moment: datetime, due_at: datetime) -> bool:
    """Past the due second: work due at 23:59:59 is on time until midnight, not late at 23:59:59.5."""
    return moment >= due_at + ONE_SECOND


def progress_of(
    work: Work,
    user_id: int,
    quizzes: dict[tuple[int, str], QuizSummary],
    lessons: dict[tuple[int, str], tuple[datetime, datetime | None]],
    now: datetime,
) -> Progress:
    """A student's progress on one assignment, from the quiz summaries or lesson rows of the class."""
    if work.kind == "lesson":
        row = lessons.get((user_id, work.target_id))
        completed = row[1] if row else None
        state, late = state_of(row is not None, completed, work.due_at, now)
        return Progress(state, late, finished_at=completed, started=row is not None)
    summary = quizzes.get((user_id, work.target_id))
    if summary is None:
        state, late = state_of(False, None, work.due_at, now)
        return Progress(state, late, max_points=work.max_points)
    state, late = state_of(True, summary.first_submitted, work.due_at, now)
    max_points = summary.max_points(work.max_points or 0.0) if summary.latest_points is not None else work.max_points
    points = summary.latest_points
    return Progress(state, late, summary.attempts, summary.first_submitted, points, max_points, True, summary.awaiting)


@dataclass
class Mastery:
    """Points scored and available on one skill's items, over each latest submitted attempt."""

    points: float = 0.0
    available: float = 0.0

    @property
    def share(self) -> float | None:
        """Mastery as a share (0..1); None when no item of the skill was in a submitted attempt."""
        return self.points / self.available if self.available else None


@dataclass
class SkillTally:
    """Mastery per student and skill, with the class average per skill."""

    by_student: dict[int, dict[str, Mastery]] = field(default_factory=dict)

    def mastery(self, user_id: int, skill: str) -> Mastery:
        """The running tally of a student's skill, created empty on first use."""
        return self.by_student.setdefault(user_id, {}).setdefault(skill, Mastery())

    def of(self, user_id: int, skill: str) -> Mastery:
        """A student's mastery of a skill (empty when they have none yet)."""
        return self.by_student.get(user_id, {}).get(skill, Mastery())

    def class_average(self, skill: str, user_ids: list[int]) -> float | None:
        """The mean of the students' mastery shares on a skill, over students who have one."""
        shares = [self.of(u, skill).share for u in user_ids]
        known = [s for s in shares if s is not None]
        return sum(known) / len(known) if known else None


def tally_skills(
    quizzes: dict[tuple[int, str], QuizSummary],
    skill_rows: dict[tuple[int, str, str], SkillSums],
    modules: dict,
) -> SkillTally:
    """Mastery = points on a skill's items / points available on them, summed over each submitted module.

    Points available are counted as the quiz feature scores an attempt: answered items at the maximum they
    were graded against, the module's unanswered items at their points in the catalog now (so they count 0).
    """
    tally = SkillTally()
    answered: dict[tuple[int, str], dict[str, SkillSums]] = {}
    for (user_id, module_id, skill), sums in skill_rows.items():
        tally.mastery(user_id, skill).points += sums.points
        answered.setdefault((user_id, module_id), {})[skill] = sums
    by_module: dict[str, dict[str, float]] = {}  # once per module, not once per student (35 x in a report)
    for (user_id, module_id), summary in quizzes.items():
        if summary.latest_points is None:
            continue
        if module_id not in by_module:
            module = modules.get(module_id)
            by_module[module_id] = module_skill_points(module) if module is not None else {}
        catalog = by_module[module_id]
        done = answered.get((user_id, module_id), {})
        for skill in {*catalog, *done}:
            sums = done.get(skill)
            # Answers awaiting marking count neither way until marked (their points are NULL).
            extra = sums.answered_max - sums.answered_catalog - sums.awaiting_max if sums else 0.0
            tally.mastery(user_id, skill).available += catalog.get(skill, 0.0) + extra
    return tally
