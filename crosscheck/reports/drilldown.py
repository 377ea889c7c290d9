"""Student drill-down: progress on the class's work, mastery by skill, every attempt and answer as it was."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from crosscheck.content.quizzes import Standing, feedback_shown, score_shown
from crosscheck.content.skills import SKILLS, skill_label
from crosscheck.items import Pick, item_type
from crosscheck.items.base import AWAITING
from crosscheck.progress import allowances as accommodations
from crosscheck.progress.allowances import ModuleTerms, student_standing
from crosscheck.progress.assigned_work import AssignedWork, assigned_work
from crosscheck.progress.attempt_history import AnswerRow, AttemptRow, student_answers, student_attempts
from crosscheck.progress.mastery import Mastery, tally_skills
from crosscheck.progress.scoring import attempt_maximum
from crosscheck.progress.states import WorkState, next_change, work_state
from crosscheck.progress.student_sums import lesson_states, quiz_summaries, skill_points
from crosscheck.reports.svg import Bar, bar_chart
from crosscheck.timezone import local, school_zone


@dataclass(frozen=True)
class AnswerView:
    """One answer with the item as it was when answered."""

    row: AnswerRow
    lines: list[tuple[Pick, bool]]

    @property
    def content(self) -> dict:
        """The item version's content."""
        return self.row.content


@dataclass(frozen=True)
class AttemptView:
    """One attempt and its answers."""

    attempt: AttemptRow
    title: str
    max_points: float | None
    answers: list[AnswerView]
    unanswered: list[str]  # items of the module (as the catalog has it now) with no answer in this attempt
    reveal: bool = True  # False: a student's own attempt whose key the module's feedback setting still hides
    score_shown: bool = True  # False: a student's own attempt at an unscored module (a pre-test)

    @property
    def awaiting(self) -> int:
        """How many of its answers await marking."""
        return sum(1 for a in self.answers if a.row.points is None)

    @property
    def score(self) -> float | None:
        """The attempt's points as a share of the module's maximum."""
        return self.attempt.points / self.max_points if self.max_points else None


@dataclass
class StudentReport:
    """Everything about one student in one class."""

    progress: list[tuple[AssignedWork, WorkState]]
    mastery: list[tuple[str, Mastery]]
    attempts: list[AttemptView]
    for_student: bool = False  # the student reads their own work: an unscored module's score stays hidden

    def next_change(self, now: datetime) -> datetime | None:
        """The first moment after `now` at which a piece of work turns late: the page holds until then."""
        return next_change((state for _, state in self.progress), now)

    def mastery_chart(self):
        """The student's mastery per skill as bars."""
        bars = [Bar(skill_label(s), None if m.share is None else m.share * 100) for s, m in self.mastery]
        return bar_chart("student-mastery", "Mastery per skill", bars)

    def csv_table(self) -> tuple[list[str], list[list]]:
        """One row per answer: module, attempt, item, the picks, points."""
        header = ["Module", "Attempt", "Submitted", "Item", "Skill", "Answer", "Correct picks", "Points", "Max points"]
        rows = []
        for view in self.attempts:
            submitted = _when(view.attempt.submitted_at) if view.attempt.submitted_at else "not submitted"
            for answer in view.answers:
                picks = item_type(answer.content["type"]).picks(answer.content, answer.row.answer)
                rows.append(
                    [
                        view.title,
                        view.attempt.number,
                        submitted,
                        answer.row.item_id,
                        skill_label(answer.content.get("skill", "")),
                        "; ".join(p.label for p in picks),
                        sum(p.correct for p in picks) if view.reveal else None,
                        _points_cell(answer.row.points) if view.reveal else None,
                        answer.row.max_points,
                    ]
                )
        return header, rows


def build_student_report(
    classroom_id: int, student_id: int, catalog, now: datetime, for_student: bool = False
) -> StudentReport:
    """Seven queries: assignments, accommodations, attempt summaries, lesson progress, skill points, attempts,
    answers; eight for the student's own (their terms in every class, for the reveal rule)."""
    works = assigned_work(classroom_id, catalog)
    module_ids = [w.target_id for w in works if w.kind == "quiz"]
    modules = {m: catalog.quizzes.get(m) for m in module_ids}
    quizzes = quiz_summaries([student_id], modules)
    lessons = lesson_states([student_id], [w.target_id for w in works if w.kind == "lesson"])
    allowances = accommodations.for_student(student_id)
    progress = [(w, work_state(w, student_id, quizzes, lessons, now, allowances)) for w in works]
    tally = tally_skills(quizzes, skill_points([student_id], modules), modules)
    mastery = [(s, tally.of(student_id, s)) for s in SKILLS]
    titles = {w.target_id: w.title for w in works if w.kind == "quiz"}
    terms = accommodations.module_terms(student_id) if for_student else None
    attempts = _attempt_views(student_id, modules, titles, terms, now)
    return StudentReport(progress, mastery, attempts, for_student)


def _attempt_views(student_id: int, modules: dict, titles: dict[str, str], terms, now) -> list[AttemptView]:
    """Every attempt with its answers, newest first within each module: two queries.

    `terms`: the student's own terms per module when they read their own work (the reveal rule applies), None
    for a teacher (who sees everything).
    """
    rows: dict[int, list[AnswerRow]] = {}
    for row in student_answers(student_id, list(modules)):
        rows.setdefault(row.attempt_id, []).append(row)
    attempts = student_attempts(student_id, list(modules))
    made = Counter(a.module_id for a in attempts)
    answering = {a.module_id for a in attempts if a.submitted_at is None}
    views = []
    for attempt in attempts:
        module = modules[attempt.module_id]
        module = module.for_attempt(attempt.drawn) if module is not None else None  # the items it showed
        standing = Standing()
        if terms is not None and module is not None:
            own = terms.get(attempt.module_id, ModuleTerms())
            standing = student_standing(module, own, made[attempt.module_id], attempt.module_id in answering, now)
        reveal = feedback_shown(module, attempt.submitted_at is not None, terms is not None, standing)
        answers = [AnswerView(r, _lines(r, reveal)) for r in rows.get(attempt.id, [])]
        answered = {r.item_id for r in rows.get(attempt.id, [])}
        missing = [item for item in (module.items if module else ()) if item.id not in answered]
        graded = {a.row.item_id: a.row.max_points for a in answers}
        max_points = attempt_maximum(graded, module.items if module else ())
        title = titles[attempt.module_id]
        shown = score_shown(module, terms is not None)
        views.append(AttemptView(attempt, title, max_points, answers, [item.id for item in missing], reveal, shown))
    order = list(modules)
    return sorted(views, key=lambda v: (order.index(v.attempt.module_id), -v.attempt.number))


def _lines(row: AnswerRow, reveal: bool) -> list[tuple[Pick, bool]]:
    """What to list for one answer: every option marked right or wrong, or (not revealed) only the student's own
    picks (a written answer's marked level is feedback: it waits for the reveal rule too)."""
    kind = item_type(row.content["type"])
    if reveal:
        return kind.answer_lines(row.content, row.answer)
    return [(pick, True) for pick in kind.picks(row.content, kind.as_submitted(row.answer))]


def _points_cell(points: float | None) -> float | str:
    """An answer's points for the CSV, or 'awaiting marking'."""
    return AWAITING if points is None else points


def _when(moment) -> str:
    """'2026-11-22 00:30 KST': a stored moment as the pages show it, in the school's time zone, zone named."""
    return local(moment, school_zone()).strftime("%Y-%m-%d %H:%M %Z")
