"""A class's LMS page: the course it came from, placed work, grades sent and failed, roster sync."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from crosscheck.access import allow
from crosscheck.classes import service as classes
from crosscheck.classes.forms import ActionForm
from crosscheck.extensions import db
from crosscheck.lti import grades, roster
from crosscheck.lti.models import LtiContext, LtiPlacement, LtiScorePost
from crosscheck.lti.routes import bp

STAFF = ("teacher", "admin")


def _context_or_404(class_id: int) -> LtiContext:
    """The LMS course of a class the user teaches (admins: any), or 404."""
    classes.class_for_teacher_or_404(current_user, class_id)
    context = roster.context_of_class(class_id)
    if context is None:
        abort(404, description="This class was not made from an LMS course.")
    return context


@bp.route("/classes/<int:class_id>/lms")
@allow(*STAFF)
def class_lms(class_id: int):
    """The course, its placements and every grade sent or waiting."""
    context = _context_or_404(class_id)
    placements = db.session.scalars(
        select(LtiPlacement).where(LtiPlacement.context_id == context.id).order_by(LtiPlacement.id)
    ).all()
    return render_template(
        "lti/class_lms.html",
        context=context,
        classroom=context.classroom,
        placements=placements,
        posts=grades.posts_of_class(class_id),
        action_form=ActionForm(),
    )


@bp.route("/classes/<int:class_id>/lms/roster", methods=["POST"])
@allow(*STAFF)
def sync_roster(class_id: int):
    """Bring the LMS course's members into the class."""
    context = _context_or_404(class_id)
    if ActionForm().validate_on_submit():
        try:
            result = roster.sync_roster(context)
        except roster.RosterError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(
                f"Roster synced: {result.added} student(s) added, {result.removed} removed, "
                f"{result.teachers} teacher(s), {result.unchanged} unchanged, {result.skipped} skipped.",
                "success",
            )
    return redirect(url_for(".class_lms", class_id=class_id))


@bp.route("/classes/<int:class_id>/lms/scores", methods=["POST"])
@allow(*STAFF)
def resend_scores(class_id: int):
    """Send again every grade of this class that is waiting or failed."""
    _context_or_404(class_id)
    if ActionForm().validate_on_submit():
        counts = grades.send_waiting(force=True, classroom_id=class_id)
        sent, failed = counts.get("sent", 0), counts.get("failed", 0)
        flash(f"{sent} grade(s) sent, {failed} failed again.", "success" if not failed else "error")
    return redirect(url_for(".class_lms", class_id=class_id))


@bp.app_context_processor
def lms_summary():
    """`lms_summary_of(class_id)` for the class page: the course and its grade counts by state, or None."""

    def lms_summary_of(class_id: int):
        context = roster.context_of_class(class_id)
        if context is None:
            return None
        counts = dict(
            db.session.execute(
                select(LtiScorePost.state, func.count())
                .join(LtiPlacement, LtiPlacement.id == LtiScorePost.placement_id)
                .where(LtiPlacement.context_id == context.id)
                .group_by(LtiScorePost.state)
            ).all()
        )
        return {"context": context, "counts": counts}

    return {"lms_summary_of": lms_summary_of}
