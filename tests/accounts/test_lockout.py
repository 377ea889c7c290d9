"""Guessing is throttled per username and place, with growing delays; nobody can lock another person out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from crosscheck.accounts.models import LoginFailure
from crosscheck.accounts.throttle import delay_after
from crosscheck.extensions import db
from tests.conftest import PASSWORD, login, post_form

ATTACKER = {"REMOTE_ADDR": "198.51.100.66"}
SCHOOL = {"REMOTE_ADDR": "203.0.113.10"}  # the school's one NAT address, shared by teacher and students


def _guess(client, username: str, where: dict, times: int = 5):
    """`times` wrong passwords for `username` from `where`; every one must be an ordinary failure."""
    for _ in range(times):
        assert login(client, username, "wrong-password", environ_base=where).status_code == 401


def _age_failures(seconds: int) -> None:
    """Move every recorded failure `seconds` into the past, as if time had passed."""
    for failure in db.session.scalars(select(LoginFailure)):  # in Python: SQLite has no datetime arithmetic
        failure.at -= timedelta(seconds=seconds)
    db.session.commit()


def test_a_stranger_cannot_lock_the_teacher_out(app, build):
    build.user("teacher", username="teacher")
    attacker, teacher = app.test_client(), app.test_client()
    _guess(attacker, "teacher", ATTACKER)
    assert login(attacker, "teacher", PASSWORD, environ_base=ATTACKER).status_code == 429  # the guesser waits
    assert login(teacher, "teacher", PASSWORD, environ_base=SCHOOL).status_code == 302  # the owner does not


def test_a_stranger_at_the_same_address_cannot_lock_out_a_browser_the_teacher_used_before(app, build):
    build.user("teacher", username="teacher")
    teachers_laptop, student = app.test_client(), app.test_client()
    assert login(teachers_laptop, "teacher", environ_base=SCHOOL).status_code == 302
    post_form(teachers_laptop, "/logout", environ_base=SCHOOL)
    _guess(student, "teacher", SCHOOL)  # a student on the school network tries the teacher's account
    for n in range(60):  # ... and sprays other usernames until the whole address is held back
        login(student, f"someone{n}", "wrong-password", environ_base=SCHOOL)
    assert login(student, "teacher", PASSWORD, environ_base=SCHOOL).status_code == 429
    assert login(teachers_laptop, "teacher", PASSWORD, environ_base=SCHOOL).status_code == 302


def test_a_known_browser_is_throttled_too_when_it_guesses(app, build):
    build.user(username="pupil")
    browser = app.test_client()
    assert login(browser, "pupil").status_code == 302
    post_form(browser, "/logout")
    _guess(browser, "pupil", {})
    assert login(browser, "pupil").status_code == 429


def test_a_forged_or_other_accounts_browser_cookie_vouches_for_nothing(app, build):
    build.user(username="victim")
    build.user(username="mallory")
    browser = app.test_client()
    assert login(browser, "mallory").status_code == 302  # the cookie knows mallory, not victim
    post_form(browser, "/logout")
    _guess(browser, "victim", SCHOOL)
    assert login(browser, "victim", PASSWORD, environ_base=SCHOOL).status_code == 429
    forged = app.test_client()
    forged.set_cookie("crosscheck_known", "eyJpZCI6ICJ4In0.forged")
    assert login(forged, "victim", PASSWORD, environ_base=SCHOOL).status_code == 429


def test_delays_grow_from_one_minute_to_an_hour():
    assert [delay_after(n, free=5) for n in (0, 4, 5, 6, 7, 10, 11, 500)] == [0, 0, 60, 120, 240, 1920, 3600, 3600]


def test_each_failure_after_the_free_ones_waits_longer(client, build):
    build.user(username="slow")
    _guess(client, "slow", ATTACKER)
    held = login(client, "slow", "wrong-password", environ_base=ATTACKER)
    assert held.status_code == 429
    assert "Wait 1 minute" in held.get_data(as_text=True)
    _age_failures(61)
    _guess(client, "slow", ATTACKER, times=1)  # the sixth guess is allowed after the minute ...
    held = login(client, "slow", PASSWORD, environ_base=ATTACKER)
    assert held.status_code == 429 and "Wait 2 minutes" in held.get_data(as_text=True)  # ... then two
    _age_failures(121)
    assert login(client, "slow", PASSWORD, environ_base=ATTACKER).status_code == 302


def test_failures_are_forgotten_after_the_window(make_app):
    app = make_app(LOGIN_WINDOW_SECONDS=3600)
    client = app.test_client()
    with app.app_context():
        from tests.conftest import Builders

        Builders().user(username="later")
        _guess(client, "later", ATTACKER)
        _age_failures(3601)
        assert login(client, "later", PASSWORD, environ_base=ATTACKER).status_code == 302


def test_an_admin_unlocks_a_held_back_sign_in(app, build):
    admin = build.user("admin")
    teacher = build.user("teacher", username="lockedout")
    attacker, admin_browser = app.test_client(), app.test_client()
    _guess(attacker, "lockedout", SCHOOL)
    assert login(attacker, "lockedout", PASSWORD, environ_base=SCHOOL).status_code == 429
    login(admin_browser, admin.username)
    page = admin_browser.get(f"/admin/users/{teacher.id}").get_data(as_text=True)
    assert "held back after failed attempts" in page and "Unlock sign-in" in page
    response = post_form(admin_browser, f"/admin/users/{teacher.id}/unlock", follow_redirects=True)
    assert "no longer held back" in response.get_data(as_text=True)
    assert "Unlock sign-in" not in admin_browser.get(f"/admin/users/{teacher.id}").get_data(as_text=True)
    assert login(app.test_client(), "lockedout", PASSWORD, environ_base=SCHOOL).status_code == 302


def test_the_unlock_command_works_without_any_admin(app, build, runner):
    build.user("admin", username="onlyadmin")
    _guess(app.test_client(), "onlyadmin", SCHOOL)
    result = runner.invoke(args=["users", "unlock", "OnlyAdmin"])
    assert result.exit_code == 0 and "Forgot 5 failed sign-in(s) at onlyadmin" in result.output
    assert login(app.test_client(), "onlyadmin", PASSWORD, environ_base=SCHOOL).status_code == 302


@pytest.mark.parametrize(("address_max", "expected"), [(3, 429), (50, 302)])
def test_the_address_limit_for_unknown_browsers_is_a_setting(make_app, address_max, expected):
    app = make_app(LOGIN_ADDRESS_MAX_FAILURES=address_max)
    with app.app_context():
        from tests.conftest import Builders

        Builders().user(username="punctual")
    client = app.test_client()
    for n in range(3):  # three different students mistype, all from the school's one address
        assert login(client, f"typo{n}", "wrong-password").status_code == 401
    assert login(client, "punctual").status_code == expected


def test_a_success_forgets_only_its_own_places_failures(app, build):
    build.user(username="shared")
    attacker, owner = app.test_client(), app.test_client()
    _guess(attacker, "shared", ATTACKER, times=4)
    _guess(owner, "shared", SCHOOL, times=4)
    assert login(owner, "shared", environ_base=SCHOOL).status_code == 302
    # the owner's success does not give the attacker fresh guesses: one more and the attacker waits
    _guess(attacker, "shared", ATTACKER, times=1)
    assert login(attacker, "shared", "wrong-password", environ_base=ATTACKER).status_code == 429


def test_the_throttle_message_does_not_tell_whether_the_password_was_right(client, build):
    build.user(username="quiet")
    _guess(client, "quiet", ATTACKER)
    right = login(client, "quiet", PASSWORD, environ_base=ATTACKER)
    wrong = login(client, "quiet", "wrong-password", environ_base=ATTACKER)
    assert right.status_code == wrong.status_code == 429  # held back before any password is checked
    message = "Too many failed sign-in attempts for this username from here."
    assert message in right.get_data(as_text=True) and message in wrong.get_data(as_text=True)
