"""Flask-WTF's CSRF tokens: made only for a page that shows one, signed and checked by one serializer per key,
each token's signature checked once per worker.

Flask-WTF signs a token for a form's hidden field as the form is built, on a POST too, where the answer is
usually a redirect that never shows it; it builds an itsdangerous serializer for every token it signs and
checks, and checks the token's HMAC signature every time: together a tenth of answering an item
(bench/RESULTS.md). `install` changes three things and nothing else:
- a form's token is made when the page shows it (LazyFormCSRF), the same token Flask-WTF makes (it keeps one
  per request);
- Flask-WTF gets a serializer kept per key and salt (serializer_for);
- that serializer's `loads` keeps what it verified (verified.py): a token's signature is checked once, its age
  on every use, as itsdangerous checks it, and Flask-WTF still compares it with the session's after `loads`.
Signing is unchanged: every page still gets a token made at that second, so the token in a page keeps
changing (a constant one would help guess it from the size of compressed pages).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import flask_wtf.csrf
from flask_wtf import FlaskForm
from itsdangerous import SignatureExpired, URLSafeTimedSerializer

from crosscheck.verified import KeptVerified, Verified, expired

KEPT = 2048  # tokens per serializer; a token is about 90 bytes


class KeptTokenSerializer(URLSafeTimedSerializer):
    """itsdangerous's serializer, each token's signature and value verified once."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kept = KeptVerified(KEPT)

    def loads(self, s, max_age=None, return_timestamp=False, salt=None):
        """The token's value, as itsdangerous gives it (SignatureExpired past `max_age`, BadSignature if forged)."""
        if salt is not None or not isinstance(s, (str, bytes)):  # not how Flask-WTF calls it: nothing kept
            return super().loads(s, max_age=max_age, return_timestamp=return_timestamp, salt=salt)
        verified = self.kept.get(s)
        if verified is None:
            value, signed = super().loads(s, return_timestamp=True)  # its age below, on every use
            verified = Verified(value, int(signed.timestamp()))
            self.kept.put(s, verified)
        if expired(verified.signed_at, max_age, int(time.time())):
            raise SignatureExpired("Signature has expired", payload=verified.value, date_signed=_moment(verified))
        return (verified.value, _moment(verified)) if return_timestamp else verified.value


def _moment(verified: Verified) -> datetime:
    """When the token was signed, as itsdangerous gives it."""
    return datetime.fromtimestamp(verified.signed_at, tz=UTC)


_serializers: dict[tuple, KeptTokenSerializer] = {}
_lock = threading.Lock()


def serializer_for(secret_key, salt: str = "itsdangerous") -> KeptTokenSerializer:
    """The serializer for a key and salt, built once (Flask-WTF calls this as URLSafeTimedSerializer)."""
    key = (tuple(secret_key) if isinstance(secret_key, list) else secret_key, salt)  # a list: keys in rotation
    found = _serializers.get(key)
    if found is None:
        with _lock:
            if len(_serializers) >= 16:  # keys change only in tests, which build apps by the hundred
                _serializers.clear()
            found = _serializers[key] = KeptTokenSerializer(secret_key, salt=salt)
    return found


class LazyToken:
    """A form's CSRF token, made the first time it is written into a page."""

    __slots__ = ("_make", "_token")

    def __init__(self, make) -> None:
        self._make = make
        self._token: str | None = None

    def __str__(self) -> str:
        if self._token is None:
            self._token = self._make()
        return self._token


class LazyFormCSRF(flask_wtf.csrf._FlaskFormCSRF):
    """Flask-WTF's form CSRF, its token made when shown (the check of a posted token is Flask-WTF's own)."""

    def generate_csrf_token(self, csrf_token_field) -> LazyToken:
        """The token the hidden field shows, made when it is shown."""
        return LazyToken(lambda: super(LazyFormCSRF, self).generate_csrf_token(csrf_token_field))


def install() -> None:
    """Make Flask-WTF make form tokens when shown and sign and check tokens with serializer_for (idempotent)."""
    flask_wtf.csrf.URLSafeTimedSerializer = serializer_for
    FlaskForm.Meta.csrf_class = LazyFormCSRF
