"""What every template may use, in one place: the filters for days, times, shares, points, Markdown and
skills, and the values the page layout needs. create_app registers them once, for every blueprint."""

from __future__ import annotations

from flask import Flask

from crosscheck.accounts.names import name_label, shared_names
from crosscheck.catalog_access import get_catalog
from crosscheck.content.skills import skill_label
from crosscheck.form_attributes import install as install_form_attributes
from crosscheck.items.markup import render_markdown
from crosscheck.navigation import nav_links
from crosscheck.timezone import local, school_zone
from crosscheck.wording import counted
from crosscheck.wording import number as points  # points read as any number: '3', '2.5', '1.33'


def day(value) -> str:
    """'5 Mar 2026': the day a stored moment falls on (a due date, a join date) in the school's time zone."""
    when = local(value, school_zone())
    return f"{when.day} {when:%b %Y}"


def moment(value) -> str:
    """'5 Mar 2026, 14:05 UTC' (or 'KST', ...): when something happened, in the school's time zone."""
    when = local(value, school_zone())
    return f"{when.day} {when:%b %Y, %H:%M} {when.tzname()}"


def percent(share) -> str:
    """A share 0..1 as '80%', or a dash when there is none."""
    return "–" if share is None else f"{share:.0%}"


def points_label(value) -> str:
    """'1 point', '2.5 points': points with their unit."""
    return counted(value, "point")


FILTERS = {
    "day": day,
    "due_date": day,  # a due date is the day the work falls due
    "moment": moment,
    "percent": percent,
    "points": points,
    "points_label": points_label,
    "counted": counted,
    "md": render_markdown,  # Markdown from content files, sanitised
    "skill_label": skill_label,
    "shared_names": shared_names,  # with name_label: people of the same name show their usernames
    "name_label": name_label,
}


def register_templating(app: Flask) -> None:
    """Every filter above, the menu and the broken-content notice the layout shows on each page, and the quick
    builder of form fields' attributes."""
    app.jinja_env.filters.update(FILTERS)
    install_form_attributes()

    @app.context_processor
    def layout_values() -> dict:
        return {"catalog_notice": get_catalog().broken_files, "nav_links": nav_links}
