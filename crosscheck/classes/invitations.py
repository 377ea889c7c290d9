"""Co-teacher invitations: a teacher invites a username, the teacher with that username accepts or declines.

An invitation is stored for the username as typed, whether or not such an account exists, and the inviting
teacher is told the same either way: the form tells nothing about which accounts exist, and nobody becomes a
teacher of a class without saying yes. Admins, who see every account anyway, add teachers directly.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort
from sqlalchemy import delete, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import ClassInvitation, Classroom, ClassTeacher
from crosscheck.extensions import db
from crosscheck.timezone import utcnow

INVITATION_DAYS = 14


class InvitationError(ValueError):
    """An invitation that cannot be made, with a message for the teacher."""


def _still_open():
    """Invitations younger than INVITATION_DAYS."""
    return ClassInvitation.created_at > utcnow() - timedelta(days=INVITATION_DAYS)


def invite(classroom: Classroom, username: str, by: User) -> str:
    """Invite `username` to co-teach (again: the invitation starts anew); returns the username as stored."""
    name = username.strip().lower()
    teaches = select(User.id).join(ClassTeacher, ClassTeacher.user_id == User.id)
    if db.session.scalar(teaches.where(ClassTeacher.classroom_id == classroom.id, User.username == name)):
        raise InvitationError(f"{name} already teaches this class.")  # the class page lists its teachers anyway
    db.session.execute(delete(ClassInvitation).where(~_still_open()))
    invitation = db.session.scalar(
        select(ClassInvitation).where(ClassInvitation.classroom_id == classroom.id, ClassInvitation.username == name)
    )
    if invitation is None:
        db.session.add(ClassInvitation(classroom_id=classroom.id, username=name, invited_by=by.id))
    else:
        invitation.created_at, invitation.invited_by = utcnow(), by.id
    db.session.commit()
    return name


def pending_for_class(classroom_id: int) -> list[ClassInvitation]:
    """The class's open invitations, oldest first."""
    query = select(ClassInvitation).where(ClassInvitation.classroom_id == classroom_id, _still_open())
    return list(db.session.scalars(query.order_by(ClassInvitation.created_at, ClassInvitation.id)))


def invitations_for(user: User) -> list[ClassInvitation]:
    """Open invitations addressed to this teacher, oldest first (none for other roles)."""
    if user.role != "teacher":
        return []
    query = select(ClassInvitation).where(ClassInvitation.username == user.username, _still_open())
    options = (db.joinedload(ClassInvitation.classroom), db.joinedload(ClassInvitation.inviter))
    return list(db.session.scalars(query.options(*options).order_by(ClassInvitation.created_at)))


def _addressed_to(user: User, invitation_id: int) -> ClassInvitation:
    """An open invitation to this teacher, or 404 (another's invitation is not even said to exist)."""
    invitation = db.session.get(ClassInvitation, invitation_id)
    if (
        invitation is None
        or user.role != "teacher"
        or invitation.username != user.username
        or invitation.created_at <= utcnow() - timedelta(days=INVITATION_DAYS)
    ):
        abort(404, description="You have no such invitation.")
    return invitation


def accept(user: User, invitation_id: int) -> Classroom:
    """The invited teacher joins the class; the invitation is used up."""
    invitation = _addressed_to(user, invitation_id)
    classroom = invitation.classroom
    if db.session.get(ClassTeacher, (classroom.id, user.id)) is None:
        db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=user.id))
    db.session.delete(invitation)
    db.session.commit()
    return classroom


def decline(user: User, invitation_id: int) -> Classroom:
    """The invited teacher says no; the invitation goes."""
    invitation = _addressed_to(user, invitation_id)
    classroom = invitation.classroom
    db.session.delete(invitation)
    db.session.commit()
    return classroom


def withdraw(classroom: Classroom, invitation_id: int) -> str:
    """A teacher of the class takes an invitation back; returns the username it was for."""
    invitation = db.session.get(ClassInvitation, invitation_id)
    if invitation is None or invitation.classroom_id != classroom.id:
        abort(404, description="This class has no such invitation.")
    db.session.delete(invitation)
    db.session.commit()
    return invitation.username
