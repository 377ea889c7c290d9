"""The main menu: each feature's entry and the roles that see it."""

from __future__ import annotations

from flask import current_app, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

# (endpoint, label, roles); order is the order in the menu.
NAV = [
    ("home.index", "Home", ("student", "teacher", "admin")),
    ("articles.library", "Articles", ("student", "teacher", "admin")),
    ("articles.compare", "Compare", ("student", "teacher", "admin")),
    ("lessons.index", "Lessons", ("student", "teacher", "admin")),
    ("quizzes.index", "Quizzes", ("student", "teacher", "admin")),
    ("admin.users", "Users", ("admin",)),
    ("lti.admin", "LMS", ("admin",)),
    ("classes.index", "Classes", ("teacher", "admin")),
    ("workspace.index", "Workspace", ("teacher", "admin")),
]
MENUS_KEPT = 64  # (script root, role, section) keys: a handful in practice; the bound only guards memory


def nav_menu() -> Markup:
    """The menu's list items for this page: the signed-in user's entries, the current section marked.

    The same role in the same section always gets the same menu, so each worker builds it once per
    (script root, role, section) and keeps it: built on every page, it cost more than the rest of the layout.
    """
    role = current_user.role if current_user.is_authenticated else None
    key = (request.script_root, role, (request.endpoint or "").split(".")[0])
    menus = current_app.extensions.setdefault("crosscheck.nav_menus", {})
    menu = menus.get(key)
    if menu is None:
        if len(menus) >= MENUS_KEPT:
            menus.clear()
        menu = menus[key] = _menu_items(*key[1:])
    return menu


def _menu_items(role: str | None, section: str) -> Markup:
    """<li> links to the entries `role` may open, aria-current on those of `section` (the page's blueprint)."""
    items = []
    for endpoint, label, roles in NAV:
        if role not in roles:
            continue
        current = ' aria-current="page"' if section and section == endpoint.split(".")[0] else ""
        items.append(f'<li><a href="{escape(url_for(endpoint))}"{current}>{escape(label)}</a></li>')
    return Markup("\n".join(items))
