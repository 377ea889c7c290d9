"""Every write to a table that feeds a report moves the stamp of the student or class it belongs to, on each engine.

The test walks each table of crosscheck/stamps/triggers.py through an insert, an update and a delete, written
through the ORM as any feature writes them, and checks which stamps moved; it fails if a table in FEEDS is left
unwalked, so a table added there is added here.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from crosscheck.classes.accommodations import Accommodation
from crosscheck.classes.models import Assignment, Classroom, ClassTeacher, Enrollment
from crosscheck.extensions import db
from crosscheck.lessons.models import LessonProgress
from crosscheck.marking.models import Mark, ScoreChange
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.stamps.models import ClassStamp, WorkStamp
from crosscheck.stamps.triggers import FEEDS
from crosscheck.timezone import utcnow
from tests.databases import ENGINE_NAME
from tests.sample_work import SAMPLE_QUIZ, store_version


class Walk:
    """Writes, each committed, with the stamps each one moved."""

    def __init__(self):
        self.covered: set[tuple[str, str]] = set()

    @staticmethod
    def stamps() -> dict[tuple[str, int], int]:
        work = db.session.execute(select(WorkStamp.user_id, WorkStamp.version)).all()
        classes = db.session.execute(select(ClassStamp.classroom_id, ClassStamp.version)).all()
        return {("work", k): v for k, v in work} | {("class", k): v for k, v in classes}

    def write(self, table: str, event: str, change, moves):
        """Run `change` (a callable writing rows), commit, and check that exactly `moves` moved (a set, or a
        callable of what `change` returned, for rows whose id is known only once written)."""
        before = self.stamps()
        result = change()
        db.session.commit()
        after = self.stamps()
        moved = {k for k, v in after.items() if v != before.get(k)}
        moves = moves(result) if callable(moves) else moves
        assert moved == moves, (table, event, moved)
        assert all(after[k] > before.get(k, 0) for k in moved)  # versions only ever grow
        self.covered.add((table, event))
        return result


def _add(row):
    db.session.add(row)
    db.session.flush()
    return row


def test_every_fed_table_moves_its_owners_stamp(app, build):
    walk = Walk()
    teacher = walk.write("user", "INSERT", lambda: build.user("teacher"), lambda user: {("work", user.id)})
    student = walk.write("user", "INSERT", lambda: build.user("student"), lambda user: {("work", user.id)})
    w = ("work", student.id)
    walk.write("user", "UPDATE", lambda: setattr(student, "display_name", "Ana Renamed"), {w})
    classroom = walk.write("classroom", "INSERT", lambda: _add(Classroom(name="Stamped")), lambda r: {("class", r.id)})
    c = ("class", classroom.id)
    walk.write("classroom", "UPDATE", lambda: setattr(classroom, "name", "Stamped 2"), {c})
    link = walk.write(
        "class_teacher", "INSERT", lambda: _add(ClassTeacher(classroom_id=classroom.id, user_id=teacher.id)), {c}
    )
    co_teacher = build.user("teacher")
    walk.write("class_teacher", "UPDATE", lambda: setattr(link, "user_id", co_teacher.id), {c})
    enrolment = walk.write(
        "enrollment", "INSERT", lambda: _add(Enrollment(classroom_id=classroom.id, student_id=student.id)), {c, w}
    )
    walk.write("enrollment", "UPDATE", lambda: setattr(enrolment, "removed_at", utcnow()), {c, w})
    assignment = walk.write(
        "assignment",
        "INSERT",
        lambda: _add(Assignment(classroom_id=classroom.id, kind="quiz", target_id=SAMPLE_QUIZ.id)),
        {c},
    )
    walk.write("assignment", "UPDATE", lambda: setattr(assignment, "due_at", utcnow() + timedelta(days=3)), {c})
    extension = walk.write(
        "accommodation",
        "INSERT",
        lambda: _add(Accommodation(assignment_id=assignment.id, student_id=student.id, extra_attempts=1)),
        {c},
    )
    walk.write("accommodation", "UPDATE", lambda: setattr(extension, "extra_attempts", 2), {c})
    walk.write("accommodation", "DELETE", lambda: db.session.delete(extension), {c})

    attempt = walk.write(
        "attempt",
        "INSERT",
        lambda: _add(Attempt(user_id=student.id, module_id=SAMPLE_QUIZ.id, number=1, order_seed=1)),
        {w},
    )
    walk.write("attempt", "UPDATE", lambda: setattr(attempt, "submitted_at", utcnow()), {w})
    item = SAMPLE_QUIZ.items[0]
    digest = store_version(SAMPLE_QUIZ.id, item.content)
    db.session.commit()  # item versions are content, written once: not a feed

    def response():
        return _add(
            Response(attempt_id=attempt.id, item_id=item.id, item_hash=digest, answer={}, points=None, max_points=1)
        )

    answer = walk.write("response", "INSERT", response, {w})
    walk.write("response", "UPDATE", lambda: setattr(answer, "points", 1.0), {w})
    mark = walk.write(
        "mark", "INSERT", lambda: _add(Mark(response_id=answer.id, comment="Good", marked_by=teacher.id)), {w}
    )
    walk.write("mark", "UPDATE", lambda: setattr(mark, "comment", "Very good"), {w})
    walk.write("mark", "DELETE", lambda: db.session.delete(mark), {w})
    change = dict(kind="mark", old_points=None, new_points=1.0, old_max=1, new_max=1, old_answer={}, new_answer={})
    score = walk.write(
        "score_change",
        "INSERT",
        lambda: _add(ScoreChange(response_id=answer.id, old_hash=digest, new_hash=digest, **change)),
        {w},
    )
    walk.write("score_change", "UPDATE", lambda: setattr(score, "undone_at", utcnow()), {w})
    walk.write("score_change", "DELETE", lambda: db.session.delete(score), {w})
    walk.write("response", "DELETE", lambda: db.session.delete(answer), {w})
    walk.write("attempt", "DELETE", lambda: db.session.delete(attempt), {w})

    progress = walk.write(
        "lesson_progress", "INSERT", lambda: _add(LessonProgress(user_id=student.id, lesson_id="sample-lesson")), {w}
    )
    walk.write("lesson_progress", "UPDATE", lambda: setattr(progress, "completed_at", utcnow()), {w})
    walk.write("lesson_progress", "DELETE", lambda: db.session.delete(progress), {w})

    walk.write("enrollment", "DELETE", lambda: db.session.delete(enrolment), {c, w})
    walk.write("assignment", "DELETE", lambda: db.session.delete(assignment), {c})
    walk.write("class_teacher", "DELETE", lambda: db.session.delete(link), {c})
    walk.write("classroom", "DELETE", lambda: db.session.delete(classroom), {c})
    walk.write("user", "DELETE", lambda: db.session.delete(student), {w})

    assert walk.covered == {(f.table, e) for f in FEEDS for e in ("INSERT", "UPDATE", "DELETE")}


@pytest.mark.skipif(
    ENGINE_NAME != "postgresql", reason="row locks between transactions: PostgreSQL's (SQLite locks the file)"
)
def test_two_writers_of_one_students_answers_wait_for_each_other_without_deadlock(app, build):
    """A regrade holding Ben's first answer while a co-teacher's undo changes his second: the stamp moves at each
    commit, so the second writer commits and the first goes on, instead of each waiting for the other's lock."""
    ben = build.user("student")
    attempt = _add(Attempt(user_id=ben.id, module_id=SAMPLE_QUIZ.id, number=1, order_seed=1))
    digests = [store_version(SAMPLE_QUIZ.id, item.content) for item in SAMPLE_QUIZ.items[:2]]
    answers = [
        _add(Response(attempt_id=attempt.id, item_id=i.id, item_hash=d, answer={}, points=0.0, max_points=1))
        for i, d in zip(SAMPLE_QUIZ.items[:2], digests, strict=True)
    ]
    db.session.commit()
    first, second = (a.id for a in answers)
    before = db.session.get(WorkStamp, ben.id).version
    change = text("UPDATE response SET points = 1.0 WHERE id = :id")
    with db.engine.connect() as regrade, db.engine.connect() as undo:
        regrade.execute(text("SET lock_timeout = '5s'"))
        undo.execute(text("SET lock_timeout = '5s'"))  # a stamp taken at the write would stop here, not hang
        regrade.execute(change, {"id": first})
        undo.execute(change, {"id": second})
        undo.commit()
        regrade.execute(change, {"id": second})
        regrade.commit()
    db.session.expire_all()
    assert db.session.get(WorkStamp, ben.id).version > before
    assert [db.session.get(Response, a).points for a in (first, second)] == [1.0, 1.0]
