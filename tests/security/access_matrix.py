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
]
