"""axe-core in a real Chromium on every page a visitor, student, teacher or admin can reach.

No violation of any impact may remain (minor, moderate, serious or critical). Each page also loads under
the Content-Security-Policy without a single violation. PAGES lists the pages per role: a branch that adds
pages adds their addresses here (a string), or a function that drives the browser to a state worth checking
(a form with errors, a results page). Pages of features not in this build yet are (endpoint, step) pairs,
checked once that endpoint exists.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe

from crosscheck.items import ITEM_TYPES
from tests.conftest import PASSWORD, shared_catalog

pytestmark = [pytest.mark.browser, pytest.mark.one_engine]  # the pages' markup is the same on both engines


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


def join_with_a_wrong_code(page, base: str) -> None:
    """The student's Join a class form with its error (a code no class has)."""
    page.goto(f"{base}/classes/join")
    page.get_by_label("Class join code").fill("NONE-SUCH")
    page.get_by_role("button", name="Join class").click()
    page.wait_for_load_state()


def password_with_errors(page, base: str) -> None:
    """The password form with errors."""
    page.goto(f"{base}/account/password")
    page.get_by_role("button", name="Change password").click()


def admin_form_with_errors(page, base: str) -> None:
    """The admin's create-user form with errors."""
    page.goto(f"{base}/admin/users")
    page.get_by_role("button", name="Create user").click()


QUIZ = "final-mixed"  # has items of every type marked automatically


def quiz_item_of_type(kind: str) -> Callable:
    """A step: start or resume the quiz and open its first item of `kind` (a registered item type)."""

    def step(page, base: str) -> None:
        module_id = module_with(kind)
        page.goto(f"{base}/quizzes/{module_id}")
        page.locator("form[action$='/start'] button").click()
        page.wait_for_url("**/items/*")
        attempt_url = page.url.rsplit("/items/", 1)[0]
        number = next(n for n, item in enumerate(catalog_items(module_id), 1) if item.type == kind)
        page.goto(f"{attempt_url}/items/{number}")

    step.__name__ = f"quiz {kind} item"
    return step


def catalog_items(module_id: str = QUIZ):
    """The items of a quiz module the steps take, from the shipped content."""
    return shared_catalog().quizzes[module_id].items


def module_with(kind: str) -> str:
    """QUIZ when it has an item of `kind`, else the first shipped module that does (written items have their own)."""
    modules = [QUIZ, *sorted(shared_catalog().quizzes)]
    return next(m for m in modules if any(item.type == kind for item in catalog_items(m)))


def quiz_item_answered(page, base: str) -> None:
    """A choice item answered: the feedback and explanation shown after it."""
    quiz_item_of_type("choice")(page, base)
    page.locator(".answer-form input[type=radio]").first.check()
    page.get_by_role("button", name="Save my answer").click()


def quiz_item_with_error(page, base: str) -> None:
    """A multi item sent without a choice: the error beside the options."""
    quiz_item_of_type("multi")(page, base)
    page.get_by_role("button", name="Save my answer").click()


def quiz_submitted(page, base: str) -> None:
    """The submit page, then the results page after submitting."""
    page.goto(page.url.rsplit("/items/", 1)[0] + "/submit")
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url("**/results")


def workspace_editor_with_error(page, base: str) -> None:
    """A new quiz module in the workspace, saved with a quote that is not in its article: the error at its line."""
    from tests.workspace.helpers import BAD_QUOTE, module_text

    page.goto(f"{base}/workspace/")
    page.get_by_label("Kind").select_option("quiz")
    page.get_by_label("Id (lowercase words and hyphens; fixed once made)").fill("axe-module")
    page.get_by_label("Title").fill("Axe module")
    page.get_by_role("button", name="Make it").click()
    page.get_by_label("Text of quizzes/axe-module.yaml").fill(module_text("axe-module", BAD_QUOTE))
    page.get_by_role("button", name="Save as version 2").click()


def workspace_preview(page, base: str) -> None:
    """The module fixed and previewed: each item as a student sees it, then its answer and feedback."""
    from tests.workspace.helpers import module_text

    page.goto(f"{base}/workspace/axe-module/edit")
    page.get_by_label("Text of quizzes/axe-module.yaml").fill(module_text("axe-module"))
    page.get_by_role("button", name="Save as version 3").click()
    page.goto(f"{base}/workspace/axe-module/preview")


def workspace_story(page, base: str) -> None:
    """A story with one article: its furniture toggles (the figure finder and story page follow)."""
    from tests.workspace.stories import COURIER

    page.goto(f"{base}/workspace/")
    page.get_by_label("Kind").select_option("story")
    page.get_by_label("Id (lowercase words and hyphens; fixed once made)").fill("axe-story")
    page.get_by_label("Title").fill("Axe story")
    page.get_by_role("button", name="Make it").click()
    page.goto(f"{base}/workspace/axe-story/articles/new")
    page.get_by_label("File name (e.g. 002-bbc)").fill("000-courier")
    page.get_by_label("Article id (used by lessons and quiz items)").fill("axe-courier")
    page.get_by_label("Outlet, as the text names it").fill(COURIER["outlet"])
    page.get_by_label("Where the text names the outlet, or why no outlet is named").fill(COURIER["outlet_note"])
    page.get_by_label("Headline, exactly as in the text").fill(COURIER["headline"])
    page.get_by_label("Where the date comes from, or that the text states none").fill(COURIER["date_note"])
    page.get_by_label("Where it came from (web address or file name)").fill(COURIER["source"])
    page.get_by_label("The text, pasted as captured (one paragraph a line)").fill(COURIER["text"])
    page.get_by_role("button", name="Add the article").click()


WORKSPACE_PAGES: list = [
    ("workspace.index", "/workspace/"),
    ("workspace.edit", workspace_editor_with_error),
    ("workspace.document", "/workspace/axe-module"),
    ("workspace.preview", "/workspace/axe-module/preview"),  # with errors: what keeps it from loading
    ("workspace.preview", workspace_preview),
    ("workspace.version", "/workspace/axe-module/versions/2"),
    ("workspace.furniture", workspace_story),
    ("workspace.figures", "/workspace/axe-story/articles/000-courier/figures"),
    ("workspace.document", "/workspace/axe-story"),
    ("workspace.preview_article", "/workspace/axe-story/preview/articles/axe-courier"),
    ("workspace.guide", "/workspace/guide/quizzes"),
]

Step = str | Callable
QUIZ_PAGES: list[Step] = [
    "/quizzes/",
    f"/quizzes/{QUIZ}",
    *(quiz_item_of_type(kind) for kind in ITEM_TYPES),
    quiz_item_answered,
    quiz_item_with_error,
    quiz_submitted,
    f"/quizzes/{QUIZ}",  # with a submitted attempt listed
]
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
# Pages of features from other branches: (endpoint, step), checked once that endpoint is in the build.
# "{class_id}", "{student_id}", "{lesson}" name the class, student and lesson `school` builds; "{results}" the
# results of the student's second submitted attempt at ANSWERED_QUIZ (every item answered, twice).
LESSON_PAGES: list = [("lessons.index", "/lessons/"), ("lessons.show", "/lessons/{lesson}")]
TEACHER_PAGES: list = [
    *LESSON_PAGES,
    ("classes.index", "/classes/"),
    ("classes.show", "/classes/{class_id}"),
    ("reports.overview", "/reports/classes/{class_id}/overview"),
    ("reports.skills", "/reports/classes/{class_id}/skills"),
    ("reports.items", f"/reports/classes/{{class_id}}/items/{QUIZ}"),
    ("reports.student", "/reports/classes/{class_id}/students/{student_id}"),
    *WORKSPACE_PAGES,
]
STUDENT_PAGES: list = [
    *LESSON_PAGES,
    ("classes.join", "/classes/join"),
    ("classes.join", join_with_a_wrong_code),
    ("reports.student", "/reports/classes/{class_id}/students/{student_id}"),
    ("quizzes.results", "/quizzes/attempts/{results}/results"),
]
PAGES: dict[str, list] = {
    "anonymous": ["/", "/login", "/signup", login_with_wrong_password, signup_with_errors, "/no-such-page"],
    "student": [*SIGNED_IN_PAGES, "/admin/users", *QUIZ_PAGES, *STUDENT_PAGES],  # /admin/users: the 403 page
    "teacher": [*SIGNED_IN_PAGES, "/quizzes/", f"/quizzes/{QUIZ}", *TEACHER_PAGES],
    "admin": ["/", "/admin/users", admin_form_with_errors],
}


def school(app, builders, user) -> dict:
    """With the classes feature: a class where `user` teaches or studies, the quiz assigned; names for URLs."""
    if "classes.show" not in app.view_functions:
        return {}
    from crosscheck.catalog_access import get_catalog
    from crosscheck.classes import service

    teacher = user if user.role == "teacher" else builders.user("teacher")
    student = user if user.role == "student" else builders.user("student")
    classroom = builders.classroom(teacher=teacher, students=[student], name="Axe class")
    service.assign(classroom, "quiz", QUIZ, None, teacher)
    lessons = get_catalog().lessons
    results = [answer_every_item(student, get_catalog().quizzes[ANSWERED_QUIZ]) for _ in range(2)][-1]
    return {"class_id": classroom.id, "student_id": student.id, "lesson": next(iter(lessons), ""), "results": results}


ANSWERED_QUIZ = "spot-unverified"  # not QUIZ: the student's own steps take QUIZ from its first attempt


def answer_every_item(student, module) -> int:
    """A submitted attempt with every item answered as its key says (same verdicts: same headings); its id."""
    from crosscheck.items import item_type
    from crosscheck.quizzes.service import save_answer, start_or_resume, submit

    attempt = start_or_resume(student, module)
    for item in module.items:
        save_answer(attempt, item, item_type(item.type).answer_key(item.content))
    submit(attempt)
    return attempt.id


def describe(violation: dict) -> str:
    """One violation, its impact and where it was found."""
    targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:3])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


@pytest.mark.parametrize("role", PAGES)
def test_no_accessibility_violations(page, live_app, live_server, live_builders, role):
    fields = {}
    if role != "anonymous":
        user = live_builders.user(role)
        fields = school(live_app, live_builders, user)
        page.goto(f"{live_server}/login")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server}/")
    csp_refusals: list[str] = []
    page.on("console", lambda msg: csp_refusals.append(msg.text) if "Content Security Policy" in msg.text else None)
    axe = Axe()
    failures = []
    for step in PAGES[role]:
        if isinstance(step, tuple):  # another feature's page: only when it is in this build
            endpoint, step = step
            if endpoint not in live_app.view_functions:
                continue
        if callable(step):
            step(page, live_server)
            where = step.__name__
        else:
            where = step.format(**fields)
            page.goto(f"{live_server}{where}")
        for violation in axe.run(page).response["violations"]:
            failures.append(f"{where}: {describe(violation)}")
        failures += [f"{where}: {text}" for text in csp_refusals]
        csp_refusals.clear()
    assert failures == []
