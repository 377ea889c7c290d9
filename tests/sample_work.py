"""TEST DATA ONLY: small lesson and quiz objects shaped like the catalog's, and builders for student work.

The lessons and quizzes features load the real files; these stand-ins carry only the attributes the contract
names (catalog.lessons / catalog.quizzes), so classes and reports can be tested without them. Attempts,
responses and item versions are written straight into their tables, as the quiz feature would write them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher, Enrollment
from crosscheck.config import PROJECT_ROOT
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt, ItemVersion, Response
from crosscheck.timezone import utcnow


@dataclass(frozen=True)
class SampleItem:
    """Test stand-in for a quiz item."""

    id: str
    type: str = "choice"
    skill: str = "unverified_claim"
    points: float = 1
    articles: tuple[str, ...] = ("nk-pow-hngn",)


@dataclass(frozen=True)
class SampleSettings:
    """Test stand-in for a module's settings."""

    attempts: int = 3
    shuffle_options: bool = True
    feedback: str = "each"


@dataclass(frozen=True)
class SampleQuiz:
    """Test stand-in for a quiz module."""

    id: str
    title: str
    items: tuple[SampleItem, ...]
    lesson: str | None = None
    settings: SampleSettings = field(default_factory=SampleSettings)

    @property
    def skills(self) -> tuple[str, ...]:
        """The skills of its items, in order."""
        return tuple(dict.fromkeys(item.skill for item in self.items))


@dataclass(frozen=True)
class SampleLesson:
    """Test stand-in for a lesson."""

    id: str
    title: str
    order: int = 1
    skills: tuple[str, ...] = ("framing",)
    articles: tuple[str, ...] = ("nk-pow-kyivpost",)
    quiz: str | None = None
    minutes: int = 10


SAMPLE_QUIZ = SampleQuiz(
    "sample-figures",
    "Sample: figures and claims",
    (
        SampleItem("q1", "choice", "conflicting_figure", 1),
        SampleItem("q2", "choice", "unverified_claim", 1),
        SampleItem("q3", "multi", "unverified_claim", 2),
    ),
)
SAMPLE_QUIZ_2 = SampleQuiz("sample-sources", "Sample: who said so", (SampleItem("s1", "choice", "primary_source", 1),))
SAMPLE_LESSON = SampleLesson("sample-lesson", "Sample lesson: five frames")
MISCONCEPTIONS = {"official-figure-as-verified": "treats an official's figure as verified"}


def seeds_only_root(path: Path) -> Path:
    """A content root with the articles and no lessons or quiz modules: the state before content is written."""
    shutil.copytree(PROJECT_ROOT / "seeds", path / "seeds")
    return path


def install_sample_catalog(app, quizzes=(SAMPLE_QUIZ, SAMPLE_QUIZ_2), lessons=(SAMPLE_LESSON,)) -> None:
    """Put the stand-ins into the app's catalog, beside whatever the real loaders found."""
    catalog = app.extensions["crosscheck.catalog"]
    for quiz in quizzes:
        catalog.quizzes[quiz.id] = quiz
    for lesson in lessons:
        catalog.lessons[lesson.id] = lesson
    catalog.misconceptions.update(MISCONCEPTIONS)


def item_content(item: SampleItem, prompt: str | None = None) -> dict:
    """ItemVersion.content as the contract shapes it: the item plus resolved options (a is correct)."""
    options = [
        {"id": "a", "text": "The figure is attributed to a named official.", "correct": True, "misconception": None},
        {
            "id": "b",
            "text": "The figure is verified, since an official gave it.",
            "correct": False,
            "misconception": "official-figure-as-verified",
        },
        {"id": "c", "text": '=HYPERLINK("x") is not a source', "correct": item.type == "multi", "misconception": None},
    ]
    return {
        "id": item.id,
        "type": item.type,
        "skill": item.skill,
        "points": item.points,
        "articles": list(item.articles),
        "prompt": prompt or f"Prompt of {item.id}",
        "options": options,
    }


def store_version(module_id: str, content: dict) -> str:
    """Store an item version (once) and return its hash, as the quiz feature does."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    if db.session.get(ItemVersion, digest) is None:
        db.session.add(ItemVersion(hash=digest, module_id=module_id, item_id=content["id"], content=content))
        db.session.flush()
    return digest


def record_attempt(
    user,
    module: SampleQuiz,
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
        item_hash = (versions or {}).get(item_id) or store_version(module.id, item_content(items[item_id]))
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


def bulk_class(teacher, size: int, module: SampleQuiz = SAMPLE_QUIZ, lesson: SampleLesson = SAMPLE_LESSON) -> Classroom:
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
    hashes = {item.id: store_version(module.id, item_content(item)) for item in module.items}
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
