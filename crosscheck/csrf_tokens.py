"""Flask-WTF's CSRF tokens, signed and checked by one serializer per key, each token checked once per worker.

Flask-WTF builds an itsdangerous serializer for every token it signs (every page with a form, and every POST
for the form's own hidden field) and for every token it checks (every POST), and checks the token's HMAC
signature each time: 3% of answering an item (bench/RESULTS.md). `install` gives Flask-WTF a serializer kept
per key and salt, whose `loads` keeps what it verified (verified.py): a token's signature is checked once,
its age on every use, as itsdangerous checks it, and the token must still be the session's (Flask-WTF
compares them after `loads`). Signing is unchanged: every page still gets a token made at that second, so
the token in a page keeps changing (a constant one would help guess it from the size of compressed pages).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import flask_wtf.csrf
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
        if salt is not None:  # not how Flask-WTF calls it: nothing kept
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
    key = (secret_key, salt)
    found = _serializers.get(key)
    if found is None:
        with _lock:
            if len(_serializers) >= 16:  # keys change only in tests, which build apps by the hundred
                _serializers.clear()
            found = _serializers[key] = KeptTokenSerializer(secret_key, salt=salt)
    return found


def install() -> None:
    """Make Flask-WTF sign and check its tokens with serializer_for (idempotent)."""
    flask_wtf.csrf.URLSafeTimedSerializer = serializer_for
