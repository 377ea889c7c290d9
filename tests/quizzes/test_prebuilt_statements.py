"""The pages every signed-in user and every answer go through build no SQL statement per request: each one
they run is built once, at import (a statement built per call cost SQLAlchemy as much again in building and
cache-key making as SQLite's work on it). Counted where SQLAlchemy makes a statement's cache key, which it
does once for a prebuilt statement and on every call for one built in the request."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import select
from sqlalchemy.sql.cache_key import HasCacheKey

from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.stamps.cache import RememberedPages
from crosscheck.stamps.remember import STORES
from tests.conftest import login
from tests.quizzes.helpers import answer, attempts, start
from tests.sample_work import assign


@contextmanager
def statements_built():
    """The statements whose cache key SQLAlchemy computed while the block ran (their class names)."""
    built: list[str] = []
    original = HasCacheKey._generate_cache_key

    def counted(self):
        built.append(type(self).__name__)
        return original(self)

    HasCacheKey._generate_cache_key = counted
    try:
        yield built
    finally:
        HasCacheKey._generate_cache_key = original


@pytest.mark.parametrize("remembering", [True, False], ids=["pages kept", "every page built"])
def test_hot_pages_and_answering_build_no_statement_per_request(app, build, remembering):
    if not remembering:  # as CROSSCHECK_REMEMBERED_*=0 makes them: the second request builds its page again
        for name in STORES:
            app.extensions[f"crosscheck.remembered.{name}"] = RememberedPages(0)
    student, teacher = build.user("student"), build.user("teacher")
    classroom = build.classroom(teacher, [student])
    assign(classroom, "quiz", "sample-module")
    pupil, reader = app.test_client(), app.test_client()
    assert login(pupil, student.username).status_code == login(reader, teacher.username).status_code == 302
    start(pupil)
    (attempt,) = attempts(student.id)
    answer(pupil, attempt, 1)  # the first answer stores the item version; the second is every later answer
    reports = f"/reports/classes/{classroom.id}"
    pages = [
        (pupil, "/account/password"),
        (pupil, "/"),
        (pupil, f"/quizzes/attempts/{attempt.id}/items/2"),
        (pupil, "/quizzes/"),
        (pupil, "/lessons/"),
        (reader, f"{reports}/overview"),
        (reader, f"{reports}/skills"),
        (reader, f"{reports}/items/sample-module"),
        (reader, f"{reports}/overview.csv"),
        (reader, f"{reports}/skills.csv"),
        (reader, f"{reports}/items/sample-module.csv"),
        (reader, f"{reports}/students/{student.id}"),
        (reader, f"{reports}/students/{student.id}.csv"),
        (pupil, f"{reports}/students/{student.id}"),  # a student's own page in the class
    ]
    for client, path in pages:
        assert client.get(path).status_code == 200, path  # first: prebuilt statements make their key once
        with statements_built() as built:
            assert client.get(path).status_code == 200
        assert built == [], path
    with statements_built() as built:
        assert answer(pupil, attempt, 2).status_code == 302
    assert built == []


def test_the_count_sees_a_statement_built_in_the_request(app):
    """The counter itself: a statement built in a request is counted."""
    with statements_built() as built:
        db.session.scalar(select(User.id).where(User.id == 1))
    assert built == ["Select"]
