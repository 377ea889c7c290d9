"""The accommodations page of a class: each student's own due dates and extra attempts, given and withdrawn."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.accounts.names import labels_by_id
from crosscheck.catalog_access import get_catalog
from crosscheck.classes import accommodations, service
from crosscheck.classes.accommodation_forms import AccommodationForm
from crosscheck.classes.routes import STAFF, bp
from crosscheck.progress.assigned_work import assigned_work
from crosscheck.timezone import local, school_today, school_zone, zone_label


def _page(classroom, form: AccommodationForm, status: int = 200):
    """The list of the class's accommodations and the form to give more."""
    works = assigned_work(classroom.id, get_catalog())
    enrolled = service.roster(classroom.id)
    students = [e for e in enrolled if e.removed_at is None]
    _fill(form, works, students)
    return render_template(
        "classes/accommodations.html",
        classroom=classroom,
        form=form,
        rows=accommodations.of_class(classroom.id),
        works={w.assignment_id: w for w in works},
        names=labels_by_id((e.student_id, e.student.display_name, e.student.username) for e in enrolled),
        time_zone=zone_label(school_zone()),
    ), status


def _fill(form: AccommodationForm, works, students) -> None:
    """The choices: the class's assignments, its current students."""
    form.work.choices = [(w.assignment_id, w.label) for w in works]
    form.students.choices = [(e.student_id, f"{e.student.display_name} ({e.student.username})") for e in students]


@bp.route("/<int:class_id>/accommodations", methods=["GET", "POST"])
@allow(*STAFF)
def accommodations_page(class_id: int):
    """Give one student, or several at once, their own due date and/or extra attempts on one assignment."""
    classroom = service.class_for_teacher_or_404(current_user, class_id)
    form = AccommodationForm()
    if not form.is_submitted():
        return _page(classroom, form)
    works = assigned_work(classroom.id, get_catalog())
    _fill(form, works, [e for e in service.roster(classroom.id) if e.removed_at is None])
    if not form.validate():
        return _page(classroom, form, 400)
    assignment = service.assignment_or_404(classroom.id, form.work.data)
    class_due = local(assignment.due_at, school_zone()).date() if assignment.due_at else None
    if not form.check_terms(assignment.kind, class_due, school_today()):
        return _page(classroom, form, 400)
    due_at = service.due_at_end_of(form.due.data)
    count = accommodations.grant(assignment, form.students.data, due_at, form.extra_attempts.data or 0, current_user.id)
    return _to_page(class_id, f"Saved the accommodation for {count} student{'' if count == 1 else 's'}.")


def _to_page(class_id: int, message: str):
    """Flash a message and return to the accommodations page."""
    flash(message, "success")
    return redirect(url_for("classes.accommodations_page", class_id=class_id))


@bp.route("/<int:class_id>/accommodations/<int:accommodation_id>/delete", methods=["POST"])
@allow(*STAFF)
def withdraw_accommodation(class_id: int, accommodation_id: int):
    """Take an accommodation back: the class's due date and attempts hold for that student again."""
    service.class_for_teacher_or_404(current_user, class_id)
    if accommodations.withdraw(class_id, accommodation_id) is None:
        abort(404, description="This class has no such accommodation.")
    return _to_page(class_id, "Withdrew the accommodation.")
