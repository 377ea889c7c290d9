"""Student drill-down: progress on the class's work, mastery by skill, every attempt and answer as it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crosscheck.classes.progress import lesson_states, quiz_summaries, skill_points
from crosscheck.classes.service import assignments_of
from crosscheck.classes.standing import Mastery, Progress, progress_of, tally_skills
from crosscheck.classes.work import SKILLS, Work, describe_all, skill_label
from crosscheck.reports import queries
from crosscheck.reports.answers import Pick, answer_lines, picks_of
from crosscheck.reports.svg import Bar, bar_chart


@dataclass(frozen=True)
class AnswerView:
    """One answer with the item as it was when answered."""

    row: queries.AnswerRow
    lines: list[tuple[Pick, bool]]

    @property
    def content(self) -> dict:
        """The item version's content."""
        return self.row.content


@dataclass(frozen=True)
class AttemptView:
    """One attempt and its answers."""

    attempt: queries.AttemptRow
    title: str
    max_points: float | None
    answers: list[AnswerView]

    @property
    def score(self) -> float | None:
        """The attempt's points as a share of the module's maximum."""
        return self.attempt.points / self.max_points if self.max_points else None


@dataclass
class StudentReport:
    """Everything about one student in one class."""

    progress: list[tuple[Work, Progress]]
    mastery: list[tuple[str, Mastery]]
    attempts: list[AttemptView]

    def mastery_chart(self):
        """The student's mastery per skill as bars."""
        bars = [Bar(skill_label(s), None if m.share is None else m.share * 100) for s, m in self.mastery]
        return bar_chart("student-mastery", "Mastery per skill", bars)

    def csv_table(self) -> tuple[list[str], list[list]]:
        """One row per answer: module, attempt, item, the picks, points."""
        header = ["Module", "Attempt", "Submitted", "Item", "Skill", "Answer", "Correct picks", "Points", "Max points"]
        rows = []
        for view in self.attempts:
            submitted = view.attempt.submitted_at.isoformat(sep=" ") if view.attempt.submitted_at else "not submitted"
            for answer in view.answers:
                picks = picks_of(answer.content, answer.row.answer)
                rows.append(
                    [
                        view.title,
                        view.attempt.number,
                        submitted,
                        answer.row.item_id,
                        skill_label(answer.content.get("skill", "")),
                        "; ".join(p.label for p in picks),
                        sum(p.correct for p in picks),
                        answer.row.points,
                        answer.row.max_points,
                    ]
                )
        return header, rows


def build_student_report(classroom_id: int, student_id: int, catalog, now: datetime) -> StudentReport:
    """Six queries: assignments, attempt summaries, lesson progress, skill points, attempts, answers."""
    works = describe_all(assignments_of(classroom_id), catalog)
    module_ids = [w.target_id for w in works if w.kind == "quiz"]
    modules = {m: catalog.quizzes.get(m) for m in module_ids}
    quizzes = quiz_summaries([student_id], modules)
    lessons = lesson_states([student_id], [w.target_id for w in works if w.kind == "lesson"])
    progress = [(w, progress_of(w, student_id, quizzes, lessons, now)) for w in works]
    tally = tally_skills(quizzes, skill_points([student_id], modules), modules)
    mastery = [(s, tally.of(student_id, s)) for s in SKILLS] + [
        (s, m) for s, m in tally.by_student.get(student_id, {}).items() if s not in SKILLS
    ]
    by_module = {w.target_id: w for w in works if w.kind == "quiz"}
    answers: dict[int, list[AnswerView]] = {}
    for row in queries.student_answers(student_id, module_ids):
        answers.setdefault(row.attempt_id, []).append(AnswerView(row, answer_lines(row.content, row.answer)))
    attempts = [
        AttemptView(a, by_module[a.module_id].title, by_module[a.module_id].max_points, answers.get(a.id, []))
        for a in queries.student_attempts(student_id, module_ids)
    ]
    attempts.sort(key=lambda v: (module_ids.index(v.attempt.module_id), -v.attempt.number))
    return StudentReport(progress, mastery, attempts)
