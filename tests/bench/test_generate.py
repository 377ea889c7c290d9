"""The benchmark's school generator at a tiny size: the rows it writes keep the quiz engine's invariants."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from bench.generate import bench_app, generate, password_hash
from bench.profiles import write_profiles
from bench.query_counts import copy_database
from bench.school import PASSWORD, SchoolSize
from crosscheck.accounts.models import User
from crosscheck.classes.models import Assignment, Enrollment
from crosscheck.content.quizzes import content_hash
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.lessons.models import LessonProgress
from crosscheck.quizzes.models import Attempt, ItemVersion, Response
from crosscheck.stamps.models import ClassStamp, WorkStamp
from tests.load.integrity import integrity_problems

NOW = datetime(2026, 3, 2, 9, 30)
TINY = SchoolSize(students=20, classes=3, report_class=8)


def _rows(model) -> list[tuple]:
    """Every row of a table, in primary-key order, as plain tuples."""
    table = model.__table__
    return [tuple(row) for row in db.session.execute(select(table).order_by(*table.primary_key.columns))]


@pytest.fixture(scope="module")
def school_path(tmp_path_factory):
    """A tiny school's database file."""
    path = tmp_path_factory.mktemp("bench") / "school.db"
    return path, generate(f"sqlite:///{path}", TINY, seed=3, now=NOW)


@pytest.fixture(scope="module")
def school(school_path):
    """A tiny school, and the app on its database (left open for the tests of this module)."""
    path, summary = school_path
    app = bench_app(f"sqlite:///{path}")
    with app.app_context():
        yield summary, app.extensions["crosscheck.catalog"]
        db.session.remove()


def test_the_school_has_its_people_and_classes(school):
    summary, _ = school
    assert summary.counts["classroom"] == 3 and summary.students == 20
    assert summary.report_class_students == 8
    current = select(func.count()).where(Enrollment.classroom_id == 1, Enrollment.removed_at.is_(None))
    assert db.session.scalar(current) == 8
    roles = Counter(db.session.scalars(select(User.role)))
    assert roles == {"student": 20, "teacher": 1, "admin": 1}
    teacher = db.session.scalar(select(User).where(User.username == summary.report_teacher))
    assert teacher.role == "teacher" and check_password_hash(teacher.password_hash, PASSWORD)


def test_every_lesson_and_module_is_assigned_to_every_class_some_due_already(school):
    _, catalog = school
    per_class = Counter(db.session.scalars(select(Assignment.classroom_id)))
    assert set(per_class.values()) == {len(catalog.lessons) + len(catalog.quizzes)}
    due = db.session.scalars(select(Assignment.due_at)).all()
    assert any(d < NOW for d in due) and any(d > NOW for d in due)


def test_the_database_is_consistent(school):
    assert integrity_problems() == []


def test_responses_are_unique_per_attempt_and_item(school):
    pairs = Counter(db.session.execute(select(Response.attempt_id, Response.item_id)).all())
    assert pairs and max(pairs.values()) == 1


def test_one_open_attempt_per_student_and_module_and_numbers_within_the_limit(school):
    _, catalog = school
    opened = Counter(
        db.session.execute(select(Attempt.user_id, Attempt.module_id).where(Attempt.submitted_at.is_(None))).all()
    )
    assert opened and max(opened.values()) == 1
    numbers: dict[tuple, list[int]] = {}
    for user_id, module_id, number in db.session.execute(select(Attempt.user_id, Attempt.module_id, Attempt.number)):
        numbers.setdefault((user_id, module_id), []).append(number)
    for (_, module_id), made in numbers.items():
        assert sorted(made) == list(range(1, len(made) + 1))
        assert len(made) <= catalog.quizzes[module_id].settings.attempts


def test_most_students_attempt_every_module_some_late_some_in_progress(school):
    _, catalog = school
    for module_id in catalog.quizzes:
        takers = db.session.scalar(
            select(func.count(func.distinct(Attempt.user_id))).where(Attempt.module_id == module_id)
        )
        assert takers >= 0.75 * TINY.students, module_id
    due = {(a.classroom_id, a.target_id): a.due_at for a in db.session.scalars(select(Assignment))}
    classes = dict(
        db.session.execute(
            select(Enrollment.student_id, Enrollment.classroom_id).where(Enrollment.removed_at.is_(None))
        ).all()
    )
    submitted = db.session.execute(
        select(Attempt.user_id, Attempt.module_id, Attempt.submitted_at).where(Attempt.submitted_at.is_not(None))
    ).all()
    assert any(when > due[(classes[user], module)] for user, module, when in submitted)
    assert db.session.scalar(select(func.count()).where(Attempt.submitted_at.is_(None))) > 0


def test_scores_are_what_the_item_types_grade_and_versions_are_the_engines(school):
    _, catalog = school
    versions = {v.hash: v for v in db.session.scalars(select(ItemVersion))}
    current = {item.hash for module in catalog.quizzes.values() for item in module.items}
    assert len(versions) > len(current & versions.keys()) > 0  # current versions, and an earlier one of an edited item
    for version in versions.values():
        assert content_hash(version.content) == version.hash
        assert version.module_id == version.content["module_id"] and version.item_id == version.content["id"]
    for response in db.session.scalars(select(Response)):
        content = versions[response.item_hash].content
        score = item_type(content["type"]).grade(content, response.answer)
        assert (response.points, response.max_points) == (score.points, score.max_points)
        assert response.item_id == content["id"]
    points = db.session.execute(select(func.min(Response.points), func.max(Response.points))).one()
    top = max(item.points for module in catalog.quizzes.values() for item in module.items)  # a written item's 2
    assert points == (0.0, float(top))


def test_answers_fall_inside_their_attempt(school):
    query = select(Response.answered_at, Attempt.started_at, Attempt.submitted_at).join(
        Attempt, Attempt.id == Response.attempt_id
    )
    for answered, started, submitted in db.session.execute(query):
        assert started <= answered <= (submitted or NOW)


def test_lesson_progress_is_complete_only_after_opening(school):
    rows = db.session.scalars(select(LessonProgress)).all()
    assert rows and any(r.completed_at is None for r in rows)
    assert all(r.completed_at is None or r.opened_at <= r.completed_at for r in rows)


def test_the_same_seed_gives_the_same_school(school, tmp_path):
    first = {
        model.__name__: _rows(model) for model in (User, Enrollment, Assignment, Attempt, Response, LessonProgress)
    }
    generate(f"sqlite:///{tmp_path / 'again.db'}", TINY, seed=3, now=NOW)
    with bench_app(f"sqlite:///{tmp_path / 'again.db'}").app_context():
        again = {
            name: _rows(model)
            for name, model in zip(
                first, (User, Enrollment, Assignment, Attempt, Response, LessonProgress), strict=True
            )
        }
        db.session.remove()
    assert again == first


def test_the_school_has_a_stamp_per_user_and_class_and_its_writes_move_them(school_path, tmp_path):
    path, _ = school_path
    app = bench_app(f"sqlite:///{copy_database(path, tmp_path / 'stamped.db')}")
    with app.app_context():
        assert set(db.session.execute(select(WorkStamp.version).distinct()).scalars()) == {1}
        assert db.session.scalar(select(func.count()).select_from(WorkStamp)) == db.session.scalar(
            select(func.count()).select_from(User)
        )
        assert db.session.scalar(select(func.count()).select_from(ClassStamp)) == TINY.classes
        student = db.session.scalar(select(User).where(User.role == "student"))
        student.display_name = "Renamed"
        db.session.commit()
        assert db.session.get(WorkStamp, student.id).version == 2  # the triggers are back
        db.session.remove()


def test_the_password_hash_is_reproducible_and_verifies():
    assert password_hash(3) == password_hash(3) != password_hash(4)
    assert check_password_hash(password_hash(3), PASSWORD)


def test_profiles_name_the_code_each_page_and_answering_spend_time_in(school_path, tmp_path):
    path, summary = school_path
    copy = copy_database(path, tmp_path / "profiled.db")  # answering writes; the other tests read the school
    pages = [("student dashboard", summary.sample_student, "/")]
    written = write_profiles(f"sqlite:///{copy}", pages, "answering an item", out=tmp_path / "profiles", requests=5)
    dashboard, answering = (p.read_text() for p in written)
    assert [p.name for p in written] == ["student-dashboard.txt", "answering-an-item.txt"]
    assert dashboard.startswith("student dashboard: GET /, 5 requests") and "build_dashboard" in dashboard
    assert answering.startswith("answering an item: POST an answer, 5 new answers") and "save_answer" in answering
    assert "Profile at" not in dashboard + answering  # its line names a local path; the files are committed
