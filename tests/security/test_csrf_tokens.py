"""crosscheck/csrf_tokens.py: Flask-WTF signs and checks its CSRF tokens with one serializer per key, checks each
token's signature once per worker and its age on every use; tokens still change from second to second."""

from __future__ import annotations

import re

import flask_wtf.csrf
import pytest
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from crosscheck import csrf_tokens
from crosscheck.csrf_tokens import KeptTokenSerializer, LazyFormCSRF, serializer_for
from tests.conftest import csrf_token, page_csrf_token, post_form


@pytest.fixture
def signatures_checked(monkeypatch):
    """The tokens whose signature itsdangerous checked (the kept ones are not checked again)."""
    checked = []
    real = URLSafeTimedSerializer.loads

    def counted(self, s, *args, **kwargs):
        if isinstance(self, KeptTokenSerializer):  # not the session cookie's
            checked.append(s)
        return real(self, s, *args, **kwargs)

    monkeypatch.setattr(URLSafeTimedSerializer, "loads", counted)
    return checked


def test_flask_wtf_uses_it(app):
    assert flask_wtf.csrf.URLSafeTimedSerializer is serializer_for
    assert FlaskForm.Meta.csrf_class is LazyFormCSRF
    secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    assert serializer_for(secret, "wtf-csrf-token") is serializer_for(secret, "wtf-csrf-token")


def test_a_token_is_checked_once_and_accepted_each_time(app, client, signed_in, signatures_checked):
    signed_in("student")
    token = csrf_token(client)
    signatures_checked.clear()
    for _ in range(3):  # a form that keeps its errors: the same token is posted again
        response = client.post("/account/password", data={"csrf_token": token, "current": "wrong"})
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and "Please correct the highlighted fields" in page  # the token passed
        assert "Form expired" not in page
    assert signatures_checked == [token]


def test_forged_and_foreign_tokens_are_refused_and_forged_ones_not_kept(app, client, signed_in):
    """Another session's token has a good signature (so it is kept); Flask-WTF refuses it as not the session's."""
    signed_in("student")
    foreign = csrf_token(app.test_client())
    for token in ("forged-token", csrf_token(client)[:-3] + "xyz", foreign):
        response = client.post("/logout", data={"csrf_token": token})
        assert response.status_code == 400 and "Form expired" in response.get_data(as_text=True)
    kept = serializer_for(app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key, "wtf-csrf-token").kept
    assert kept.get("forged-token") is None
    assert post_form(client, "/logout").status_code == 302  # the browser's own token still works


def test_a_kept_token_still_expires_with_a_time_limit(monkeypatch):
    serializer = KeptTokenSerializer("key", salt="wtf-csrf-token")
    token = serializer.dumps("raw")
    assert serializer.loads(token, max_age=60) == "raw"  # kept now
    now = csrf_tokens.time.time()
    monkeypatch.setattr(csrf_tokens.time, "time", lambda: now + 61)
    with pytest.raises(SignatureExpired):
        serializer.loads(token, max_age=60)
    assert serializer.loads(token) == "raw"  # no limit (the app's setting): never too old
    monkeypatch.setattr(csrf_tokens.time, "time", lambda: now - 5)
    with pytest.raises(SignatureExpired):  # signed in the future
        serializer.loads(token, max_age=60)


def test_it_gives_what_itsdangerous_gives():
    serializer = KeptTokenSerializer("key", salt="s")
    plain = URLSafeTimedSerializer("key", salt="s")
    token = plain.dumps("raw")
    for _ in range(2):  # checked, then kept
        assert serializer.loads(token) == plain.loads(token)
        assert serializer.loads(token, return_timestamp=True) == plain.loads(token, return_timestamp=True)
    with pytest.raises(BadSignature):
        serializer.loads(URLSafeTimedSerializer("other key", salt="s").dumps("raw"))


def test_tokens_still_change_from_second_to_second(app, client, signed_in, monkeypatch):
    """Signing is Flask-WTF's: a page's token is made at that second, so the same session's pages differ."""
    signed_in("student")
    import itsdangerous.timed

    now = itsdangerous.timed.time.time()
    first = csrf_token(client)
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: now + 3)
    second = csrf_token(client)
    assert first != second and first.split(".")[0] == second.split(".")[0]


@pytest.fixture
def tokens_signed(monkeypatch):
    """The raw tokens Flask-WTF signed (for a page or a form)."""
    signed = []
    real = URLSafeTimedSerializer.dumps

    def counted(self, obj, *args, **kwargs):
        if isinstance(self, KeptTokenSerializer):
            signed.append(obj)
        return real(self, obj, *args, **kwargs)

    monkeypatch.setattr(URLSafeTimedSerializer, "dumps", counted)
    return signed


HIDDEN_TOKEN = re.compile(r'<input (?:id="csrf_token" )?name="csrf_token" type="hidden" value="([^"]+)">')


def test_a_form_posted_and_answered_with_a_redirect_signs_no_token(app, client, signed_in, tokens_signed):
    signed_in("student")
    token = csrf_token(client)
    module_id = next(iter(app.extensions["crosscheck.catalog"].quizzes))
    tokens_signed.clear()
    response = client.post(f"/quizzes/{module_id}/start", data={"csrf_token": token})
    assert response.status_code == 302 and tokens_signed == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)  # the first question, with its form
    shown = HIDDEN_TOKEN.findall(page)
    assert len(tokens_signed) == 1 and shown and set(shown) == {page_csrf_token(page)}  # one token per page
    answer = client.post(response.headers["Location"], data={"csrf_token": shown[0]})  # no answer chosen
    assert answer.status_code == 400 and "Form expired" not in answer.get_data(as_text=True)


def test_a_form_built_before_its_session_changes_shows_the_new_sessions_token(app, client, signed_in):
    """The token is made when shown: a view that signs someone in (a new session) and shows a form shows a token
    of the new session, which the next POST passes."""
    signed_in("student")
    with app.test_request_context("/", method="GET"):
        from flask import session

        from crosscheck.quizzes.forms import StartForm

        form = StartForm()
        session.clear()  # as sign_in does
        token = str(form.csrf_token.current_token)
        assert flask_wtf.csrf.validate_csrf(token) is None  # the session's own
