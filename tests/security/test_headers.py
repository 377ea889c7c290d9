"""Security headers on every kind of response, cookie flags, the proxy setting, and templates fit for the CSP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from crosscheck.accounts.models import LoginFailure
from crosscheck.config import PROJECT_ROOT, ProductionConfig
from crosscheck.extensions import db
from crosscheck.security import CONTENT_SECURITY_POLICY
from tests.conftest import csrf_token, login

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (None, "/", 200),
        (None, "/login", 200),
        (None, "/articles/", 302),
        (None, "/static/style.css", 200),
        (None, "/no-such-page", 404),
        ("student", "/articles/nk-pow-hngn", 200),
        ("student", "/admin/users", 403),
    ],
)
def test_every_response_carries_the_security_headers(client, signed_in, role, url, status):
    if role:
        signed_in(role)
    response = client.get(url)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def test_a_views_own_security_header_is_kept_and_sent_once(make_app):
    app = make_app()
    # Named in lower case: header names are compared without case. Plain text: not a page for the Nu check.
    own = {"x-frame-options": "SAMEORIGIN", "Content-Type": "text/plain"}
    app.add_url_rule("/framed", "framed", lambda: ("ok", 200, own))
    response = app.test_client().get("/framed")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    for name, value in EXPECTED.items():
        assert response.headers.getlist(name) == ([value] if name != "X-Frame-Options" else ["SAMEORIGIN"])


def test_signed_in_pages_are_not_cached_but_files_are_not_forced(client, signed_in):
    signed_in()
    assert client.get("/articles/").headers["Cache-Control"] == "no-store"
    assert client.get("/static/style.css").headers.get("Cache-Control") != "no-store"


def session_cookie(response) -> str:
    """The Set-Cookie header of the session cookie."""
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_session_cookie_is_httponly_and_samesite_lax(client):
    cookie = session_cookie(client.get("/login"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_production_sends_the_session_cookie_over_https_only(make_app):
    production = {k: getattr(ProductionConfig, k) for k in dir(ProductionConfig) if k.isupper()}
    app = make_app(**{**production, "SECRET_KEY": "a-production-secret", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    cookie = session_cookie(app.test_client().get("/login"))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(("proxies", "recorded"), [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_forwarded_address_is_trusted_only_behind_a_configured_proxy(make_app, proxies, recorded):
    app = make_app(PROXY_FIX=proxies)
    client = app.test_client()
    login(client, "nobody", "wrong-password", headers={"X-Forwarded-For": "203.0.113.7"})
    with app.app_context():
        assert db.session.scalars(select(LoginFailure.remote_addr)).all() == [recorded]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>: move it to static/js/*.js"),
    (re.compile(r"<style\b", re.I), "<style> element: move it to static/*.css"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute: use a class in static/*.css"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler: attach it in static/js/*.js"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_need_no_unsafe_inline():
    found = []
    for path in sorted((PROJECT_ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern, why in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {why}")
    assert found == []


def test_https_forms_need_the_same_origin_referrer_the_policy_keeps(make_app):
    """Over https Flask-WTF also checks the Referer; a stricter Referrer-Policy would break every form."""
    app = make_app(PROXY_FIX=1)
    client = app.test_client()
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "school.example"}
    page = client.get("/login", headers=https)
    assert page.headers["Referrer-Policy"] == "same-origin"  # same-origin requests keep their Referer
    data = {"csrf_token": csrf_token(client), "username": "nobody", "password": "wrong-password"}
    assert client.post("/login", data=data, headers=https).status_code == 400  # no Referer: refused
    with_referrer = {**https, "Referer": "https://school.example/login"}
    assert client.post("/login", data=data, headers=with_referrer).status_code == 401  # the form was read
