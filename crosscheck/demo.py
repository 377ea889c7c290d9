"""The demo classroom: one teacher, one class with a join code, six students. Safe to run twice.

The demo touches only its own content, the shipped lessons and modules named below: a teacher's new module
is never assigned to the demo class and gets no invented attempts, however often `make run` loads the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import select

from crosscheck.accounts.service import create_user, find_user
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.demo_work import load_demo_work
from crosscheck.classes.models import Classroom, ClassTeacher, Enrollment
from crosscheck.content.catalog import Catalog
from crosscheck.extensions import db
from crosscheck.lessons.service import mark_complete, record_opened
from crosscheck.quizzes.demo_work import load_demo_quiz_work
from crosscheck.timezone import utcnow

DEMO_PASSWORD = "crosscheck-demo"
DEMO_JOIN_CODE = "DEMO-9BML"
DEMO_CLASS = "9B Media Literacy"
DEMO_TEACHER = ("teacher", "Ms Alvarez")
DEMO_ADMIN = ("admin", "School IT")
DEMO_STUDENTS = [
    ("amara", "Amara Okafor"),
    ("ben", "Ben Kowalski"),
    ("chloe", "Chloé Martin"),
    ("dev", "Dev Patel"),
    ("eitan", "Eitan Levi"),
    ("fatima", "Fatima Zahra"),
]


# The demo's own content: the shipped lessons and quiz modules it assigns and makes work on, and nothing else.
DEMO_LESSONS = (
    "one-event-five-frames",
    "who-said-so",
    "numbers-that-disagree",
    "what-nobody-verified",
    "quotes-that-changed",
    "what-is-not-the-article",
)
DEMO_MODULES = ("conflicting-figures", "final-mixed", "primary-source", "spot-unverified")

# Lesson progress of the demo students: (lessons completed, lessons only opened), so reports have a spread.
DEMO_LESSON_PROGRESS = {
    "amara": (("one-event-five-frames", "who-said-so", "numbers-that-disagree"), ("what-nobody-verified",)),
    "ben": (("one-event-five-frames",), ("who-said-so",)),
    "chloe": ((), ("one-event-five-frames",)),
    "dev": (("one-event-five-frames", "who-said-so"), ()),
    "fatima": (DEMO_LESSONS, ()),
}


@dataclass
class DemoSummary:
    """What the demo command prints."""

    class_name: str
    join_code: str
    teacher: str
    admin: str
    students: list[str]


def _user(username: str, name: str, role: str):
    """The demo user, created on first run."""
    return find_user(username) or create_user(username, name, DEMO_PASSWORD, role)


def load_demo(lessons: tuple[str, ...] = DEMO_LESSONS, modules: tuple[str, ...] = DEMO_MODULES) -> DemoSummary:
    """Create (or find) the demo users, class and enrolments, then the sample work on these lessons and modules."""
    teacher = _user(*DEMO_TEACHER, "teacher")
    _user(*DEMO_ADMIN, "admin")
    students = [_user(username, name, "student") for username, name in DEMO_STUDENTS]
    classroom = db.session.scalar(select(Classroom).where(Classroom.join_code == DEMO_JOIN_CODE))
    if classroom is None:
        classroom = Classroom(name=DEMO_CLASS, join_code=DEMO_JOIN_CODE)
        db.session.add(classroom)
        db.session.flush()
        db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=teacher.id))
    db.session.flush()
    for student in students:
        if not db.session.scalar(
            select(Enrollment).where(Enrollment.classroom_id == classroom.id, Enrollment.student_id == student.id)
        ):
            db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
    db.session.commit()
    content = _demo_content(lessons, modules)
    load_demo_lesson_progress(students)
    load_demo_quiz_work(students, content)
    load_demo_work(classroom, teacher, students, content)
    return DemoSummary(DEMO_CLASS, DEMO_JOIN_CODE, teacher.username, DEMO_ADMIN[0], [s.username for s in students])


def load_demo_lesson_progress(students) -> None:
    """Open and complete some lessons for the demo students, a few days back; rows that exist are kept."""
    start = utcnow() - timedelta(days=7)
    for student in students:
        completed, opened = DEMO_LESSON_PROGRESS.get(student.username, ((), ()))
        for day, lesson_id in enumerate(completed):
            mark_complete(student.id, lesson_id, start + timedelta(days=day, hours=1))
        for lesson_id in opened:
            record_opened(student.id, lesson_id, start + timedelta(days=len(completed)))


def _demo_content(lessons: tuple[str, ...], modules: tuple[str, ...]) -> Catalog:
    """The catalog with only the demo's own lessons and modules (those of them that loaded), in catalog order."""
    catalog = get_catalog()
    return replace(
        catalog,
        lessons={i: lesson for i, lesson in catalog.lessons.items() if i in lessons},
        quizzes={i: module for i, module in catalog.quizzes.items() if i in modules},
    )
