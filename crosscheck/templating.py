"""What every template may use, in one place: the filters for days, times, shares, points, Markdown and
skills, and the values the page layout needs. create_app registers them once, for every blueprint."""

from __future__ import annotations

from functools import lru_cache

from flask import Flask
from markupsafe import escape

from crosscheck.accounts.names import name_label, shared_names
from crosscheck.catalog_access import get_catalog
from crosscheck.content.skills import skill_label
from crosscheck.field_markup import field
from crosscheck.field_markup import install as install_field_rendering
from crosscheck.form_attributes import install as install_form_attributes
from crosscheck.items.markup import render_markdown
from crosscheck.navigation import layout_links, nav_menu
from crosscheck.progress.states import STATE_LABELS
from crosscheck.timezone import local, school_zone
from crosscheck.wording import counted
from crosscheck.wording import number as points  # points read as any number: '3', '2.5', '1.33'


def day(value) -> str:
    """'5 Mar 2026': the day a stored moment falls on (a due date, a join date) in the school's time zone."""
    return _day_in(value, school_zone())


@lru_cache(maxsize=4096)
def _day_in(value, zone) -> str:
    """day() in `zone`: the same few due dates recur on every row of a dashboard or report (a pure function)."""
    when = local(value, zone)
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


# Every state badge there can be, escaped once: (state, submitted late) -> markup. The same markup as the
# `state_badge` macro of templates/reports/_report.html, for the grids and rows written in Python.
STATE_BADGES = {
    (state, late): f'<span class="state state-{escape(state)}">{escape(label + (" (late)" if late else ""))}</span>'
    for state, label in STATE_LABELS.items()
    for late in (False, True)
}


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
    """Every filter above, the form field builder (`field`), the menu and the broken-content notice the layout
    shows on each page, and the quick builder of form fields' attributes."""
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals["field"] = field
    install_form_attributes()
    install_field_rendering()

    @app.context_processor
    def layout_values() -> dict:
        return {"catalog_notice": get_catalog().broken_files, "nav_menu": nav_menu, "layout_links": layout_links}
