"""Quiz rules without views: starting or resuming an attempt, saving answers once, submitting, scoring.

Every write is safe under concurrent requests from several app processes: the database's unique
constraints decide (one open attempt per user and module, one response per attempt and item), and a
request that loses the race reads the winner's row instead of failing.
"""

from __future__ import annotations

import random
import secrets
import threading
from datetime import datetime
from typing import NamedTuple

from flask import current_app
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from crosscheck.content.quizzes import QuizItem, QuizModule
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.progress.scoring import attempt_maximum
from crosscheck.progress.statements import run
from crosscheck.quizzes.models import Attempt, ItemVersion, Response
from crosscheck.timezone import utcnow
from crosscheck.wording import counted

UNLIMITED_ROLES = ("teacher", "admin")  # they take modules to preview them; limits are for students


class QuizError(Exception):
    """A quiz action that cannot be done; the message is shown to the user."""


def attempt_limit(user, module: QuizModule, extra: int = 0) -> int | None:
    """Attempts this user may make at the module (with a teacher's extra attempts), or None for no limit."""
    if user.role in UNLIMITED_ROLES or module.settings.attempts == 0:
        return None
    return module.settings.attempts + extra


def attempts_of(user_id: int, module_id: str) -> list[Attempt]:
    """The user's attempts at a module, oldest first."""
    query = select(Attempt).where(Attempt.user_id == user_id, Attempt.module_id == module_id)
    return list(db.session.scalars(query.order_by(Attempt.number)))


def open_attempt(user_id: int, module_id: str) -> Attempt | None:
    """The attempt in progress, if any (at most one: the uq_attempt_one_open index)."""
    query = select(Attempt).where(
        Attempt.user_id == user_id, Attempt.module_id == module_id, Attempt.submitted_at.is_(None)
    )
    return db.session.scalar(query)


DRAWS = random.SystemRandom()  # a student cannot predict the next attempt's questions from the last


def start_or_resume(user, module: QuizModule, extra_attempts: int = 0) -> Attempt:
    """The open attempt, or a new one if attempts are left. Two requests racing get the same attempt."""
    for _ in range(3):
        attempt = open_attempt(user.id, module.id)
        if attempt is not None:
            return attempt
        made = attempts_of(user.id, module.id)
        limit = attempt_limit(user, module, extra_attempts)
        if limit is not None and len(made) >= limit:
            raise QuizError(f"You have used all {counted(limit, 'attempt')} at this module.")
        number = max((a.number for a in made), default=0) + 1
        drawn = module.draw(DRAWS)  # a pool's questions for this attempt, kept with it
        attempt = Attempt(
            user_id=user.id, module_id=module.id, number=number, order_seed=secrets.randbelow(2**31), drawn=drawn
        )
        db.session.add(attempt)
        try:
            db.session.commit()
            return attempt
        except IntegrityError:  # another request opened one first: use theirs
            db.session.rollback()
    raise QuizError("The attempt could not be started; please try again.")


def responses_of(attempt_id: int) -> dict[str, Response]:
    """The attempt's responses by item id."""
    return {r.item_id: r for r in db.session.scalars(RESPONSES_OF, {"attempt_id": attempt_id})}


# The statements every answer runs, built once: building one cost about as much as SQLite's work on it. They
# read columns, so they run on the session's connection (progress.statements.run), without the ORM's steps.
ANSWERED_IDS = select(Response.item_id).where(Response.attempt_id == bindparam("attempt_id"))
# The same ids as one string, for a statement that reads them with their attempt (lookups.own_attempt): one
# statement instead of two on every answer. Space-separated: item ids are slugs (no spaces).
ANSWERED_ID_LIST = (
    select(func.aggregate_strings(Response.item_id, " ")).where(Response.attempt_id == Attempt.id).scalar_subquery()
)
VERSION_KEPT = select(ItemVersion.hash).where(ItemVersion.hash == bindparam("item_hash"))
# And those of every question page, which load rows (the ORM's objects, through the session).
RESPONSES_OF = select(Response).where(Response.attempt_id == bindparam("attempt_id"))
VERSIONS = select(ItemVersion).where(ItemVersion.hash.in_(bindparam("hashes", expanding=True)))
# And the quiz list's (response_totals).
TOTALS = select(Response.attempt_id, Response.item_id, Response.points, Response.max_points).where(
    Response.attempt_id.in_(bindparam("attempt_ids", expanding=True))
)


def answered_ids(attempt_id: int) -> set[str]:
    """Ids of the items the attempt has answered (no answers or item content loaded)."""
    return {item_id for (item_id,) in run(ANSWERED_IDS, {"attempt_id": attempt_id})}


def stored_response(attempt_id: int, item_id: str) -> Response | None:
    """The attempt's response to one item, if any."""
    return db.session.scalar(select(Response).where(Response.attempt_id == attempt_id, Response.item_id == item_id))


class SavedAnswer(NamedTuple):
    """A stored answer's columns: what save_answer wrote, or the row a repeat found."""

    id: int
    attempt_id: int
    item_id: str
    item_hash: str
    answer: dict
    points: float | None
    max_points: float
    answered_at: datetime

    @classmethod
    def of(cls, response: Response) -> SavedAnswer:
        """The columns of a loaded response."""
        return cls(*(getattr(response, name) for name in cls._fields))


def save_answer(attempt: Attempt, item: QuizItem, answer: dict) -> tuple[SavedAnswer, bool]:
    """Grade and store the first answer to an item; a repeat returns the stored one unchanged.

    The attempt is checked in the statement that stores the answer, not only before it: a submit that lands
    between the page's check and the write (another tab, a retried request) leaves the answer unstored.
    """
    if attempt.submitted_at is not None:
        raise QuizError(SUBMITTED)
    attempt_id = attempt.id  # read before a commit expires the attempt (reading it again costs a query)
    score = item_type(item.type).grade(item.content, answer)
    values = {
        "attempt_id": attempt_id,
        "item_id": item.id,
        "item_hash": item.hash,
        "answer": answer,
        "points": score.stored_points,
        "max_points": score.max_points,
        "answered_at": utcnow(),
    }
    for last_try in (False, True):
        _keep_version(attempt.module_id, item)
        # No look for a stored answer first: the unique (attempt, item) constraint refuses a repeat, and the
        # rare repeat reads the stored row below. Answering is the busiest write; one query less matters.
        try:
            stored_id = db.session.connection().execute(INSERT_WHILE_OPEN, values).scalar()
            db.session.commit()
            break
        except IntegrityError:
            db.session.rollback()
            stored = stored_response(attempt_id, item.id)
            if stored is not None:  # a double click or retried request stored it first: keep that one
                return SavedAnswer.of(stored), False
            if last_try:
                raise
            # Not a repeat: the item's version, which this app remembered as stored, is not (its table was emptied
            # or restored under the running app). Forget what it remembered, store the version, try again.
            kept_versions().clear()
    if stored_id is None:  # no row inserted: the attempt was submitted meanwhile
        raise QuizError(SUBMITTED)
    # The stored row's values, without reading it back; not the ORM's object, which cost 2% of an answer to make.
    return SavedAnswer(stored_id, **values), True


SUBMITTED = "This attempt has been submitted; answers can no longer change."


def _insert_while_open():
    """INSERT the response ... SELECT from its attempt row only while that attempt is open, in one statement;
    bound: the response's columns save_answer fills (attempt_id, item_id, ...); returns the new row's id.

    FOR SHARE (PostgreSQL) locks the attempt row until the answer commits: a submit waits for it, and an
    answer waits for a submit in flight, then sees it and stores nothing. SQLite runs one writer at a time,
    so the statement's check and insert cannot be split there either (it ignores FOR SHARE).
    """
    columns = Response.__table__.c
    names = ["attempt_id", "item_id", "item_hash", "answer", "points", "max_points", "answered_at"]
    bound = {name: bindparam(name, type_=columns[name].type) for name in names}
    source = (
        select(*(bound[name].label(name) for name in names))
        .select_from(Attempt)
        .where(Attempt.id == bound["attempt_id"], Attempt.submitted_at.is_(None))
        .with_for_update(read=True)
    )
    # The table, not the mapped class: given bound values, the ORM would take an insert of the class for a bulk insert
    return insert(Response.__table__).from_select(names, source).returning(columns.id)


INSERT_WHILE_OPEN = _insert_while_open()


KEPT = "crosscheck.kept_versions"


class KeptVersions:
    """The item hashes this worker has seen stored in the app's database, which spares each answer a query.

    The app only ever adds item_version rows (nothing updates or deletes one), so a hash once seen stored stays
    stored. Should the table be emptied under a running app (a restore; the test suite's PostgreSQL pass empties
    every table between tests), the answer that finds its version gone clears the set (save_answer). One per
    app (each app has its own database); bounded: past `size` hashes it starts afresh.
    """

    def __init__(self, size: int = 20_000):
        self._hashes: set[str] = set()
        self._size = size
        self._lock = threading.Lock()

    def __contains__(self, item_hash: str) -> bool:
        """Whether `item_hash` was seen stored."""
        return item_hash in self._hashes

    def add(self, item_hash: str) -> None:
        """Remember that `item_hash` is stored (committed)."""
        with self._lock:
            if len(self._hashes) >= self._size:
                self._hashes.clear()
            self._hashes.add(item_hash)

    def clear(self) -> None:
        """Forget every hash (the next answers ask the database again)."""
        with self._lock:
            self._hashes.clear()


def kept_versions() -> KeptVersions:
    """The app's KeptVersions (made on first use)."""
    kept = current_app.extensions.get(KEPT)
    if kept is None:  # setdefault: two threads' first answers share one
        kept = current_app.extensions.setdefault(KEPT, KeptVersions())
    return kept


def _keep_version(module_id: str, item: QuizItem) -> None:
    """Store the item's content under its hash once, so the answer can always be shown as it was asked."""
    kept = kept_versions()
    if item.hash in kept:
        return
    if not run(VERSION_KEPT, {"item_hash": item.hash}):  # checked without loading (and parsing) the content
        db.session.add(ItemVersion(hash=item.hash, module_id=module_id, item_id=item.id, content=item.content))
        try:
            db.session.commit()
        except IntegrityError:  # stored meanwhile by another request, unless something else failed: look again
            db.session.rollback()
            if not run(VERSION_KEPT, {"item_hash": item.hash}):
                return
    kept.add(item.hash)


def submit(attempt: Attempt) -> bool:
    """Close the attempt (once; a second submit changes nothing). True if this call closed it."""
    closed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None)).values(submitted_at=utcnow())
    ).rowcount
    db.session.commit()
    db.session.refresh(attempt)
    return closed == 1


def versions_of(responses: dict[str, Response]) -> dict[str, dict]:
    """The stored content each response was graded against, by item id."""
    hashes = {r.item_hash for r in responses.values()}
    rows = db.session.scalars(VERSIONS, {"hashes": list(hashes)}) if hashes else []
    content = {v.hash: v.content for v in rows}
    return {item_id: content[r.item_hash] for item_id, r in responses.items()}


def response_totals(attempt_ids: list[int]) -> dict[int, dict[str, tuple[float | None, float]]]:
    """(points, max_points) of each answered item, by attempt (points None: awaiting marking)."""
    totals: dict[int, dict[str, tuple[float | None, float]]] = {a: {} for a in attempt_ids}
    if attempt_ids:
        for attempt_id, item_id, points, max_points in db.session.execute(TOTALS, {"attempt_ids": attempt_ids}):
            totals[attempt_id][item_id] = (points, max_points)
    return totals


def score_of(answered: dict[str, tuple[float | None, float]], module: QuizModule) -> tuple[float, float]:
    """Points and maximum of an attempt: answered items as graded then, unanswered current items at 0.

    With an unchanged module this is the contract's SUM(points) / SUM(item points); the maximum follows the
    one rule of crosscheck/progress/scoring.py, so a past score never moves after a YAML edit. An answer
    awaiting marking adds nothing yet (as SQL's SUM skips its NULL); `awaiting` says how many there are.
    """
    points = sum(p for p, _ in answered.values() if p is not None)
    return points, attempt_maximum({item_id: m for item_id, (_, m) in answered.items()}, module.items)


def awaiting(answered: dict[str, tuple[float | None, float]]) -> int:
    """How many of an attempt's answers await marking."""
    return sum(1 for p, _ in answered.values() if p is None)
