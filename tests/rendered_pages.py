"""Every HTML page the test run's Crosscheck apps render, kept for the W3C Nu HTML checker (tests/test_valid_html.py).

Flask's `request_finished` signal hands over each response of every app in this process: the test clients'
and the browser tests' live servers (gunicorn's workers are other processes). A page is kept once per
shape: the same route, method, status and role with the same sequence of elements and attributes (text and
attribute values aside). The first of each shape is kept with the test that rendered it, so a finding names
a test that shows the page. Pages of one route that differ only in how many rows a table has are kept too,
up to MAX_SHAPES per route, method, status and role: that bounds the checker's work without letting a route
with an unusual state go unchecked (states past the bound are counted and reported).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from flask import g, request, request_finished
from sqlalchemy import inspect as sa_inspect

from crosscheck.accounts.signed_in import SignedInUser

MAX_SHAPES = 100  # today's suite stays below it (the most, a quiz item page: about 70 shapes)
# An element with its attribute names and the values that change what it is (type, rel, role...).
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")  # a fingerprint: a ">" inside a value only blurs it
_ATTRIBUTE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_KIND_ATTRIBUTES = {"type", "rel", "role", "method", "http-equiv", "name", "charset"}


@dataclass(frozen=True)
class RenderedPage:
    """One page as an app sent it, and where it came from."""

    method: str
    url: str
    status: int
    role: str
    test: str
    html: str

    def describe(self) -> str:
        """Where a finding is: the request, the signed-in role and the test that rendered the page."""
        return f"{self.method} {self.url} ({self.status}, {self.role}) from {self.test}"


def shape(html: str) -> str:
    """A digest of the page's elements and attribute names (and kind-giving values), text aside."""
    parts = []
    for name, attributes in _TAG.findall(html):
        found = _ATTRIBUTE.findall(attributes)
        parts.append(name + "".join(f" {a}={v}" if a in _KIND_ATTRIBUTES else f" {a}" for a, v in found))
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def _role(user) -> str:
    """The role of the request's user as loaded: reading an expired attribute would send a query of its own."""
    if isinstance(user, SignedInUser):  # the user of a session (a row's copy, no ORM state)
        return user.role
    state = sa_inspect(user, raiseerr=False) if user is not None else None
    if state is None:
        return "anonymous"
    return state.dict.get("role") or "signed in (role not loaded)"


class RenderedPages:
    """The pages kept so far in this run, and how many were rendered in all."""

    def __init__(self) -> None:
        self.pages: dict[tuple, RenderedPage] = {}
        self.rendered = 0
        self.beyond_bound: Counter[tuple] = Counter()
        self.shapes: Counter[tuple] = Counter()
        self.current_test = "(no test)"

    def record(self, sender, response, **_extra) -> None:
        """Keep an HTML response if it has a shape not seen yet (connected to Flask's request_finished)."""
        if sender.import_name != "crosscheck" or response.mimetype != "text/html":
            return  # another app of the tests (the test LMS), or not a page
        if response.is_streamed or response.direct_passthrough:
            return
        html = response.get_data(as_text=True)
        role = _role(g.get("_login_user"))  # Flask-Login's user of this request, if it loaded one
        endpoint = request.url_rule.endpoint if request.url_rule else "(no route)"
        route = (endpoint, request.method, response.status_code, role)
        key = (*route, shape(html))
        self.rendered += 1
        if key in self.pages:
            return
        if self.shapes[route] >= MAX_SHAPES:
            self.beyond_bound[route] += 1
            return
        self.shapes[route] += 1
        url = request.full_path.rstrip("?")
        self.pages[key] = RenderedPage(request.method, url, response.status_code, role, self.current_test, html)


RENDERED = RenderedPages()


def start_collecting() -> None:
    """Listen to every app's finished requests for the rest of the process."""
    request_finished.connect(RENDERED.record)
