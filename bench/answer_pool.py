"""The answering benchmark's requests: many signed-in students, each request a new answer to an unanswered item.

Before timing, students with room left (an attempt in progress, or attempts not used up) are signed in and
start attempts through the real start form. Each unanswered item of those attempts becomes one POST of the
item's answer form, with the student's session cookie and CSRF token, built from the item type's own view
(the attempt's option order) and answer_from_form, so the answer the server should store is known. After
the run, verify() compares the database with what the server acknowledged.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import func, select

from bench.answers import right_answer, wrong_answer
from bench.sessions import cookie_header, sign_in_all
from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt, Response


@dataclass
class Pool:
    """The requests, and what each should store: (attempt id, item id) -> answer JSON."""

    lines: list[tuple[str, str, str, str]] = field(default_factory=list)
    expected: dict[tuple[int, str], dict] = field(default_factory=dict)
    student_ids: list[int] = field(default_factory=list)
    attempts_started: int = 0


def _attempt_state() -> tuple[dict, dict, dict]:
    """Attempts made and the open attempt per (student, module), and answers given in each open attempt."""
    made, open_attempt = {}, {}
    for user_id, module_id, attempt_id, submitted in db.session.execute(
        select(Attempt.user_id, Attempt.module_id, Attempt.id, Attempt.submitted_at)
    ):
        made[(user_id, module_id)] = made.get((user_id, module_id), 0) + 1
        if submitted is None:
            open_attempt[(user_id, module_id)] = attempt_id
    answered = dict(
        db.session.execute(
            select(Response.attempt_id, func.count())
            .where(Response.attempt_id.in_(list(open_attempt.values())))
            .group_by(Response.attempt_id)
        ).all()
    )
    return made, open_attempt, answered


def room_by_student(catalog, exclude: set[int]) -> list[tuple[int, int, list[str]]]:
    """(items a student could still answer, student id, modules needing a new attempt), most room first."""
    made, open_attempt, answered = _attempt_state()
    students = db.session.scalars(select(User.id).where(User.role == "student").order_by(User.id)).all()
    rows = []
    for student_id in students:
        if student_id in exclude:
            continue
        room, to_start = 0, []
        for module in catalog.quizzes.values():
            key = (student_id, module.id)
            if key in open_attempt:
                room += module.items_per_attempt - answered.get(open_attempt[key], 0)
            elif not module.settings.attempts or made.get(key, 0) < module.settings.attempts:
                room += module.items_per_attempt  # a module with pools: what one attempt draws
                to_start.append(module.id)
        if room:
            rows.append((room, student_id, to_start))
    return sorted(rows, key=lambda row: (-row[0], row[1]))


def build_pool(base_url: str, catalog, password: str, needed: int, exclude: set[int], seed: int) -> Pool:
    """Sign in enough students for `needed` answers, start their attempts, and write one request per answer."""
    chosen, total = [], 0
    for room, student_id, to_start in room_by_student(catalog, exclude):
        if total >= needed:
            break
        chosen.append((student_id, to_start))
        total += room
    names = dict(db.session.execute(select(User.id, User.username).where(User.id.in_([s for s, _ in chosen]))).all())
    clients = sign_in_all(base_url, [names[s] for s, _ in chosen], password)
    pool = Pool(student_ids=[s for s, _ in chosen])
    for client, (_, to_start) in zip(clients, chosen, strict=True):
        for module_id in to_start:
            reply = client.post_form(f"/quizzes/{module_id}/start")
            if reply.status != 302 or "/items/" not in reply.location:
                raise RuntimeError(f"starting {module_id} answered {reply.status} {reply.location}")
            pool.attempts_started += 1
    db.session.rollback()  # see the attempts the server just started
    rng = random.Random(f"{seed}:answers")
    by_user = {s: c for c, (s, _) in zip(clients, chosen, strict=True)}
    open_attempts = db.session.scalars(
        select(Attempt).where(Attempt.user_id.in_(list(by_user)), Attempt.submitted_at.is_(None)).order_by(Attempt.id)
    ).all()
    answered = {
        (r.attempt_id, r.item_id)
        for r in db.session.execute(
            select(Response.attempt_id, Response.item_id).where(Response.attempt_id.in_([a.id for a in open_attempts]))
        )
    }
    for attempt in open_attempts:
        client = by_user[attempt.user_id]
        module = catalog.quizzes[attempt.module_id].for_attempt(attempt.drawn)  # the items this attempt drew
        for number, item in enumerate(module.items, start=1):
            if (attempt.id, item.id) not in answered:
                _add(pool, client, attempt, module, number, item, rng)
    rng.shuffle(pool.lines)  # students answer at the same time, not one after another
    return pool


def filled_form(attempt, module, item, rng: random.Random) -> tuple[dict, dict]:
    """(form fields, stored answer): the item answered right 60% of the time, as the student's browser posts it."""
    kind = item_type(item.type)
    view = kind.view(item.content, attempt.order_seed, module.settings.shuffle_options)
    answer = right_answer(item.content) if rng.random() < 0.6 else wrong_answer(item.content, rng)
    data = kind.form_data(view, answer)
    return data, kind.answer_from_form(view, data)


def _add(pool: Pool, client, attempt, module, number: int, item, rng: random.Random) -> None:
    """One answer form, filled in as the student's browser would, and the answer it must store."""
    data, pool.expected[(attempt.id, item.id)] = filled_form(attempt, module, item, rng)
    body = urlencode({"csrf_token": client.token, **data}, doseq=True)
    pool.lines.append(("POST", f"/quizzes/attempts/{attempt.id}/items/{number}", cookie_header(client), body))
