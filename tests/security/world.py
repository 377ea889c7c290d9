"""A small school for authorization tests: two classes, each with a teacher and a student, and an admin.

The student of class A has an attempt in progress at a quiz module and a submitted one at another.

Branches that add routes about their own objects (a lesson's progress, a quiz attempt, an assignment) add
those objects to `build_world` and their ids to `World.fields`, so rows in access_matrix.py can name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from crosscheck.accounts.service import create_user
from crosscheck.accounts.throttle import KNOWN_BROWSER_COOKIE
from crosscheck.catalog_access import get_catalog
from crosscheck.classes.models import ClassTeacher, Enrollment
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.service import save_answer, start_or_resume, submit
from tests.conftest import PASSWORD, Builders, csrf_token, login
from tests.security.access_matrix import LOGIN, ROUTES, Route
from tests.security.snapshot import Snapshot, changes, restore, table_rows


@dataclass
class World:
    """Usernames by role and the values rows may name in braces; a kept world also keeps its roles' sessions."""

    usernames: dict[str, str]
    fields: dict[str, object]
    sessions: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> the cookies of its session

    def client(self, app: Flask, role: str) -> FlaskClient:
        """A new client, signed in as `role` (anonymous: not signed in): in the role's kept session, if any."""
        client = app.test_client()
        if role in self.sessions:
            for name, value in self.sessions[role].items():
                client.set_cookie(name, value)
        elif role != "anonymous":
            response = login(client, self.usernames[role])
            assert response.status_code == 302, f"{role} could not sign in"
        return client

    def sign_in_every_role(self, app: Flask) -> None:
        """Sign each role in through the form once, keeping its cookies (the sessions' rows go into the snapshot)."""
        for role in self.usernames:
            client = self.client(app, role)
            self.sessions[role] = {
                name: client.get_cookie(name).value
                for name in (app.config["SESSION_COOKIE_NAME"], KNOWN_BROWSER_COOKIE)
                if client.get_cookie(name) is not None
            }

    def copy(self) -> World:
        """A world of the same names, fields and sessions, to hand to one test."""
        return World(dict(self.usernames), dict(self.fields), dict(self.sessions))


# (tags, with the workspace's documents) -> (the worlds' usernames and fields, the rows their building changed)
_KEPT: dict[tuple[tuple[str, ...], bool], tuple[list[World], Snapshot]] = {}


def worlds(app: Flask, build: Builders, tags: tuple[str, ...], workspace: bool = False) -> list[World]:
    """Worlds with these tags in the test's database: built through the services the first time in a session,
    then put back as the rows that building wrote (tests/security/snapshot.py)."""
    key = (tags, workspace)
    if key in _KEPT:
        kept, snapshot = _KEPT[key]
        restore(app, snapshot)
        return [world.copy() for world in kept]
    before = table_rows()
    built = [build_world(build, tag=tag) for tag in tags]
    for world in built:
        if workspace:
            world.fields["ws_module"]  # noqa: B018 - builds the lazy workspace fields now, into the snapshot
        # Signing five roles in for each test was a fifth of these tables' time; a kept session is restored
        # with the rows (tests of signing in itself are in tests/accounts).
        world.sign_in_every_role(app)
    _KEPT[key] = ([world.copy() for world in built], changes(before, table_rows()))
    return built


def build_world(build: Builders, tag: str = "") -> World:
    """Class A (teacher, student) and class B (other_teacher, other_student), plus an admin.

    Worlds with different tags live side by side in one database (their usernames end in the tag).
    """
    users = {
        role: build.user(kind, username=f"{role.replace('_', '-')}-user{tag}")
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
    fields = {
        "class_a": class_a.id,
        "class_b": class_b.id,
        "join_code_a": class_a.join_code,
        "join_code_b": class_b.join_code,
        "student_id": users["student"].id,
        "student_name": users["student"].username,
        "other_student_id": users["other_student"].id,
        "teacher_id": users["teacher"].id,
    }
    fields.update(_quiz_world(users["student"]))
    fields.update(_class_world(class_a, users))
    fields.update(_marking_world(fields["written_response_a"], users["teacher"]))
    fields.update(_lti_world(class_a, tag))
    # The workspace's documents are built on the first row that names a ws_ field: only those rows pay for it.
    fields = LazyFields(fields, "ws_", lambda: _workspace_world(users, tag))
    return World({role: user.username for role, user in users.items()}, fields)


QUIZ_MODULE = "spot-unverified"
SUBMITTED_MODULE = "primary-source"
WRITTEN_MODULE = "in-your-own-words"  # written items: the student's submitted answer to mark


def _quiz_world(student) -> dict:
    """The student's open attempt at one module (and a valid answer to its first choice item), and a submitted one."""
    catalog = get_catalog()
    module = catalog.quizzes[QUIZ_MODULE]
    attempt = start_or_resume(student, module)
    number, item = next((n, i) for n, i in enumerate(module.items, 1) if i.type == "choice")
    view = item_type(item.type).view(item.content, attempt.order_seed, module.settings.shuffle_options)
    submitted = start_or_resume(student, catalog.quizzes[SUBMITTED_MODULE])
    submit(submitted)
    written_module = catalog.quizzes[WRITTEN_MODULE]
    written = start_or_resume(student, written_module)
    response, _ = save_answer(written, written_module.items[0], {"text": "Captured soldiers say they were told so"})
    written_response = response.id
    submit(written)
    return {
        "quiz_module": module.id,
        "attempt_a": attempt.id,
        "written_module": WRITTEN_MODULE,
        "written_response_a": written_response,
        "choice_number": number,
        "choice_token": view["choices"][0][0],
        "submitted_a": submitted.id,
    }


def _marking_world(response_id: int, teacher) -> dict:
    """The teacher marked the student's written answer: a score change to undo."""
    from crosscheck.marking import service

    response, content = service.answer_with_version(response_id)
    return {"score_change_a": service.mark(response, content, "emerging", "", teacher).id}


def _class_world(class_a, users) -> dict:
    """An assignment in class A, the student's enrolment, a lesson."""
    from crosscheck.classes import accommodations, service
    from crosscheck.classes.invitations import invite
    from crosscheck.classes.models import ClassInvitation

    assignment, _ = service.assign(class_a, "quiz", QUIZ_MODULE, None, users["teacher"])
    service.assign(class_a, "quiz", "post-test", None, users["teacher"])  # for the gain report
    accommodations.grant(assignment, [users["student"].id], None, 1, users["teacher"].id)
    (accommodation,) = accommodations.of_class(class_a.id)
    enrollment = db.session.scalar(select(Enrollment).where(Enrollment.student_id == users["student"].id))
    co_teacher = create_user(f"co-teacher-of-{class_a.id}", "Co Teacher", PASSWORD, "teacher")
    db.session.flush()  # its id, for the link
    db.session.add(ClassTeacher(classroom_id=class_a.id, user_id=co_teacher.id))
    db.session.commit()
    invite(class_a, users["other_teacher"].username, users["teacher"])
    invitation = db.session.scalar(select(ClassInvitation).where(ClassInvitation.classroom_id == class_a.id))
    return {
        "invitation_a": invitation.id,
        "assignment_a": assignment.id,
        "enrollment_a": enrollment.id,
        "lesson": next(iter(get_catalog().lessons), None),
        "other_teacher_name": users["other_teacher"].username,
        "co_teacher_a": co_teacher.id,
        "accommodation_a": accommodation.id,
        "post_test": "post-test",
    }


class LazyFields(dict):
    """World fields, some of which (those starting with `prefix`) are built on first use: building a
    workspace document checks and publishes it, which only the workspace's rows need to pay for."""

    def __init__(self, fields: dict, prefix: str, build):
        super().__init__(fields)
        self.prefix, self.build = prefix, build

    def __missing__(self, key: str):
        if not key.startswith(self.prefix) or self.build is None:
            raise KeyError(key)
        build, self.build = self.build, None
        self.update(build())
        return self[key]


def _workspace_world(users, tag: str) -> dict:
    """With the workspace: class A's teacher owns a published, unshared module (with an editor) and a story."""
    from crosscheck.workspace import service
    from tests.workspace.helpers import module_text
    from tests.workspace.stories import courier_seed

    teacher = users["teacher"]
    module, story, article = f"matrix-module{tag}", f"matrix-story{tag}", f"matrix-article{tag}"
    doc, _ = service.create_document(teacher, "quiz", module, "Matrix", {f"quizzes/{module}.yaml": module_text(module)})
    service.publish(doc, teacher)
    editor = create_user(f"ws-editor{tag}", "Editor", PASSWORD, "teacher")
    db.session.commit()
    service.add_editor(doc, teacher, editor.username)
    files = {
        f"seeds/{story}/story.yaml": f"id: {story}\ntitle: Matrix story\nsummary: Two texts.\n",
        f"seeds/{story}/000-courier.md": courier_seed(article),
    }
    service.create_document(teacher, "story", story, "Matrix story", files)
    return {"ws_module": module, "ws_story": story, "ws_article": article, "ws_editor": editor.id}


def _lti_world(class_a, tag: str) -> dict:
    """A registered LMS whose course became class A (no roster service offered)."""
    from crosscheck.lti.models import LtiContext, LtiDeployment, LtiPlatform

    issuer = f"https://world-lms{tag}.example"
    platform = LtiPlatform(
        name="World LMS",
        issuer=issuer,
        client_id="world",
        auth_login_url="https://world-lms.example/auth",
        key_set_url="https://world-lms.example/jwks",
        deployments=[LtiDeployment(deployment_id="1")],
    )
    db.session.add(platform)
    db.session.flush()
    db.session.add(
        LtiContext(platform_id=platform.id, context_id="c-1", classroom_id=class_a.id, title="A", deployment_id="1")
    )
    db.session.commit()
    return {"lti_platform": platform.id, "lti_issuer": issuer}


def names_workspace(route: Route) -> bool:
    """Whether the row's URL or form names one of the workspace's lazily built fields."""
    return "{ws_" in route.url or any("{ws_" in str(value) for value in route.data.values())


def route_url(route: Route, world: World) -> str:
    """The row's URL with the world's ids filled in."""
    return route.url.format_map(world.fields)


def route_data(route: Route, world: World) -> dict[str, str]:
    """The row's form body with the world's values filled in (a callable value, such as a file, is made anew)."""
    return {
        key: value() if callable(value) else str(value).format_map(world.fields) for key, value in route.data.items()
    }


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


def rows_by_rule(app, world) -> dict[tuple[str, str], list]:
    """The rows that reach each (URL rule, method); checks each reaches the endpoint it names."""
    adapter = app.url_map.bind("localhost")
    found: dict[tuple[str, str], list] = {}
    for route in ROUTES:
        path = route_url(route, world).split("?")[0]
        rule, _ = adapter.match(path, method=route.method, return_rule=True)
        assert rule.endpoint == route.endpoint, f"{route.id}: {path} reaches {rule.endpoint}"
        found.setdefault((rule.rule, route.method), []).append(route)
    return found
