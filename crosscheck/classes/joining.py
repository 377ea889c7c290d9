"""Joining a class with its join code: the one path for a new account (sign-up) and a signed-in student.

The code is read as typed (any case, with or without its hyphen: models.normalise_join_code) and must name an
open class. A code that names none counts toward the join-code throttle (accounts/throttle.py): per address
at sign-up, per student once signed in, so a student's own guesses never hold back a classmate.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from crosscheck.accounts.models import User
from crosscheck.accounts.throttle import record_join_code_failure, seconds_to_wait_for_join_code
from crosscheck.classes.models import Classroom
from crosscheck.classes.service import enrol, open_class_with_code, roster_state
from crosscheck.extensions import db

UNKNOWN_CODE = "No open class has that join code. Check it with your teacher."


class JoinError(ValueError):
    """A join code that cannot be used, with the message to show beside the field."""


def _student_id(student: User | None) -> int | None:
    """The id the throttle counts a signed-in student's attempts under (None: an account being made)."""
    return None if student is None else student.id


def seconds_to_wait(address: str, student: User | None = None) -> int:
    """Seconds before the next join code may be tried from this address (sign-up) or by this student."""
    return seconds_to_wait_for_join_code(address, _student_id(student))


def class_to_join(code: str, address: str, student: User | None = None) -> Classroom:
    """The open class `code` names that `student` (None: a new account) is not in yet; JoinError otherwise.

    A code naming no open class is remembered for the throttle (a guess); being in the class already is not.
    """
    classroom = open_class_with_code(code)
    if classroom is None:
        record_join_code_failure(address, _student_id(student))
        raise JoinError(UNKNOWN_CODE)
    if student is not None:
        _check_not_in(classroom, student)
    return classroom


def _check_not_in(classroom: Classroom, student: User) -> None:
    """Refuse a class the student is in, or was taken off (service.roster_state)."""
    state = roster_state(classroom.id, student.id)
    if state == "in":
        raise JoinError(f"You are already in {classroom.name}.")
    if state == "removed":
        raise JoinError(f"Your teacher took you off {classroom.name}. Ask them to put you back.")


def join(classroom: Classroom, student: User) -> None:
    """Enrol a signed-in student (through service.enrol, as sign-up does) and commit."""
    enrol(classroom, student.record())  # the ORM's row: the enrolment holds it (sign-up's is not yet flushed)
    try:
        db.session.commit()
    except IntegrityError:  # the same student joined in another tab a moment ago
        db.session.rollback()
        raise JoinError(f"You are already in {classroom.name}.") from None
