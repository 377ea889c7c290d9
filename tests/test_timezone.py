"""The school's time zone: work falls due at midnight there, times are shown there, the database keeps UTC."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from crosscheck.classes.models import Assignment
from crosscheck.extensions import db
from crosscheck.timezone import end_of_day, local, zone_named
from tests.conftest import Builders, login, post_form
from tests.sample_work import SAMPLE_QUIZ, install_sample_catalog, record_attempt


def test_the_end_of_a_day_in_a_zone_is_stored_as_utc():
    assert end_of_day(date(2026, 11, 21), UTC) == datetime(2026, 11, 21, 23, 59, 59)
    assert end_of_day(date(2026, 11, 21), zone_named("Asia/Seoul")) == datetime(2026, 11, 21, 14, 59, 59)
    london = zone_named("Europe/London")  # summer time moves the end of the day by an hour
    assert end_of_day(date(2026, 7, 1), london) == datetime(2026, 7, 1, 22, 59, 59)
    assert end_of_day(date(2026, 12, 1), london) == datetime(2026, 12, 1, 23, 59, 59)
    assert local(datetime(2026, 11, 21, 14, 59, 59), zone_named("Asia/Seoul")).date() == date(2026, 11, 21)
    # Cairo's clocks go back at midnight on 29 Oct 2026: 23:59:59 comes twice, and the day ends at the second.
    assert end_of_day(date(2026, 10, 29), zone_named("Africa/Cairo")) == datetime(2026, 10, 29, 21, 59, 59)


def test_a_name_that_is_not_a_zone_stops_the_app_with_the_reason(make_app):
    with pytest.raises(ValueError, match="CROSSCHECK_TIME_ZONE='Mars/Olympus' is not a time zone"):
        make_app(TIME_ZONE="Mars/Olympus")
    assert zone_named(" utc ") is UTC
    with pytest.raises(ValueError, match="is not a time zone"):
        zone_named("America")  # a folder of zones, not one


@time_machine.travel(datetime(2026, 11, 1, 12, tzinfo=UTC))  # 21 November is ahead
def test_a_school_in_seoul_sets_and_reads_due_dates_in_seoul(make_app):
    app = make_app(TIME_ZONE="Asia/Seoul")
    with app.app_context():
        install_sample_catalog(app)
        build = Builders()
        teacher, student = build.user("teacher"), build.user("student")
        classroom = build.classroom(teacher, [student])
        client = app.test_client()
        login(client, teacher.username)
        url = f"/classes/{classroom.id}/assignments"
        assert post_form(client, url, {"work": f"quiz:{SAMPLE_QUIZ.id}", "due": "2026-11-21"}).status_code == 302
        assert db.session.query(Assignment).one().due_at == datetime(2026, 11, 21, 14, 59, 59)  # 23:59:59 KST
        page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
        assert "21 Nov 2026" in page and "Due at the end of that day (Asia/Seoul time)" in page
        record_attempt(
            student, SAMPLE_QUIZ, {"q1": ({"choice": "a"}, 1)}, datetime(2026, 11, 21, 15, 30)
        )  # 00:30, 22nd
        student_client = app.test_client()
        login(student_client, student.username)
        module = student_client.get(f"/quizzes/{SAMPLE_QUIZ.id}").get_data(as_text=True)
        assert "22 Nov 2026, 00:30 KST" in module
        login(client, teacher.username)
        csv = client.get(f"/reports/classes/{classroom.id}/students/{student.id}.csv").get_data(as_text=True)
        assert "2026-11-22 00:30 KST" in csv  # the day the page shows, the zone named
