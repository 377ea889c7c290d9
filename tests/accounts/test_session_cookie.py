"""crosscheck/session_cookie.py: Flask's signed session cookie, each distinct cookie verified once per worker,
with Flask's format and rules (signature, age) unchanged."""

from __future__ import annotations

import time

import pytest
from flask.sessions import SecureCookieSessionInterface

from crosscheck import session_cookie
from crosscheck.session_cookie import SessionCookies
from crosscheck.verified import KeptVerified, Verified
from tests.conftest import login


def cookie_of(client) -> str:
    """The session cookie the client holds."""
    return client.get_cookie("session").value


@pytest.fixture
def loads_counted(app, monkeypatch):
    """Counts the signature checks of the app's session serializer."""
    serializer = app.session_interface.get_signing_serializer(app)
    calls = []
    real = serializer.loads

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(serializer, "loads", counted)
    return calls


def test_the_app_serves_its_sessions_with_it(app):
    assert isinstance(app.session_interface, SessionCookies)


def test_a_cookie_is_verified_once_then_served_from_what_was_kept(app, client, signed_in, loads_counted):
    user = signed_in("student")
    client.get("/account/password")  # shows (and so takes out of the session) what signing in flashed
    cookie = cookie_of(client)
    loads_counted.clear()
    for _ in range(3):
        assert user.display_name in client.get("/account/password").get_data(as_text=True)
    assert cookie_of(client) == cookie  # pages without a flash leave the session as it was
    assert loads_counted == [cookie]


def test_cookies_are_flasks_own_both_ways(app, client, signed_in):
    """A browser signed in before this interface (or after, then served by Flask's) stays signed in."""
    user = signed_in("student")
    flasks = SecureCookieSessionInterface()
    assert flasks.get_signing_serializer(app).loads(cookie_of(client))["_user_id"]  # ours, read by Flask's
    app.session_interface = flasks
    flask_made = app.test_client()
    login(flask_made, user.username)
    app.session_interface = SessionCookies()
    assert user.display_name in flask_made.get("/account/password").get_data(as_text=True)  # Flask's, read here


def test_a_tampered_cookie_opens_an_empty_session_and_is_never_kept(app, client, signed_in):
    signed_in("student")
    kept = app.session_interface.kept
    before = len(kept)
    good = cookie_of(client)
    client.set_cookie("session", good[:-2] + ("AA" if not good.endswith("AA") else "BB"))
    response = client.get("/account/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert len(kept) == before


def test_a_kept_cookie_still_expires_with_the_session_lifetime(app, client, signed_in, monkeypatch):
    signed_in("student")
    client.get("/account/password")  # takes the sign-in's flash out: the cookie changes once more
    assert client.get("/account/password").status_code == 200
    assert app.session_interface.kept.get(cookie_of(client)) is not None  # the cookie is kept: its age is checked
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    now = time.time()
    monkeypatch.setattr(session_cookie.time, "time", lambda: now + lifetime + 2)
    assert client.get("/account/password").status_code == 302  # too old: an empty session, so signed out


def test_a_cookie_signed_in_the_future_is_refused_as_itsdangerous_refuses_it(app):
    cookies = SessionCookies()
    cookies.get_signing_serializer(app)
    text = "made-up-cookie"
    cookies.kept.put(text, Verified({"_user_id": "x"}, int(time.time()) + 60))
    with app.test_request_context("/", headers={"Cookie": f"session={text}"}) as context:
        assert dict(cookies.open_session(app, context.request)) == {}


def test_each_request_gets_its_own_copy_of_the_values(app):
    cookies = SessionCookies()
    serializer = cookies.get_signing_serializer(app)
    text = serializer.dumps({"_flashes": [("info", "one")], "n": 1})
    opened = []
    for _ in range(2):
        with app.test_request_context("/", headers={"Cookie": f"session={text}"}) as context:
            session = cookies.open_session(app, context.request)
            opened.append(session)
            session["_flashes"].append(("info", "two"))  # as flash() changes a session's list in place
            session["n"] = 2
    assert opened[1]["_flashes"] == [("info", "one"), ("info", "two")] and len(cookies.kept) == 1
    assert cookies.kept.get(text).value == {"_flashes": [("info", "one")], "n": 1}


def test_a_new_secret_key_drops_what_was_verified_with_the_old(app, client, signed_in):
    signed_in("student")
    old_cookie = cookie_of(client)
    assert client.get("/account/password").status_code == 200
    app.secret_key = "another key entirely, rotated"
    client.set_cookie("session", old_cookie)
    assert client.get("/account/password").status_code == 302
    assert len(app.session_interface.kept) == 0


def test_the_kept_cookies_are_bounded_least_recently_used_first():
    kept = KeptVerified(2)
    for name in "abc":
        kept.put(name, Verified({}, 0))
        if name == "b":
            kept.get("a")  # used: "b" is now the oldest
    assert kept.get("b") is None and kept.get("a") is not None and kept.get("c") is not None and len(kept) == 2
