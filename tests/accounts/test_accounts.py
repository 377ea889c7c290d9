"""Sign-up, sign-in, the rate limit, CSRF, password change and admin user management, as users drive them."""

from sqlalchemy import select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, csrf_token, login, post_form

SIGNUP = {
    "display_name": "Nadia R",
    "username": "nadia",
    "password": "a-long-password",
    "confirm": "a-long-password",
}


def test_student_signs_up_with_a_join_code_and_is_enrolled(client, build):
    classroom = build.classroom(build.user("teacher"), join_code="ABCD-EFGH")
    response = post_form(client, "/signup", {**SIGNUP, "join_code": "abcdefgh"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "nadia"))
    assert user.role == "student" and user.password_hash != "a-long-password"
    assert db.session.scalar(select(Enrollment.classroom_id).where(Enrollment.student_id == user.id)) == classroom.id
    assert "Nadia R" in client.get("/").get_data(as_text=True)


def test_signup_errors_show_beside_fields_and_keep_what_was_typed(client, build):
    build.classroom(join_code="ABCD-EFGH")
    response = post_form(client, "/signup", {**SIGNUP, "confirm": "different-pass", "join_code": "WRONG-CODE"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The passwords differ." in html
    assert 'value="nadia"' in html and 'value="Nadia R"' in html and 'value="WRONG-CODE"' in html
    response = post_form(client, "/signup", {**SIGNUP, "join_code": "WRONG-COD"})
    assert "No open class has that join code" in response.get_data(as_text=True)


def test_signup_refuses_archived_class_and_taken_username(client, build):
    build.classroom(join_code="ARCH-IVED", archived=True)
    response = post_form(client, "/signup", {**SIGNUP, "join_code": "ARCH-IVED"})
    assert "No open class has that join code" in response.get_data(as_text=True)
    build.classroom(join_code="OPEN-CODE")
    build.user(username="nadia")
    response = post_form(client, "/signup", {**SIGNUP, "username": "NADIA", "join_code": "OPEN-CODE"})
    assert "That username is taken" in response.get_data(as_text=True)


def test_login_same_message_for_unknown_user_and_wrong_password(client, build):
    build.user(username="known")
    wrong = login(client, "known", "not-the-password")
    unknown = login(client, "nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    for response in (wrong, unknown):
        assert "Unknown username or wrong password." in response.get_data(as_text=True)
    assert 'value="known"' in wrong.get_data(as_text=True)


def test_login_is_case_insensitive_and_follows_only_local_next(client, build):
    build.user(username="mixed")
    response = post_form(client, "/login?next=//evil.example/x", {"username": "MIXED", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    response = post_form(client, "/login?next=/articles/", {"username": "mixed", "password": PASSWORD})
    assert response.headers["Location"] == "/articles/"


def test_login_rate_limit_blocks_then_says_how_long(client, build):
    build.user(username="target")
    for _ in range(5):
        assert login(client, "target", "wrong-password").status_code == 401
    blocked = login(client, "target", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many failed sign-in attempts for this username from here. Wait 1 minute" in blocked.get_data(
        as_text=True
    )


def test_successful_login_clears_failures(client, build):
    build.user(username="forgetful")
    for _ in range(4):
        login(client, "forgetful", "wrong-password")
    assert login(client, "forgetful").status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    for _ in range(4):
        login(client, "forgetful", "wrong-password")
    assert login(client, "forgetful").status_code == 302


def test_forms_without_or_with_wrong_csrf_token_are_refused(client, build):
    build.user(username="csrf")
    for data in ({}, {"csrf_token": "forged"}):
        response = client.post("/login", data={"username": "csrf", "password": PASSWORD, **data})
        assert response.status_code == 400
        assert "Form expired" in response.get_data(as_text=True)
    assert login(client, "csrf").status_code == 302
    assert client.post("/logout").status_code == 400


def test_logout_is_post_only(client, signed_in):
    signed_in()
    assert client.get("/logout").status_code == 405
    response = client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert client.get("/articles/").status_code == 302


def test_change_password(client, signed_in):
    user = signed_in()
    bad = post_form(
        client, "/account/password", {"current": "nope", "new": "another-password", "confirm": "another-password"}
    )
    assert "That is not your current password." in bad.get_data(as_text=True)
    short = post_form(client, "/account/password", {"current": PASSWORD, "new": "short", "confirm": "short"})
    assert "Use at least 10 characters." in short.get_data(as_text=True)
    ok = post_form(
        client, "/account/password", {"current": PASSWORD, "new": "another-password", "confirm": "another-password"}
    )
    assert ok.status_code == 302
    db.session.refresh(user)
    assert user.check_password("another-password")


def test_admin_creates_a_teacher(client, signed_in):
    signed_in("admin")
    data = {"display_name": "Mr Teach", "username": "mrteach", "role": "teacher", "password": "teacher-password"}
    assert post_form(client, "/admin/users", data).status_code == 302
    assert "mrteach" in client.get("/admin/users").get_data(as_text=True)
    assert login(client.application.test_client(), "mrteach", "teacher-password").status_code == 302


def test_only_admins_manage_users(client, signed_in):
    signed_in("teacher")
    assert client.get("/admin/users").status_code == 403
    data = {"display_name": "X", "username": "sneaky", "role": "admin", "password": "teacher-password"}
    assert post_form(client, "/admin/users", data).status_code == 403
