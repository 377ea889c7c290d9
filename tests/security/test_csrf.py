"""Every state-changing route refuses a form whose CSRF token is missing, forged or from another session."""

from __future__ import annotations

import pytest

from crosscheck.extensions import csrf
from tests.conftest import csrf_token
from tests.security.access_matrix import LOGIN, ROLES, ROUTES
from tests.security.world import build_world, names_workspace, outcome, rows_by_rule, send, worlds

STATE_CHANGING = [route for route in ROUTES if route.method in {"POST", "PUT", "PATCH", "DELETE"}]
FORMS = [route for route in STATE_CHANGING if route.csrf]
# The LMS POSTs these cross-site with no CSRF token; the launch is protected by its signed id_token instead
# (tests/lti/test_bad_launches.py), the login initiation changes nothing but a nonce.
TOKEN_PROTECTED = {"crosscheck.lti.routes.login", "crosscheck.lti.routes.launch"}


def accepted_role(route) -> str:
    """The first role whose request the route accepts (a 2xx or a redirect that is not to the sign-in page)."""
    return next(role for role in ROLES if route.expect[role] != LOGIN and 200 <= route.expect[role] < 400)


def test_only_the_lti_protocol_views_are_exempt(app):
    assert app.config.get("WTF_CSRF_ENABLED", True) and app.config.get("WTF_CSRF_CHECK_DEFAULT", True)
    assert csrf._exempt_views == TOKEN_PROTECTED and not csrf._exempt_blueprints
    exempt_rows = {
        f"{app.view_functions[r.endpoint].__module__}.{r.endpoint.split('.')[1]}" for r in ROUTES if not r.csrf
    }
    assert exempt_rows == TOKEN_PROTECTED


@pytest.mark.parametrize("route", [r for r in STATE_CHANGING if not r.csrf], ids=lambda route: route.id)
def test_token_protected_posts_without_a_valid_token_are_refused(app, build, route):
    world = build_world(build)
    for role in ("anonymous", "student", "admin"):
        response = send(world.client(app, role), route, world, token=None)
        assert response.status_code == 400 and "could not open this launch" in response.get_data(as_text=True)


def test_every_state_changing_rule_is_covered(app, build):
    rules = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }
    covered = {key for key, rows in rows_by_rule(app, build_world(build)).items() if rows[0] in STATE_CHANGING}
    assert rules == covered


@pytest.mark.parametrize("route", FORMS, ids=lambda route: route.id)
def test_forms_without_a_valid_token_are_refused(app, build, route):
    (world,) = worlds(app, build, ("",), names_workspace(route))
    role = accepted_role(route)
    client = world.client(app, role)
    foreign = csrf_token(app.test_client())  # valid, but for another browser's session
    for label, token in [("missing", None), ("forged", "forged-token"), ("another session's", foreign)]:
        response = send(client, route, world, token=token)
        assert response.status_code == 400, f"{label} token: {response.status_code}"
        assert "Form expired" in response.get_data(as_text=True)
    # The same request with the session's token goes through: the refusals above changed nothing it needs.
    assert outcome(send(client, route, world)) == route.expect[role]
