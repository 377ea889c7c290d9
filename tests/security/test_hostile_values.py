"""Hostile values answer a clear 4xx, never a 500: huge ids, far dates, control characters in `next=`."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from crosscheck.classes.assignments import Assignment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, csrf_token, post_form
from tests.security.world import build_world

# 2^31 overflows PostgreSQL's integer column, 2^63 SQLite's, 2^64 every 64-bit integer.
# 5,000 digits: more than Python's int() reads from a string.
HUGE_IDS = (str(2**31), str(2**63), str(2**64), str(10**30), "9" * 5000)


def _int_routes(app) -> list[tuple[str, str, list[str]]]:
    """(rule, method, names of its int arguments) for every URL rule with an <int:> part."""
    found = []
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ints:
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((rule.rule, method, ints))
    return found


def _url(rule: str, ints: list[str], value: str, world_fields: dict) -> str:
    """The rule with every int part set to `value` and every other part a real value of the world."""
    url = rule
    for name in ints:
        url = url.replace(f"<int:{name}>", value)
    return url.replace("<module_id>", str(world_fields["quiz_module"]))


def test_ids_beyond_the_database_integer_are_404_on_every_int_route(app, build):
    world = build_world(build)
    routes = _int_routes(app)
    assert len(routes) >= 15  # every class, report and attempt route
    for role in ("admin", "student"):  # an admin reaches every class's rows, a student their attempts
        client = world.client(app, role)
        form = {"csrf_token": csrf_token(client)}
        for rule, method, ints in routes:
            for value in HUGE_IDS:
                url = _url(rule, ints, value, world.fields)
                response = client.open(url, method=method, data=form if method == "POST" else None)
                assert response.status_code == 404, (role, method, url, response.status_code)


def test_the_largest_database_id_is_still_a_route(app, build):
    world = build_world(build)
    client = world.client(app, "admin")
    assert client.get(f"/classes/{2**31 - 1}").status_code == 404  # matched, looked up, not found
    assert client.get(f"/classes/{world.fields['class_a']}").status_code == 200


@pytest.mark.parametrize(
    "target", ["/articles/\r\nSet-Cookie: x=1", "/\nx", "/\t/evil.example", "/\x00", "/\\evil.example"]
)
def test_next_with_control_characters_or_a_backslash_goes_home(client, build, target):
    """Browsers drop tabs and newlines from a URL and read a backslash as a slash: '/\t/x' is '//x'."""
    build.user(username="crlf")
    response = post_form(client, "/login", {"username": "crlf", "password": PASSWORD}, query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def _assign_due(client, signed_in, build, day: str):
    """A teacher signs in and assigns a quiz due on `day` to a class of one student: (class, student, response)."""
    teacher = signed_in("teacher")
    student = build.user()
    classroom = build.classroom(teacher, students=[student])
    response = post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:primary-source", "due": day})
    return classroom, student, response


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2100-01-01"])
def test_a_due_date_outside_the_sane_range_is_refused_beside_the_field(client, signed_in, build, day):
    classroom, _, response = _assign_due(client, signed_in, build, day)
    assert response.status_code == 400
    assert "Choose a due date between 1 Jan 2000 and 31 Dec 2099." in response.get_data(as_text=True)
    assert db.session.scalar(select(Assignment.id)) is None
    assert client.get(f"/classes/{classroom.id}").status_code == 200


@pytest.mark.parametrize("day", ["2000-01-01", "2099-12-31"])
def test_the_ends_of_the_range_are_accepted_and_every_page_shows(client, signed_in, build, day):
    classroom, student, response = _assign_due(client, signed_in, build, day)
    assert response.status_code == 302
    due = db.session.scalar(select(Assignment.due_at))
    assert due.date() == datetime.fromisoformat(day).date()
    for url in (
        f"/classes/{classroom.id}",
        f"/reports/classes/{classroom.id}/overview",
        f"/reports/classes/{classroom.id}/students/{student.id}",
    ):
        assert client.get(url).status_code == 200, url
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    post_form(client, "/login", {"username": student.username, "password": PASSWORD})
    assert client.get("/").status_code == 200
