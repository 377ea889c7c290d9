"""Registering an LMS (page and command), the tool configuration, the key set and its rotation."""

from __future__ import annotations

import jwt
from jwcrypto.jwk import JWK
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.lti import keys
from crosscheck.lti.models import LtiPlatform
from tests.conftest import post_form

FORM = {
    "name": "District Moodle",
    "issuer": "https://moodle.district.example",
    "client_id": "abc123",
    "deployment_ids": "1\n2, 2",
    "auth_login_url": "https://moodle.district.example/mod/lti/auth.php",
    "auth_token_url": "https://moodle.district.example/mod/lti/token.php",
    "key_set_url": "https://moodle.district.example/mod/lti/certs.php",
    "auth_audience": "",
    "admin_role": "teacher",
    "no_role": "refuse",
}


def test_admin_registers_a_platform_and_sees_the_configuration(client, signed_in):
    signed_in("admin")
    page = client.get("/admin/lti").get_data(as_text=True)
    for url in ("http://localhost/lti/login", "http://localhost/lti/launch", "http://localhost/lti/jwks"):
        assert url in page
    response = post_form(client, "/admin/lti", FORM, follow_redirects=True)
    assert "Registered District Moodle" in response.get_data(as_text=True)
    platform = db.session.scalar(select(LtiPlatform))
    assert platform.deployment_ids == ["1", "2"] and platform.client_id == "abc123"
    again = post_form(client, "/admin/lti", FORM)
    assert again.status_code == 400 and "already registered" in again.get_data(as_text=True)
    edit = post_form(client, f"/admin/lti/{platform.id}", {**FORM, "deployment_ids": "1\n3"}, follow_redirects=True)
    assert "Saved District Moodle" in edit.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(LtiPlatform, platform.id).deployment_ids == ["1", "3"]
    post_form(client, f"/admin/lti/{platform.id}/delete")
    assert db.session.query(LtiPlatform).count() == 0


def test_bad_registration_says_what_to_fix(client, signed_in):
    signed_in("admin")
    response = post_form(client, "/admin/lti", {**FORM, "key_set_url": "ftp://x", "deployment_ids": " , "})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "must be an http:// or https:// address" in page and "at least one deployment id" in page
    assert db.session.query(LtiPlatform).count() == 0


def test_register_command(app):
    runner = app.test_cli_runner()
    args = ["lti", "register", "--name", "Canvas", "--issuer", "https://canvas.instructure.com", "--client-id", "10000"]
    args += ["--deployment", "7:abc", "--auth-url", "https://sso.canvaslms.com/api/lti/authorize_redirect"]
    args += ["--key-set-url", "https://sso.canvaslms.com/api/lti/security/jwks"]
    args += ["--token-url", "https://sso.canvaslms.com/login/oauth2/token"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "Registered Canvas" in result.output and "/lti/launch" in result.output
    result = runner.invoke(args=[*args[:-2], "--token-url", "nonsense"])
    assert result.exit_code != 0 and "must be an http" in result.output
    listed = runner.invoke(args=["lti", "platforms"])
    assert "https://canvas.instructure.com\t10000\tdeployments: 7:abc" in listed.output
    config = runner.invoke(args=["lti", "config", "--base-url", "https://crosscheck.school.example"])
    assert "Public key set URL (JWKS): https://crosscheck.school.example/lti/jwks" in config.output


def test_jwks_is_public_and_rotation_keeps_the_previous_key(client, app):
    first = client.get("/lti/jwks").get_json()["keys"]
    assert len(first) == 1 and first[0]["alg"] == "RS256" and "d" not in first[0]  # no private part
    result = app.test_cli_runner().invoke(args=["lti", "rotate-key"])
    assert result.exit_code == 0
    second = client.get("/lti/jwks").get_json()["keys"]
    assert [k["kid"] for k in second][1] == first[0]["kid"] and len(second) == 2
    keys.rotate()
    third = client.get("/lti/jwks").get_json()["keys"]
    assert first[0]["kid"] not in [k["kid"] for k in third] and len(third) == 2
    # What the tool signs now verifies with the published key of the same kid.
    key = keys.signing_key()
    token = jwt.encode({"x": 1}, key.private_pem, algorithm="RS256", headers={"kid": key.kid})
    published = next(k for k in third if k["kid"] == jwt.get_unverified_header(token)["kid"])
    assert jwt.decode(token, JWK(**published).export_to_pem(), algorithms=["RS256"]) == {"x": 1}


def test_admin_rotates_from_the_page(client, signed_in):
    signed_in("admin")
    client.get("/lti/jwks")
    response = post_form(client, "/admin/lti/keys/rotate", follow_redirects=True)
    assert "New signing key" in response.get_data(as_text=True)
    assert len(keys.published_keys()) == 2
