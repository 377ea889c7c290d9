"""The W3C Nu HTML checker over every page the test run rendered, for every role: not one error.

The pages come from tests/rendered_pages.py (every app's responses while the other tests ran, one per
shape). This test runs last (tests/conftest.py moves it there) and starts the checker once for all of them.
The checker is the npm package vnu-jar (`npm ci` at the repository's root installs the pinned version) run
with Java (Debian's default-jre-headless); without them the test skips, and fails under CI=true. Warnings
are printed, not failed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict

import pytest

from crosscheck.config import PROJECT_ROOT
from tests.conftest import skip_or_fail
from tests.rendered_pages import RENDERED, RenderedPage

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SHOWN_PER_MESSAGE = 3

# The pages' markup is the same on both engines: checked once, in the SQLite pass.
pytestmark = [pytest.mark.after_every_page, pytest.mark.one_engine]


def nu_checker() -> list[str]:
    """The command that runs the checker, or a skip (a failure under CI) saying what to install."""
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java is not installed (apt-get install default-jre-headless): the Nu HTML checker needs it")
    if not VNU_JAR.exists():
        skip_or_fail("the Nu HTML checker is not installed (run `npm ci` at the repository's root)")
    # One short run: the quick compiler and one GC thread halve its CPU time; the language guess only warns.
    jvm = [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR)]
    return [*jvm, "--format", "json", "--exit-zero-always", "--stdout", "--no-langdetect"]


def check(pages: list[RenderedPage], folder) -> list[dict]:
    """Every message of one checker run over all the pages, each with the page it is about."""
    files = {}
    for number, page in enumerate(pages):
        name = f"{number:05}.html"
        (folder / name).write_text(page.html, encoding="utf-8")
        files[name] = page
    run = subprocess.run([*nu_checker(), str(folder)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"the Nu checker did not run: {run.stderr[-2000:]}"
    messages = json.loads(run.stdout)["messages"]
    for message in messages:
        message["page"] = files.get(message.get("url", "").rsplit("/", 1)[-1])
    return messages


def report(messages: list[dict]) -> list[str]:
    """One entry per distinct message: where it is (a few pages) and the markup around it."""
    pages_by_message: dict[str, list[dict]] = defaultdict(list)
    for message in messages:
        pages_by_message[message["message"]].append(message)
    lines = []
    for text, found in sorted(pages_by_message.items()):
        lines.append(f"{text} ({len(found)} time(s))")
        for message in found[:SHOWN_PER_MESSAGE]:
            page = message["page"]
            where = page.describe() if page else message.get("url", "?")
            lines.append(f"    {where}, line {message.get('lastLine')}: {message.get('extract', '').strip()!r}")
    return lines


def test_every_page_the_suite_rendered_is_valid_html(tmp_path):
    pages = list(RENDERED.pages.values())
    if not pages:
        skip_or_fail("no test rendered a page in this run: run this test with the ones that do")
    messages = check(pages, tmp_path)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    warnings = [m for m in messages if m not in errors]
    roles = sorted({page.role for page in pages})
    print(f"Nu checker: {len(pages)} page shapes of {RENDERED.rendered} pages rendered, roles {', '.join(roles)}")
    if RENDERED.beyond_bound:
        print(f"past the bound of shapes per route: {dict(RENDERED.beyond_bound)}")
    print("\n".join(["warnings:", *report(warnings)]) if warnings else "no warnings")
    assert errors == [], "\n".join(["the Nu HTML checker found errors:", *report(errors)])


def test_the_checker_reports_an_error_on_the_page_that_has_it(tmp_path):
    good = RenderedPage("GET", "/good", 200, "student", "a test", "<!doctype html><html lang=en><title>t</title>")
    bad_html = '<!doctype html><html lang=en><title>t</title><p id="x">a</p><p id="x">b</p>'
    bad = RenderedPage("POST", "/bad", 400, "teacher", "another test", bad_html)
    messages = [m for m in check([good, bad], tmp_path) if m["type"] == "error"]
    assert [(m["message"], m["page"]) for m in messages] == [("Duplicate ID “x”.", bad)]
    assert report(messages)[1].startswith("    POST /bad (400, teacher) from another test, line 1:")


def test_a_signed_in_users_pages_are_filed_under_their_role(client, signed_in):
    signed_in("teacher")
    assert client.get("/account/password").status_code == 200
    routes = {key[:4] for key in RENDERED.pages}
    assert ("accounts.change_password", "GET", 200, "teacher") in routes  # the bound on shapes is per role
