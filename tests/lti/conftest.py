"""Fixtures for LTI: the test LMS (tests/lti/platform.py) served on 127.0.0.1 and registered with the app."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from crosscheck.extensions import db
from crosscheck.lti import keys
from crosscheck.lti.models import LtiToolKey
from crosscheck.lti.platforms import PlatformFields, save_platform
from tests.lti.platform import INSTRUCTOR, LEARNER, LmsUnderTest, Served

TOOL = "http://localhost"  # the test client's address


@pytest.fixture(scope="session")
def tool_key_pems() -> tuple[str, str, str]:
    """One tool key pair for the session (kid, private, public): making one per test would cost ~0.5 s each."""
    key = keys._new_key()
    return key.kid, key.private_pem, key.public_pem


@pytest.fixture
def lms(app, tool_key_pems):
    """A test LMS with a teacher and two students, registered in the app; stopped after the test."""
    kid, private_pem, public_pem = tool_key_pems
    db.session.add(LtiToolKey(kid=kid, private_pem=private_pem, public_pem=public_pem))
    db.session.commit()
    served = Served(LmsUnderTest(tool_login_url=f"{TOOL}/lti/login", tool_launch_url=f"{TOOL}/lti/launch"))
    lms = served.lms
    lms.add_user("t-1", "Ms Teacher", INSTRUCTOR)
    lms.add_user("s-1", "Ana Student", LEARNER)
    lms.add_user("s-2", "Ben Student", LEARNER)
    register(lms)
    lms.tool_key_set = keys.jwks()
    yield lms
    served.stop()


def register(lms: LmsUnderTest, **changes):
    """Register the LMS in the app as its admin would."""
    fields = PlatformFields(
        name="Test LMS",
        issuer=lms.issuer,
        client_id=lms.client_id,
        deployment_ids=[lms.deployment_id],
        auth_login_url=f"{lms.base_url}/authorize",
        auth_token_url=f"{lms.base_url}/token",
        key_set_url=f"{lms.base_url}/jwks",
    )
    for name, value in changes.items():
        setattr(fields, name, value)
    return save_platform(fields)


def login_initiation(client, lms: LmsUnderTest, user_id: str, link: str | None = None) -> dict:
    """The LMS starts a login; the tool answers with the LMS's authorize URL. Its query (state, nonce, ...)."""
    start = requests.get(lms.start_url(user_id, link), allow_redirects=False, timeout=10)
    assert start.status_code == 302, start.text
    answer = client.get(start.headers["Location"])
    assert answer.status_code == 302, answer.get_data(as_text=True)
    authorize = answer.headers["Location"]
    assert authorize.startswith(f"{lms.base_url}/authorize")
    return {"url": authorize, **{k: v[0] for k, v in parse_qs(urlparse(authorize).query).items()}}


def platform_launch_form(authorize_url: str) -> dict:
    """The LMS's signed launch form (id_token, state) for an authorize URL."""
    page = requests.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text
    return {name: unescape(value) for name, value in re.findall(r'name="(id_token|state)" value="([^"]*)"', page.text)}


def launch(client, lms: LmsUnderTest, user_id: str, link: str | None = None):
    """A whole launch, as a browser would run it: login initiation, the LMS's form, the launch POST."""
    query = login_initiation(client, lms, user_id, link)
    return client.post("/lti/launch", data=platform_launch_form(query["url"]))


def place(client, lms: LmsUnderTest, kind: str, target_id: str, teacher: str = "t-1") -> str:
    """A teacher deep-links a lesson or module into the course; the new resource link id."""
    response = launch(client, lms, teacher)
    assert response.status_code == 302 and response.headers["Location"].endswith("/lti/deep-link")
    from tests.conftest import post_form

    reply = post_form(client, "/lti/deep-link", {"work": f"{kind}:{target_id}"})
    assert reply.status_code == 200, reply.get_data(as_text=True)
    html = reply.get_data(as_text=True)
    action = unescape(re.search(r'<form method="post" action="([^"]+)" data-autosubmit', html).group(1))
    token = re.search(r'name="JWT" value="([^"]+)"', html).group(1)
    placed = requests.post(action, data={"JWT": token}, timeout=10)
    assert placed.status_code == 200, placed.text
    return re.search(r"<p id='links'>([^<]+)</p>", placed.text).group(1).split()[-1]


def rows(model) -> int:
    """How many rows a table has."""
    return db.session.query(model).count()
