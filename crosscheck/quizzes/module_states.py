"""Each module's state for one user: not started, in progress, best score, attempts left."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, select

from crosscheck.content.quizzes import QuizModule, Standing, counted_awaiting, counted_score, score_shown
from crosscheck.extensions import db
from crosscheck.progress.allowances import ModuleTerms, module_terms
from crosscheck.progress.states import past_due
from crosscheck.quizzes.models import Attempt
from crosscheck.quizzes.service import attempt_limit, awaiting, response_totals, score_of
from crosscheck.timezone import utcnow


@dataclass
class AttemptSummary:
    """One attempt with its score so far."""

    attempt: Attempt
    points: float
    maximum: float
    answered: int
    awaiting: int = 0  # answers awaiting marking: the score is not final until they are marked

    @property
    def percent(self) -> int:
        """The score as a whole percentage."""
        return round(100 * self.points / self.maximum) if self.maximum else 0


@dataclass
class ModuleState:
    """What the module list and module page show for one user."""

    module: QuizModule
    limit: int | None  # extra attempts included
    terms: ModuleTerms = ModuleTerms()
    attempts: list[AttemptSummary] = field(default_factory=list)
    shows_score: bool = True  # False: a student at an unscored module (a pre-test)

    @property
    def open(self) -> AttemptSummary | None:
        """The attempt in progress."""
        return next((a for a in self.attempts if a.attempt.submitted_at is None), None)

    @property
    def submitted(self) -> list[AttemptSummary]:
        """Finished attempts, oldest first."""
        return [a for a in self.attempts if a.attempt.submitted_at is not None]

    @property
    def score(self) -> AttemptSummary | None:
        """The score that counts, by the module's score policy (highest, latest, first or mean), or None (also
        when the user may not see it)."""
        if not self.shows_score:
            return None
        policy = self.module.settings.score
        counted = counted_score(policy, [(a.points, a.maximum) for a in self.submitted])
        if counted is None:
            return None
        attempt = self.submitted[-1].attempt  # what a mean links to: the latest attempt
        waiting = counted_awaiting(policy, [a.awaiting for a in self.submitted])
        return AttemptSummary(attempt, counted[0], counted[1], 0, waiting)

    @property
    def past_due(self) -> bool:
        """True once the due date that holds for the user (extensions included) has passed."""
        return self.terms.due_at is not None and past_due(utcnow(), self.terms.due_at)

    @property
    def standing(self) -> Standing:
        """What the reveal rule needs: attempts left and whether the due date has passed."""
        return Standing(self.attempts_left, self.past_due, self.open is not None)

    @property
    def attempts_left(self) -> int | None:
        """New attempts still allowed (None: no limit); an attempt in progress counts as used."""
        return None if self.limit is None else max(0, self.limit - len(self.attempts))

    @property
    def status(self) -> str:
        """not started, in progress or done."""
        if self.open:
            return "in progress"
        return "done" if self.submitted else "not started"

    @property
    def can_start(self) -> bool:
        """True if the user may resume or start an attempt."""
        return self.open is not None or self.attempts_left != 0


# Prebuilt, as every statement of a page students open often (docs/architecture.md, "Requests").
USERS_ATTEMPTS = (
    select(Attempt)
    .where(Attempt.user_id == bindparam("user_id"), Attempt.module_id.in_(bindparam("module_ids", expanding=True)))
    .order_by(Attempt.number)
)


def module_states(user, modules: list[QuizModule]) -> list[ModuleState]:
    """Every module's state for the user, with three queries in all."""
    terms = module_terms(user.id) if user.role == "student" else {}
    states = {}
    for m in modules:
        own = terms.get(m.id, ModuleTerms())
        limit = attempt_limit(user, m, own.extra_attempts)
        states[m.id] = ModuleState(m, limit, own, shows_score=score_shown(m, user.role == "student"))
    attempts = list(db.session.scalars(USERS_ATTEMPTS, {"user_id": user.id, "module_ids": list(states)}))
    totals = response_totals([a.id for a in attempts])
    for attempt in attempts:
        state = states[attempt.module_id]
        answered = totals[attempt.id]
        points, maximum = score_of(answered, state.module.for_attempt(attempt.drawn))
        state.attempts.append(AttemptSummary(attempt, points, maximum, len(answered), awaiting(answered)))
    return list(states.values())


def summarise(attempt: Attempt, module: QuizModule) -> AttemptSummary:
    """One attempt's score so far."""
    answered = response_totals([attempt.id])[attempt.id]
    points, maximum = score_of(answered, module.for_attempt(attempt.drawn))
    return AttemptSummary(attempt, points, maximum, len(answered), awaiting(answered))


def counted_score_of(user_id: int, module: QuizModule) -> tuple[float, float, int] | None:
    """(points, maximum, answers awaiting marking) the module's score policy counts for the user's submitted
    attempts (None before one is submitted): two queries."""
    query = select(Attempt).where(
        Attempt.user_id == user_id, Attempt.module_id == module.id, Attempt.submitted_at.is_not(None)
    )
    attempts = list(db.session.scalars(query.order_by(Attempt.number)))
    totals = response_totals([a.id for a in attempts])
    policy = module.settings.score
    counted = counted_score(policy, [score_of(totals[a.id], module.for_attempt(a.drawn)) for a in attempts])
    if counted is None:
        return None
    return (*counted, counted_awaiting(policy, [awaiting(totals[a.id]) for a in attempts]))
