"""Mastery per student and skill: points scored on a skill's items over points available. Pure: no database."""

from __future__ import annotations

from dataclasses import dataclass, field

from crosscheck.progress.scoring import graded_maximum
from crosscheck.progress.student_sums import QuizSummary, SkillSums


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
    with_unscored: bool = False,
) -> SkillTally:
    """Mastery = points on a skill's items / points available on them, summed over each submitted module.

    Points available on a skill follow the one rule of crosscheck/progress/scoring.py, over that skill's items:
    answered ones at the maximum they were graded against, unanswered ones at their points today (scoring 0).
    """
    tally = SkillTally()
    answered: dict[tuple[int, str], dict[str, SkillSums]] = {}
    # A pre-test (scored: false) measures what students knew before: it counts toward no mastery (the gain
    # report alone tallies it, with_unscored).
    unscored = (
        set() if with_unscored else {m for m, mod in modules.items() if mod is not None and not mod.settings.scored}
    )
    skill_rows = {key: sums for key, sums in skill_rows.items() if key[1] not in unscored}
    quizzes = {key: summary for key, summary in quizzes.items() if key[1] not in unscored}
    for (user_id, module_id, skill), sums in skill_rows.items():
        tally.mastery(user_id, skill).points += sums.points
        answered.setdefault((user_id, module_id), {})[skill] = sums
    for (user_id, module_id), summary in quizzes.items():
        if summary.counted_points is None:
            continue
        # Points on each skill of the items the attempt showed (a pool's draw; every item for an attempt begun
        # before the module had pools), as its score's maximum counts them (QuizSummary.max_points).
        catalog = summary.shown.skill_points if summary.shown is not None else {}
        done = answered.get((user_id, module_id), {})
        for skill in {*catalog, *done}:
            sums = done.get(skill) or SkillSums(0.0, 0.0, 0.0)
            available = graded_maximum(sums.answered_max, sums.answered_catalog, catalog.get(skill, 0.0))
            available -= sums.awaiting_max  # answers awaiting marking count neither way until marked
            tally.mastery(user_id, skill).available += available
    return tally
