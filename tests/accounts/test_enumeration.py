"""Nobody learns which usernames exist: sign-in costs the same for unknown names, sign-up probing is throttled."""

from __future__ import annotations

import time

from tests.conftest import Builders, login, post_form

SLOW_HASH = "pbkdf2:sha256:300000"  # a hash slow enough that skipping it would show


def _cpu_seconds(client, username: str) -> float:
    """CPU time this thread spends on one failed sign-in (the test client runs the request in it): neither
    other work on the machine nor another thread of this process (a live server left by a browser test)
    counts."""
    start = time.thread_time()
    assert login(client, username, "wrong-password").status_code == 401
    return time.thread_time() - start


def test_a_wrong_password_costs_the_same_for_an_unknown_username(make_app):
    app = make_app(PASSWORD_HASH_METHOD=SLOW_HASH, LOGIN_MAX_FAILURES=50)  # ten failures here, none held back
    with app.app_context():
        Builders().user(username="exists")
    client = app.test_client()
    login(client, "warm-up", "wrong-password")  # the first unknown name makes the stand-in hash once
    # In turns, so a busy spell on the machine (CI runs two suites at once) slows both kinds alike
    pairs = [(_cpu_seconds(client, "exists"), _cpu_seconds(client, f"nobody{n}")) for n in range(5)]
    known, unknown = min(k for k, _ in pairs), min(u for _, u in pairs)
    assert known > 0.02, "the hash is too fast to tell anything on this machine"
    assert unknown > 0.6 * known, f"unknown {unknown * 1000:.0f} ms vs known {known * 1000:.0f} ms: {pairs}"


SIGNUP = {"display_name": "Probe", "password": "a-long-password", "confirm": "a-long-password"}


def test_a_taken_username_is_told_only_to_someone_holding_a_join_code(client, build):
    build.classroom(join_code="REAL-CODE")
    build.user(username="taken")
    wrong_code = post_form(client, "/signup", {**SIGNUP, "username": "taken", "join_code": "GUES-SING"})
    page = wrong_code.get_data(as_text=True)
    assert "No open class has that join code" in page and "taken" not in page.replace('value="taken"', "")
    right_code = post_form(client, "/signup", {**SIGNUP, "username": "taken", "join_code": "REAL-CODE"})
    assert "That username is taken" in right_code.get_data(as_text=True)


def test_failed_sign_ups_from_one_address_are_held_back(make_app):
    app = make_app(SIGNUP_MAX_FAILURES=3)
    with app.app_context():
        builders = Builders()
        builders.classroom(join_code="REAL-CODE")
        builders.user(username="taken")
    prober, classmate = app.test_client(), app.test_client()
    here, elsewhere = {"REMOTE_ADDR": "198.51.100.7"}, {"REMOTE_ADDR": "203.0.113.5"}
    for name, code in (("taken", "REAL-CODE"), ("probe1", "GUES-SIN1"), ("probe2", "GUES-SIN2")):
        data = {**SIGNUP, "username": name, "join_code": code}
        assert post_form(prober, "/signup", data, environ_base=here).status_code == 400
    held = post_form(prober, "/signup", {**SIGNUP, "username": "other", "join_code": "REAL-CODE"}, environ_base=here)
    assert held.status_code == 429
    assert "Too many failed sign-up attempts from here. Wait 1 minute" in held.get_data(as_text=True)
    fine = post_form(
        classmate, "/signup", {**SIGNUP, "username": "newkid", "join_code": "REAL-CODE"}, environ_base=elsewhere
    )
    assert fine.status_code == 302


def test_successful_sign_ups_are_not_held_back(make_app):
    app = make_app(SIGNUP_MAX_FAILURES=3)
    with app.app_context():
        Builders().classroom(join_code="REAL-CODE")
    for n in range(5):  # a whole class signs up from the school's one address
        client = app.test_client()
        data = {**SIGNUP, "username": f"pupil{n}", "join_code": "REAL-CODE"}
        assert post_form(client, "/signup", data).status_code == 302
