"""Teachers run their classes: create, join codes, archive, roster, co-teachers, assignments. Admins see all.

Students join a class here too (join_pages.py), with its join code."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.catalog_access import assignable_catalog, get_catalog
from crosscheck.classes import service
from crosscheck.classes.forms import ActionForm, AssignForm, ClassCreateForm, CoTeacherForm, assignable
from crosscheck.classes.invitations import INVITATION_DAYS, InvitationError, invitations_for, invite, pending_for_class
from crosscheck.progress.assigned_work import assigned_work
from crosscheck.timezone import school_zone, zone_label

bp = Blueprint("classes", __name__, url_prefix="/classes")
STAFF = ("teacher", "admin")


@bp.route("/", methods=["GET", "POST"])
@allow(*STAFF)
def index():
    """The classes one teaches (admins: every class), and a form to create one."""
    form = ClassCreateForm()
    if form.validate_on_submit():
        classroom = service.create_class(form.name.data, current_user)
        flash(f"Created {classroom.name}. Students join with the code {classroom.join_code}.", "success")
        return redirect(url_for("classes.show", class_id=classroom.id))
    classes = service.visible_classes(current_user)
    counts = service.student_counts([c.id for c in classes])
    return render_template(
        "classes/index.html", classes=classes, counts=counts, form=form, invitations=invitations_for(current_user)
    ), 400 if form.errors else 200


def _show(classroom, status: int = 200, **forms):
    """The class page, with any form that failed shown with its errors."""
    assign_form = forms.get("assign_form") or AssignForm()
    assign_form.set_choices(assignable(assignable_catalog()))
    return render_template(
        "classes/show.html",
        classroom=classroom,
        roster=service.roster(classroom.id),
        works=assigned_work(classroom.id, get_catalog()),
        assign_form=assign_form,
        teacher_form=forms.get("teacher_form") or CoTeacherForm(),
        invitations=pending_for_class(classroom.id),
        action_form=ActionForm(),
        time_zone=zone_label(school_zone()),
    ), status


@bp.route("/<int:class_id>")
@allow(*STAFF)
def show(class_id: int):
    """Join code, teachers, roster and assignments of one class."""
    return _show(service.class_for_teacher_or_404(current_user, class_id))


# One-button actions post only a CSRF token; CSRFProtect (bound in create_app) refuses a missing or stale one.


def _back(class_id: int, message: str, category: str = "success"):
    """Flash a message and return to the class page."""
    flash(message, category)
    return redirect(url_for("classes.show", class_id=class_id))


@bp.route("/<int:class_id>/join-code", methods=["POST"])
@allow(*STAFF)
def regenerate_code(class_id: int):
    """A new join code; the old one stops working."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    code = service.regenerate_join_code(classroom)
    return _back(class_id, f"New join code: {code}. The old code no longer works.")


@bp.route("/<int:class_id>/archive", methods=["POST"], defaults={"archived": True})
@bp.route("/<int:class_id>/unarchive", methods=["POST"], defaults={"archived": False})
@allow(*STAFF)
def set_archived(class_id: int, archived: bool):
    """Archive the class (nobody can join; work and reports stay) or open it again."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    service.set_archived(classroom, archived)
    if archived:
        return _back(class_id, f"{classroom.name} is archived. Its work and reports are kept.")
    return _back(class_id, f"{classroom.name} is open again.")


@bp.route("/<int:class_id>/students/<int:enrollment_id>/remove", methods=["POST"], defaults={"removed": True})
@bp.route("/<int:class_id>/students/<int:enrollment_id>/restore", methods=["POST"], defaults={"removed": False})
@allow(*STAFF)
def set_removed(class_id: int, enrollment_id: int, removed: bool):
    """Take a student off the roster (their work is kept) or put them back."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    enrollment = service.enrollment_or_404(classroom.id, enrollment_id)
    name = enrollment.student.display_name
    if removed:
        service.remove_student(enrollment)
        return _back(class_id, f"Removed {name} from the class. Their work is kept.")
    service.restore_student(enrollment)
    return _back(class_id, f"{name} is back in the class.")


@bp.route("/<int:class_id>/teachers", methods=["POST"])
@allow(*STAFF)
def add_teacher(class_id: int):
    """A teacher invites a co-teacher by username (they accept it); an admin adds one directly."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    form = CoTeacherForm()
    if form.validate_on_submit():
        try:
            if current_user.role == "admin":  # admins see every account anyway; no invitation to wait for
                teacher = service.add_co_teacher(classroom, form.username.data)
                return _back(class_id, f"{teacher.display_name} now teaches {classroom.name} too.")
            name = invite(classroom, form.username.data, current_user)
        except (service.ClassError, InvitationError) as exc:
            form.username.errors.append(str(exc))
        else:  # the same words whether or not the account exists
            return _back(
                class_id,
                f"Invited {name}. If a teacher account has that username, {classroom.name} waits on its Classes "
                f"page to be accepted (for {INVITATION_DAYS} days).",
            )
    return _show(classroom, 400, teacher_form=form)


@bp.route("/<int:class_id>/teachers/<int:user_id>/remove", methods=["POST"])
@allow(*STAFF)
def remove_teacher(class_id: int, user_id: int):
    """Take a co-teacher off the class, or leave it yourself; the last teacher stays."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    try:
        teacher = service.remove_teacher(classroom, user_id)
    except service.ClassError as exc:
        return _back(class_id, str(exc), "error")
    if teacher.id == current_user.id:  # the class page is no longer theirs to see
        flash(f"You no longer teach {classroom.name}.", "success")
        return redirect(url_for("classes.index"))
    return _back(class_id, f"{teacher.display_name} no longer teaches {classroom.name}.")


@bp.route("/<int:class_id>/assignments", methods=["POST"])
@allow(*STAFF)
def assign(class_id: int):
    """Assign a lesson or quiz module (again: change its due date)."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    form = AssignForm()
    form.set_choices(assignable(assignable_catalog()))
    if form.validate_on_submit():
        kind, target = form.kind_and_target
        _, created = service.assign(classroom, kind, target, form.due.data, current_user)
        title = (get_catalog().lessons if kind == "lesson" else get_catalog().quizzes)[target].title
        return _back(class_id, f"Assigned {title}." if created else f"Changed the due date of {title}.")
    return _show(classroom, 400, assign_form=form)


@bp.route("/<int:class_id>/assignments/<int:assignment_id>/delete", methods=["POST"])
@allow(*STAFF)
def unassign(class_id: int, assignment_id: int):
    """Withdraw an assignment; students keep what they did."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    assignment = service.assignment_or_404(classroom.id, assignment_id)
    service.unassign(assignment)
    return _back(class_id, "Withdrew the assignment. Students keep what they did.")


from crosscheck.classes import accommodation_pages, invitation_pages, join_pages  # noqa: E402,F401  (their views join this blueprint)
