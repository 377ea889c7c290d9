"""Hostile strings through every field that reaches a page come back as text, never as markup.

SINKS is a table: each row plants a string where a user (or a content author) can put one and returns the
pages that show it. Every page must be free of injected markup (html_safety), and the string must reach the
reader as text, so a sink that silently drops its input cannot pass. Branches add rows for their fields:
class names (teacher forms), lesson and quiz Markdown (rendered then sanitised: `shown` gives the visible text
or None), YAML strings (titles, options, feedback).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from flask import Flask

from crosscheck.accounts.names import clean_display_name
from crosscheck.config import PROJECT_ROOT
from tests.conftest import PASSWORD, Builders, login, post_form
from tests.load.forms import first_choices
from tests.security.html_safety import injected_markup, read_page, shown_as_text

HOSTILE = [
    '<script>alert("xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "</title><script>alert(1)</script>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<style>body{display:none}</style>",
    "{{ 7*7 }}{% if true %}jinja{% endif %}",
    "&lt;b&gt;already escaped&lt;/b&gt; &amp;",
    "\u202e<b>right-to-left</b>\u202c",
    "javascript:alert(document.cookie)",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "[click me](javascript:alert(1)) ![x](javascript:alert(2)) <javascript:alert(3)>",
]


@dataclass(frozen=True)
class Sink:
    """A field: `plant(app, build, payload, n)` stores `payload` and returns the HTML of the pages showing it.

    A sink in a content file gives `content(root, payloads)`, which writes files holding every payload into a
    copy of the content root before the app starts; `plant` then opens the pages of payload `n`.
    """

    name: str
    plant: Callable[[Flask, Builders, str, int], list[str]]
    shown: Callable[[str], str | None] = lambda payload: payload  # what the reader should see; None: not shown
    content: Callable[[Path, list[str]], None] | None = None


def _admin_client(app: Flask, build: Builders):
    """A client signed in as a new admin."""
    admin = build.user("admin")
    client = app.test_client()
    login(client, admin.username)
    return client


def signup_display_name(app, build, payload, n):
    classroom = build.classroom(teacher=build.user("teacher"))
    client = app.test_client()
    data = {"join_code": classroom.join_code, "username": f"xss{n}", "display_name": payload}
    response = post_form(client, "/signup", {**data, "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    admin = _admin_client(app, build)
    return [client.get(url).get_data(as_text=True) for url in ("/", "/account/password")] + [
        admin.get("/admin/users").get_data(as_text=True)
    ]


def admin_display_name(app, build, payload, n):
    client = _admin_client(app, build)
    data = {"display_name": payload, "username": f"made{n}", "role": "teacher", "password": PASSWORD}
    assert post_form(client, "/admin/users", data).status_code == 302
    teacher = app.test_client()
    login(teacher, f"made{n}")
    return [client.get("/admin/users").get_data(as_text=True), teacher.get("/").get_data(as_text=True)]


def cli_display_name(app, build, payload, n):
    result = app.test_cli_runner().invoke(
        args=["users", "create", f"cli{n}", "--role", "teacher", "--name", payload], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    return [_admin_client(app, build).get("/admin/users").get_data(as_text=True)]


def class_name(app, build, payload, n):
    classroom = build.classroom(teacher=build.user("teacher"), name=payload[:100])
    client = app.test_client()
    data = {"join_code": classroom.join_code, "username": f"joiner{n}", "display_name": "Joiner"}
    post_form(client, "/signup", {**data, "password": PASSWORD, "confirm": PASSWORD})
    return [client.get("/").get_data(as_text=True)]


def invited_username(app, build, payload, n):
    """A teacher invites a co-teacher by a hostile 'username'; the class page lists it as invited."""
    teacher = build.user("teacher")
    classroom = build.classroom(teacher=teacher)
    client = app.test_client()
    login(client, teacher.username)
    post_form(client, f"/classes/{classroom.id}/teachers", {"username": payload})
    return [client.get(f"/classes/{classroom.id}").get_data(as_text=True)]


def typed_into_forms(app, build, payload, n):
    """Rejected input is shown again in the form (value attributes, error messages)."""
    pages = [login(app.test_client(), payload, "wrong-password").get_data(as_text=True)]
    data = {"join_code": payload, "username": payload, "display_name": payload, "password": "x", "confirm": "y"}
    pages.append(post_form(app.test_client(), "/signup", data).get_data(as_text=True))
    admin = _admin_client(app, build)
    data = {"display_name": payload, "username": payload, "role": "teacher", "password": "short"}
    pages.append(post_form(admin, "/admin/users", data).get_data(as_text=True))
    return pages


def address_parts(app, build, payload, n):
    """Article ids and the sign-in `next` come from the address bar."""
    student = build.user("student")
    client = app.test_client()
    pages = [client.get(f"/articles/compare?next={quote(payload)}").get_data(as_text=True)]  # redirect to sign in
    login(client, student.username)
    pages.append(client.get(f"/articles/{quote(payload, safe='')}").get_data(as_text=True))
    pages.append(client.get(f"/articles/compare?a={quote(payload)}&a=nk-pow-hngn").get_data(as_text=True))
    return pages


def quiz_module_files(root: Path, payloads: list[str]) -> None:
    """One quiz module per payload, with it in every string a teacher writes: title, Markdown, options, feedback."""
    (root / "quizzes").mkdir(exist_ok=True)
    for n, payload in enumerate(payloads):
        marked = f"xss-marker-{n} {payload}"
        module = {
            "id": f"hostile-{n}",
            "title": f"Module {n} {payload}",
            "description": marked,
            "skills": ["unverified_claim"],
            "settings": {"shuffle_options": False, "feedback": "each"},
            "items": [
                {
                    "id": "only",
                    "type": "choice",
                    "skill": "unverified_claim",
                    "articles": ["nk-pow-hngn"],
                    "prompt": marked,
                    "options": [
                        {"text": f"Option {payload}", "correct": True, "feedback": marked},
                        {"text": "Another option", "feedback": marked},
                    ],
                    "explanation": marked,
                }
            ],
        }
        (root / "quizzes" / f"hostile-{n}.yaml").write_text(yaml.safe_dump(module, allow_unicode=True), "utf-8")


def quiz_strings(app, build, payload, n):
    """A student opens the module, answers its item (feedback and explanation) and sees the results."""
    student = build.user("student")
    client = app.test_client()
    login(client, student.username)
    pages = [client.get("/quizzes/").get_data(as_text=True), client.get(f"/quizzes/hostile-{n}").get_data(as_text=True)]
    started = post_form(client, f"/quizzes/hostile-{n}/start")
    assert started.status_code == 302, f"module hostile-{n} did not start (did it load?)"
    item_url = started.headers["Location"]
    page = client.get(item_url).get_data(as_text=True)
    pages.append(page)
    post_form(client, item_url, first_choices(page))
    pages.append(client.get(item_url).get_data(as_text=True))
    finish = item_url.rsplit("/items/", 1)[0] + "/submit"
    results = post_form(client, finish).headers["Location"]
    pages.append(client.get(results).get_data(as_text=True))
    assert all(f"xss-marker-{n}" in "".join(read_page(p).texts) for p in pages[1:]), "a Markdown field was not shown"
    return pages


SINKS = [
    # Names lose invisible and direction-changing characters (accounts/names.py); the rest shows as text.
    Sink("display name at sign-up", signup_display_name, clean_display_name),
    Sink("display name set by an admin", admin_display_name, clean_display_name),
    Sink("display name from the CLI", cli_display_name, clean_display_name),
    Sink("class name", class_name, lambda payload: payload[:100]),
    Sink("rejected form input", typed_into_forms),
    # Stored lower-case; longer than a username may be, it is refused (and not listed).
    Sink(
        "invited co-teacher username",
        invited_username,
        lambda payload: payload.strip().lower() if len(payload.strip()) <= 64 else None,
    ),
    # An article id with "/" cannot reach the route, so it is not shown: nothing to find.
    Sink("article id in the address", address_parts, lambda payload: None if "/" in payload else payload),
    # Titles and option texts are plain text (shown escaped); the Markdown fields are sanitised, so only the
    # marker beside the payload must be visible (checked in quiz_strings).
    Sink("quiz module YAML strings", quiz_strings, lambda payload: f"Option {payload}", quiz_module_files),
]


@pytest.mark.parametrize("sink", SINKS, ids=lambda sink: sink.name)
def test_hostile_strings_come_back_as_text(make_app, tmp_path, sink):
    overrides = {}
    if sink.content:
        shutil.copytree(PROJECT_ROOT / "seeds", tmp_path / "seeds")
        sink.content(tmp_path, HOSTILE)
        overrides["CONTENT_DIR"] = str(tmp_path)
    app = make_app(**overrides)
    with app.app_context():
        _plant_everything(app, Builders(), sink)


def _plant_everything(app, build, sink):
    """Every payload through the sink; every page checked."""
    failures = []
    for n, payload in enumerate(HOSTILE):
        pages = sink.plant(app, build, payload, n)
        expected = sink.shown(payload)
        for page in pages:
            failures += [f"{payload!r}: {danger}" for danger in injected_markup(page)]
        if expected is not None and not any(shown_as_text(page, expected) for page in pages):
            failures.append(f"{payload!r} was not shown as text on any page")
    assert failures == []


def test_the_checker_finds_injected_markup():
    page = '<p>ok</p><img src=x onerror="alert(1)"><a href=" JavaScript:alert(1)">x</a><script>alert(1)</script>'
    assert len(injected_markup(page)) == 3
    assert injected_markup('<script src="/static/js/app.js" defer></script>') == []
    assert shown_as_text("<p>&lt;script&gt;</p>", "<script>")
    assert not shown_as_text("<p><script></script></p>", "<script>")
