"""The signed-in user of a request is a read-only copy of the user's row: equal to it, and refused where only
the row will do."""

from __future__ import annotations

import dataclasses

import pytest

from crosscheck.accounts.models import User
from crosscheck.accounts.sessions import start_session, user_for_session
from crosscheck.accounts.signed_in import SignedInUser
from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from tests.conftest import PASSWORD


def test_it_holds_every_column_of_a_user_in_their_order():
    names = [field.name for field in dataclasses.fields(SignedInUser)]
    assert names == [column.name for column in User.__table__.columns] + ["session_key"]


def test_a_session_gives_a_read_only_user_equal_to_its_row(app, build):
    student, other = build.user(), build.user()
    classroom = build.classroom()
    key = start_session(student)
    with app.test_request_context():
        signed_in = user_for_session(key)
        assert type(signed_in) is SignedInUser and signed_in.session_key == key
        assert signed_in == student and student == signed_in and signed_in != other and other != signed_in
        assert signed_in in [other, student] and signed_in.get_id() == student.get_id()
        assert signed_in.check_password(PASSWORD) and not signed_in.check_password("not-the-password")
        assert signed_in.record() is db.session.get(User, student.id) and student.record() is student
        with pytest.raises(dataclasses.FrozenInstanceError):
            signed_in.display_name = "Changed"  # a change to it would be lost: refused instead
        with pytest.raises(AttributeError):  # the ORM refuses it where only the row will do
            db.session.add(Enrollment(classroom=classroom, student=signed_in))
        db.session.rollback()
