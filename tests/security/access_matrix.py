"""Who may open every route: the table the authorization, CSRF and accessibility tests read.

Every (endpoint, method) in the app's URL map must have a row here; a guard test fails otherwise, so a branch
that adds a route adds its row. Roles run in ROLES order, one after another, on one World (below):

    anonymous      not signed in
    student        a student of class A
    other_student  a student of class B only
    teacher        the teacher of class A
    other_teacher  the teacher of class B only
    admin          an admin

URLs and form data may name World fields in braces: "/classes/{class_a}", {"join_code": "{join_code_a}"}.
A POST row carries a valid form body, so the CSRF test can show that the same request with its token goes
through and without it is refused. Expected values: an HTTP status, or LOGIN (302 to the sign-in page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.conftest import PASSWORD

ROLES = ("anonymous", "student", "other_student", "teacher", "other_teacher", "admin")
SIGNED_IN_ROLES = ROLES[1:]
LOGIN = "login"  # 302 to /login?next=...


@dataclass(frozen=True)
class Route:
    """One endpoint and method, a URL to request, a form body for POST, and the status per role."""

    endpoint: str
    method: str
    url: str
    expect: dict[str, int | str]
    data: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.endpoint}"


def everyone(status: int = 200) -> dict:
    """Open to all, signed in or not."""
    return {role: status for role in ROLES}


def signed_in(status: int = 200) -> dict:
    """Every signed-in role; visitors are sent to sign in."""
    return {"anonymous": LOGIN, **{role: status for role in SIGNED_IN_ROLES}}


def visitors_only(status: int = 200, signed_in_status: int = 302) -> dict:
    """Pages for visitors (sign in, sign up); signed-in users are sent home."""
    return {"anonymous": status, **{role: signed_in_status for role in SIGNED_IN_ROLES}}


def only(roles: tuple[str, ...], status: int = 200, others: int = 403) -> dict:
    """Only `roles` (World role names); other signed-in roles get `others`, visitors sign in."""
    return {"anonymous": LOGIN, **{role: status if role in roles else others for role in SIGNED_IN_ROLES}}


NEW_PASSWORD = "matrix-new-password"
MATRIX_MODULE = "spot-unverified"  # assigned to class A; the student has an attempt in progress (world.py)
MATRIX_LESSON = "who-said-so"
STAFF = ("teacher", "other_teacher", "admin")

ROUTES: list[Route] = [
    Route("home.index", "GET", "/", everyone()),
    Route("accounts.login", "GET", "/login", visitors_only()),
    Route("accounts.login", "POST", "/login", visitors_only(302), {"username": "{student_name}", "password": PASSWORD}),
    Route("accounts.signup", "GET", "/signup", visitors_only()),
    Route(
        "accounts.signup",
        "POST",
        "/signup",
        visitors_only(302),
        {
            "join_code": "{join_code_a}",
            "username": "matrix-newcomer",
            "display_name": "Newcomer",
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    ),
    Route("accounts.logout", "POST", "/logout", signed_in(302)),
    Route("accounts.change_password", "GET", "/account/password", signed_in()),
    Route(
        "accounts.change_password",
        "POST",
        "/account/password",
        signed_in(302),
        {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    Route("accounts.admin_users", "GET", "/admin/users", only(("admin",))),
    Route(
        "accounts.admin_users",
        "POST",
        "/admin/users",
        only(("admin",), 302),
        {"display_name": "Made", "username": "matrix-made", "role": "teacher", "password": NEW_PASSWORD},
    ),
    Route("articles.library", "GET", "/articles/", signed_in()),
    Route("articles.reader", "GET", "/articles/nk-pow-kyivpost", signed_in()),
    Route("articles.compare", "GET", "/articles/compare?a=nk-pow-kyivpost&a=nk-pow-hngn", signed_in()),
    # Health checks (load balancers, the benchmark's baseline).
    Route("home.health", "GET", "/health", everyone()),
    Route("home.health_bare", "GET", "/health/bare", everyone()),
]


def class_a_staff(status: int = 200) -> dict:
    """Class A's teacher and admins; the other teacher gets 404 (the class is not theirs); students 403."""
    return {**only(STAFF, status), "other_teacher": 404}


def own_attempt(status: int = 200) -> dict:
    """The student's own attempt; anyone else's request is a 404, as for an attempt that does not exist."""
    return {**signed_in(404), "student": status}


ATTEMPT = "/quizzes/attempts/{attempt_a}"
REPORTS = "/reports/classes/{class_a}"
ROUTES += [
    # Lessons: every signed-in user reads them and marks them complete.
    Route("lessons.index", "GET", "/lessons/", signed_in()),
    Route("lessons.show", "GET", "/lessons/{lesson}", signed_in()),
    Route("lessons.complete", "POST", "/lessons/{lesson}/complete", signed_in(302)),
    # Quizzes: students take them, teachers and admins too (to preview); an attempt is its taker's only.
    Route("quizzes.index", "GET", "/quizzes/", signed_in()),
    Route("quizzes.module", "GET", "/quizzes/{module}", signed_in()),
    Route("quizzes.start", "POST", "/quizzes/{module}/start", signed_in(302)),
    Route("quizzes.item", "GET", ATTEMPT + "/items/1", own_attempt()),
    Route("quizzes.item", "POST", ATTEMPT + "/items/1", own_attempt(302), {"choice": "o1"}),
    Route("quizzes.finish", "GET", ATTEMPT + "/submit", own_attempt()),
    Route("quizzes.finish", "POST", ATTEMPT + "/submit", own_attempt(302)),
    Route("quizzes.results", "GET", ATTEMPT + "/results", own_attempt(302)),  # in progress: sent to submit
    # Classes: teachers manage their own classes, admins every class.
    Route("classes.index", "GET", "/classes/", only(STAFF)),
    Route("classes.index", "POST", "/classes/", only(STAFF, 302), {"name": "Matrix class"}),
    Route("classes.show", "GET", "/classes/{class_a}", class_a_staff()),
    Route("classes.regenerate_code", "POST", "/classes/{class_a}/join-code", class_a_staff(302)),
    Route("classes.set_archived", "POST", "/classes/{class_a}/archive", class_a_staff(302)),
    Route("classes.set_removed", "POST", "/classes/{class_a}/students/{enrollment_a}/remove", class_a_staff(302)),
    Route(
        "classes.add_teacher",
        "POST",
        "/classes/{class_a}/teachers",
        {**class_a_staff(302), "admin": 400},  # the teacher added the spare teacher already
        {"username": "{spare_teacher_name}"},
    ),
    Route(
        "classes.assign", "POST", "/classes/{class_a}/assignments", class_a_staff(302), {"work": "quiz:primary-source"}
    ),
    Route(
        "classes.unassign",
        "POST",
        "/classes/{class_a}/assignments/{assignment_a}/delete",
        {**class_a_staff(302), "admin": 404},  # the teacher deleted it already
    ),
    # Reports: class A's staff; a student sees only their own drill-down.
    Route("reports.overview", "GET", REPORTS + "/overview", class_a_staff()),
    Route("reports.overview_csv", "GET", REPORTS + "/overview.csv", class_a_staff()),
    Route("reports.skills", "GET", REPORTS + "/skills", class_a_staff()),
    Route("reports.skills_csv", "GET", REPORTS + "/skills.csv", class_a_staff()),
    Route("reports.items", "GET", REPORTS + "/items/{module}", class_a_staff()),
    Route("reports.items_csv", "GET", REPORTS + "/items/{module}.csv", class_a_staff()),
    Route(
        "reports.student",
        "GET",
        REPORTS + "/students/{student_id}",
        {**class_a_staff(), "student": 200, "other_student": 404},
    ),
    Route(
        "reports.student_csv",
        "GET",
        REPORTS + "/students/{student_id}.csv",
        {**class_a_staff(), "student": 200, "other_student": 404},
    ),
]
