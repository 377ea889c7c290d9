"""The lesson list with each lesson's state, the lesson page, and marking a lesson complete."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from crosscheck.access import SIGNED_IN, allow
from crosscheck.catalog_access import get_catalog
from crosscheck.lessons.forms import CompleteLessonForm
from crosscheck.lessons.service import COMPLETED, lesson_states, mark_complete, record_opened, state_of

bp = Blueprint("lessons", __name__, url_prefix="/lessons")


def _lesson_or_404(lesson_id: str):
    """The lesson with this id, or a 404 page."""
    lesson = get_catalog().lessons.get(lesson_id)
    if lesson is None:
        abort(404, description=f"There is no lesson {lesson_id!r}.")
    return lesson


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """Every lesson in order with the user's state, and how many are completed."""
    states = lesson_states(list(get_catalog().lessons.values()), current_user.id)
    completed = sum(1 for s in states if s.state == COMPLETED)
    return render_template("lessons/index.html", states=states, completed=completed)


@bp.route("/<lesson_id>")
@allow(*SIGNED_IN)
def show(lesson_id: str):
    """A lesson; the first visit records that the user opened it."""
    catalog = get_catalog()
    lesson = _lesson_or_404(lesson_id)
    state = state_of(lesson, record_opened(current_user.id, lesson.id))
    lessons = list(catalog.lessons.values())
    position = lessons.index(lesson)
    following = lessons[position + 1] if position + 1 < len(lessons) else None
    articles = [catalog.articles[a] for a in lesson.articles if a in catalog.articles]
    return render_template(
        "lessons/show.html",
        lesson=lesson,
        state=state,
        form=CompleteLessonForm(),
        articles=articles,
        quiz_title=getattr(catalog.quizzes.get(lesson.quiz), "title", None),
        following=following,
        position=position + 1,
        total=len(lessons),
    )


@bp.route("/<lesson_id>/complete", methods=["POST"])
@allow(*SIGNED_IN)
def complete(lesson_id: str):
    """Mark the lesson complete for the signed-in user (after its self-check)."""
    lesson = _lesson_or_404(lesson_id)
    if not CompleteLessonForm().validate_on_submit():
        abort(400, description="The form expired; open the lesson again and mark it complete.")
    mark_complete(current_user.id, lesson.id)
    flash(f"“{lesson.title}” is marked as complete.", "success")
    return redirect(url_for("lessons.show", lesson_id=lesson.id) + "#progress")
