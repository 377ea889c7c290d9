"""Sums per student and piece of work: quiz attempts and scores, lesson progress, points per skill.

SQL aggregates over attempts, responses and lesson progress. Every function takes `students` (a list of user
ids or a ClassStudents) and runs one query whatever their number. Scores are sums over stored responses;
nothing here is a counter kept by hand. Each statement is built once per shape and catalog
(crosscheck/progress/statements.py) and run with the students and ids bound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Subquery, case, func, literal, select
from sqlalchemy.orm import aliased

from crosscheck.content.quizzes import WAITS_ON_EVERY_ATTEMPT, QuizModule
from crosscheck.lessons.models import LessonProgress
from crosscheck.progress.scoring import graded_maximum
from crosscheck.progress.statements import STATEMENTS, ids_param, in_catalog_values, modules_key, run
from crosscheck.progress.students import students_clause, students_params, students_shape
from crosscheck.quizzes.models import Attempt, ItemVersion, Response


def counted_attempt(students, modules: dict) -> Subquery:
    """Each student's counted submitted attempt of each module: (id, user_id, module_id).

    Which attempt counts is the module's score policy (content.quizzes.counted_score): the highest points (the
    latest on a tie), the first, or else the latest (a mean's answers are read from its latest attempt). The
    module ids and their policies come from `modules` (id -> catalog module, None for one no longer in it) and
    are written into the statement (statements.in_catalog_values): it is built once per catalog's modules.
    `students` is what `IN` takes: SQL (students_clause) or a list.
    """
    policies = {m: module.settings.score for m, module in modules.items() if module is not None}
    highest = in_catalog_values(Attempt.module_id, [m for m, policy in policies.items() if policy == "highest"])
    first = in_catalog_values(Attempt.module_id, [m for m, policy in policies.items() if policy == "first"])
    points = (
        select(func.coalesce(func.sum(Response.points), 0.0)).where(Response.attempt_id == Attempt.id).scalar_subquery()
    )
    order = (
        case((highest, -points), else_=0.0),
        case((first, Attempt.number), else_=-Attempt.number),
    )
    ranked = (
        select(
            Attempt.id,
            Attempt.user_id,
            Attempt.module_id,
            func.row_number().over(partition_by=(Attempt.user_id, Attempt.module_id), order_by=order).label("rank"),
        )
        .where(
            Attempt.submitted_at.is_not(None),
            Attempt.user_id.in_(students),
            in_catalog_values(Attempt.module_id, list(modules)),
        )
        .subquery("ranked")
    )
    return select(ranked.c.id, ranked.c.user_id, ranked.c.module_id).where(ranked.c.rank == 1).subquery("counted")


def _by_catalog_item(module_column, modules: dict, value_of, otherwise):
    """SQL CASE: value_of(item) for each answered item as the catalog has it now, `otherwise` for items gone.

    One `module:item IN (...)` per value, not one WHEN per item, so the statement stays small.
    """
    keys_by_value: dict = {}
    for module_id, module in modules.items():
        for item in module.items if module is not None else ():
            keys_by_value.setdefault(value_of(item), []).append(f"{module_id}:{item.id}")
    if not keys_by_value:
        return literal(otherwise)
    key = module_column + ":" + Response.item_id  # ids are slugs: a colon never appears inside one
    return case(*[(in_catalog_values(key, keys), value) for value, keys in keys_by_value.items()], else_=otherwise)


def catalog_points(module_column, modules: dict):
    """SQL CASE: each answered item's points as the catalog has it now (0 for items no longer in a module).

    With SUM(max_points) of the answered items it gives an attempt's maximum by the one rule of scoring.py:
    answered items keep the maximum they were graded against, unanswered current items add their points.
    """
    return _by_catalog_item(module_column, modules, lambda item: float(item.points), 0.0)


def answered_skill(modules: dict):
    """SQL: the skill an answered item had, from the catalog when its version is the current one.

    Only an answer to an earlier version of an item reads its stored version's skill (item_version.skill, in a
    subquery through an index: no JSON parsed, about a microsecond an answer, where reading the JSON cost 16 to
    230 microseconds on PostgreSQL). A join of item_version for every answer would cost that lookup for current
    versions too; the catalog's hashes spare it. Same hash, same content, so the skill is the same either way.
    """
    stored = select(ItemVersion.skill).where(ItemVersion.hash == Response.item_hash).scalar_subquery()
    hashes_by_skill: dict[str, list[str]] = {}
    for module in modules.values():
        for item in module.items if module is not None else ():
            hashes_by_skill.setdefault(item.skill, []).append(item.hash)
    if not hashes_by_skill:
        return stored
    return case(
        *[(in_catalog_values(Response.item_hash, h), skill) for skill, h in hashes_by_skill.items()], else_=stored
    )


def moved_skill(module_column, modules: dict):
    """SQL: for an answer to an earlier version of an item, the skill the item is on today; NULL otherwise.

    An item's points today count toward the skill it is on today (the `answered_catalog` of scoring.py's rule),
    its answer toward the skill it had when answered (answered_skill): the two differ only for an earlier
    version, after an edit that moved the item to another skill. NULL, for an answer to the current version
    (the skills agree) or to an item no longer in the module (its points today are 0), means "as answered";
    one IN over the current hashes spares the current versions the CASE by item.
    """
    current = [item.hash for module in modules.values() for item in (module.items if module is not None else ())]
    if not current:
        return literal(None)
    by_item = _by_catalog_item(module_column, modules, lambda item: item.skill, None)
    return case((in_catalog_values(Response.item_hash, current), None), else_=by_item)


@dataclass(frozen=True)
class QuizSummary:
    """One student's attempts at one module, and the counted submitted attempt's sums."""

    attempts: int
    first_submitted: datetime | None
    counted_points: float | None  # the score policy's points (a mean's: the mean); None until one is submitted
    answered_max: float = 0.0  # SUM(max_points) of the counted attempt's responses
    answered_catalog: float = 0.0  # the same items' points in the catalog now
    awaiting: int = 0  # answers awaiting marking that hold the score back (content.quizzes.counted_awaiting)
    # The module as the counted attempt showed it (QuizModule.for_attempt: a pool's draw, or every item for an
    # attempt begun before the module had pools); None when the module is no longer in the catalog.
    shown: QuizModule | None = field(default=None, compare=False)
    mean_max: float | None = None  # a mean's: the mean of the submitted attempts' maxima (counted_score's rule)

    def max_points(self) -> float:
        """The counted attempt's maximum, by the one rule (crosscheck/progress/scoring.py), over the items it
        showed: a score never reads above 100% because a pool was added after the attempt. A mean's maximum is
        the mean of its attempts' maxima, as the quiz pages count it."""
        if self.mean_max is not None:
            return self.mean_max
        total = self.shown.max_points if self.shown is not None else 0.0
        return graded_maximum(self.answered_max, self.answered_catalog, total)


def _quiz_summaries_statement(shape: str, modules: dict):
    """The statement quiz_summaries runs; the module ids are written into it."""
    students = students_clause(shape)
    latest = counted_attempt(students, modules)
    latest_sums = (
        select(
            latest.c.user_id,
            latest.c.module_id,
            latest.c.id.label("attempt_id"),
            func.coalesce(func.sum(Response.points), 0.0).label("points"),
            func.coalesce(func.sum(Response.max_points), 0.0).label("answered_max"),
            func.coalesce(func.sum(catalog_points(latest.c.module_id, modules)), 0.0).label("answered_catalog"),
            (func.count(Response.id) - func.count(Response.points)).label("awaiting"),
        )
        .select_from(latest)
        .outerjoin(Response, Response.attempt_id == latest.c.id)
        .group_by(latest.c.user_id, latest.c.module_id, latest.c.id)
        .subquery("latest_sums")
    )
    attempt_points = (
        select(func.coalesce(func.sum(Response.points), 0.0)).where(Response.attempt_id == Attempt.id).scalar_subquery()
    )
    attempt_awaiting = (
        select(func.count()).where(Response.attempt_id == Attempt.id, Response.points.is_(None)).scalar_subquery()
    )
    # Each attempt's answered items' stored maxima and the same items' points today: averaged over a mean's
    # attempts, with the share that drew no pool, they give the mean of the maxima (graded_maximum is linear).
    attempt_answered_max = (
        select(func.coalesce(func.sum(Response.max_points), 0.0)).where(Response.attempt_id == Attempt.id)
    ).scalar_subquery()
    attempt_answered_now = (
        select(func.coalesce(func.sum(catalog_points(Attempt.module_id, modules)), 0.0)).where(
            Response.attempt_id == Attempt.id
        )
    ).scalar_subquery()
    # Every submitted attempt's points and waiting answers, only for the modules whose policy reads them (a
    # subquery per attempt, skipped by the CASE for the others): quiz_summaries reads them for no other module.
    means, every = _policy_modules(modules)
    submitted = Attempt.submitted_at.is_not(None)
    summary = (
        select(
            Attempt.user_id,
            Attempt.module_id,
            func.count(Attempt.id).label("attempts"),
            func.min(Attempt.submitted_at).label("first_submitted"),
            func.avg(case((submitted & in_catalog_values(Attempt.module_id, means), attempt_points))).label(
                "mean_points"
            ),
            func.avg(case((submitted & in_catalog_values(Attempt.module_id, means), attempt_answered_max))).label(
                "mean_answered_max"
            ),
            func.avg(case((submitted & in_catalog_values(Attempt.module_id, means), attempt_answered_now))).label(
                "mean_answered_now"
            ),
            func.avg(
                case(
                    (
                        submitted & in_catalog_values(Attempt.module_id, means),
                        case((Attempt.drawn.is_(None), 1.0), else_=0.0),
                    )
                )
            ).label("mean_undrawn"),
            func.sum(case((submitted & in_catalog_values(Attempt.module_id, every), attempt_awaiting), else_=0)).label(
                "awaiting_all"
            ),
        )
        .where(Attempt.user_id.in_(students), in_catalog_values(Attempt.module_id, list(modules)))
        .group_by(Attempt.user_id, Attempt.module_id)
        .subquery("summary")
    )
    sums, shown = latest_sums.c, aliased(Attempt, name="shown")  # the counted attempt's draw: what it showed
    return (
        select(summary, sums.points, sums.answered_max, sums.answered_catalog, sums.awaiting, shown.drawn)
        .outerjoin(
            latest_sums,
            (latest_sums.c.user_id == summary.c.user_id) & (latest_sums.c.module_id == summary.c.module_id),
        )
        .outerjoin(shown, shown.id == latest_sums.c.attempt_id)
    )


def _run_per_modules(name: str, build, students, modules: dict) -> list:
    """Run the statement `build(shape, modules)` makes, built once per students' shape and catalog modules."""
    shape = students_shape(students)
    statement = STATEMENTS.get(
        (name, shape, modules_key(modules)), lambda: build(shape, modules), tuple(modules.values())
    )
    return run(statement, students_params(students))


def _policy_modules(modules: dict) -> tuple[list[str], list[str]]:
    """The modules scored by the mean of every attempt, and those whose score waits on every attempt's marking
    (highest and mean; first and latest wait on the counted attempt's only)."""
    policies = {m: module.settings.score for m, module in modules.items() if module is not None}
    means = [m for m, policy in policies.items() if policy == "mean"]
    return means, [m for m, policy in policies.items() if policy in WAITS_ON_EVERY_ATTEMPT]


def quiz_summaries(students, modules: dict) -> dict[tuple[int, str], QuizSummary]:
    """Attempts, first submission and the counted attempt's sums per (student, module): one query."""
    rows = _run_per_modules("quiz_summaries", _quiz_summaries_statement, students, modules)
    means, every = (set(ids) for ids in _policy_modules(modules))
    shown: dict[tuple[str, tuple[str, ...] | None], QuizModule | None] = {}  # one per module and draw, not student

    def shown_by(module_id: str, drawn: list[str] | None) -> QuizModule | None:
        key = (module_id, tuple(drawn) if drawn is not None else None)
        if key not in shown:
            module = modules.get(module_id)
            shown[key] = module.for_attempt(drawn) if module is not None else None
        return shown[key]

    return {
        (row.user_id, row.module_id): QuizSummary(
            row.attempts,
            _as_datetime(row.first_submitted),
            float(row.mean_points) if row.module_id in means and row.points is not None else row.points,
            float(row.answered_max or 0.0),
            float(row.answered_catalog or 0.0),
            int((row.awaiting_all if row.module_id in every else row.awaiting) or 0),
            shown_by(row.module_id, row.drawn) if row.points is not None else modules.get(row.module_id),
            _mean_max(row, modules.get(row.module_id)) if row.module_id in means and row.points is not None else None,
        )
        for row in rows
    }


def _mean_max(row, module: QuizModule | None) -> float | None:
    """The mean of a student's submitted attempts' maxima by the one rule (scoring.graded_maximum), over the items
    each attempt showed (every item, for an attempt that drew no pool)."""
    if module is None:
        return None
    undrawn = float(row.mean_undrawn or 0.0)
    shown_today = undrawn * module.for_attempt(None).max_points + (1 - undrawn) * module.max_points
    return graded_maximum(float(row.mean_answered_max or 0.0), float(row.mean_answered_now or 0.0), shown_today)


def _lesson_states_statement(shape: str):
    """The statement lesson_states runs; lesson ids are bound as "lessons"."""
    return select(
        LessonProgress.user_id, LessonProgress.lesson_id, LessonProgress.opened_at, LessonProgress.completed_at
    ).where(LessonProgress.user_id.in_(students_clause(shape)), LessonProgress.lesson_id.in_(ids_param("lessons")))


def lesson_states(students, lesson_ids) -> dict[tuple[int, str], tuple[datetime, datetime | None]]:
    """(opened_at, completed_at) per (student, lesson): one query."""
    shape = students_shape(students)
    statement = STATEMENTS.get(("lesson_states", shape), lambda: _lesson_states_statement(shape))
    rows = run(statement, {**students_params(students), "lessons": list(lesson_ids)})
    return {(row.user_id, row.lesson_id): (row.opened_at, row.completed_at) for row in rows}


@dataclass(frozen=True)
class SkillSums:
    """One skill's items in one latest submitted attempt: points, maximum as graded, catalog points now."""

    points: float  # marked answers only: SUM skips NULL
    answered_max: float
    answered_catalog: float
    awaiting_max: float = 0.0  # the maximum of the answers awaiting marking: not available until marked


def _skill_points_statement(shape: str, modules: dict):
    """The statement skill_points runs; the module ids are written into it.

    The skill an answer counts under is the one its version has (answered_skill); its item's points today go
    to the item's skill today (moved_skill). Grouped by both, so skill_points adds each sum to its skill.
    """
    latest = counted_attempt(students_clause(shape), modules)
    answers = (
        select(
            latest.c.user_id,
            latest.c.module_id,
            answered_skill(modules).label("skill"),
            moved_skill(latest.c.module_id, modules).label("skill_now"),
            Response.points,
            Response.max_points,
            catalog_points(latest.c.module_id, modules).label("catalog_points"),
        )
        .select_from(latest)
        .join(Response, Response.attempt_id == latest.c.id)
        .subquery("answers")
    )
    return select(
        answers.c.user_id,
        answers.c.module_id,
        answers.c.skill,
        answers.c.skill_now,
        func.sum(answers.c.points),
        func.sum(answers.c.max_points),
        func.sum(answers.c.catalog_points),
        func.sum(case((answers.c.points.is_(None), answers.c.max_points), else_=0.0)),
    ).group_by(answers.c.user_id, answers.c.module_id, answers.c.skill, answers.c.skill_now)


def skill_points(students, modules: dict) -> dict[tuple[int, str, str], SkillSums]:
    """Sums per (student, module, skill) over each latest submitted attempt: one query.

    An answer counts under the skill its item had when answered (from its stored version); the answered
    items' points today (answered_catalog) under the skill each item is on today.
    """
    rows = _run_per_modules("skill_points", _skill_points_statement, students, modules)
    sums: dict[tuple[int, str, str], list[float]] = {}
    for user_id, module_id, skill, skill_now, *values in rows:
        points, answered_max, catalog, awaiting_max = (float(v or 0.0) for v in values)  # NULL: none marked
        as_answered = sums.setdefault((user_id, module_id, skill), [0.0, 0.0, 0.0, 0.0])
        as_answered[0] += points
        as_answered[1] += answered_max
        as_answered[3] += awaiting_max
        sums.setdefault((user_id, module_id, skill_now or skill), [0.0, 0.0, 0.0, 0.0])[2] += catalog
    return {key: SkillSums(*values) for key, values in sums.items()}


def _as_datetime(value) -> datetime | None:
    """MIN() over a DateTime column comes back as text on SQLite; parse it there."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
