"""The co-teacher invitation buttons: the invited teacher accepts or declines; the class's teachers withdraw."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.classes import invitations, service
from crosscheck.classes.routes import STAFF, _back, bp


@bp.route("/invitations/<int:invitation_id>/accept", methods=["POST"])
@allow(*STAFF)
def accept_invitation(invitation_id: int):
    """Join the class one was invited to co-teach."""
    classroom = invitations.accept(current_user, invitation_id)
    flash(f"You now teach {classroom.name}.", "success")
    return redirect(url_for("classes.show", class_id=classroom.id))


@bp.route("/invitations/<int:invitation_id>/decline", methods=["POST"])
@allow(*STAFF)
def decline_invitation(invitation_id: int):
    """Say no to an invitation; the class is not told more than that it is gone."""
    classroom = invitations.decline(current_user, invitation_id)
    flash(f"Declined the invitation to teach {classroom.name}.", "success")
    return redirect(url_for("classes.index"))


@bp.route("/<int:class_id>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@allow(*STAFF)
def withdraw_invitation(class_id: int, invitation_id: int):
    """A teacher of the class takes back an invitation not yet answered."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    username = invitations.withdraw(classroom, invitation_id)
    return _back(class_id, f"Withdrew the invitation to {username}.")
