"""Hostile values answer a clear 4xx, never a 500: huge ids, far dates, control characters in `next=`, NULs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from crosscheck.classes.models import Assignment
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
    "target", ["/articles/\r\nSet-Cookie: x=1", "/\nx", "/\t/evil.example", "/\x01", "/\\evil.example"]
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
@time_machine.travel(datetime(2000, 1, 1, 12, tzinfo=UTC))  # the form takes no day before today
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


NUL = "a\x00b"  # PostgreSQL refuses a NUL in any text value: passed on, it would be a 500
NUL_FORMS = [  # (role, url, fields): every form that takes typed text, every text field holding a NUL
    ("anonymous", "/login", {"username": NUL, "password": NUL}),
    ("anonymous", "/signup", {"join_code": NUL, "username": NUL, "display_name": NUL, "password": NUL, "confirm": NUL}),
    ("anonymous", "/signup", {"join_code": "{join_code_a}", "username": "nul-name", "display_name": NUL}),
    ("anonymous", "/signup", {"join_code": "{join_code_a}", "username": NUL, "display_name": "Nul"}),
    ("student", "/account/password", {"current": NUL, "new": NUL + "-long-enough", "confirm": NUL + "-long-enough"}),
    ("admin", "/admin/users", {"username": NUL, "display_name": NUL, "password": NUL, "role": NUL}),
    ("admin", "/admin/users/{student_id}/password", {"new": NUL + "-long-enough", "confirm": NUL + "-long-enough"}),
    ("student", "/classes/join", {"join_code": NUL}),
    ("teacher", "/classes/", {"name": NUL}),
    ("teacher", "/classes/{class_a}/teachers", {"username": NUL}),
    ("teacher", "/classes/{class_a}/assignments", {"work": NUL, "due": NUL}),
    ("student", "/quizzes/attempts/{attempt_a}/items/{choice_number}", {"choice": NUL}),
    ("admin", "/admin/lti", {f: NUL for f in ("name", "issuer", "client_id", "deployment_ids", "auth_login_url")}),
]


def test_a_nul_character_in_any_typed_field_is_refused_before_the_database_sees_it(app, build):
    world = build_world(build)
    clients = {}
    for role, url, fields in NUL_FORMS:
        if role not in clients:
            clients[role] = world.client(app, role)
        client = clients[role]
        data = {name: value.format(**world.fields) for name, value in fields.items()}
        response = client.post(url.format(**world.fields), data={"csrf_token": csrf_token(client), **data})
        assert response.status_code == 400, (role, url, response.status_code)
        assert "NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/signup?code=a%00b",
        "/classes/join?code=a%00b",
        "/login?next=/%00",
        "/articles/compare?a=a%00b&a=c",
        "/reports/classes/{class_a}/overview?sort=%00&dir=%00",
        "/articles/a%00b",
    ],
)
def test_a_nul_character_in_a_query_or_path_is_refused(app, build, url):
    world = build_world(build)
    client = world.client(app, "teacher")
    assert client.get(url.format(**world.fields)).status_code == 400
