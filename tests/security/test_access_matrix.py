"""The authorization matrix: every route, requested by every role, gives the status access_matrix.py expects."""

from __future__ import annotations

import pytest

from tests.security.access_matrix import ROLES, ROUTES
from tests.security.world import build_world, outcome, route_url, send

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def app_routes(app) -> set[tuple[str, str]]:
    """Every (endpoint, method) the app serves, static files aside."""
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - IGNORED_METHODS
    }


def test_every_route_has_a_row_and_every_row_a_route(app):
    rows = [(route.endpoint, route.method) for route in ROUTES]
    assert len(rows) == len(set(rows)), "a route has two rows"
    missing = sorted(app_routes(app) - set(rows))
    stale = sorted(set(rows) - app_routes(app))
    assert missing == [], f"add these routes to tests/security/access_matrix.py: {missing}"
    assert stale == [], f"these rows name no route of the app: {stale}"


def test_every_row_names_every_role_and_reaches_its_endpoint(app, build):
    world = build_world(build)
    adapter = app.url_map.bind("localhost")
    for route in ROUTES:
        assert set(route.expect) == set(ROLES), f"{route.id}: give a status for each of {ROLES}"
        path = route_url(route, world).split("?")[0]
        endpoint, _ = adapter.match(path, method=route.method)
        assert endpoint == route.endpoint, f"{route.id}: {path} reaches {endpoint}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_each_role_gets_the_expected_status(app, build, route):
    world = build_world(build)
    got = {role: outcome(send(world.client(app, role), route, world)) for role in ROLES}
    assert got == route.expect
