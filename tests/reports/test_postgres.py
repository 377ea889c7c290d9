"""The reports' SQL gives the same figures on PostgreSQL as on SQLite (JSON, window functions, CASE, casts).

Runs in the PostgreSQL pass of `make test` (TEST_DATABASE_URL set), against a SQLite copy made beside it.
"""

import csv
import io
import shutil

import pytest

from tests.conftest import Builders, login
from tests.databases import TEST_DATABASE_URL
from tests.reports.test_figures import build_graded_class

pytestmark = pytest.mark.postgres
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


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="compares engines: runs in the PostgreSQL pass of make test")
def test_every_report_is_the_same_on_postgres(make_app, template_db, tmp_path):
    sqlite_copy = tmp_path / "beside.db"
    shutil.copy(template_db, sqlite_copy)
    on_sqlite = _reports(make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{sqlite_copy}"))
    on_postgres = _reports(make_app())  # the PostgreSQL test database, emptied for this test
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
