"""Signed values a worker has verified, kept: the signed text maps to what it held and when it was signed.

Used for the session cookie (session_cookie.py) and the CSRF tokens (csrf_tokens.py): itsdangerous checks an
HMAC signature and decodes the value on every request, and a browser sends the same cookie and token again
and again. Only a value whose signature was good is kept; its age is checked on every use, by `expired`, as
itsdangerous checks it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, NamedTuple


class Verified(NamedTuple):
    """What a signed text held and when it was signed (whole seconds, as itsdangerous stamps it)."""

    value: Any
    signed_at: int


def expired(signed_at: int, max_age: int | None, now: int) -> bool:
    """itsdangerous's rule: past `max_age` seconds old, or signed in the future (a clock set back), has expired."""
    if max_age is None:
        return False
    age = now - signed_at
    return age > max_age or age < 0


class KeptVerified:
    """The most recently verified texts, at most `size` (the least recently used dropped); thread-safe, as the
    development server serves requests in threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[str | bytes, Verified] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str | bytes) -> Verified | None:
        """What the text held, or None when it is not kept."""
        with self._lock:
            found = self._kept.get(text)
            if found is not None:
                self._kept.move_to_end(text)
            return found

    def put(self, text: str | bytes, verified: Verified) -> None:
        """Keep a verified text."""
        with self._lock:
            self._kept[text] = verified
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
