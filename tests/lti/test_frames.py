"""Iframe mode: CROSSCHECK_LTI_FRAME_ANCESTORS lets the named LMS origins frame pages, with cookies that work there."""

from __future__ import annotations

from tests.conftest import Builders, login


def test_pages_refuse_every_frame_by_default(client):
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_named_lms_origins_may_frame_and_the_session_cookie_works_there(make_app):
    app = make_app(LTI_FRAME_ANCESTORS="https://moodle.school.example  https://canvas.school.example")
    client = app.test_client()
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://moodle.school.example https://canvas.school.example" in policy
    assert "X-Frame-Options" not in response.headers
    with app.app_context():
        username = Builders().user("student").username
    client = app.test_client()
    signed = login(client, username, base_url="https://crosscheck.school.example")
    cookie = next(v for k, v in signed.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert "SameSite=None" in cookie and "Secure" in cookie and "Partitioned" in cookie
