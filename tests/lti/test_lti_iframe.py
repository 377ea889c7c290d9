"""LTI inside the LMS's iframe, in a real Chromium: the LMS page (http://localhost:...) frames the tool
(https://127.0.0.1:..., another site), as Moodle's and Canvas's "embed" option does. The teacher deep-links a
module, a student answers it inside the frame, and the LMS receives the score.

The tool is served over real TLS (a certificate made for the test; the browser context accepts it): in a
cross-site frame, cookies are sent only when SameSite=None, and browsers accept SameSite=None only with
Secure. pylti1p3 marks its state cookie so only when the request is HTTPS, so over plain HTTP a framed launch
is refused at the state check, which the last test shows. docs/lti.md says the same to administrators.
"""

from __future__ import annotations

import datetime
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from playwright.sync_api import expect

from crosscheck.catalog_access import get_catalog
from crosscheck.extensions import db
from crosscheck.lti import keys
from crosscheck.lti.models import LtiToolKey
from tests.conftest import screenshot, start_and_open_question
from tests.lti.conftest import register
from tests.lti.platform import INSTRUCTOR, LEARNER, LmsUnderTest, QuietHandler, Served
from tests.serving import ServedApp

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate and key for 127.0.0.1 (PEM file paths)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_path), str(key_path)


class FramedSetup:
    """The LMS on localhost, the tool (an app that lets the LMS frame it) on 127.0.0.1, registered both ways."""

    def __init__(self, make_app, tool_key_pems, tls_files: tuple[str, str] | None):
        self.served = Served(LmsUnderTest(tool_login_url="", tool_launch_url=""), host="localhost")
        self.lms = lms = self.served.lms
        self.app = make_app(LTI_FRAME_ANCESTORS=lms.base_url)
        self.server = ServedApp(self.app, request_handler=QuietHandler, ssl_context=tls_files)
        self.tool = self.server.url()
        lms.tool_login_url, lms.tool_launch_url = f"{self.tool}/lti/login", f"{self.tool}/lti/launch"
        lms.add_user("ft-1", "Fay Teacher", INSTRUCTOR)
        lms.add_user("fs-1", "Finn Student", LEARNER)
        with self.app.app_context():
            kid, private_pem, public_pem = tool_key_pems
            db.session.add(LtiToolKey(kid=kid, private_pem=private_pem, public_pem=public_pem))
            db.session.commit()
            register(lms)
            lms.tool_key_set = keys.jwks()

    def stop(self) -> None:
        self.server.stop()
        self.served.stop()


@pytest.fixture
def framed(make_app, tool_key_pems, tls_files):
    setup = FramedSetup(make_app, tool_key_pems, tls_files)
    yield setup
    setup.stop()


def shot(page, name: str) -> None:
    screenshot(page, f"lti-framed-{name}")


def test_inside_the_lms_iframe_a_teacher_places_a_module_and_a_student_answers_it(new_context, framed):
    lms = framed.lms
    with framed.app.app_context():
        module = get_catalog().quizzes["spot-unverified"]
        first_choice = next(n for n, item in enumerate(module.items, 1) if item.type == "choice")

    teacher = new_context(ignore_https_errors=True).new_page()
    teacher.goto(lms.framed_url("ft-1"))
    tool = teacher.frame_locator("iframe[title=Crosscheck]")
    expect(tool.get_by_role("heading", level=1)).to_have_text("Place Crosscheck work in your course")
    tool.get_by_label("Lesson or quiz module").select_option(f"quiz:{module.id}")
    shot(teacher, "deep-link-picker")
    tool.get_by_role("button", name="Place in course").click()
    expect(tool.get_by_role("heading", level=1)).to_have_text("Placed in the course")
    (link,) = lms.links
    session_cookie = next(c for c in teacher.context.cookies(framed.tool) if c["name"] == "session")
    assert (session_cookie["sameSite"], session_cookie["secure"]) == ("None", True)
    assert teacher.url == lms.framed_url("ft-1")  # the LMS page never left: all of it happened in the frame

    student = new_context(ignore_https_errors=True).new_page()
    student.goto(lms.framed_url("fs-1", link))
    tool = student.frame_locator("iframe[title=Crosscheck]")
    expect(tool.locator(".who")).to_contain_text("Finn Student")
    start_and_open_question(tool, first_choice)
    tool.locator("input[type=radio]").first.check()
    tool.get_by_role("button", name="Save my answer").click()
    expect(tool.locator(".answered-mark")).to_have_count(1)  # the frame's session kept the answer
    tool.get_by_role("link", name="Review and submit").first.click()
    tool.get_by_role("button", name="Submit my answers").click()
    expect(tool.get_by_role("heading", level=1)).to_contain_text("Results")
    shot(student, "student-results")
    assert student.url == lms.framed_url("fs-1", link)
    (score,) = lms.scores
    assert score["userId"] == "fs-1" and score["scoreMaximum"] == sum(i.points for i in module.items)


def test_over_plain_http_a_framed_launch_is_refused_at_the_state_check(new_context, make_app, tool_key_pems):
    """Without HTTPS the state cookie set in the frame is a SameSite=Lax cookie of another site: the browser
    drops it, so the launch cannot be tied to its login and is refused (the new-window launch still works)."""
    setup = FramedSetup(make_app, tool_key_pems, None)
    try:
        page = new_context().new_page()
        page.goto(setup.lms.framed_url("fs-1"))
        tool = page.frame_locator("iframe[title=Crosscheck]")
        expect(tool.get_by_role("heading", level=1)).to_have_text("Crosscheck could not open this launch")
        expect(tool.locator("code")).to_have_text("state")
        shot(page, "plain-http-refused")
    finally:
        setup.stop()
