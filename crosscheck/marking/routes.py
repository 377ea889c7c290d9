"""The marking queue: a class's written answers to one module, one after another, the rubric beside each.

Teachers of the class and admins only; another teacher's class, or an answer that is not by a current student
of this class to this module, is a 404 (nothing about it is told). Views stay thin: rules in service.py.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.service import class_for_teacher_or_404
from crosscheck.lti.grades import score_changed
from crosscheck.marking import regrade, service
from crosscheck.marking.forms import MarkForm, RegradeForm, UndoForm
from crosscheck.quizzes.lookups import module_or_404

bp = Blueprint("marking", __name__, url_prefix="/classes/<int:class_id>/marking")
STAFF = ("teacher", "admin")


@bp.route("/")
@allow(*STAFF)
def index(class_id: int):
    """Every module: its answers to mark (how many await marking), and the way to regrade it."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    modules = get_catalog().modules_in_order()
    queues = [(m, service.queue(class_id, m) if service.marked_item_ids(m) else None) for m in modules]
    return render_template("marking/index.html", classroom=classroom, queues=queues)


def _options() -> dict:
    """The queue's view options carried from page to page: names hidden, awaiting only."""
    return {k: request.args[k] for k in ("names", "show") if request.args.get(k)}


@bp.route("/<module_id>", methods=["GET", "POST"])
@allow(*STAFF)
def queue(class_id: int, module_id: str):
    """One answer of the queue (?answer=<id>, else the first awaiting marking) with the rubric and the form."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    module = module_or_404(module_id)
    entries = service.queue(class_id, module)
    options = _options()
    listed = entries if options.get("show") == "all" else [e for e in entries if e.awaiting]
    wanted = request.args.get("answer", type=int)
    current = _entry(entries, wanted) if wanted else (listed[0] if listed else None)
    if current is None:
        return render_template(
            "marking/queue.html",
            classroom=classroom,
            module=module,
            entries=entries,
            listed=listed,
            current=None,
            options=options,
        )
    response, content = service.answer_with_version(current.response_id)
    form = MarkForm()
    form.set_levels(content["rubric"])
    if form.validate_on_submit():
        try:
            service.mark(response, content, form.level.data, form.comment.data, current_user)
        except service.MarkingError as exc:  # a level that is not in this version's rubric
            form.level.errors = [str(exc)]
        else:
            score_changed(current.attempt_id)  # to the LMS grade columns this module is placed in, if any
            return redirect(_after(class_id, module_id, entries, current, options))
    elif not form.is_submitted():
        form.level.data = response.answer.get("level")
        mark = service.mark_of(response.id)
        form.comment.data = mark.comment if mark else ""
    position = listed.index(current) if current in listed else None
    return render_template(
        "marking/queue.html",
        classroom=classroom,
        module=module,
        entries=entries,
        listed=listed,
        current=current,
        position=position,
        previous=listed[position - 1] if position else None,
        following=listed[position + 1] if position is not None and position + 1 < len(listed) else None,
        response=response,
        content=content,
        item_number=next((n for n, i in enumerate(module.items, 1) if i.id == current.item_id), None),
        form=form,
        options=options,
    ), (400 if form.is_submitted() else 200)


def _entry(entries: list, response_id: int):
    """The queue entry of that answer; an answer outside this class's queue is a 404."""
    found = next((e for e in entries if e.response_id == response_id), None)
    if found is None:
        abort(404, description="There is no such answer to mark in this class.")
    return found


def _after(class_id: int, module_id: str, entries: list, current, options: dict) -> str:
    """The next answer awaiting marking after the one just marked (wrapping round), else the queue's end."""
    at = entries.index(current)
    waiting = [e for e in entries[at + 1 :] + entries[:at] if e.awaiting]
    if options.get("show") == "all" and at + 1 < len(entries):
        return url_for(".queue", class_id=class_id, module_id=module_id, answer=entries[at + 1].response_id, **options)
    if waiting:
        return url_for(".queue", class_id=class_id, module_id=module_id, answer=waiting[0].response_id, **options)
    flash("Every answer in this queue is marked.", "success")
    return url_for(".queue", class_id=class_id, module_id=module_id, **options)


@bp.route("/<module_id>/regrade", methods=["GET", "POST"])
@allow(*STAFF)
def regrade_page(class_id: int, module_id: str):
    """The answers that would score differently under the items' current versions; regrade all or some."""
    classroom = class_for_teacher_or_404(current_user, class_id)
    module = module_or_404(module_id)
    found = regrade.candidates(class_id, module)
    form = RegradeForm()
    form.responses.choices = [(str(c.response_id), f"{c.student_name}, {c.item_id}") for c in found]
    if form.validate_on_submit():
        chosen = [c.response_id for c in found] if form.all.data else [int(v) for v in form.responses.data]
        if chosen:
            done = regrade.regrade(class_id, module, chosen, current_user)
            for attempt_id in sorted({c.attempt_id for c in done}):
                score_changed(attempt_id)  # the LMS grade columns get the new score
            flash(f"Regraded {len(done)} answer{'' if len(done) == 1 else 's'}; each can be undone below.", "success")
            return redirect(url_for(".regrade_page", class_id=class_id, module_id=module_id))
        if not found:  # regraded meanwhile (another tab, a co-teacher): nothing is left
            flash("Nothing to regrade: every answer scores the same under the current versions.", "info")
            return redirect(url_for(".regrade_page", class_id=class_id, module_id=module_id))
        form.responses.errors = ["Tick the answers to regrade, or press Regrade all."]
    return render_template(
        "marking/regrade.html",
        classroom=classroom,
        module=module,
        candidates=found,
        form=form,
        history=regrade.changes_in_class(class_id, module),
        undo_form=UndoForm(),
    ), (400 if form.is_submitted() else 200)


@bp.route("/<module_id>/changes/<int:change_id>/undo", methods=["POST"])
@allow(*STAFF)
def undo(class_id: int, module_id: str, change_id: int):
    """Put one answer back as it was before a regrade or a marking (the latest change of it first)."""
    class_for_teacher_or_404(current_user, class_id)
    module = module_or_404(module_id)
    if UndoForm().validate_on_submit():
        try:
            change = regrade.undo(class_id, module, change_id, current_user)
        except LookupError:
            abort(404, description="There is no such change among this class's answers.")
        except service.MarkingError as exc:
            flash(str(exc), "error")
        else:
            score_changed(change.response.attempt_id)
            flash("Undone: the answer's score is back to what it was before that change.", "success")
    return redirect(url_for(".regrade_page", class_id=class_id, module_id=module_id))
