"""Taking quizzes: module list, start or resume, one item per page, submit, results. Views stay thin."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.content.quizzes import feedback_shown
from crosscheck.items import item_type
from crosscheck.lti.grades import score_changed
from crosscheck.quizzes import pages
from crosscheck.quizzes.forms import StartForm, SubmitAttemptForm, answer_form
from crosscheck.quizzes.progress import module_states, summarise
from crosscheck.quizzes.service import QuizError, answered_ids, responses_of, save_answer, start_or_resume, submit

bp = Blueprint("quizzes", __name__, url_prefix="/quizzes")
TAKERS = ("student", "teacher", "admin")  # teachers and admins take modules to preview them


@bp.route("/")
@allow(*TAKERS)
def index():
    """Every module with the user's state: not started, in progress, best score, attempts left."""
    states = module_states(current_user, get_catalog().modules_in_order())
    return render_template("quizzes/index.html", states=states)


@bp.route("/<module_id>")
@allow(*TAKERS)
def module(module_id: str):
    """A module's description, settings and the user's attempts, with start or resume."""
    (state,) = module_states(current_user, [pages.module_or_404(module_id)])
    lesson = get_catalog().lessons.get(state.module.lesson) if state.module.lesson else None
    return render_template("quizzes/module.html", state=state, lesson=lesson, form=StartForm())


@bp.route("/<module_id>/start", methods=["POST"])
@allow(*TAKERS)
def start(module_id: str):
    """Resume the attempt in progress or start a new one, then go to the first unanswered item."""
    module = pages.module_or_404(module_id)
    if not StartForm().validate_on_submit():
        flash("The form expired; please try again.", "error")
        return redirect(url_for(".module", module_id=module_id))
    try:
        attempt = start_or_resume(current_user, module)
    except QuizError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".module", module_id=module_id))
    number = pages.next_unanswered(module, responses_of(attempt.id)) or 1
    return redirect(url_for(".item", attempt_id=attempt.id, number=number))


@bp.route("/attempts/<int:attempt_id>/items/<int:number>", methods=["GET", "POST"])
@allow(*TAKERS)
def item(attempt_id: int, number: int):
    """One item: its answer form, or the saved answer (with feedback when the module gives it each time)."""
    attempt, module = pages.own_attempt(attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for(".results", attempt_id=attempt.id))
    quiz_item = pages.item_at(module, number)
    kind = item_type(quiz_item.type)
    reveal = feedback_shown(module, submitted=False)
    view = kind.view(quiz_item.content, attempt.order_seed, module.settings.shuffle_options)
    form = answer_form(kind, view)
    status = 200
    # A POST only needs the answered ids (this item's, then the next unanswered); the reviews are for the page.
    done_ids = answered_ids(attempt_id) if form.is_submitted() else set()
    if quiz_item.id in done_ids:
        flash("You already answered this question; your first answer is kept.", "info")
        return redirect(url_for(".item", attempt_id=attempt_id, number=number))
    if form.validate_on_submit():
        try:
            save_answer(attempt, quiz_item, kind.answer_from_form(view, form.data))
        except QuizError as exc:  # submitted in another tab meanwhile
            flash(str(exc), "error")
            return redirect(url_for(".results", attempt_id=attempt_id))
        if reveal:  # attempt_id, not attempt.id: the commit expired the attempt, and reading it costs a query
            return redirect(url_for(".item", attempt_id=attempt_id, number=number))
        flash("Answer saved.", "success")
        return redirect(_after(module, attempt_id, number, done_ids | {quiz_item.id}))
    if form.is_submitted():
        status = 400
    answered = pages.answered_items(attempt, module, reveal)
    return render_template(
        "quizzes/item.html",
        module=module,
        attempt=attempt,
        number=number,
        item=quiz_item,
        kind=kind,
        view=view,
        item_sources=pages.quote_sources(quiz_item.content),
        form=form,
        answered=answered,
        done=answered.get(quiz_item.id),
        next_url=_after(module, attempt_id, number, answered),
    ), status


def _after(module, attempt_id: int, number: int, answered) -> str:
    """The next unanswered item after `number` (`answered`: ids, or items by id), or the submit page."""
    following = pages.next_unanswered(module, answered, after=number)
    if following is None:
        return url_for(".finish", attempt_id=attempt_id)
    return url_for(".item", attempt_id=attempt_id, number=following)


@bp.route("/attempts/<int:attempt_id>/submit", methods=["GET", "POST"])
@allow(*TAKERS)
def finish(attempt_id: int):
    """The submit step: what is answered and what is not, then hand the attempt in."""
    attempt, module = pages.own_attempt(attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for(".results", attempt_id=attempt.id))
    form = SubmitAttemptForm()
    if form.validate_on_submit():
        if submit(attempt):
            score_changed(attempt.id)  # to the LMS grade columns this module is placed in, if any
        return redirect(url_for(".results", attempt_id=attempt.id))
    answered = responses_of(attempt.id)
    return render_template("quizzes/submit.html", module=module, attempt=attempt, answered=answered, form=form)


@bp.route("/attempts/<int:attempt_id>/results")
@allow(*TAKERS)
def results(attempt_id: int):
    """The submitted attempt: score, each item's answer, feedback, explanation and reading links."""
    attempt, module = pages.own_attempt(attempt_id)
    if attempt.submitted_at is None:
        return redirect(url_for(".finish", attempt_id=attempt.id))
    answered = pages.answered_items(attempt, module, reveal=feedback_shown(module, submitted=True))
    gone = [a for a in answered.values() if a.number == 0]  # answered items since removed from the file
    return render_template(
        "quizzes/results.html",
        module=module,
        attempt=attempt,
        summary=summarise(attempt, module),
        answered=answered,
        gone=gone,
    )
