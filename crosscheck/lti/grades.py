"""Grade passback (LTI Assignment and Grade Services): scores queued per placement, sent once, retried.

`score_changed(attempt_id)` is the one call for anything that changes an attempt's points: submitting it,
and later regrading or marking it. It queues the attempt's score for every LMS grade column of that module
in the student's LMS courses, then tries to send at once; what fails stays queued for `flask lti send-scores`
(run it from cron) or the class page's retry button.

Never twice: a row is claimed by one atomic update before it is sent, so two workers cannot send it both;
a queued score that a newer one replaces is superseded, not sent; and each row keeps the timestamp it was
made with, so if a send succeeded but the reply was lost, the retry carries the same score and timestamp
and the LMS still holds one result.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.contrib.flask import FlaskServiceConnector
from pylti1p3.exception import LtiException
from pylti1p3.grade import Grade
from sqlalchemy import or_, select, true, update

from crosscheck.catalog_access import get_catalog
from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from crosscheck.lti.models import LtiContext, LtiPlacement, LtiPlatform, LtiScorePost, LtiUserLink
from crosscheck.lti.tool_conf import http_session, registration_for
from crosscheck.quizzes.models import Attempt
from crosscheck.quizzes.module_states import counted_score_of
from crosscheck.timezone import utcnow

log = logging.getLogger(__name__)
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
MAX_TRIES = 10  # then a teacher's retry button, not cron, tries again
STALE_CLAIM = timedelta(minutes=5)  # a worker that died mid-send: its row may be claimed again after this


def score_changed(attempt_id: int) -> list[int]:
    """Queue and try to send the attempt's score to every LMS grade column it belongs to; the queued row ids."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.submitted_at is None:
        return []
    placements = _placements_for(attempt.user_id, attempt.module_id)
    if not placements:
        return []
    module = get_catalog().quizzes.get(attempt.module_id)
    if module is None or not module.settings.scored:  # a pre-test's score is for teachers, not the LMS gradebook
        return []
    given, maximum, _ = counted_score_of(attempt.user_id, module)  # the score policy's, not this attempt's alone
    queued = []
    for placement in placements:
        _supersede(placement.id, attempt.user_id)
        post = LtiScorePost(
            placement_id=placement.id,
            user_id=attempt.user_id,
            attempt_id=attempt_id,
            score_given=given,
            score_maximum=maximum,
        )
        db.session.add(post)
        db.session.flush()
        queued.append(post.id)
    db.session.commit()
    for post_id in queued:
        send(post_id)
    return queued


def _placements_for(user_id: int, module_id: str) -> list[LtiPlacement]:
    """Grade columns of this module in the LMS courses whose class the student is (still) in."""
    query = (
        select(LtiPlacement)
        .join(LtiContext, LtiContext.id == LtiPlacement.context_id)
        .join(Enrollment, Enrollment.classroom_id == LtiContext.classroom_id)
        .where(
            LtiPlacement.kind == "quiz",
            LtiPlacement.target_id == module_id,
            LtiPlacement.lineitem_url.is_not(None),
            Enrollment.student_id == user_id,
            Enrollment.removed_at.is_(None),
        )
    )
    return list(db.session.scalars(query))


def _supersede(placement_id: int, user_id: int) -> None:
    """Older scores for this column and student not yet sent are replaced by the new one."""
    db.session.execute(
        update(LtiScorePost)
        .where(
            LtiScorePost.placement_id == placement_id,
            LtiScorePost.user_id == user_id,
            LtiScorePost.state.in_(("pending", "failed")),
        )
        .values(state="superseded")
    )


def _claim(post_id: int, force: bool = False) -> bool:
    """Take the row for sending; True for exactly one caller."""
    now = utcnow()
    retry_allowed = true() if force else LtiScorePost.tries < MAX_TRIES
    sendable = or_(
        LtiScorePost.state == "pending",
        (LtiScorePost.state == "failed") & retry_allowed,
        (LtiScorePost.state == "sending") & (LtiScorePost.claimed_at < now - STALE_CLAIM),
    )
    result = db.session.execute(
        update(LtiScorePost)
        .where(LtiScorePost.id == post_id, sendable)
        .values(state="sending", claimed_at=now, tries=LtiScorePost.tries + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def send(post_id: int, force: bool = False) -> str:
    """Send one queued score if this caller wins the claim; its state afterwards."""
    if not _claim(post_id, force):
        return db.session.get(LtiScorePost, post_id).state
    post = db.session.get(LtiScorePost, post_id)
    try:
        _post_score(post)
    except Exception as exc:  # any failure (network, LMS error, bad data) keeps the score queued
        post.state, post.last_error = "failed", _reason(exc)[:500]
        log.warning("LTI score %s not sent (try %s): %s", post.id, post.tries, post.last_error)
    else:
        post.state, post.sent_at, post.last_error = "sent", utcnow(), None
    db.session.commit()
    return post.state


def _reason(exc: Exception) -> str:
    """A failure in words a teacher can pass on: the LMS's status and message when it gave them."""
    response = exc.args[1] if isinstance(exc, LtiException) and len(exc.args) > 1 else None
    status = getattr(response, "status_code", None)
    if status is not None:
        return f"{exc.args[0]} (the LMS answered {status}: {response.text[:200]})"
    return f"{type(exc).__name__}: {exc}"


def _post_score(post: LtiScorePost) -> None:
    """POST the score to the line item's /scores, as the student's LMS user id."""
    placement = post.placement
    platform = db.session.get(LtiPlatform, placement.context.platform_id)
    subject = db.session.scalar(
        select(LtiUserLink.subject).where(LtiUserLink.user_id == post.user_id, LtiUserLink.issuer == platform.issuer)
    )
    if subject is None:
        raise LtiException("The student has no account in this LMS linked to Crosscheck.")
    if not platform.auth_token_url:
        raise LtiException("The platform's access token URL is not registered, so no grades can be sent.")
    connector = FlaskServiceConnector(registration_for(platform), http_session())
    service = AssignmentsGradesService(connector, {"scope": [SCORE_SCOPE], "lineitem": placement.lineitem_url})
    grade = (
        Grade()
        .set_score_given(post.score_given)
        .set_score_maximum(post.score_maximum)
        .set_timestamp(post.timestamp.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+00:00")
        .set_activity_progress("Completed")
        .set_grading_progress(_grading_progress(post))
        .set_user_id(subject)
    )
    service.put_grade(grade)


def _grading_progress(post: LtiScorePost) -> str:
    """PendingManual while an answer the score policy counts awaits marking by a teacher (a written item), else
    FullyGraded (content.quizzes.counted_awaiting: the counted attempt's, or every attempt's for highest and mean)."""
    module = get_catalog().quizzes.get(post.placement.target_id)
    counted = counted_score_of(post.user_id, module) if module is not None else None
    return "PendingManual" if counted is not None and counted[2] else "FullyGraded"


def send_waiting(force: bool = False, classroom_id: int | None = None) -> dict[str, int]:
    """Send every queued or failed score (of one class, or all); counts of the states they ended in."""
    query = select(LtiScorePost.id).where(LtiScorePost.state.in_(("pending", "failed", "sending")))
    if classroom_id is not None:
        query = (
            query.join(LtiPlacement, LtiPlacement.id == LtiScorePost.placement_id)
            .join(LtiContext, LtiContext.id == LtiPlacement.context_id)
            .where(LtiContext.classroom_id == classroom_id)
        )
    counts: dict[str, int] = {}
    for post_id in list(db.session.scalars(query.order_by(LtiScorePost.id))):
        state = send(post_id, force)
        counts[state] = counts.get(state, 0) + 1
    return counts


def posts_of_class(classroom_id: int, limit: int = 200) -> list[LtiScorePost]:
    """The class's score posts, newest first (for the class's LMS page)."""
    query = (
        select(LtiScorePost)
        .join(LtiPlacement, LtiPlacement.id == LtiScorePost.placement_id)
        .join(LtiContext, LtiContext.id == LtiPlacement.context_id)
        .where(LtiContext.classroom_id == classroom_id)
        .order_by(LtiScorePost.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
