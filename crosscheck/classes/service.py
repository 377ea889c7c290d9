"""Class rules without views: who may see a class, creating and archiving, roster, co-teachers, assignments."""

from __future__ import annotations

from datetime import date, datetime

from flask import abort
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import joinedload, lazyload

from crosscheck.accounts.models import User
from crosscheck.accounts.service import find_user
from crosscheck.classes.models import (
    Assignment,
    Classroom,
    ClassTeacher,
    Enrollment,
    new_join_code,
    normalise_join_code,
)
from crosscheck.extensions import db
from crosscheck.timezone import end_of_day, school_zone, utcnow


class ClassError(ValueError):
    """A request that cannot be carried out, with a message for the teacher who made it."""


def visible_classes(user: User, include_archived: bool = True) -> list[Classroom]:
    """The classes `user` teaches (admins: every class), newest first."""
    query = _taught_by(
        select(Classroom).order_by(Classroom.archived, Classroom.created_at.desc(), Classroom.id.desc()), user
    )
    if not include_archived:
        query = query.where(Classroom.archived.is_(False))
    return list(db.session.scalars(query))


def _taught_by(query, user: User):
    """`query` of classes narrowed to those `user` teaches (an admin: every class; anyone else: none)."""
    if user.role == "admin":
        return query
    return _of_teacher(query, user.id)


def _of_teacher(query, teacher_id):
    """`query` of classes narrowed to those taught by the teacher `teacher_id` (a value or a bound parameter)."""
    return query.join(ClassTeacher, ClassTeacher.classroom_id == Classroom.id).where(ClassTeacher.user_id == teacher_id)


# The class by id with the right to it, one statement per role that may have it; the co-teachers load only on the
# pages that list them (every report page runs this check, and the teachers' selectin load was a statement of its
# own). Prebuilt: a statement built per request cost as much again in building and cache-key making as in running.
_CLASS_BY_ID = select(Classroom).where(Classroom.id == bindparam("classroom_id")).options(lazyload(Classroom.teachers))
CLASS_BY_ID_FOR = {"admin": _CLASS_BY_ID, "teacher": _of_teacher(_CLASS_BY_ID, bindparam("teacher_id"))}
# And a student's page in the reports (the drill-down) reads the enrolment with its student in one statement.
ENROLMENT_WITH_STUDENT = (
    select(Enrollment)
    .where(Enrollment.classroom_id == bindparam("classroom_id"), Enrollment.student_id == bindparam("student_id"))
    .options(joinedload(Enrollment.student))
)


def student_counts(class_ids: list[int]) -> dict[int, int]:
    """Current (not removed) students per class, in one query."""
    rows = db.session.execute(
        select(Enrollment.classroom_id, func.count())
        .where(Enrollment.classroom_id.in_(class_ids), Enrollment.removed_at.is_(None))
        .group_by(Enrollment.classroom_id)
    )
    return dict(rows.all())


def class_for_teacher_or_404(user: User, classroom_id: int) -> Classroom:
    """The class if `user` teaches it (or is an admin); 404 otherwise, so ids of others' classes reveal nothing."""
    statement = CLASS_BY_ID_FOR.get(user.role)  # one query for the class and the right to it
    params = {"classroom_id": classroom_id, "teacher_id": user.id}  # the admin's statement leaves the second out
    classroom = db.session.scalar(statement, params) if statement is not None else None
    if classroom is None:
        abort(404, description="There is no class with that number among yours.")
    return classroom


def create_class(name: str, teacher: User | None) -> Classroom:
    """A new class with a fresh join code; `teacher` (None for an admin) becomes its first teacher."""
    classroom = Classroom(name=name.strip(), join_code=_unused_join_code())
    db.session.add(classroom)
    db.session.flush()
    if teacher is not None and teacher.role == "teacher":
        db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=teacher.id))
    db.session.commit()
    return classroom


def _unused_join_code() -> str:
    """A join code no class uses yet (a clash is unlikely, but a shared code would mix two classes)."""
    while True:
        code = new_join_code()
        if db.session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code


def regenerate_join_code(classroom: Classroom) -> str:
    """Give the class a new join code; the old one stops working at once."""
    classroom.join_code = _unused_join_code()
    db.session.commit()
    return classroom.join_code


def set_archived(classroom: Classroom, archived: bool) -> None:
    """Archive (no one can join; work and reports stay) or bring a class back."""
    classroom.archived = archived
    db.session.commit()


def roster(classroom_id: int) -> list[Enrollment]:
    """Every enrolment of the class, current students first, by name."""
    query = (
        select(Enrollment)
        .join(User, User.id == Enrollment.student_id)
        .where(Enrollment.classroom_id == classroom_id)
        .order_by(Enrollment.removed_at.is_not(None), func.lower(User.display_name), User.id)
    )
    return list(db.session.scalars(query.options(db.joinedload(Enrollment.student))))


def student_in_class_or_404(reader: User, classroom_id: int, student_id: int) -> tuple[Classroom, User, Enrollment]:
    """The class, student and enrolment if `reader` may see this student's work (teachers theirs, admins every
    class's, a student only their own, removed or not); 404 otherwise, as for an id that does not exist."""
    own = reader.role == "student" and reader.id == student_id
    # The class alone for the student's own page; else the class with the reader's right to it, as every report.
    statement = _CLASS_BY_ID if own else CLASS_BY_ID_FOR.get(reader.role)
    params = {"classroom_id": classroom_id, "teacher_id": reader.id, "student_id": student_id}
    classroom = db.session.scalar(statement, params) if statement is not None else None
    enrollment = db.session.scalar(ENROLMENT_WITH_STUDENT, params)
    if classroom is None or enrollment is None:
        abort(404, description="There is no such student among the work you may see.")
    return classroom, enrollment.student, enrollment


def open_class_with_code(code: str) -> Classroom | None:
    """The class a join code names, typed in any case and with or without its hyphen; None if none or archived."""
    classroom = db.session.scalar(select(Classroom).where(Classroom.join_code == normalise_join_code(code)))
    return None if classroom is None or classroom.archived else classroom


def enrol(classroom: Classroom, student: User) -> Enrollment:
    """Put a student on the class's roster; the caller commits (sign-up: together with the new account)."""
    enrollment = Enrollment(classroom=classroom, student=student)
    db.session.add(enrollment)
    return enrollment


def roster_state(classroom_id: int, student_id: int) -> str | None:
    """Where a student stands on a class's roster: "in", "removed" by its teacher, or None (never on it).

    A removed student stays removed until a teacher puts them back: joining again or an LMS launch must not undo
    the teacher's removal.
    """
    query = select(Enrollment.removed_at).where(
        Enrollment.classroom_id == classroom_id, Enrollment.student_id == student_id
    )
    row = db.session.execute(query).first()
    return None if row is None else ("in" if row.removed_at is None else "removed")


def enrol_once(classroom_id: int, student_id: int) -> bool:
    """Enrol a student never on the roster (flushed; the caller commits); True if enrolled now."""
    if roster_state(classroom_id, student_id) is not None:
        return False
    db.session.add(Enrollment(classroom_id=classroom_id, student_id=student_id))
    db.session.flush()
    return True


def enrollment_or_404(classroom_id: int, enrollment_id: int) -> Enrollment:
    """An enrolment of this class, or 404."""
    enrollment = db.session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.classroom_id != classroom_id:
        abort(404, description="That student is not in this class.")
    return enrollment


def remove_student(enrollment: Enrollment) -> None:
    """Take a student off the roster; their attempts and progress are kept."""
    if enrollment.removed_at is None:
        enrollment.removed_at = utcnow()
        db.session.commit()


def restore_student(enrollment: Enrollment) -> None:
    """Put a removed student back on the roster, with all their earlier work."""
    enrollment.removed_at = None
    db.session.commit()


def add_co_teacher(classroom: Classroom, username: str) -> User:
    """Add a teacher account to the class by username."""
    user = find_user(username)
    if user is None or user.role != "teacher":
        raise ClassError(f"No teacher account has the username {username.strip()!r}.")
    if db.session.get(ClassTeacher, (classroom.id, user.id)) is not None:
        raise ClassError(f"{user.display_name} already teaches this class.")
    db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=user.id))
    db.session.commit()
    db.session.refresh(classroom)
    return user


def remove_teacher(classroom: Classroom, user_id: int) -> User:
    """Take a teacher off the class (their own account and the class's work stay); never its last teacher."""
    link = db.session.get(ClassTeacher, (classroom.id, user_id))
    if link is None:
        abort(404, description="That account does not teach this class.")
    teacher = db.session.get(User, user_id)
    # Two teachers removing each other at once must not leave the class with none: the class row is locked
    # (PostgreSQL; SQLite runs one writer at a time anyway) and the delete itself checks that another stays.
    db.session.execute(select(Classroom.id).where(Classroom.id == classroom.id).with_for_update())
    teachers = select(func.count()).where(ClassTeacher.classroom_id == classroom.id).scalar_subquery()
    removed = db.session.execute(
        delete(ClassTeacher).where(
            ClassTeacher.classroom_id == classroom.id, ClassTeacher.user_id == user_id, teachers > 1
        )
    ).rowcount
    db.session.commit()
    if not removed:  # someone must be able to run the class; an admin can still add a teacher
        raise ClassError(f"{teacher.display_name} is the only teacher of {classroom.name}; add another teacher first.")
    return teacher


def due_at_end_of(day: date | None) -> datetime | None:
    """The moment work set for `day` falls due: the end of that day in the school's time zone (stored as UTC)."""
    return None if day is None else end_of_day(day, school_zone())


def assign(classroom: Classroom, kind: str, target_id: str, due: date | None, by: User) -> tuple[Assignment, bool]:
    """Assign a lesson or quiz module; assigning it again changes its due date. Returns (assignment, created)."""
    existing = db.session.scalar(
        select(Assignment).where(
            Assignment.classroom_id == classroom.id, Assignment.kind == kind, Assignment.target_id == target_id
        )
    )
    if existing is not None:
        existing.due_at = due_at_end_of(due)
        db.session.commit()
        return existing, False
    assignment = Assignment(
        classroom_id=classroom.id, kind=kind, target_id=target_id, due_at=due_at_end_of(due), created_by=by.id
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment, True


# Prebuilt: the item analysis asks on every view (built per call, its cache key cost more than the lookup).
ASSIGNED = select(Assignment.id).where(
    Assignment.classroom_id == bindparam("classroom_id"),
    Assignment.kind == bindparam("kind"),
    Assignment.target_id == bindparam("target_id"),
)


def is_assigned(classroom_id: int, kind: str, target_id: str) -> bool:
    """True if the class has this lesson or quiz module assigned."""
    params = {"classroom_id": classroom_id, "kind": kind, "target_id": target_id}
    return db.session.scalar(ASSIGNED, params) is not None


def assignment_or_404(classroom_id: int, assignment_id: int) -> Assignment:
    """An assignment of this class, or 404."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom_id != classroom_id:
        abort(404, description="This class has no such assignment.")
    return assignment


def unassign(assignment: Assignment) -> None:
    """Withdraw an assignment; students' attempts and progress stay (they belong to the student, not the class)."""
    db.session.delete(assignment)
    db.session.commit()
