"""Each module's state for one user: not started, in progress, best score, attempts left."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from crosscheck.content.quizzes import QuizModule
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt
from crosscheck.quizzes.service import attempt_limit, awaiting, response_totals, score_of


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
    limit: int | None
    attempts: list[AttemptSummary] = field(default_factory=list)

    @property
    def open(self) -> AttemptSummary | None:
        """The attempt in progress."""
        return next((a for a in self.attempts if a.attempt.submitted_at is None), None)

    @property
    def submitted(self) -> list[AttemptSummary]:
        """Finished attempts, oldest first."""
        return [a for a in self.attempts if a.attempt.submitted_at is not None]

    @property
    def best(self) -> AttemptSummary | None:
        """The submitted attempt with the highest score."""
        return max(self.submitted, key=lambda a: a.points / a.maximum if a.maximum else 0, default=None)

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


def module_states(user, modules: list[QuizModule]) -> list[ModuleState]:
    """Every module's state for the user, with two queries in all."""
    states = {m.id: ModuleState(m, attempt_limit(user, m)) for m in modules}
    query = select(Attempt).where(Attempt.user_id == user.id, Attempt.module_id.in_(list(states)))
    attempts = list(db.session.scalars(query.order_by(Attempt.number)))
    totals = response_totals([a.id for a in attempts])
    for attempt in attempts:
        state = states[attempt.module_id]
        answered = totals[attempt.id]
        points, maximum = score_of(answered, state.module)
        state.attempts.append(AttemptSummary(attempt, points, maximum, len(answered), awaiting(answered)))
    return list(states.values())


def summarise(attempt: Attempt, module: QuizModule) -> AttemptSummary:
    """One attempt's score so far."""
    answered = response_totals([attempt.id])[attempt.id]
    points, maximum = score_of(answered, module)
    return AttemptSummary(attempt, points, maximum, len(answered), awaiting(answered))
