"""axe-core in a real Chromium on every page a visitor, student, teacher or admin can reach.

No serious or critical violation may remain (moderate and minor ones are printed). Each page also loads under
the Content-Security-Policy without a single violation. PAGES lists the pages per role: a branch that adds
pages adds their addresses here (a string), or a function that drives the browser to a state worth checking
(a form with errors, a results page).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
FAILING_IMPACTS = {"serious", "critical"}


def login_with_wrong_password(page, base: str) -> None:
    """The sign-in form showing its error."""
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()


def signup_with_errors(page, base: str) -> None:
    """The sign-up form with an error beside each field."""
    page.goto(f"{base}/signup")
    page.get_by_role("button", name="Create account").click()


def password_with_errors(page, base: str) -> None:
    """The password form with errors."""
    page.goto(f"{base}/account/password")
    page.get_by_role("button", name="Change password").click()


def admin_form_with_errors(page, base: str) -> None:
    """The admin's create-user form with errors."""
    page.goto(f"{base}/admin/users")
    page.get_by_role("button", name="Create user").click()


Step = str | Callable
READER = "/articles/nk-pow-kyivpost"
COMPARE_ALL = "/articles/compare?" + "&".join(
    f"a={a}" for a in ("nk-pow-kyivpost", "nk-pow-captives", "nk-pow-glimpse", "nk-pow-hngn", "nk-pow-diplomat")
)
SIGNED_IN_PAGES: list[Step] = [
    "/",
    "/articles/",
    READER,
    READER + "?furniture=show",
    "/articles/nk-pow-glimpse?furniture=show",
    "/articles/compare",
    "/articles/compare?a=nk-pow-kyivpost",  # the "choose at least two" error
    COMPARE_ALL,
    "/account/password",
    password_with_errors,
    "/articles/no-such-article",  # 404 page
]
PAGES: dict[str, list[Step]] = {
    "anonymous": ["/", "/login", "/signup", login_with_wrong_password, signup_with_errors, "/no-such-page"],
    "student": [*SIGNED_IN_PAGES, "/admin/users"],  # 403 page
    "teacher": SIGNED_IN_PAGES,
    "admin": ["/", "/admin/users", admin_form_with_errors],
}


def describe(violation: dict) -> str:
    """One violation, its impact and where it was found."""
    targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:3])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


@pytest.mark.parametrize("role", PAGES)
def test_no_serious_accessibility_violations(page, live_server, live_builders, role):
    if role != "anonymous":
        # A name of its own: on PostgreSQL the live server shares the test database, where the last test that
        # ran before this one may have left a "student1" (tables are emptied when a test starts, not after).
        user = live_builders.user(role, username=f"axe-{role}")
        page.goto(f"{live_server}/login")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server}/")
    csp_refusals: list[str] = []
    page.on("console", lambda msg: csp_refusals.append(msg.text) if "Content Security Policy" in msg.text else None)
    axe = Axe()
    failures, notes = [], []
    for step in PAGES[role]:
        if callable(step):
            step(page, live_server)
            where = step.__name__
        else:
            page.goto(f"{live_server}{step}")
            where = step
        for violation in axe.run(page).response["violations"]:
            (failures if violation["impact"] in FAILING_IMPACTS else notes).append(f"{where}: {describe(violation)}")
        failures += [f"{where}: {text}" for text in csp_refusals]
        csp_refusals.clear()
    print("\n".join(["moderate or minor:", *notes]) if notes else "no moderate or minor violations")
    assert failures == []
