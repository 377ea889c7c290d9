"""The main menu: each feature's entry and the roles that see it."""

from __future__ import annotations

from flask_login import current_user

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


def nav_links() -> list[tuple[str, str]]:
    """The menu entries the signed-in user may open."""
    role = current_user.role if current_user.is_authenticated else None
    return [(endpoint, label) for endpoint, label, roles in NAV if role in roles]
