"""Classes, their teachers, their students and the work assigned to them."""

from __future__ import annotations

import secrets

from crosscheck.extensions import db
from crosscheck.timezone import utcnow

# timezone.FIRST_DUE_DAY..LAST_DUE_DAY as stored moments, a day wider each way for any time zone's offset:
# a row written past the forms (a script, an import) still cannot break the pages with a year-9999 date.
DUE_AT_RANGE = "due_at BETWEEN '1999-12-31 00:00:00' AND '2100-01-01 23:59:59'"

# No 0/O or 1/I/L: join codes are read aloud and copied from a whiteboard.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_join_code() -> str:
    """A random eight-character join code such as 'K7QP-3XWM'."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_join_code(code: str) -> str:
    """Upper-case, with the hyphen restored, so 'k7qp3xwm' and 'K7QP-3XWM' both work."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else code.strip().upper()


class Classroom(db.Model):
    """A class with a join code; archived classes keep their work but take no new students."""

    __tablename__ = "classroom"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    join_code = db.Column(db.String(16), unique=True, nullable=False, default=new_join_code)
    archived = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    teachers = db.relationship("User", secondary="class_teacher", lazy="selectin")


class ClassTeacher(db.Model):
    """A teacher of a class; a class may have several (co-teachers)."""

    classroom_id = db.Column(db.ForeignKey("classroom.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)


class Enrollment(db.Model):
    """A student in a class. Removing a student sets removed_at; their work stays."""

    id = db.Column(db.Integer, primary_key=True)
    classroom_id = db.Column(db.ForeignKey("classroom.id", ondelete="CASCADE"), nullable=False, index=True)
    student_id = db.Column(db.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    joined_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    removed_at = db.Column(db.DateTime)

    __table_args__ = (db.UniqueConstraint("classroom_id", "student_id"),)

    classroom = db.relationship("Classroom")
    student = db.relationship("User")


class Assignment(db.Model):
    """A lesson or quiz module assigned to a class; target_id is the content file's id."""

    id = db.Column(db.Integer, primary_key=True)
    classroom_id = db.Column(db.ForeignKey("classroom.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = db.Column(db.String(16), nullable=False)
    target_id = db.Column(db.String(100), nullable=False)
    due_at = db.Column(db.DateTime)
    created_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.UniqueConstraint("classroom_id", "kind", "target_id"),
        db.CheckConstraint("kind IN ('lesson', 'quiz')", name="kind"),
        db.CheckConstraint(DUE_AT_RANGE, name="due_at_range"),
    )


class ClassInvitation(db.Model):
    """A teacher's invitation to co-teach a class, addressed to a username as typed (whether or not it exists),
    so that inviting tells nothing about which accounts exist; the teacher with that username accepts it."""

    id = db.Column(db.Integer, primary_key=True)
    classroom_id = db.Column(db.ForeignKey("classroom.id", ondelete="CASCADE"), nullable=False, index=True)
    username = db.Column(db.String(64), nullable=False, index=True)
    invited_by = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)

    __table_args__ = (db.UniqueConstraint("classroom_id", "username"),)

    classroom = db.relationship("Classroom")
    inviter = db.relationship("User")
