"""Skill matrix: students by skills, mastery from each student's latest submitted attempt of each module."""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.accounts.names import name_label, shared_names
from crosscheck.content.skills import SKILLS, skill_label
from crosscheck.progress.assigned_work import assigned_work
from crosscheck.progress.mastery import Mastery, tally_skills
from crosscheck.progress.student_sums import quiz_summaries, skill_points
from crosscheck.progress.students import Student, class_students, roster
from crosscheck.reports.grid_html import matrix_row_cells
from crosscheck.reports.svg import Bar, bar_chart, heat_map


@dataclass
class SkillMatrix:
    """Mastery per student and skill, and the class average per skill."""

    skills: list[str]
    rows: list[tuple[Student, list[Mastery]]]
    averages: list[float | None]
    module_titles: list[str]

    @property
    def labels(self) -> list[str]:
        """Readable skill names, in column order."""
        return [skill_label(s) for s in self.skills]

    @staticmethod
    def cells_html(cells: list[Mastery]):
        """A student's cells as HTML for the table (crosscheck/reports/grid_html.py says why not Jinja)."""
        return matrix_row_cells(cells)

    def heat_map(self):
        """The matrix as a heat map, the class average as its last row."""
        shared = shared_names(student.name for student, _ in self.rows)
        names = [name_label(student.name, student.username, shared) for student, _ in self.rows] + ["Class average"]
        values = [[m.share for m in cells] for _, cells in self.rows] + [self.averages]
        return heat_map("skill-heat", "Mastery by student and skill", names, self.labels, values)

    def average_chart(self):
        """Class average per skill as bars."""
        bars = [
            Bar(label, None if avg is None else avg * 100)
            for label, avg in zip(self.labels, self.averages, strict=True)
        ]
        return bar_chart("skill-average", "Class average mastery per skill", bars)

    def csv_table(self) -> tuple[list[str], list[list]]:
        """One row per student, a column per skill (percent), the class average last."""
        header = ["Student", "Username", *(f"{label} (%)" for label in self.labels)]
        rows = [[s.name, s.username, *(_percent(m.share) for m in cells)] for s, cells in self.rows]
        rows.append(["Class average", "", *(_percent(a) for a in self.averages)])
        return header, rows


def _percent(share: float | None) -> float | None:
    """A share as a percentage rounded to one decimal, for the CSV."""
    return None if share is None else round(share * 100, 1)


def build_matrix(classroom_id: int, catalog) -> SkillMatrix:
    """Four queries: roster, assignments, attempt summaries, skill points of the latest submitted attempts."""
    students = roster(classroom_id)
    modules = [w for w in assigned_work(classroom_id, catalog) if w.kind == "quiz"]
    by_id = {w.target_id: catalog.quizzes.get(w.target_id) for w in modules}
    in_class = class_students(classroom_id)
    tally = tally_skills(quiz_summaries(in_class, by_id), skill_points(in_class, by_id), by_id)
    rows = [(s, [tally.of(s.id, skill) for skill in SKILLS]) for s in students]
    averages = [tally.class_average(skill, [s.id for s in students]) for skill in SKILLS]
    return SkillMatrix(list(SKILLS), rows, averages, [w.title for w in modules])
