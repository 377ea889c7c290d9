"""Which tests each engine's pass runs (tests/conftest.py): the PostgreSQL pass repeats only what it can change."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import tests.conftest as conftest
from tests.databases import DATABASE_USE


def item(fixtures=(), module=None, markers=()):
    """A stand-in for a collected test: what the pass rule reads of one."""
    return SimpleNamespace(
        fixturenames=list(fixtures),
        module=module or SimpleNamespace(),
        get_closest_marker=lambda name: name if name in markers else None,
    )


def test_a_test_with_a_database_fixture_reaches_the_database():
    assert conftest.reaches_database(item(["tmp_path", "client", "app", "make_app"]))
    assert conftest.reaches_database(item(["quiz_live_database"]))
    assert not conftest.reaches_database(item(["tmp_path", "sample_catalog"]))


def test_a_module_that_reads_the_engine_itself_keeps_its_tests():
    assert conftest.reaches_database(item(["tmp_path"], module=SimpleNamespace(TEST_DATABASE_URL=None)))
    assert conftest.reaches_database(item([], module=SimpleNamespace(ENGINE_NAME="sqlite")))


def test_sqlite_runs_everything_postgresql_only_what_the_engine_can_change(monkeypatch):
    on_database, pure = item(["make_app"]), item(["tmp_path"])
    markup = item(["live_app"], markers=("one_engine",))
    monkeypatch.setattr(conftest, "TEST_DATABASE_URL", None)
    assert [conftest.runs_in_this_pass(i) for i in (on_database, pure, markup)] == [True, True, True]
    monkeypatch.setattr(conftest, "TEST_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/t")
    assert [conftest.runs_in_this_pass(i) for i in (on_database, pure, markup)] == [True, False, False]


def test_reaching_the_database_without_a_database_fixture_fails_the_test():
    DATABASE_USE.set()
    try:
        with pytest.raises(pytest.fail.Exception, match="the PostgreSQL pass would leave it out"):
            conftest.pytest_runtest_teardown(item(["tmp_path"]))
        conftest.pytest_runtest_teardown(item(["make_app"]))  # asked for it: fine
    finally:
        DATABASE_USE.clear()
    conftest.pytest_runtest_teardown(item(["tmp_path"]))  # reached none: fine
