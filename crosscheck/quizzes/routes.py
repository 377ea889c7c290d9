"""Taking quizzes: module list, start or resume, one item per page, submit, results. Views stay thin."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from crosscheck.access import allow
from crosscheck.catalog_access import get_catalog
from crosscheck.content.quizzes import feedback_shown
from crosscheck.items import item_type
from crosscheck.lti.grades import score_changed
from crosscheck.quizzes import drafts, lookups
from crosscheck.quizzes.answered import answered_items, quote_sources
from crosscheck.quizzes.drafts import draft_of
from crosscheck.quizzes.forms import StartForm, SubmitAttemptForm, answer_form, plain_answer
from crosscheck.quizzes.module_states import module_states, summarise
from crosscheck.quizzes.service import QuizError, responses_of, save_answer, start_or_resume, submit
from crosscheck.templating import moment

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
    (state,) = module_states(current_user, [lookups.module_or_404(module_id)])
    lesson = get_catalog().lessons.get(state.module.lesson) if state.module.lesson else None
    return render_template("quizzes/module.html", state=state, lesson=lesson, form=StartForm())


@bp.route("/<module_id>/start", methods=["POST"])
@allow(*TAKERS)
def start(module_id: str):
    """Resume the attempt in progress or start a new one, then go to the first unanswered item."""
    module = lookups.module_or_404(module_id)
    if not StartForm().validate_on_submit():
        flash("The form expired; please try again.", "error")
        return redirect(url_for(".module", module_id=module_id))
    (state,) = module_states(current_user, [module])
    try:
        attempt = start_or_resume(current_user, module, state.terms.extra_attempts)
    except QuizError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".module", module_id=module_id))
    number = lookups.next_unanswered(module, responses_of(attempt.id)) or 1
    return redirect(_question(attempt.id, number))


@bp.route("/attempts/<int:attempt_id>/items/<int:number>", methods=["GET", "POST"])
@allow(*TAKERS)
def item(attempt_id: int, number: int):
    """One item: its answer form, or the saved answer (with feedback when the module gives it each time)."""
    attempt, module = lookups.own_attempt(attempt_id, read_only=True)
    if attempt.submitted_at is not None:
        return redirect(url_for(".results", attempt_id=attempt.id))
    quiz_item = lookups.item_at(module, number)
    kind = item_type(quiz_item.type)
    reveal = feedback_shown(module, submitted=False)
    view = kind.view(quiz_item.content, attempt.order_seed, module.settings.shuffle_options)
    posted = plain_answer(kind, view)  # a plainly valid answer needs no form; anything else is WTForms' to judge
    form = answer_form(kind, view) if posted is None else None
    # A POST only needs the answered ids (this item's, then the next unanswered); the reviews are for the page.
    done_ids = lookups.answered_in(attempt) if request.method == "POST" else set()
    if quiz_item.id in done_ids:
        flash("You already answered this question; your first answer is kept.", "info")
        return redirect(url_for(".item", attempt_id=attempt_id, number=number))
    if posted is None and form.validate_on_submit():
        posted = form.data
    if posted is not None:
        try:
            save_answer(attempt, quiz_item, kind.answer_from_form(view, posted))
        except QuizError as exc:  # submitted in another tab meanwhile
            flash(str(exc), "error")
            return redirect(url_for(".results", attempt_id=attempt_id))
        if reveal:  # at the answer and its feedback: the next Tab reaches "Next question", not the menu again
            return redirect(url_for(".item", attempt_id=attempt_id, number=number, _anchor="your-answer"))
        flash("Answer saved.", "success")
        return redirect(_after(module, attempt_id, number, done_ids | {quiz_item.id}))
    return _item_page(attempt, module, number, kind, view, form, reveal)


def _item_page(attempt, module, number: int, kind, view: dict, form, reveal: bool):
    """The item page: the form (filled from the draft on a GET), or the answered item; 400 after a bad POST."""
    quiz_item = module.items[number - 1]
    draft = draft_of(attempt.id, quiz_item.id)
    if draft is not None and not form.is_submitted():
        for name, value in kind.form_data(view, draft.answer).items():
            form[name].data = value
    answered = answered_items(attempt, module, reveal)
    return render_template(
        "quizzes/item.html",
        module=module,
        attempt=attempt,
        number=number,
        item=quiz_item,
        kind=kind,
        view=view,
        item_sources=quote_sources(quiz_item.content),
        form=form,
        draft=draft,
        answered=answered,
        done=answered.get(quiz_item.id),
        next_url=_after(module, attempt.id, number, answered),
    ), (400 if form.is_submitted() else 200)


@bp.route("/attempts/<int:attempt_id>/items/<int:number>/draft", methods=["POST"])
@allow(*TAKERS)
def save_draft(attempt_id: int, number: int):
    """Keep what the student has written so far: the "Save draft" button, or autosave (JSON for a script)."""
    attempt, module = lookups.own_attempt(attempt_id, read_only=True)
    quiz_item = lookups.item_at(module, number)
    kind = item_type(quiz_item.type)
    view = kind.view(quiz_item.content, attempt.order_seed, module.settings.shuffle_options)
    form = answer_form(kind, view)
    wants_json = request.accept_mimetypes.best == "application/json"
    problem = None
    closed = attempt.submitted_at is not None or quiz_item.id in lookups.answered_in(attempt)  # no draft kept
    if closed:
        problem = "This answer is already saved; the draft was not kept."
    elif not form.validate_on_submit():
        problem = " ".join(e for errors in form.errors.values() for e in errors) or "The form expired; reload the page."
    if problem is None:
        draft = drafts.save_draft(attempt, quiz_item.id, kind.answer_from_form(view, form.data))
        if wants_json:
            return jsonify(saved=True, message=f"Draft saved {moment(draft.saved_at)}.")
        flash("Draft saved. It becomes your answer when you submit, if you have not saved one by then.", "success")
        return redirect(url_for(".item", attempt_id=attempt_id, number=number))
    if wants_json:
        return jsonify(saved=False, message=problem), 400
    if closed:
        flash(problem, "error")
        return redirect(url_for(".item", attempt_id=attempt_id, number=number))
    return _item_page(attempt, module, number, kind, view, form, feedback_shown(module, submitted=False))


@bp.errorhandler(413)
def too_large(error):
    """A form past the request size limit (a pasted book as an answer): say what happened and what to do."""
    error.description = (
        "Your answer is too long to send (the page sent more than 1 MB). Nothing was saved. Go back, shorten "
        "the answer to its word limit, and save again."
    )
    return render_template("errors/error.html", error=error), 413


def _after(module, attempt_id: int, number: int, answered) -> str:
    """The next unanswered item after `number` (`answered`: ids, or items by id), or the submit page."""
    following = lookups.next_unanswered(module, answered, after=number)
    if following is None:
        return url_for(".finish", attempt_id=attempt_id)
    return _question(attempt_id, following)


def _question(attempt_id: int, number: int) -> str:
    """An item's page at its question: the browser's next Tab goes to the answer, past the menu and the list of
    questions (a keyboard user took 23 Tabs to reach the first option)."""
    return url_for(".item", attempt_id=attempt_id, number=number, _anchor="question-heading")


@bp.route("/attempts/<int:attempt_id>/submit", methods=["GET", "POST"])
@allow(*TAKERS)
def finish(attempt_id: int):
    """The submit step: what is answered and what is not, then hand the attempt in."""
    attempt, module = lookups.own_attempt(attempt_id)
    if attempt.submitted_at is not None:
        return redirect(url_for(".results", attempt_id=attempt.id))
    form = SubmitAttemptForm()
    if form.validate_on_submit():
        drafts.answer_drafts(attempt, module)  # what was written but not saved as an answer counts
        if submit(attempt):
            score_changed(attempt.id)  # to the LMS grade columns this module is placed in, if any
        return redirect(url_for(".results", attempt_id=attempt.id))
    answered = responses_of(attempt.id)
    drafted = drafts.drafted_ids(attempt.id)
    return render_template(
        "quizzes/submit.html", module=module, attempt=attempt, answered=answered, drafted=drafted, form=form
    )


@bp.route("/attempts/<int:attempt_id>/results")
@allow(*TAKERS)
def results(attempt_id: int):
    """The submitted attempt: score, each item's answer, feedback, explanation and reading links."""
    attempt, module = lookups.own_attempt(attempt_id)
    if attempt.submitted_at is None:
        return redirect(url_for(".finish", attempt_id=attempt.id))
    (state,) = module_states(current_user, [module])
    reveal = feedback_shown(module, True, current_user.role == "student", state.standing)
    answered = answered_items(attempt, module, reveal=reveal)
    gone = [a for a in answered.values() if a.number == 0]  # answered items since removed from the file
    return render_template(
        "quizzes/results.html",
        module=module,
        attempt=attempt,
        summary=summarise(attempt, module),
        answered=answered,
        gone=gone,
        reveal=reveal,
        state=state,
    )
