"""What the students of a generated school did: quiz attempts with graded responses, and lesson progress.

Every shipped module is attempted by most students, usually up to the module's attempt limit, the latest
attempt sometimes still open; some work is handed in after its due date. Each answer is a right or wrong
answer of the item's real type, graded by that type's grade(); each response points at an ItemVersion row
holding the content and hash the quiz engine computed when it loaded the module. Two items changed once
during the term, so their earlier answers point at an earlier version (hashed with the engine's function).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bench.answers import answer_for, graded, wrong_answer
from bench.school import People
from crosscheck.content.quizzes import content_hash

ATTEMPTED = 0.97  # share of students who attempt a given module
ATTEMPT_COUNTS = ((1, 0.04), (2, 0.10), (3, 0.86))  # how many attempts they make, within the module's limit
LEFT_OPEN = 0.06  # share of students whose latest attempt is still in progress
LATE = 0.12  # share of past-due work handed in after the due date
SKIPPED = 0.015  # share of items left unanswered in a submitted attempt
EDITED_ITEMS = 2  # items whose wording changed mid-term (answers before the edit keep the old version)
HOURS_PER_DAY = 24


@dataclass
class Work:
    """Rows for the item_version, attempt, response and lesson_progress tables."""

    item_versions: list[dict] = field(default_factory=list)
    attempts: list[dict] = field(default_factory=list)
    responses: list[dict] = field(default_factory=list)
    lesson_progress: list[dict] = field(default_factory=list)

    def add(self, table: str, row: dict) -> None:
        """Keep one generated row (a WorkSink: the district generator streams them instead)."""
        getattr(self, table).append(row)


class WorkSink(Protocol):
    """Where generated rows go: kept in lists (a school) or streamed to COPY (a district)."""

    def add(self, table: str, row: dict) -> None:
        """Take one row of "attempts", "responses" or "lesson_progress"."""


@dataclass(frozen=True)
class Version:
    """The content and hash answers of an item point at, before or after its edit."""

    hash: str
    content: dict


@dataclass
class WorkPlan:
    """What every student's work is drawn from: item versions, difficulties, and the ids given so far."""

    catalog: object
    seed: int
    now: datetime
    edit_time: datetime
    item_versions: list[dict]
    versions: dict[tuple[str, str], tuple[Version, Version]]
    difficulty: dict[tuple[str, str], float]
    attempts: int = 0  # the last attempt id given
    lessons: int = 0  # the last lesson_progress id given
    first_seen: dict[str, datetime] = field(default_factory=dict)  # version hash -> earliest answer
    graded: dict = field(default_factory=dict)  # (version hash, answer) -> (answer, Score), see answer()

    def answer(self, version: Version, right: bool, rng: random.Random) -> tuple:
        """A right or wrong answer to the version and its grade; each distinct answer is graded once.

        The right answer comes from the answer key (no random draw); a wrong one is drawn from the student's
        stream exactly as answer_for draws it, so the rows are the same as grading every answer afresh. Equal
        answers are one shared dict (nothing changes a generated row).
        """
        if right:
            key = (version.hash, None)
            if key not in self.graded:
                self.graded[key] = answer_for(version.content, True, rng)
            return self.graded[key]
        answer = wrong_answer(version.content, rng)
        key = (version.hash, json.dumps(answer, sort_keys=True))
        if key not in self.graded:
            self.graded[key] = graded(version.content, answer)
        return self.graded[key]  # the first equal answer: rows share it (never changed)


def plan_work(catalog, seed: int, now: datetime) -> WorkPlan:
    """The item versions (before and after the mid-term edits) and each item's difficulty."""
    edit_time = now - timedelta(days=20)
    item_versions: list[dict] = []
    versions = _versions(catalog, item_versions)
    difficulty = {
        (m.id, i.id): random.Random(f"{seed}:{m.id}:{i.id}").uniform(-0.2, 0.15)
        for m in catalog.quizzes.values()
        for i in m.items
    }
    return WorkPlan(catalog, seed, now, edit_time, item_versions, versions, difficulty)


def make_work(people: People, catalog, seed: int, now: datetime) -> Work:
    """Attempts, responses and lesson progress of every student, reproducible from the seed."""
    work = Work()
    plan = plan_work(catalog, seed, now)
    for student_id in people.students:
        student_work(plan, people, student_id, work)
    work.item_versions = seen_versions(plan)
    return work


def student_work(plan: WorkPlan, people: People, student_id: int, sink: WorkSink) -> None:
    """One student's attempts, responses and lesson progress, from a random stream of their own."""
    rng = random.Random(f"{plan.seed}:student:{student_id}")
    ability = min(0.98, max(0.05, rng.gauss(0.62, 0.17)))
    class_id = people.class_of[student_id]
    for module in plan.catalog.quizzes.values():
        _module_work(plan, sink, rng, student_id, module, ability, people.due.get((class_id, "quiz", module.id)))
    for lesson_id in plan.catalog.lessons:
        _lesson_work(plan, sink, rng, student_id, lesson_id, people.due.get((class_id, "lesson", lesson_id)))


def _versions(catalog, item_versions: list[dict]) -> dict[tuple[str, str], tuple[Version, Version]]:
    """(before the edit, after it) per item; the same version twice for items that never changed."""
    versions = {}
    edited = 0
    for module in catalog.quizzes.values():
        for item in module.items:
            current = Version(item.hash, item.content)
            before = current
            if edited < EDITED_ITEMS and item.content.get("explanation") and item.type == "choice":
                # An earlier draft had no explanation yet; answers and grading were the same.
                earlier = {**item.content, "explanation": None}
                before = Version(content_hash(earlier), earlier)
                edited += 1
            for version in {before.hash: before, current.hash: current}.values():
                item_versions.append(
                    {
                        "hash": version.hash,
                        "module_id": module.id,
                        "item_id": item.id,
                        "content": version.content,
                        "skill": version.content["skill"],  # as ItemVersion keeps it beside the content
                    }
                )
            versions[(module.id, item.id)] = (before, current)
    return versions


def _times(rng: random.Random, count: int, due: datetime | None, now: datetime) -> list[datetime]:
    """When each attempt was finished: a day or more apart, the last before the due date or (LATE) after it."""
    soon = now - timedelta(minutes=10)
    if due is not None and due < now and rng.random() < LATE:
        last = min(soon, due + timedelta(hours=rng.uniform(1, 72)))
    elif due is not None and due < now:
        last = due - timedelta(hours=rng.uniform(1, 3.5 * HOURS_PER_DAY))  # during the 4 days it was set
    else:
        last = soon - timedelta(hours=rng.uniform(0, 4 * HOURS_PER_DAY))
    return [last - timedelta(hours=(count - 1 - n) * rng.uniform(20, 60)) for n in range(count)]


def _module_work(plan: WorkPlan, sink: WorkSink, rng, student_id: int, module, ability: float, due) -> None:
    """One student's attempts at one module, the latest sometimes left open part-way through."""
    if rng.random() >= ATTEMPTED:
        return
    counts, weights = zip(*ATTEMPT_COUNTS, strict=True)
    count = rng.choices(counts, weights)[0]
    if module.settings.attempts:
        count = min(count, module.settings.attempts)
    open_last = rng.random() < LEFT_OPEN
    for number, finished in enumerate(_times(rng, count, due, plan.now), start=1):
        is_open = open_last and number == count
        drawn = module.draw(rng)  # a module with pools: the questions this attempt shows (None: all of them)
        items = module.for_attempt(drawn).items
        if is_open:  # answered the first items in order, then stopped
            shown = items[: round(rng.uniform(0.2, 0.8) * len(items))]
        else:
            shown = [item for item in items if rng.random() >= SKIPPED]
        started = finished - timedelta(minutes=rng.uniform(8, 30))
        plan.attempts += 1
        attempt_id = plan.attempts
        sink.add(
            "attempts",
            {
                "id": attempt_id,
                "user_id": student_id,
                "module_id": module.id,
                "number": number,
                "order_seed": rng.randrange(2**31),
                "started_at": started,
                "submitted_at": None if is_open else finished,
                "drawn": drawn,
            },
        )
        step = (finished - started) / (len(shown) + 1)
        skill = ability + 0.07 * (number - 1)  # a retake goes a little better
        for n, item in enumerate(shown, start=1):
            moment = started + step * n
            before, current = plan.versions[(module.id, item.id)]
            version = before if moment < plan.edit_time else current
            right = rng.random() < min(0.99, max(0.02, skill - plan.difficulty[(module.id, item.id)]))
            answer, score = plan.answer(version, right, rng)
            seen = plan.first_seen.get(version.hash)
            if seen is None or moment < seen:
                plan.first_seen[version.hash] = moment
            sink.add(
                "responses",
                {
                    "attempt_id": attempt_id,
                    "item_id": item.id,
                    "item_hash": version.hash,
                    "answer": answer,
                    "points": score.stored_points,
                    "max_points": score.max_points,
                    "answered_at": moment,
                },
            )


def _lesson_work(plan: WorkPlan, sink: WorkSink, rng: random.Random, student_id: int, lesson_id: str, due) -> None:
    """Most students open each lesson; most of them mark it complete, a few after the due date."""
    upcoming = due is None or due > plan.now
    if rng.random() >= (0.6 if upcoming else 0.93):
        return
    finished = _times(rng, 1, due, plan.now)[0]
    completed = rng.random() < (0.7 if upcoming else 0.88)
    plan.lessons += 1
    sink.add(
        "lesson_progress",
        {
            "id": plan.lessons,
            "user_id": student_id,
            "lesson_id": lesson_id,
            "opened_at": finished - timedelta(minutes=rng.uniform(10, 40)),
            "completed_at": finished if completed else None,
        },
    )


def seen_versions(plan: WorkPlan) -> list[dict]:
    """The item versions some response points at, each with its first_seen: its earliest answer, as the engine
    stores a version when first answered."""
    return [{**v, "first_seen": plan.first_seen[v["hash"]]} for v in plan.item_versions if v["hash"] in plan.first_seen]
