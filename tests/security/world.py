"""A small school for authorization tests: two classes, each with a teacher and a student, and an admin.

Branches that add routes about their own objects (a lesson's progress, a quiz attempt, an assignment) add
those objects to `build_world` and their ids to `World.fields`, so rows in access_matrix.py can name them
(class A's quiz, lesson, assignment and attempt: _class_work).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import Builders, csrf_token, login
from tests.security.access_matrix import LOGIN, MATRIX_LESSON, MATRIX_MODULE, Route


@dataclass
class World:
    """Usernames by role and the values rows may name in braces."""

    usernames: dict[str, str]
    fields: dict[str, object]

    def client(self, app: Flask, role: str) -> FlaskClient:
        """A new client, signed in as `role` (anonymous: not signed in)."""
        client = app.test_client()
        if role != "anonymous":
            response = login(client, self.usernames[role])
            assert response.status_code == 302, f"{role} could not sign in"
        return client


def build_world(build: Builders) -> World:
    """Class A (teacher, student) and class B (other_teacher, other_student), plus an admin."""
    users = {
        role: build.user(kind, username=f"{role.replace('_', '-')}-user")
        for role, kind in [
            ("student", "student"),
            ("other_student", "student"),
            ("teacher", "teacher"),
            ("other_teacher", "teacher"),
            ("admin", "admin"),
        ]
    }
    class_a = build.classroom(teacher=users["teacher"], students=[users["student"]], name="Class A")
    class_b = build.classroom(teacher=users["other_teacher"], students=[users["other_student"]], name="Class B")
    fields = {**_class_work(build, class_a, users["student"])}
    fields |= {
        "class_a": class_a.id,
        "class_b": class_b.id,
        "join_code_a": class_a.join_code,
        "join_code_b": class_b.join_code,
        "student_id": users["student"].id,
        "student_name": users["student"].username,
        "other_student_id": users["other_student"].id,
        "teacher_id": users["teacher"].id,
    }
    return World({role: user.username for role, user in users.items()}, fields)


def _class_work(build: Builders, class_a, student) -> dict[str, object]:
    """Class A's work: a quiz module and a lesson assigned, the student's attempt in progress, a spare teacher.

    Rows name these: the item analysis needs an assigned module, unassign an assignment, the quiz pages an
    attempt, adding a co-teacher a teacher who is in neither class.
    """
    from flask import current_app

    from crosscheck.classes.models import Enrollment
    from crosscheck.extensions import db
    from crosscheck.quizzes.service import start_or_resume
    from tests.sample_work import assign

    module = current_app.extensions["crosscheck.catalog"].quizzes[MATRIX_MODULE]
    assign(class_a, "quiz", MATRIX_MODULE)
    lesson = assign(class_a, "lesson", MATRIX_LESSON)
    enrollment = db.session.scalar(db.select(Enrollment.id).where(Enrollment.classroom_id == class_a.id))
    return {
        "module": MATRIX_MODULE,
        "lesson": MATRIX_LESSON,
        "assignment_a": lesson.id,
        "enrollment_a": enrollment,
        "attempt_a": start_or_resume(student, module).id,
        "spare_teacher_name": build.user("teacher", username="spare-teacher-user").username,
    }


def route_url(route: Route, world: World) -> str:
    """The row's URL with the world's ids filled in."""
    return route.url.format(**world.fields)


def route_data(route: Route, world: World) -> dict[str, str]:
    """The row's form body with the world's values filled in."""
    return {key: str(value).format(**world.fields) for key, value in route.data.items()}


def send(client: FlaskClient, route: Route, world: World, token: str | None | bool = True):
    """Request the row as a browser would: forms carry the session's CSRF token unless `token` says otherwise."""
    url = route_url(route, world)
    if route.method == "GET":
        return client.get(url)
    data = route_data(route, world)
    if token is True:
        data["csrf_token"] = csrf_token(client)
    elif token:
        data["csrf_token"] = token
    return client.open(url, method=route.method, data=data)


def outcome(response) -> int | str:
    """The status, or LOGIN for a redirect to the sign-in page that comes back afterwards (sign-in required)."""
    if response.status_code == 302 and response.headers["Location"].startswith("/login?next="):
        return LOGIN
    return response.status_code
