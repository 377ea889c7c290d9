"""The main menu (each feature's entry and the roles that see it) and the layout's own links."""

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
# The layout's own links (base.html): name -> (endpoint, values).
LAYOUT_LINKS = {
    "style": ("static", {"filename": "style.css"}),
    "home": ("home.index", {}),
    "password": ("accounts.change_password", {}),
    "sign_out": ("accounts.logout", {}),
    "sign_in": ("accounts.login", {}),
    "join": ("accounts.signup", {}),
}


def nav_menu() -> Markup:
    """The menu's list items for this page: the signed-in user's entries, the current section marked.

    The same role in the same section always gets the same menu, so each worker builds it once per
    (script root, role, section) and keeps it: built on every page, it cost more than the rest of the layout.
    """
    role = current_user.role if current_user.is_authenticated else None
    key = (request.script_root, role, (request.endpoint or "").split(".")[0])
    return _kept("crosscheck.nav_menus", key, lambda: _menu_items(*key[1:]))


def layout_links() -> dict[str, str]:
    """The layout's own links (style sheet, home, password, sign in and out) for this page: the same on every
    page under one script root, so each worker builds them once per script root and keeps them."""
    return _kept(
        "crosscheck.layout_links",
        request.script_root,
        lambda: {name: url_for(endpoint, **values) for name, (endpoint, values) in LAYOUT_LINKS.items()},
    )


def _kept(store: str, key, build):
    """What `build` makes for `key`, made once per worker and kept in the app's `store` (at most MENUS_KEPT)."""
    kept = current_app.extensions.setdefault(store, {})
    found = kept.get(key)
    if found is None:
        if len(kept) >= MENUS_KEPT:
            kept.clear()
        found = kept[key] = build()
    return found


def _menu_items(role: str | None, section: str) -> Markup:
    """<li> links to the entries `role` may open, aria-current on those of `section` (the page's blueprint)."""
    items = []
    for endpoint, label, roles in NAV:
        if role not in roles:
            continue
        current = ' aria-current="page"' if section and section == endpoint.split(".")[0] else ""
        items.append(f'<li><a href="{escape(url_for(endpoint))}"{current}>{escape(label)}</a></li>')
    return Markup("\n".join(items))
