"""Profiles of the pages with a speed target, written by every `make bench` to bench/profiles/ (newest only).

pyinstrument samples each page in-process (Flask's test client, no server) over many requests, on a copy of
the school; answering posts new answers of students who have room left, built as bench/answer_pool.py
builds the wrk requests. The text profiles are what RESULTS.md's reasons for a missed target point at.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from pyinstrument import Profiler
from sqlalchemy import select

from bench.answer_pool import filled_form, room_by_student
from bench.generate import EVERY_REQUEST_BUILDS, bench_app
from bench.query_counts import signed_in_client
from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.quizzes.models import Attempt

PROFILES = Path(__file__).resolve().with_name("profiles")
REQUESTS = 100
INTERVAL = 0.0002  # seconds between samples: fine enough for pages of a few milliseconds
TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')


def slug(name: str) -> str:
    """A file name for a figure's name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _profile(run_once, requests: int) -> str:
    """pyinstrument's text profile of `requests` calls of run_once (after a few untimed ones)."""
    for _ in range(3):
        run_once()
    profiler = Profiler(interval=INTERVAL)
    profiler.start()
    for _ in range(requests):
        run_once()
    profiler.stop()
    return profiler.output_text(unicode=False, color=False)


def _get(client, path: str):
    """GET `path`, which must answer 200 (a redirect would profile the wrong page)."""
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")


def answer_posts(app, catalog, needed: int, seed: int = 7) -> list[tuple[object, str, dict]]:
    """(client, url, form) for every unanswered item of enough students' attempts, started through the form."""
    rng = random.Random(f"{seed}:profile")
    with app.app_context():
        chosen, room = [], 0
        for row in room_by_student(catalog, set()):
            if room >= needed:
                break
            chosen.append(row)
            room += row[0]
        names = dict(db.session.execute(select(User.id, User.username)).all())
    posts = []
    for _, student_id, to_start in chosen:
        client = signed_in_client(app, names[student_id])
        token = TOKEN.search(client.get("/account/password").get_data(as_text=True)).group(1)
        for module_id in to_start:
            if client.post(f"/quizzes/{module_id}/start", data={"csrf_token": token}).status_code != 302:
                raise RuntimeError(f"{names[student_id]} could not start {module_id}")
        with app.app_context():
            open_attempts = db.session.scalars(
                select(Attempt).where(Attempt.user_id == student_id, Attempt.submitted_at.is_(None))
            ).all()
            for attempt in open_attempts:
                module = catalog.quizzes[attempt.module_id].for_attempt(attempt.drawn)  # a pool: what it drew
                for number, item in enumerate(module.items, start=1):
                    data, _ = filled_form(attempt, module, item, rng)
                    posts.append(
                        (client, f"/quizzes/attempts/{attempt.id}/items/{number}", {"csrf_token": token, **data})
                    )
    rng.shuffle(posts)
    return posts


def write_profiles(
    database_url: str,
    pages: list[tuple[str, str | None, str]],
    answering_name: str,
    out: Path = PROFILES,
    requests: int = REQUESTS,
) -> list[Path]:
    """Profile each (name, username, path) and answering on the database; write one text file each to `out`."""
    app = bench_app(database_url, **EVERY_REQUEST_BUILDS)  # what building a page costs, not taking a kept one
    out.mkdir(exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    written = []
    clients: dict[str | None, object] = {}
    for name, username, path in pages:
        if username not in clients:
            clients[username] = signed_in_client(app, username) if username else app.test_client()
        client = clients[username]
        text = _profile(lambda client=client, path=path: _get(client, path), requests)
        written.append(_write(out, name, f"GET {path}, {requests} requests", text))
    posts = iter(answer_posts(app, app.extensions["crosscheck.catalog"], requests + 3))

    def answer_once() -> None:
        """POST the next new answer; each must be acknowledged with a redirect."""
        client, url, data = next(posts)
        if client.post(url, data=data).status_code != 302:
            raise RuntimeError(f"{url} was not acknowledged")

    profile = _profile(answer_once, requests)
    written.append(_write(out, answering_name, f"POST an answer, {requests} new answers", profile))
    return written


def _write(out: Path, name: str, what: str, profile: str) -> Path:
    """One profile file, headed by what was profiled."""
    path = out / f"{slug(name)}.txt"
    profile = "\n".join(line for line in profile.splitlines() if not line.startswith("Profile at "))  # a local path
    path.write_text(
        f"{name}: {what}, in-process, each request building its page (pyinstrument, written by make bench)\n\n{profile}\n"
    )
    return path
