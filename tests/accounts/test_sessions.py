"""Sessions that really end: sign-out, a new password and an admin's reset end them, even for a copied cookie."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, update

from crosscheck.accounts.models import UserSession
from crosscheck.extensions import db
from crosscheck.timezone import utcnow
from tests.conftest import PASSWORD, counting_queries, csrf_token, login, post_form

NEW = "another-long-password"
FLOOR = "/account/password"  # the cheapest page for a signed-in user (the bench's floor)


def _signed_in(client) -> bool:
    """True if the client's cookie still opens a signed-in page."""
    return client.get(FLOOR).status_code == 200


def _copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie (stolen, or synced to a second device)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_sign_out_ends_the_session_for_a_copied_cookie_too(app, client, build):
    user = build.user()
    login(client, user.username)
    copy = _copy_of(app, client)
    assert _signed_in(copy)
    post_form(client, "/logout")
    assert not _signed_in(client)
    response = copy.get(FLOOR)
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_password_change_ends_every_other_session_and_renews_this_one(app, client, build):
    user = build.user()
    login(client, user.username)
    copy = _copy_of(app, client)
    laptop = app.test_client()
    login(laptop, user.username)
    response = post_form(client, FLOOR, {"current": PASSWORD, "new": NEW, "confirm": NEW}, follow_redirects=True)
    assert "Your 1 other sign-in(s) have been signed out." in response.get_data(as_text=True)
    assert _signed_in(client)  # this browser goes on, with a new session
    assert not _signed_in(laptop)
    assert not _signed_in(copy)  # a stolen copy of this browser's cookie ends too


def test_an_admin_reset_ends_every_session_of_that_user(app, client, build):
    admin = build.user("admin")
    student = build.user()
    phone, laptop = app.test_client(), app.test_client()
    login(phone, student.username)
    login(laptop, student.username)
    login(client, admin.username)
    page = client.get(f"/admin/users/{student.id}").get_data(as_text=True)
    assert "on 2 device(s) or browser(s)" in page
    response = post_form(client, f"/admin/users/{student.id}/password", {"new": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert not _signed_in(phone) and not _signed_in(laptop)
    assert _signed_in(client)
    assert "nowhere" in client.get(f"/admin/users/{student.id}").get_data(as_text=True)
    assert login(phone, student.username, NEW).status_code == 302


def test_a_reset_with_a_short_password_is_refused_beside_the_field(client, build):
    admin = build.user("admin")
    student = build.user()
    login(client, admin.username)
    response = post_form(client, f"/admin/users/{student.id}/password", {"new": "short", "confirm": "short"})
    assert response.status_code == 400
    assert "Use at least 10 characters." in response.get_data(as_text=True)
    assert login(client.application.test_client(), student.username).status_code == 302


def test_a_token_from_before_sign_in_is_refused_after_it(client, build):
    user = build.user()
    before = csrf_token(client)  # the sign-in page's token, as an attacker who planted the session could know it
    assert login(client, user.username).status_code == 302
    response = client.post(FLOOR, data={"csrf_token": before, "current": PASSWORD, "new": NEW, "confirm": NEW})
    assert response.status_code == 400
    assert "Form expired" in response.get_data(as_text=True)
    assert post_form(client, FLOOR, {"current": PASSWORD, "new": NEW, "confirm": NEW}).status_code == 302


def test_sign_in_regenerates_the_session(app, client, build):
    user = build.user()
    client.get("/login")
    planted = client.get_cookie("session").value  # what a session-fixation attacker would hand the victim
    login(client, user.username)
    assert client.get_cookie("session").value != planted
    stale = app.test_client()
    stale.set_cookie("session", planted)
    assert not _signed_in(stale)


def test_a_session_ends_after_its_lifetime(make_app):
    app = make_app(SESSION_LIFETIME_HOURS=12)
    client = app.test_client()
    with app.app_context():
        from tests.conftest import Builders

        user = Builders().user()
        login(client, user.username)
        assert _signed_in(client)
        db.session.execute(update(UserSession).values(created_at=utcnow() - timedelta(hours=12, seconds=1)))
        db.session.commit()
        assert not _signed_in(client)


def test_the_database_keeps_only_a_hash_of_the_cookie_key(client, build):
    user = build.user()
    login(client, user.username)
    (row,) = db.session.scalars(select(UserSession)).all()
    cookie = client.get_cookie("session").value
    assert row.user_id == user.id and re.fullmatch(r"[0-9a-f]{64}", row.key_hash)
    assert row.key_hash not in cookie


def test_ended_sessions_are_cleared_out_at_the_next_sign_in(client, build):
    user = build.user()
    login(client, user.username)
    db.session.execute(update(UserSession).values(created_at=utcnow() - timedelta(days=30)))
    db.session.commit()
    post_form(client, "/logout")
    login(client, user.username)
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 1


def test_a_signed_in_page_costs_one_query_for_the_session_and_user(client, build):
    user = build.user()
    login(client, user.username)
    with counting_queries() as statements:
        assert client.get(FLOOR).status_code == 200
    assert len(statements) == 1, statements
    assert "user_session" in statements[0] and "key_hash" in statements[0]


def _last_used(minutes_ago: float, user=None) -> None:
    """Make the stored sessions (of `user`, or everyone's) look last used `minutes_ago`."""
    query = update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=minutes_ago))
    if user is not None:
        query = query.where(UserSession.user_id == user.id)
    db.session.execute(query)
    db.session.commit()


def test_a_session_ends_after_an_idle_time_without_requests(client, build):
    idle = client.application.config["SESSION_IDLE_MINUTES"]
    user = build.user()
    login(client, user.username)
    _last_used(idle + 1)  # a classroom computer left signed in over lunch
    response = client.get(FLOOR)
    assert response.status_code == 302 and response.location.startswith("/login")


def test_requests_keep_a_session_alive_and_write_its_time_of_use_only_every_few_minutes(client, build):
    idle = client.application.config["SESSION_IDLE_MINUTES"]
    user = build.user()
    login(client, user.username)
    _last_used(idle - 1)
    with counting_queries() as statements:
        assert _signed_in(client)
    writes = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(writes) == 1 and "user_session" in writes[0] and "last_seen_at" in writes[0]
    assert db.session.scalar(select(UserSession.last_seen_at)) > utcnow() - timedelta(minutes=1)
    with counting_queries() as statements:  # used a moment ago: nothing is written
        assert _signed_in(client)
    assert len(statements) == 1, statements


def test_the_admin_page_counts_only_sessions_that_have_not_ended(app, client, build):
    admin = build.user("admin")
    student = build.user()
    login(app.test_client(), student.username)
    login(client, admin.username)
    assert "on 1 device(s) or browser(s)" in client.get(f"/admin/users/{student.id}").get_data(as_text=True)
    _last_used(client.application.config["SESSION_IDLE_MINUTES"] + 1, student)
    assert "nowhere" in client.get(f"/admin/users/{student.id}").get_data(as_text=True)
