"""Each report page runs the same number of SQL queries for a class of 5 and a class of 500."""

import dataclasses

import pytest
from sqlalchemy import select

from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from tests.conftest import counting_queries, login
from tests.sample_work import SAMPLE_QUIZ, SAMPLE_QUIZ_2, bulk_class, install_sample_catalog

PAGES = [
    "overview",
    "overview.csv",
    "skills",
    "skills.csv",
    "items/sample-figures",
    "items/sample-figures.csv",
    "gain/sample-figures",  # sample-figures as the post-test of sample-sources (the fixture pairs them)
    "gain/sample-figures.csv",
]


def _count(client, url) -> int:
    with counting_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


@pytest.fixture
def small_and_large(app, build):
    install_sample_catalog(app)
    paired = dataclasses.replace(SAMPLE_QUIZ, pre_test=SAMPLE_QUIZ_2.id)  # a pair, for the gain report's pages
    app.extensions["crosscheck.catalog"].quizzes[SAMPLE_QUIZ.id] = paired
    teacher = build.user("teacher")
    return teacher, bulk_class(teacher, 5), bulk_class(teacher, 500)


def test_report_queries_do_not_grow_with_the_class(client, small_and_large):
    teacher, small, large = small_and_large
    login(client, teacher.username)
    for page in PAGES:
        counts = [_count(client, f"/reports/classes/{c.id}/{page}") for c in (small, large)]
        assert counts[0] == counts[1], (page, counts)
    first = [
        db.session.scalar(select(Enrollment.student_id).where(Enrollment.classroom_id == c.id)) for c in (small, large)
    ]
    counts = [
        _count(client, f"/reports/classes/{c.id}/students/{s}") for c, s in zip((small, large), first, strict=True)
    ]
    assert counts[0] == counts[1]
    large_page = client.get(f"/reports/classes/{large.id}/overview").get_data(as_text=True)
    assert all(f">Student {i:03d}</a>" in large_page for i in range(500))


def test_class_page_queries_do_not_grow_with_the_class(client, small_and_large):
    teacher, small, large = small_and_large
    login(client, teacher.username)
    assert _count(client, f"/classes/{small.id}") == _count(client, f"/classes/{large.id}")
