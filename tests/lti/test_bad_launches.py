"""Refused launches: a clear page, a log line, nothing created. Each is a real login, then a token that fails."""

from __future__ import annotations

import logging
import time

import jwt
import pytest
from jwcrypto.jwk import JWK
from sqlalchemy import select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Classroom, Enrollment
from crosscheck.extensions import db
from crosscheck.lti.models import LtiContext, LtiDeployment, LtiPlatform, LtiUserLink
from tests.lti.conftest import launch, login_initiation
from tests.lti.platform import LEARNER

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"


def counts() -> tuple[int, ...]:
    """Rows a launch could create."""
    return tuple(db.session.query(m).count() for m in (User, LtiUserLink, Classroom, LtiContext, Enrollment))


def token(lms, login_nonce: str, key: str | None = None, **changes) -> str:
    """A launch token as the LMS would sign it, with `changes` (None removes a claim)."""
    now = int(time.time())
    claims = {
        "iss": lms.issuer,
        "aud": lms.client_id,
        "sub": "s-9",
        "iat": now,
        "exp": now + 300,
        "nonce": login_nonce,
        "name": "Eve Student",
        CLAIM + "message_type": "LtiResourceLinkRequest",
        CLAIM + "version": "1.3.0",
        CLAIM + "deployment_id": lms.deployment_id,
        CLAIM + "target_link_uri": lms.tool_launch_url,
        CLAIM + "resource_link": {"id": "link-x"},
        CLAIM + "roles": [LEARNER],
        CLAIM + "context": {"id": "course-7b", "title": "Media literacy 7B"},
    }
    for name, value in changes.items():
        name = CLAIM + name.removeprefix("lti_") if name.startswith("lti_") else name
        claims.pop(name, None) if value is None else claims.__setitem__(name, value)
    private = key or lms.private_key
    kid = JWK.from_pem(lms.public_key.encode()).thumbprint()
    return jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid})


def refused(client, lms, caplog, code: str, status: int = 400, **changes):
    """Log in as the LMS would, post a token with `changes`; check the page, the log and that nothing was made."""
    before = counts()
    query = login_initiation(client, lms, "s-1")
    with caplog.at_level(logging.WARNING, logger="crosscheck.lti.launch"):
        response = client.post(
            "/lti/launch", data={"id_token": token(lms, query["nonce"], **changes), "state": query["state"]}
        )
    html = response.get_data(as_text=True)
    assert response.status_code == status, html
    assert "could not open this launch" in html and f"<code>{code}</code>" in html
    assert f"LTI launch refused: {code}" in caplog.text
    assert counts() == before
    return response


def test_a_good_crafted_token_is_accepted(client, lms):
    """The helper's token is right: the refusals below come from their one change."""
    query = login_initiation(client, lms, "s-1")
    response = client.post("/lti/launch", data={"id_token": token(lms, query["nonce"]), "state": query["state"]})
    assert response.status_code == 302


def test_bad_signature(client, lms, caplog):
    refused(client, lms, caplog, "signature", key=lms.other_private_key)


def test_expired_token(client, lms, caplog):
    refused(client, lms, caplog, "expired", exp=int(time.time()) - 600, iat=int(time.time()) - 900)


def test_token_without_expiry(client, lms, caplog):
    refused(client, lms, caplog, "signature", exp=None)


def test_wrong_audience(client, lms, caplog):
    refused(client, lms, caplog, "audience", aud=[lms.client_id, "another-tool"])


def test_unknown_client(client, lms, caplog):
    refused(client, lms, caplog, "unknown_client", aud="someone-else")


def test_unknown_issuer(client, lms, caplog):
    refused(client, lms, caplog, "unknown_issuer", iss="https://lms.elsewhere.example")


def test_unknown_deployment(client, lms, caplog):
    refused(client, lms, caplog, "unknown_deployment", lti_deployment_id="deploy-9")


def test_missing_role(client, lms, caplog):
    refused(client, lms, caplog, "role", lti_roles=None)


def test_role_with_no_place_here(client, lms, caplog):
    refused(client, lms, caplog, "role", 403, lti_roles=["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"])


def test_empty_roles_refused_unless_the_platform_allows_it(client, app, lms, caplog):
    refused(client, lms, caplog, "role", 403, lti_roles=[])
    db.session.scalar(select(LtiPlatform)).no_role = "student"
    db.session.commit()
    other = app.test_client()
    query = login_initiation(other, lms, "s-1")
    response = other.post(
        "/lti/launch", data={"id_token": token(lms, query["nonce"], lti_roles=[]), "state": query["state"]}
    )
    assert response.status_code == 302


def test_replayed_token(client, lms, caplog):
    query = login_initiation(client, lms, "s-1")
    form = {"id_token": token(lms, query["nonce"]), "state": query["state"]}
    assert client.post("/lti/launch", data=form).status_code == 302
    before = counts()
    with caplog.at_level(logging.WARNING, logger="crosscheck.lti.launch"):
        again = client.post("/lti/launch", data=form)
    assert again.status_code == 400 and "<code>replayed</code>" in again.get_data(as_text=True)
    assert counts() == before


def test_launch_from_another_browser_is_refused(client, app, lms, caplog):
    query = login_initiation(client, lms, "s-1")  # the state cookie is in `client`, not in the other browser
    other = app.test_client()
    with caplog.at_level(logging.WARNING, logger="crosscheck.lti.launch"):
        response = other.post("/lti/launch", data={"id_token": token(lms, query["nonce"]), "state": query["state"]})
    assert response.status_code == 400 and "<code>state</code>" in response.get_data(as_text=True)


def test_nonce_never_issued(client, lms, caplog):
    refused(client, lms, caplog, "replayed", nonce="made-up-nonce")


@pytest.mark.parametrize("reason", ["unreachable", "not json"])
def test_unreachable_key_set_is_an_error_then_retried(client, app, lms, caplog, reason):
    platform = db.session.scalar(select(LtiPlatform))
    good = platform.key_set_url
    platform.key_set_url = "http://127.0.0.1:9/jwks" if reason == "unreachable" else f"{lms.base_url}/start"
    db.session.commit()
    response = refused(client, lms, caplog, "key_set", 503)
    assert "try again" in response.get_data(as_text=True)
    platform.key_set_url = good  # the LMS is back: the next launch fetches the key set again
    db.session.commit()
    assert launch(app.test_client(), lms, "t-1").status_code == 302


def test_unregistered_login_initiation_is_refused(client, lms, caplog):
    with caplog.at_level(logging.WARNING, logger="crosscheck.lti.launch"):
        response = client.get("/lti/login?iss=https://nobody.example&login_hint=x&target_link_uri=y")
    assert response.status_code == 400 and "<code>unknown_issuer</code>" in response.get_data(as_text=True)
    assert "LTI launch refused: unknown_issuer" in caplog.text


def test_deployment_removed_from_the_registration(client, lms, caplog):
    db.session.query(LtiDeployment).delete()
    db.session.add(LtiDeployment(platform_id=db.session.scalar(select(LtiPlatform.id)), deployment_id="other"))
    db.session.commit()
    before = counts()
    response = launch(client, lms, "t-1")
    assert response.status_code == 400 and "<code>unknown_deployment</code>" in response.get_data(as_text=True)
    assert counts() == before


def test_platform_signing_with_an_unpublished_key(client, lms, caplog):
    lms.sign_with_other_key = True  # the LMS signs with a key its key set does not hold
    before = counts()
    response = launch(client, lms, "t-1")
    assert response.status_code == 400 and "<code>signature</code>" in response.get_data(as_text=True)
    assert counts() == before


def test_a_learner_cannot_deep_link(client, lms, caplog):
    settings = {
        "deep_link_return_url": f"{lms.base_url}/deep-link-return",
        "accept_types": ["ltiResourceLink"],
        "accept_presentation_document_targets": ["window"],
    }
    refused(
        client,
        lms,
        caplog,
        "role",
        403,
        lti_message_type="LtiDeepLinkingRequest",
        lti_resource_link=None,
        **{"https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": settings},
    )
