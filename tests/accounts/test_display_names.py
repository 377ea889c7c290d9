"""Display names cannot hide characters that make one student look like another; pages tell two of a name apart."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from crosscheck.accounts.models import User
from crosscheck.accounts.names import clean_display_name, name_label, shared_names
from crosscheck.classes.accommodations import Accommodation
from crosscheck.classes.models import Assignment
from crosscheck.extensions import db
from tests.conftest import PASSWORD, post_form

RLO, ZWSP, ZWJ, LRI, PDI, BOM, SHY = "\u202e", "\u200b", "\u200d", "\u2066", "\u2069", "\ufeff", "\u00ad"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (f"Ana{RLO}eveS", "AnaeveS"),  # would show as "AnaSeve"
        (f"Ben{ZWSP}{ZWJ} Lee{BOM}", "Ben Lee"),
        (f"{LRI}Chloe{PDI}", "Chloe"),
        (f"Dev{SHY}  \t Patel\u2028", "Dev Patel"),
        ("Zoë Ní Bhriain", "Zoë Ní Bhriain"),
        ("김민준", "김민준"),
        ("محمد علي", "محمد علي"),  # right-to-left letters themselves are fine
    ],
)
def test_clean_display_name(typed, kept):
    assert clean_display_name(typed) == kept


def test_same_names_are_found_whatever_the_case_width_or_spacing():
    assert shared_names(["Ana Lee", "ana  lee", "Ｂen", "ben", "Cy"]) == {"ana lee", "ben"}
    shared = shared_names(["Ana Lee", f"Ana{ZWSP} Lee"])
    assert name_label("Ana Lee", "ana2", shared) == "Ana Lee (ana2)"
    assert name_label("Cy", "cy", shared) == "Cy"


def test_sign_up_strips_an_override_and_refuses_a_name_of_nothing_visible(client, build):
    build.classroom(join_code="REAL-CODE")
    data = {"username": "sneaky", "password": PASSWORD, "confirm": PASSWORD, "join_code": "REAL-CODE"}
    empty = post_form(client, "/signup", {**data, "display_name": f"{ZWSP}{RLO} {BOM}"})
    assert empty.status_code == 400 and "This field is required." in empty.get_data(as_text=True)
    assert post_form(client, "/signup", {**data, "display_name": f"Ana{RLO}eveS"}).status_code == 302
    assert db.session.scalar(select(User.display_name).where(User.username == "sneaky")) == "AnaeveS"


def test_an_admin_and_the_command_line_cannot_store_invisible_characters_either(app, client, signed_in, runner):
    signed_in("admin")
    data = {"display_name": f"Mr{ZWJ} Teach{RLO}", "username": "mrteach", "role": "teacher", "password": PASSWORD}
    assert post_form(client, "/admin/users", data).status_code == 302
    result = runner.invoke(
        args=["users", "create", "clit", "--role", "teacher", "--name", f"{LRI}Cli{PDI}"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    names = dict(db.session.execute(select(User.username, User.display_name)).all())
    assert names["mrteach"] == "Mr Teach" and names["clit"] == "Cli"


def test_two_students_of_the_same_name_are_shown_with_their_usernames(client, signed_in, build):
    teacher = signed_in("teacher")
    twins = [build.user(username="ana1", name="Ana Lee"), build.user(username="ana2", name="ana lee")]
    other = build.user(username="ben1", name="Ben")
    classroom = build.classroom(teacher, students=[*twins, other])
    post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:primary-source"})
    for url in (f"/reports/classes/{classroom.id}/overview", f"/reports/classes/{classroom.id}/skills"):
        page = client.get(url).get_data(as_text=True)
        assert "Ana Lee (ana1)" in page and "ana lee (ana2)" in page, url
        assert "Ben (ben1)" not in page and ">Ben<" in page, url
    roster = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "<td>ana1</td>" in roster and "<td>ana2</td>" in roster  # the roster has a username column


def test_the_gain_report_and_the_accommodations_tell_two_of_a_name_apart(client, signed_in, build):
    teacher = signed_in("teacher")
    twins = [build.user(username="ana1", name="Ana Lee"), build.user(username="ana2", name="ana lee")]
    other = build.user(username="ben1", name="Ben")
    classroom = build.classroom(teacher, students=[*twins, other])
    for work in ("quiz:pre-test", "quiz:post-test"):
        post_form(client, f"/classes/{classroom.id}/assignments", {"work": work})
    for student in (*twins, other):  # each has an extra attempt at the post-test
        db.session.add(
            Accommodation(assignment_id=_assignment_id("post-test"), student_id=student.id, extra_attempts=1)
        )
    db.session.commit()
    pages = {  # the page, and how its table shows a student's name
        f"/reports/classes/{classroom.id}/gain/post-test": ">{}</a>",
        f"/classes/{classroom.id}/accommodations": "<td>{}</td>",  # (its form's checkboxes always add usernames)
    }
    for url, cell in pages.items():
        page = client.get(url).get_data(as_text=True)
        assert cell.format("Ana Lee (ana1)") in page and cell.format("ana lee (ana2)") in page, url
        assert cell.format("Ben") in page, url


def _assignment_id(target_id: str) -> int:
    """The id of the assignment of `target_id` (the test's one class)."""
    return db.session.scalar(select(Assignment.id).where(Assignment.target_id == target_id))


def test_the_upgrade_cleans_names_already_stored(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0007")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    'INSERT INTO "user" (id, username, display_name, password_hash, role, is_active_account, '
                    "created_at) VALUES (1, 'ana', :spoof, 'x', 'student', :yes, '2026-01-05 09:00:00'), "
                    "(2, 'ghost', :blank, 'x', 'student', :yes, '2026-01-05 09:00:00'), "
                    "(3, 'fine', 'Zoë', 'x', 'student', :yes, '2026-01-05 09:00:00')"
                ),
                {"spoof": f"Ana{RLO}eveS", "blank": f"{ZWSP}{ZWSP}", "yes": True},
            )
        upgrade()
        names = dict(db.session.execute(select(User.username, User.display_name)).all())
        db.session.remove()
    assert names == {"ana": "AnaeveS", "ghost": "ghost", "fine": "Zoë"}
