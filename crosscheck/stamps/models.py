"""The stamp tables: moved only by the triggers of crosscheck/stamps/triggers.py, read by remember.py."""

from __future__ import annotations

from crosscheck.extensions import db


class WorkStamp(db.Model):
    """A student's version: moves on every write to their attempts, answers, marks, lesson progress or name.

    No foreign key: a stamp may outlive its user (a deleted user's cascade moves it on the way out).
    """

    user_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    version = db.Column(db.BigInteger, nullable=False)


class ClassStamp(db.Model):
    """A class's version: moves on every write to the class, its assignments, accommodations, enrolments or
    teachers (no foreign key, as for WorkStamp)."""

    classroom_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    version = db.Column(db.BigInteger, nullable=False)
