"""LTI in a real Chromium: launches from PyPI's lti-provider-mock, and the whole journey with the test LMS
(teacher deep-links a module, a student launches it, answers, submits, and the LMS receives the score)."""

from __future__ import annotations

import importlib
import os
import socket
import threading
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from crosscheck.accounts.models import User
from crosscheck.catalog_access import get_catalog
from crosscheck.extensions import db
from crosscheck.lti.models import LtiDeployment, LtiPlatform, LtiUserLink
from crosscheck.lti.platforms import PlatformFields, save_platform
from tests.conftest import screenshot, start_and_open_question
from tests.lti.conftest import register
from tests.lti.platform import INSTRUCTOR, LEARNER, LmsUnderTest, Served

pytestmark = pytest.mark.browser
MOCK_ISSUER = "https://mock-lms.example"


def shot(page, name: str) -> None:
    screenshot(page, f"lti-{name}")


@pytest.fixture(scope="session")
def mock_lms(live_server):
    """lti-provider-mock (configured by environment, as its README says) under uvicorn on a free port."""
    import uvicorn

    os.environ.update(
        {
            "LTI_PROVIDER_MOCK__LTI__ISS": MOCK_ISSUER,
            "LTI_PROVIDER_MOCK__LTI__LOGIN_URL": f"{live_server}/lti/login",
            "LTI_PROVIDER_MOCK__LTI__LAUNCH_URL": f"{live_server}/lti/launch",
            "LTI_PROVIDER_MOCK__USERS": '[{"id": "mock-1", "given_name": "Mia", "family_name": "Mock",'
            ' "email": "mia@example.com"}]',
            "LTI_PROVIDER_MOCK__COURSES": '[{"id": "mock-course", "name": "Mock course"}]',
        }
    )
    mock = importlib.import_module("lti_provider_mock.server")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(mock.app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=5)


def test_launch_from_lti_provider_mock(page, live_app, live_server, mock_lms):
    with live_app.app_context():
        platform = save_platform(
            PlatformFields(
                name="Mock LMS",
                issuer=MOCK_ISSUER,
                client_id="lti-provider-mock",
                deployment_ids=["2"],  # wrong at first: the mock launches with deployment 1
                auth_login_url=f"{mock_lms}/authorize",
                auth_token_url="",
                key_set_url=f"{mock_lms}/jwks",
                no_role="student",  # the mock sends an empty roles list
            )
        )
        platform_id = platform.id
        users_before = db.session.query(User).count()

    page.goto(f"{mock_lms}/courses/mock-course")  # not signed in to the mock: it asks who we are first
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crosscheck could not open this launch")
    expect(page.get_by_text("deployment of Crosscheck is not registered")).to_be_visible()
    shot(page, "mock-unknown-deployment")
    with live_app.app_context():
        assert db.session.query(User).count() == users_before
        db.session.add(LtiDeployment(platform_id=platform_id, deployment_id="1"))
        db.session.commit()

    page.goto(f"{mock_lms}/courses/mock-course")
    page.wait_for_url(f"{live_server}/")
    expect(page.locator(".who")).to_contain_text("Mia Mock")
    expect(page.get_by_text("Your teacher has not opened Crosscheck in this course yet")).to_be_visible()
    shot(page, "mock-student-launched")
    page.goto(f"{mock_lms}/courses/mock-course")  # again: the same account
    page.wait_for_url(f"{live_server}/")
    with live_app.app_context():
        links = db.session.scalars(select(LtiUserLink).where(LtiUserLink.issuer == MOCK_ISSUER)).all()
        assert [(link.subject, link.user.role) for link in links] == [("mock-1", "student")]
        db.session.delete(db.session.get(LtiPlatform, platform_id))
        db.session.commit()


def test_teacher_places_a_module_a_student_answers_it_and_the_lms_gets_the_score(new_context, live_app, live_server):
    served = Served(
        LmsUnderTest(
            tool_login_url=f"{live_server}/lti/login",
            tool_launch_url=f"{live_server}/lti/launch",
            tool_key_set_url=f"{live_server}/lti/jwks",
            course={"id": "journey-course", "title": "Journey 8C", "label": "J8C"},
        )
    )
    lms = served.lms
    lms.add_user("jt-1", "Jo Teacher", INSTRUCTOR)
    lms.add_user("js-1", "Sam Student", LEARNER)
    with live_app.app_context():
        register(lms)
        module = get_catalog().quizzes["spot-unverified"]
        first_choice = next(n for n, item in enumerate(module.items, 1) if item.type == "choice")
    try:
        teacher = new_context().new_page()
        teacher.goto(lms.start_url("jt-1"))
        expect(teacher.get_by_role("heading", level=1)).to_have_text("Place Crosscheck work in your course")
        teacher.get_by_label("Lesson or quiz module").select_option(f"quiz:{module.id}")
        shot(teacher, "deep-link-picker")
        teacher.get_by_role("button", name="Place in course").click()
        expect(teacher.get_by_role("heading", level=1)).to_have_text("Placed in the course")
        (link,) = lms.links
        assert lms.links[link]["custom"] == {"crosscheck_kind": "quiz", "crosscheck_id": module.id}

        student = new_context().new_page()
        student.goto(lms.start_url("js-1", link))
        student.wait_for_url(f"{live_server}/quizzes/{module.id}")
        expect(student.locator(".who")).to_contain_text("Sam Student")
        start_and_open_question(student, first_choice)
        student.locator("input[type=radio]").first.check()
        student.get_by_role("button", name="Save my answer").click()
        student.get_by_role("link", name="Review and submit").first.click()
        student.get_by_role("button", name="Submit my answers").click()
        expect(student.get_by_role("heading", level=1)).to_contain_text("Results")
        shot(student, "student-results")

        (score,) = lms.scores
        assert score["userId"] == "js-1" and score["scoreMaximum"] == sum(i.points for i in module.items)
        teacher.goto(lms.start_url("jt-1", link))  # the teacher opens the placed module from the course
        teacher.wait_for_url(f"{live_server}/quizzes/{module.id}")
        teacher.goto(f"{live_server}/classes/")
        teacher.get_by_role("link", name="Journey 8C").click()
        teacher.get_by_role("link", name="Grades sent and roster sync").click()
        expect(teacher.get_by_role("rowheader", name="Sam Student")).to_be_visible()
        expect(teacher.get_by_role("cell", name="sent", exact=True)).to_be_visible()
        shot(teacher, "class-lms-page")
    finally:
        served.stop()
