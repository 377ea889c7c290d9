"""The reports' SQL gives the same figures on PostgreSQL as on SQLite (JSON, window functions, CASE, casts).

Runs when TEST_POSTGRES_URL names an empty database it may reset, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/crosscheck_test; skipped otherwise.
"""

import csv
import io
import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

from crosscheck.extensions import db
from tests.conftest import Builders, login
from tests.reports.test_figures import build_graded_class

pytestmark = pytest.mark.postgres
URL = os.environ.get("TEST_POSTGRES_URL")
PAGES = ["overview", "overview.csv", "skills", "skills.csv", "items/sample-figures", "items/sample-figures.csv"]


def _reports(app) -> dict[str, bytes]:
    """Every report and export of the graded class, as the teacher downloads them."""
    with app.app_context():
        classroom, teacher, students, *_ = build_graded_class(app, Builders())
        urls = [f"/reports/classes/{classroom.id}/{p}" for p in PAGES]
        urls += [f"/reports/classes/{classroom.id}/students/{s.id}.csv" for s in students]
    client = app.test_client()
    login(client, teacher.username)
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.get_data()
    return pages


@pytest.mark.skipif(not URL, reason="TEST_POSTGRES_URL is not set")
def test_every_report_is_the_same_on_postgres(make_app):
    pg = make_app(SQLALCHEMY_DATABASE_URI=URL)
    with pg.app_context():
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
        upgrade()
    on_sqlite, on_postgres = _reports(make_app()), _reports(pg)
    assert list(on_sqlite) == list(on_postgres)
    for url, body in on_sqlite.items():
        if "/students/" in url:  # the two runs' submission times differ by their run time: compare the rest
            assert _without_column(on_postgres[url], 2) == _without_column(body, 2), url
        elif url.endswith(".csv"):
            assert on_postgres[url] == body, url


def _without_column(body: bytes, index: int) -> list[list[str]]:
    """The CSV's rows with one column left out."""
    rows = csv.reader(io.StringIO(body.decode("utf-8")))
    return [row[:index] + row[index + 1 :] for row in rows]
