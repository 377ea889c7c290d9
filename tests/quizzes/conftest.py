"""Quiz fixtures: a content root holding the seed articles and the sample modules in tests/quizzes/good/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.extensions import db
from tests.conftest import Builders, _testing, copy_of_template, migrate_to_head, new_app, shared_catalog
from tests.databases import TEST_DATABASE_URL, scratch_postgres_database
from tests.serving import ServedApp

HERE = Path(__file__).parent


def make_content_root(path: Path, quiz_files=HERE / "good") -> Path:
    """A content root at `path`: the repository's seeds and the given quiz files."""
    shutil.copytree(PROJECT_ROOT / "seeds", path / "seeds")
    (path / "quizzes").mkdir()
    for source in sorted(Path(quiz_files).glob("*.yaml")):
        shutil.copy(source, path / "quizzes" / source.name)
    return path


@pytest.fixture(scope="session")
def quiz_root(tmp_path_factory) -> Path:
    """A read-only content root shared by the tests that do not edit it."""
    return make_content_root(tmp_path_factory.mktemp("content"))


@pytest.fixture(scope="session")
def sample_catalog(quiz_root):
    """The catalogue of that root, loaded once."""
    catalog = shared_catalog(quiz_root)
    assert not catalog.errors, catalog.errors
    return catalog


@pytest.fixture
def app(make_app, quiz_root):
    """The app with the sample modules (overrides the root fixture, so client and builders use it)."""
    app = make_app(CONTENT_DIR=str(quiz_root), catalog=shared_catalog(quiz_root))
    with app.app_context():
        yield app


@pytest.fixture(scope="session")
def quiz_live_database(request):
    """The quiz live server's own database: a copy of the migrated SQLite file, or a new PostgreSQL database."""
    if TEST_DATABASE_URL:  # its own database: the other live server and the per-test apps empty theirs
        with scratch_postgres_database(TEST_DATABASE_URL) as url:
            migrate_to_head(url)
            yield url
        return
    yield f"sqlite:///{copy_of_template(request.getfixturevalue('template_db'))}"


@pytest.fixture(scope="session")
def quiz_live_server(quiz_live_database, quiz_root):
    """A live server on its own database serving the sample modules, for browser tests."""
    config = {**_testing(), "SQLALCHEMY_DATABASE_URI": quiz_live_database, "CONTENT_DIR": str(quiz_root)}
    app = new_app(config, shared_catalog(quiz_root))
    served = ServedApp(app)
    yield app, served.url()
    served.stop()
    with app.app_context():
        db.engine.dispose()  # before the PostgreSQL database is dropped


@pytest.fixture
def quiz_live_builders(quiz_live_server):
    """Builders writing into the quiz live server's database."""
    app, _ = quiz_live_server
    with app.app_context():
        yield Builders()
