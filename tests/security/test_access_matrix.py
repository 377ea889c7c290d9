"""The authorization matrix: every route, requested by every role, gives the status access_matrix.py expects."""

from __future__ import annotations

import pytest

from tests.security.access_matrix import ROLES, ROUTES
from tests.security.world import build_world, names_workspace, outcome, rows_by_rule, send, worlds

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def app_rules(app) -> set[tuple[str, str]]:
    """Every (URL rule, method) the app serves, static files aside."""
    return {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - IGNORED_METHODS
    }


def test_every_route_has_a_row_and_every_row_a_route(app, build):
    found = rows_by_rule(app, build_world(build))
    doubled = sorted(key for key, rows in found.items() if len(rows) > 1)
    missing = sorted(app_rules(app) - set(found))
    assert doubled == [], f"two rows reach the same rule: {doubled}"
    assert missing == [], f"add rows for these routes to tests/security/access_matrix.py: {missing}"


def test_every_row_names_every_role():
    for route in ROUTES:
        assert set(route.expect) == set(ROLES), f"{route.id}: give a status for each of {ROLES}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_each_role_gets_the_expected_status(app, build, route):
    if route.method == "GET":
        (world,) = worlds(app, build, ("",), names_workspace(route))
        got = {role: outcome(send(world.client(app, role), route, world)) for role in ROLES}
    else:  # each role changes a world of its own: what one role did must not decide what the next one gets
        tags = tuple(f"-{n}" for n in range(len(ROLES)))
        own = dict(zip(ROLES, worlds(app, build, tags, names_workspace(route)), strict=True))
        got = {role: outcome(send(own[role].client(app, role), route, own[role])) for role in ROLES}
    assert got == route.expect
