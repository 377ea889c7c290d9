"""TEST DATA ONLY: the sample lessons and quiz modules of tests/sample_content, and builders for student work.

The sample files are real content, loaded by the real loaders beside the repository's own (their ids and
scores are fixed, so class, report and dashboard tests can count on them while the shipped content changes).
Attempts, responses and item versions are written straight into their tables, as the quiz feature would
write them.
"""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher, Enrollment
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.content.quizzes import QuizItem, QuizModule, content_hash
from crosscheck.content.sources import ContentFile
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt, ItemVersion, Response
from crosscheck.timezone import utcnow
from crosscheck.workspace.live import Served
from tests.conftest import private_copy

SAMPLE_CONTENT = Path(__file__).parent / "sample_content"


def sample_files() -> list[ContentFile]:
    """tests/sample_content's files, named as under a content root (lessons/..., quizzes/...)."""
    paths = sorted(p for p in SAMPLE_CONTENT.rglob("*") if p.is_file())
    return [ContentFile.from_text(p.relative_to(SAMPLE_CONTENT).as_posix(), p.read_text("utf-8")) for p in paths]


SAMPLE_CATALOG = load_catalog(PROJECT_ROOT, sample_files())  # once a session; apps get private copies
assert not SAMPLE_CATALOG.errors, SAMPLE_CATALOG.errors
SAMPLE_QUIZ = SAMPLE_CATALOG.quizzes["sample-figures"]  # q1, q2: choice, 1 point; q3: multi, 2 points
SAMPLE_QUIZ_2 = SAMPLE_CATALOG.quizzes["sample-sources"]  # s1: choice, 1 point
SAMPLE_LESSON = SAMPLE_CATALOG.lessons["sample-lesson"]
SAMPLE_LESSON_2 = SAMPLE_CATALOG.lessons["sample-extra"]


def seeds_only_root(path: Path) -> Path:
    """A content root with the articles and no lessons or quiz modules: the state before content is written."""
    shutil.copytree(PROJECT_ROOT / "seeds", path / "seeds")
    return path


def install_sample_catalog(app) -> None:
    """Give the app the repository's content plus the sample files (a private copy of a catalog loaded once), as
    if they shipped with it: the live catalog serves them, and keeps them when it rebuilds with school content."""
    live = app.extensions["crosscheck.live"]
    live.shipped = live.shipped.plus(sample_files())
    live.served = Served(live.served.generation, private_copy(SAMPLE_CATALOG))
    app.extensions["crosscheck.catalog"] = live.served.catalog


def edited(item: QuizItem, **changes) -> QuizItem:
    """The item as the loader builds it after its file was edited (`changes` to its YAML fields): a new hash."""
    spec = item.spec.model_copy(update=changes)
    content = {**item.content, **changes}
    return QuizItem(spec, content, content_hash(content))


def with_items(module: QuizModule, *items: QuizItem) -> QuizModule:
    """The module with these items (an item added, removed or edited in its file)."""
    return dataclasses.replace(module, items=tuple(items))


def store_version(module_id: str, content: dict) -> str:
    """Store an item version (once) and return its hash, as the quiz feature does."""
    digest = content_hash(content)
    if db.session.get(ItemVersion, digest) is None:
        db.session.add(ItemVersion(hash=digest, module_id=module_id, item_id=content["id"], content=content))
        db.session.flush()
    return digest


def record_attempt(
    user,
    module: QuizModule,
    answers: dict[str, tuple[dict, float]],
    submitted_at: datetime | None = None,
    number: int | None = None,
    versions: dict[str, str] | None = None,
) -> Attempt:
    """An attempt with one response per answered item: {item_id: (answer, points)}."""
    if number is None:
        previous = db.session.scalars(
            select(Attempt.number).where(Attempt.user_id == user.id, Attempt.module_id == module.id)
        ).all()
        number = max(previous, default=0) + 1
    started = (submitted_at or utcnow()) - timedelta(minutes=10)
    attempt = Attempt(
        user_id=user.id, module_id=module.id, number=number, order_seed=7, started_at=started, submitted_at=submitted_at
    )
    db.session.add(attempt)
    db.session.flush()
    items = {item.id: item for item in module.items}
    for item_id, (answer, points) in answers.items():
        item_hash = (versions or {}).get(item_id) or store_version(module.id, items[item_id].content)
        db.session.add(
            Response(
                attempt_id=attempt.id,
                item_id=item_id,
                item_hash=item_hash,
                answer=answer,
                points=points,
                max_points=items[item_id].points,
                answered_at=started + timedelta(minutes=1),
            )
        )
    db.session.commit()
    return attempt


def assign(classroom, kind: str, target_id: str, due_at: datetime | None = None) -> Assignment:
    """An assignment written directly (the class pages are tested separately)."""
    assignment = Assignment(classroom_id=classroom.id, kind=kind, target_id=target_id, due_at=due_at)
    db.session.add(assignment)
    db.session.commit()
    return assignment


def lesson_done(user, lesson_id: str, completed_at: datetime | None) -> None:
    """Lesson progress: opened, and completed at `completed_at` (None: still open)."""
    opened = (completed_at or utcnow()) - timedelta(minutes=20)
    db.session.add(LessonProgress(user_id=user.id, lesson_id=lesson_id, opened_at=opened, completed_at=completed_at))
    db.session.commit()


def bulk_class(teacher, size: int, module: QuizModule = SAMPLE_QUIZ, lesson=SAMPLE_LESSON) -> Classroom:
    """A class of `size` students, each with a submitted attempt and lesson progress, written with bulk inserts."""
    classroom = Classroom(name=f"Bulk {size}", join_code=f"B{size:03d}-{teacher.id:04d}"[:9])
    db.session.add(classroom)
    db.session.flush()
    db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=teacher.id))
    prefix = f"bulk{classroom.id}-"
    db.session.execute(
        insert(User),
        [
            {"username": f"{prefix}{i}", "display_name": f"Student {i:03d}", "password_hash": "x", "role": "student"}
            for i in range(size)
        ],
    )
    ids = db.session.scalars(select(User.id).where(User.username.like(f"{prefix}%")).order_by(User.id)).all()
    db.session.execute(insert(Enrollment), [{"classroom_id": classroom.id, "student_id": i} for i in ids])
    now = utcnow()
    db.session.execute(
        insert(Attempt),
        [
            {"user_id": i, "module_id": module.id, "number": 1, "order_seed": 1, "started_at": now, "submitted_at": now}
            for i in ids
        ],
    )
    attempts = dict(db.session.execute(select(Attempt.user_id, Attempt.id).where(Attempt.user_id.in_(ids))).all())
    hashes = {item.id: store_version(module.id, item.content) for item in module.items}
    rows = []
    for n, user_id in enumerate(ids):
        for k, item in enumerate(module.items):
            right = (n + k) % 3 != 0
            answer = {"choice": "a" if right else "b"} if item.type == "choice" else {"choices": ["a", "c"]}
            rows.append(
                {
                    "attempt_id": attempts[user_id],
                    "item_id": item.id,
                    "item_hash": hashes[item.id],
                    "answer": answer,
                    "points": float(item.points) if right else 0.0,
                    "max_points": float(item.points),
                    "answered_at": now,
                }
            )
    db.session.execute(insert(Response), rows)
    db.session.execute(
        insert(LessonProgress),
        [{"user_id": i, "lesson_id": lesson.id, "opened_at": now, "completed_at": now} for i in ids[::2]],
    )
    db.session.execute(
        insert(Assignment),
        [
            {"classroom_id": classroom.id, "kind": "quiz", "target_id": module.id, "due_at": now + timedelta(days=3)},
            {"classroom_id": classroom.id, "kind": "lesson", "target_id": lesson.id, "due_at": None},
        ],
    )
    db.session.commit()
    return classroom
