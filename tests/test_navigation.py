"""The main menu (crosscheck/navigation.py): each role's entries, the current section marked, and the menus a
worker keeps equal to menus built afresh, whoever asked before."""

from __future__ import annotations

import re

import pytest

from crosscheck.navigation import NAV
from tests.conftest import login

MENU = re.compile(r'<nav aria-label="Main">\s*<ul>(.*?)</ul>', re.S)
LINK = re.compile(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>')
PAGES = {  # a page of each section a role may open, with the entries it marks as current
    "student": [("/", {"Home"}), ("/articles/", {"Articles", "Compare"}), ("/quizzes/", {"Quizzes"})],
    "teacher": [("/classes/", {"Classes"}), ("/lessons/", {"Lessons"}), ("/account/password", set())],
    "admin": [("/admin/users", {"Users"}), ("/workspace/", {"Workspace"}), ("/", {"Home"})],
}


def menu(html: str) -> list[tuple[str, str, bool]]:
    """(href, label, marked current) of each menu entry on a page."""
    return [(href, label, bool(current)) for href, current, label in LINK.findall(MENU.search(html).group(1))]


def test_each_role_sees_its_entries_with_the_current_section_marked(app, build):
    users = {role: build.user(role) for role in PAGES}  # one app for them all: its kept menus must never cross
    for _ in range(2):  # the second round serves every menu from what the first built
        for role, pages in PAGES.items():
            client = app.test_client()
            assert login(client, users[role].username).status_code == 302
            labels = [label for _, label, roles in NAV if role in roles]
            for path, current in pages:
                response = client.get(path)
                assert response.status_code == 200, path
                entries = menu(response.get_data(as_text=True))
                assert [label for _, label, _ in entries] == labels, (role, path)
                assert {label for _, label, marked in entries if marked} == current, (role, path)
                assert all(href.startswith("/") for href, _, _ in entries)


@pytest.mark.parametrize("order", [("", "/crosscheck"), ("/crosscheck", "")])
def test_links_follow_the_script_root(client, signed_in, order):
    signed_in()  # a menu kept for the site's root must not serve a request under a prefix, nor the other way
    for prefix in order + order:
        html = client.get("/quizzes/", environ_overrides={"SCRIPT_NAME": prefix}).get_data(as_text=True)
        assert (f"{prefix}/quizzes/", "Quizzes", True) in menu(html), prefix
        assert all(href.startswith(f"{prefix}/") for href, _, _ in menu(html))
        # The layout's own links, kept per script root too: style sheet, home, password, sign out.
        for link in ('href="{}/static/style.css"', 'class="brand" href="{}/"', 'href="{}/account/password"'):
            assert link.format(prefix) in html, (prefix, link)
        assert f'action="{prefix}/logout"' in html


@pytest.mark.parametrize("prefix", ["", "/crosscheck"])
def test_signed_out_pages_link_to_sign_in_and_join_under_the_script_root(client, prefix):
    for _ in range(2):  # built, then kept
        html = client.get("/login", environ_overrides={"SCRIPT_NAME": prefix}).get_data(as_text=True)
        assert f'href="{prefix}/login"' in html and f'href="{prefix}/signup"' in html


def test_anonymous_pages_show_no_menu(client):
    assert menu(client.get("/login").get_data(as_text=True)) == []
