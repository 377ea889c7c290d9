"""A module students answered keeps its id when a teacher's new file in the content folders gives it too,
even when the names alone would hand the id to the newcomer (crosscheck/quizzes/answered_ids.py)."""

from __future__ import annotations

import shutil

import pytest

from crosscheck.catalog_access import get_catalog
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from tests.conftest import Builders, login
from tests.quizzes.helpers import answer, attempts, start

ORIGINAL = "quizzes/spot-unverified.yaml"
NEWCOMER = "quizzes/0-spot-unverified.yaml"  # named after the id and first by name: the names favour it
REFUSED = (
    f"{NEWCOMER}:3:1: module id 'spot-unverified' is already used by {ORIGINAL}; give this module an id of its own"
)


@pytest.fixture
def root(tmp_path):
    """A copy of the shipped content the test adds a file to."""
    for folder in ("seeds", "lessons", "quizzes"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    return tmp_path


def add_teachers_copy(root) -> None:
    """A teacher copies the shipped module, keeps its id by mistake and rewords the first question."""
    text = (root / ORIGINAL).read_text(encoding="utf-8")
    (root / NEWCOMER).write_text("# my first module\n" + text.replace("Which sentence tells", "Which line tells"))


def answer_first_question(app) -> None:
    """A student answers question 1 of the shipped module."""
    with app.app_context():
        student = Builders().user("student")
        client = app.test_client()
        login(client, student.username)
        start(client, "spot-unverified")
        (attempt,) = attempts(student.id, "spot-unverified")
        assert answer(client, attempt, 1).status_code == 302


def test_the_answered_module_keeps_its_id_over_a_newcomer_the_names_favour(make_app, root):
    app = make_app(CONTENT_DIR=str(root))
    answer_first_question(app)
    add_teachers_copy(root)
    assert load_catalog(root).quizzes["spot-unverified"].path == NEWCOMER  # without the answers: the names

    restarted = make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    with restarted.app_context():
        catalog = get_catalog()
        assert catalog.quizzes["spot-unverified"].path == ORIGINAL
        assert [str(p) for p in catalog.errors] == [REFUSED]
    result = restarted.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert REFUSED in result.output.splitlines()


def test_the_answered_module_keeps_its_id_while_it_has_an_error(make_app, root):
    app = make_app(CONTENT_DIR=str(root))
    answer_first_question(app)
    add_teachers_copy(root)
    original = root / ORIGINAL
    original.write_text(original.read_text(encoding="utf-8").replace("what-nobody-verified", "what-nobody-verifed"))

    restarted = make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    with restarted.app_context():
        catalog = get_catalog()
        assert "spot-unverified" not in catalog.quizzes  # nobody is served in its place until it is fixed
        assert REFUSED in [str(p) for p in catalog.errors]
