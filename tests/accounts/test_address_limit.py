"""The per-address sign-in limit is a setting: a school behind one NAT address can raise it."""

import pytest

from tests.conftest import Builders, login


@pytest.mark.parametrize(("address_max", "expected"), [(3, 429), (50, 302)])
def test_failures_from_one_address_lock_it_out_up_to_the_setting(make_app, address_max, expected):
    app = make_app(LOGIN_ADDRESS_MAX_FAILURES=address_max)
    with app.app_context():
        Builders().user(username="punctual")
    client = app.test_client()
    for n in range(3):  # three different students mistype, all from the school's one address
        assert login(client, f"typo{n}", "wrong-password").status_code == 401
    assert login(client, "punctual").status_code == expected
