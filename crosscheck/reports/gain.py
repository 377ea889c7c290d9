"""Pre-test / post-test gain of one class: per student, per skill and for the class, with the CSV and chart.

Normalised gain (Hake): g = (post - pre) / (max - pre), here with scores as shares (max = 1): the share of
what a student did not know before that they learned. Undefined (a dash) without both scores, or when the
pre-test score was already full. The class's gain is computed from the class means of the students who took
both, as Hake computes a course's gain (not the mean of the students' gains, which one student with a near-full
pre-test would swing). Scores are each module's counted attempt (the score policy), as on every report.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.content.skills import SKILLS, skill_label
from crosscheck.progress.mastery import tally_skills
from crosscheck.progress.student_sums import quiz_summaries, skill_points
from crosscheck.progress.students import Student, class_students, roster
from crosscheck.reports.gain_svg import PairedBar, paired_bars


def normalised_gain(pre: float | None, post: float | None) -> float | None:
    """(post - pre) / (1 - pre), scores as shares; None without both or with a full pre-test score."""
    if pre is None or post is None or pre >= 1.0:
        return None
    return (post - pre) / (1.0 - pre)


@dataclass(frozen=True)
class Gain:
    """A pre score, a post score (shares, or None) and the normalised gain between them."""

    pre: float | None
    post: float | None

    @property
    def gain(self) -> float | None:
        """The normalised gain."""
        return normalised_gain(self.pre, self.post)


def class_gain(gains: list[Gain]) -> Gain:
    """The class means of pre and post over the students who have both (their gain is Hake's class gain)."""
    both = [g for g in gains if g.pre is not None and g.post is not None]
    if not both:
        return Gain(None, None)
    return Gain(sum(g.pre for g in both) / len(both), sum(g.post for g in both) / len(both))


@dataclass
class GainReport:
    """A pair's gain for one class: per student (overall and per skill) and for the class."""

    pre_title: str
    post_title: str
    skills: list[str]
    rows: list[tuple[Student, Gain, list[Gain]]]  # student, overall, per skill (in `skills` order)

    @property
    def overall(self) -> Gain:
        """The class's pre, post and gain over every student with both."""
        return class_gain([overall for _, overall, _ in self.rows])

    @property
    def by_skill(self) -> list[Gain]:
        """The class's pre, post and gain per skill."""
        return [class_gain([cells[n] for _, _, cells in self.rows]) for n in range(len(self.skills))]

    def chart(self):
        """Class means, pre against post, overall and per skill, with the gain printed."""
        bars = [PairedBar("All items", self.overall)] + [
            PairedBar(skill_label(s), g) for s, g in zip(self.skills, self.by_skill, strict=True)
        ]
        return paired_bars("gain-chart", "Class mean score before and after, with the normalised gain", bars)

    def csv_table(self) -> tuple[list[str], list[list]]:
        """One row per student, then the class: pre, post and gain overall and per skill (percentages)."""
        header = ["Student", "Username", "Pre (%)", "Post (%)", "Gain (%)"]
        for skill in self.skills:
            label = skill_label(skill)
            header += [f"{label} pre (%)", f"{label} post (%)", f"{label} gain (%)"]
        rows = [[s.name, s.username, *_cells(overall, cells)] for s, overall, cells in self.rows]
        rows.append(["Class", "", *_cells(self.overall, self.by_skill)])
        return header, rows


def _cells(overall: Gain, skills: list[Gain]) -> list[float | None]:
    """Pre, post and gain as percentages with one decimal, overall then per skill."""
    return [_percent(v) for g in (overall, *skills) for v in (g.pre, g.post, g.gain)]


def _percent(share: float | None) -> float | None:
    """A share as a percentage with one decimal, for the CSV."""
    return None if share is None else round(100 * share, 1)


def build_gain_report(classroom_id: int, post, pre) -> GainReport:
    """Three queries: roster, the two modules' summaries, their skill points."""
    students = roster(classroom_id)
    in_class = class_students(classroom_id)
    modules = {pre.id: pre, post.id: post}
    summaries = quiz_summaries(in_class, modules)
    rows = skill_points(in_class, modules)
    skills = [s for s in SKILLS if s in post.item_skills | pre.item_skills]
    tallies = {
        m.id: tally_skills(
            {k: v for k, v in summaries.items() if k[1] == m.id},
            {k: v for k, v in rows.items() if k[1] == m.id},
            {m.id: m},
            with_unscored=True,
        )
        for m in (pre, post)
    }

    def share(student_id: int, module) -> float | None:
        summary = summaries.get((student_id, module.id))
        if summary is None or summary.counted_points is None:
            return None
        maximum = summary.max_points()
        return summary.counted_points / maximum if maximum else None

    report_rows = []
    for student in students:
        overall = Gain(share(student.id, pre), share(student.id, post))
        cells = [
            Gain(tallies[pre.id].of(student.id, skill).share, tallies[post.id].of(student.id, skill).share)
            for skill in skills
        ]
        report_rows.append((student, overall, cells))
    return GainReport(pre.title, post.title, skills, report_rows)
