"""A publish through one app server is served by every worker of another (two gunicorns, two workers each,
one database), and by the other worker of its own server.

Each worker checks the content generation at most every POLL_SECONDS (CROSSCHECK_CONTENT_POLL_SECONDS: a
second by default, a quarter here so the test waits less) and rebuilds its catalog when it moved; no restart, no signal between the servers or the workers. Which worker
answered each probe is read from gunicorn's access log (its lines start with the worker's pid).
"""

from __future__ import annotations

import re
import time

import pytest

from tests.conftest import PASSWORD, Builders
from tests.load.server import GunicornServer
from tests.load.webclient import WebClient
from tests.workspace.helpers import module_text

pytestmark = pytest.mark.slow
TITLE = "Who reported it first?"
POLL_SECONDS = 0.25


def _signed_in(base_url: str, username: str) -> WebClient:
    """A browser tab signed in at one server."""
    browser = WebClient(base_url)
    browser.get("/login")
    assert browser.post_form("/login", {"username": username, "password": PASSWORD}).status == 302
    return browser


def _served_within(browser: WebClient, path: str, text: str, seconds: float) -> float:
    """Seconds until `text` is on the page at `path` (every worker of the server answers in turn)."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if text in browser.get(path).body:
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not on {path} within {seconds}s")


def _every_worker_serves(server: GunicornServer, browser: WebClient, path: str, text: str) -> set[str]:
    """Probe `path` until each worker of `server` has answered one; every answer must hold `text`. The pids."""
    answered: set[str] = set()
    probe, until = 0, time.monotonic() + 15
    # Sync workers take turns at accept(), but a worker busy rebuilding its catalog for the publish takes none:
    # back-to-back probes can all reach the other one. A pause between probes lets the busy one come back.
    while time.monotonic() < until:
        probe += 1
        url = f"{path}?probe={probe}"
        assert text in browser.get(url).body, f"a worker served {path} without {text!r}"
        answered |= set(re.findall(rf'^\[pid <?(\d+)>?\] .*"GET {re.escape(url)} ', server.log(), re.M))
        if len(answered) == server.workers:
            return answered
        time.sleep(0.05)
    raise AssertionError(f"only workers {answered} of {server.workers} answered {probe} probes in 15 s")


def test_a_publish_through_one_server_is_served_by_the_other(make_app, gunicorn):
    app = make_app()
    with app.app_context():
        Builders().user("teacher", username="author", name="Ms Author")
    poll = {"CROSSCHECK_CONTENT_POLL_SECONDS": str(POLL_SECONDS)}
    first, second = gunicorn(app, workers=2, **poll), gunicorn(app, workers=2, **poll)
    writer, reader = _signed_in(first.base_url, "author"), _signed_in(second.base_url, "author")
    assert TITLE not in reader.get("/quizzes/").body

    writer.get("/workspace/")
    assert writer.post_form("/workspace/new", {"kind": "quiz", "slug": "relay", "title": "Relay"}).status == 302
    page = writer.get("/workspace/relay/edit").body
    base = re.search(r'name="base" type="hidden" value="(\d+)"', page).group(1)
    form = {"text": module_text("relay"), "base": base, "path": "quizzes/relay.yaml", "action": "save"}
    assert writer.post_form("/workspace/relay/edit", form).status == 302
    writer.get("/workspace/relay")
    assert writer.post_form("/workspace/relay/publish").status == 302

    assert _served_within(reader, "/quizzes/", TITLE, seconds=4) < 4
    time.sleep(1.5 * POLL_SECONDS)  # a worker that looked just before the publish looks again at its next request
    assert len(_every_worker_serves(second, reader, "/quizzes/", TITLE)) == 2
    assert len(_every_worker_serves(first, writer, "/quizzes/", TITLE)) == 2  # the author's server's other worker

    writer.get("/workspace/relay/edit")
    form = {**form, "text": module_text("relay", title="Who relayed it?"), "base": str(int(base) + 1)}
    assert writer.post_form("/workspace/relay/edit", form).status == 302
    writer.get("/workspace/relay")
    assert writer.post_form("/workspace/relay/publish").status == 302
    assert _served_within(reader, "/quizzes/relay", "Who relayed it?", seconds=4) < 4
    time.sleep(1.5 * POLL_SECONDS)
    assert len(_every_worker_serves(second, reader, "/quizzes/relay", "Who relayed it?")) == 2
    assert "Traceback" not in first.log() + second.log()
