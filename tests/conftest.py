"""Shared fixtures: the app in testing mode, client, CLI runner, sign-in helpers and data builders."""

from __future__ import annotations

import contextvars
import dataclasses
import gc
import itertools
import os
import re
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.ctx import RequestContext
from flask.globals import _cv_app
from flask.testing import EnvironBuilder, FlaskClient
from flask_wtf.csrf import generate_csrf
from jinja2 import BytecodeCache
from playwright.sync_api import Page, expect
from sqlalchemy import event
from sqlalchemy.util import LRUCache
from werkzeug.routing import Rule

from crosscheck import create_app
from crosscheck.accounts.service import create_user
from crosscheck.classes.models import Classroom, ClassTeacher, Enrollment
from crosscheck.config import PROJECT_ROOT, TestingConfig
from crosscheck.content.catalog import Catalog
from crosscheck.content.loading import LOADED, load_catalog
from crosscheck.extensions import db
from tests.databases import (
    DATABASE_USE,
    TEST_DATABASE_URL,
    data_tables,
    empty_schema,
    empty_tables,
    scratch_postgres_database,
)
from tests.rendered_pages import RENDERED, start_collecting
from tests.serving import ServedApp

PASSWORD = "correct-horse-battery"
IN_CI = os.environ.get("CI", "").lower() == "true"
# Debian's headless shell first: the same Blink and V8 without the browser's own shell, at half the CPU a page
# (issue 11: the browser tests took 87 core-seconds of Chromium, 45 with the shell); the full browser otherwise.
CHROMIUM_PATHS = ("/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium", "/usr/lib/chromium/chromium")


# The fixtures that hand a test the pass's database (a SQLite copy, or the PostgreSQL test server).
DATABASE_FIXTURES = frozenset(
    {"make_app", "live_app", "empty_database_url", "postgres_tables", "template_db", "quiz_live_database"}
)


def reaches_database(item) -> bool:
    """Whether a test uses the pass's database: a database fixture, or a module that reads the engine itself."""
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    return hasattr(module, "TEST_DATABASE_URL") or hasattr(module, "ENGINE_NAME")


def runs_in_this_pass(item) -> bool:
    """Every test runs on SQLite; on PostgreSQL only those whose outcome the engine can change.

    A test that reaches no database, or checks what the engine does not shape (marked one_engine: markup,
    accessibility), would only repeat its SQLite result: the PostgreSQL pass leaves it out.
    """
    if TEST_DATABASE_URL is None:
        return True
    return reaches_database(item) and item.get_closest_marker("one_engine") is None


def pytest_addoption(parser) -> None:
    """`--shots`: the browser tests save screenshots in shots/ to look at (off by default: they cost Chromium time)."""
    parser.addoption("--shots", action="store_true", help="save the browser tests' screenshots in shots/")


def pytest_configure(config) -> None:
    """Remember whether this run saves screenshots (`screenshot` has no config to ask)."""
    SCREENSHOTS["wanted"] = config.getoption("--shots")


def pytest_collection_modifyitems(config, items) -> None:
    """Keep this pass's tests; those checking every page the run rendered (after_every_page) go last."""
    deselected = [item for item in items if not runs_in_this_pass(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if runs_in_this_pass(item)]
    items.sort(key=lambda item: item.get_closest_marker("after_every_page") is not None)


def pytest_collection_finish(session) -> None:
    """Tune the cycle collector for a run that keeps hundreds of thousands of objects alive (code, catalogs).

    What collection built lives for the run: frozen, no collection walks it again. The youngest generation is
    collected every 50,000 allocations instead of 700: with the defaults a fifth of the process's CPU went to
    collections that walked the same long-lived objects over and over.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    """Forget which databases the previous test reached."""
    DATABASE_USE.clear()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item) -> None:
    """A test that reached the pass's database without a database fixture would be left out on PostgreSQL: fail."""
    if DATABASE_USE.is_set() and not reaches_database(item):
        pytest.fail(
            "this test reached the test database without one of the database fixtures "
            f"({', '.join(sorted(DATABASE_FIXTURES))}): the PostgreSQL pass would leave it out. "
            "Request one of them (or add the fixture that hands the database out to DATABASE_FIXTURES)."
        )


def pytest_runtest_logstart(nodeid: str, location) -> None:
    """Name the running test on the pages its apps render (tests/rendered_pages.py)."""
    RENDERED.current_test = nodeid


if TEST_DATABASE_URL is None:  # the Nu check of the rendered pages runs in the SQLite pass only
    start_collecting()


def skip_or_fail(reason: str) -> None:
    """Skip on a laptop that lacks a tool; fail in CI, where every tool must be installed."""
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


class IsolatedClient(FlaskClient):
    """A test client whose requests never share the test's app context (so `g` cannot leak between them)."""

    def open(self, *args, **kwargs):
        def run():
            _cv_app.set(None)  # the request pushes its own app context, as under a real server
            return FlaskClient.open(self, *args, **kwargs)

        return contextvars.copy_context().run(run)


_LOADED_CATALOGS: dict[Path, Catalog] = {}


def shared_catalog(root: Path | str = PROJECT_ROOT) -> Catalog:
    """The content under `root`, loaded once per session; each call gets its own copy of the catalog's mappings.

    Loading is most of the cost of building an app, and the suite builds hundreds. Only for content roots no
    test edits (the repository's, a session fixture's); an edited root needs a fresh load. Tests may add to a
    copy's mappings without another app seeing it; `check_shared_catalogs` fails the session if anything
    changed the content itself.
    """
    root = Path(root)
    if root not in _LOADED_CATALOGS:
        _LOADED_CATALOGS[root] = load_catalog(root)
    return private_copy(_LOADED_CATALOGS[root])


def private_copy(catalog: Catalog) -> Catalog:
    """The same content objects (frozen) in new dicts and lists, so adding or replacing one stays private."""
    mappings = {
        f.name: getattr(catalog, f.name).copy()
        for f in dataclasses.fields(catalog)
        if isinstance(getattr(catalog, f.name), dict | list)
    }
    return dataclasses.replace(catalog, **mappings)


@pytest.fixture(scope="session", autouse=True)
def check_shared_catalogs():
    """After the session, every shared catalog must still equal a fresh load of its root (no test changed it)."""
    yield
    LOADED.forget()  # load afresh: a kept step result would hand back the very objects being checked
    changed = [str(root) for root, catalog in _LOADED_CATALOGS.items() if load_catalog(root) != catalog]
    assert changed == [], f"a test changed the shared catalog of {changed}: give it a private_copy or a fresh load"


class SharedTemplateCode(BytecodeCache):
    """Compiled templates shared by every app the session builds (each app has its own Jinja environment).

    Jinja keys each entry on the template's name and file and checks the source's checksum, so an edited
    template compiles again. Compiling the same templates for each of hundreds of apps was a tenth of the run.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        """Fill the bucket with the code compiled for another app, if any."""
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        """Keep what was just compiled for the next app."""
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = SharedTemplateCode()


class SharedBuilderRule(Rule):
    """A URL rule whose URL builders are compiled once a session, for every app that has the same rule.

    Werkzeug writes and compiles two Python functions per rule each time an app adds it: with some 130 rules,
    most of create_app's time. The functions hold no state (the rule and its converters are their first
    argument), and their code follows from the parsed rule and its defaults, which make the key.
    """

    builders: dict[tuple, object] = {}

    def _compile_builder(self, append_unknown: bool = True):
        """The builder function compiled for an equal rule earlier in the session, or a new one."""
        converters = tuple((name, type(converter)) for name, converter in self._converters.items())
        defaults = repr(sorted((self.defaults or {}).items()))
        key = (self.rule, tuple(self._trace), converters, defaults, append_unknown)
        if key not in self.builders:
            self.builders[key] = super()._compile_builder(append_unknown)
        return self.builders[key]


Flask.url_rule_class = SharedBuilderRule  # every app the tests build, ours and the test LMS's


class SharedCompiledSql(LRUCache):
    """SQL compiled once a session for the engines of every app the tests build (each app has its own engine).

    SQLAlchemy keys its compiled cache on the engine's dialect object, so each of hundreds of apps compiled the
    same statements again: some 15% of a pass's CPU. The dialects of a pass are alike (one kind of database, one
    server, the same settings), so the key names the dialect's class and server version instead of the object.
    """

    def get(self, key, default=None):
        """The statement compiled for any engine of this kind, or `default`."""
        return super().get(self._shared(key), default)

    def __setitem__(self, key, value) -> None:
        """Keep a statement compiled for one engine for every engine of its kind."""
        super().__setitem__(self._shared(key), value)

    @staticmethod
    def _shared(key: tuple) -> tuple:
        """SQLAlchemy's key, (dialect, statement key, ...), with the dialect's kind in place of the object."""
        dialect = key[0]
        return (type(dialect), dialect.server_version_info, *key[1:])


COMPILED_SQL = SharedCompiledSql(5000)


def new_app(config: dict, catalog: Catalog | None = None):
    """create_app for a test: the catalog given (or loaded from CONTENT_DIR), templates and SQL compiled once a session."""
    app = create_app(config, catalog)
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    with app.app_context():
        for engine in db.engines.values():
            engine.update_execution_options(compiled_cache=COMPILED_SQL)
    return app


def migrate_to_head(url: str) -> None:
    """Run every Alembic migration on the database at `url`."""
    DATABASE_USE.set()
    app = new_app({**_testing(), "SQLALCHEMY_DATABASE_URI": url}, shared_catalog())
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()


MEMORY_FOLDER = Path("/dev/shm")


@pytest.fixture(scope="session")
def sqlite_folder(tmp_path_factory):
    """Where the SQLite test databases live: in memory-backed storage where the machine has it, removed after.

    Still real files with WAL and every pragma; a commit just does not wait for a disk (as the PostgreSQL test
    server runs with fsync=off). Elsewhere, the session's temporary folder.
    """
    if not (MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK)):
        yield tmp_path_factory.mktemp("sqlite")
        return
    folder = Path(tempfile.mkdtemp(prefix="crosscheck-tests-", dir=MEMORY_FOLDER))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def template_db(sqlite_folder) -> Path:
    """A SQLite file migrated once to the newest schema; each test gets a copy (fast and real)."""
    path = sqlite_folder / "template.db"
    migrate_to_head(f"sqlite:///{path}")
    return path


def copy_of_template(template_db: Path) -> Path:
    """A new copy of the migrated SQLite file, beside it."""
    DATABASE_USE.set()
    path = template_db.with_name(f"{uuid.uuid4().hex}.db")
    shutil.copy(template_db, path)
    return path


def remove_sqlite_file(path: Path) -> None:
    """A SQLite database and the WAL files beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def postgres_tables() -> list[str]:
    """With TEST_DATABASE_URL: the PostgreSQL test database emptied and migrated once; its tables."""
    empty_schema(TEST_DATABASE_URL)
    migrate_to_head(TEST_DATABASE_URL)
    return data_tables(TEST_DATABASE_URL)


@pytest.fixture
def empty_database_url(tmp_path):
    """A database with no tables at all: a new SQLite file, or a new database on the PostgreSQL server."""
    DATABASE_USE.set()
    if TEST_DATABASE_URL is None:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
    else:
        with scratch_postgres_database(TEST_DATABASE_URL) as url:
            yield url


def _testing() -> dict:
    """TestingConfig as a dict, so tests can override single keys."""
    return {k: getattr(TestingConfig, k) for k in dir(TestingConfig) if k.isupper()}


@pytest.fixture
def make_app(request):
    """Build an app on a fresh copy of the migrated database, with config overrides.

    On SQLite each app gets its own copy; on PostgreSQL (TEST_DATABASE_URL) the apps of one test share the
    test database, emptied before the test. The repository's content is the shared catalog; an app given
    another CONTENT_DIR loads it afresh, unless `catalog=` hands over one already loaded from there.
    """
    apps, copies = [], []
    if TEST_DATABASE_URL:
        empty_tables(TEST_DATABASE_URL, request.getfixturevalue("postgres_tables"))
    else:
        template_db = request.getfixturevalue("template_db")

    def fresh_url() -> str:
        """The database for the next app."""
        if TEST_DATABASE_URL:
            return TEST_DATABASE_URL
        copies.append(copy_of_template(template_db))
        return f"sqlite:///{copies[-1]}"

    def build(catalog: Catalog | None = None, **overrides):
        url = overrides.pop("SQLALCHEMY_DATABASE_URI", None) or fresh_url()
        config = {**_testing(), "SQLALCHEMY_DATABASE_URI": url, **overrides}
        if catalog is None and "CONTENT_DIR" not in overrides:
            catalog = shared_catalog()
        app = new_app(config, catalog)
        app.test_client_class = IsolatedClient
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    for path in copies:
        remove_sqlite_file(path)


@pytest.fixture
def app(make_app):
    """The app in testing mode, with an app context pushed for builders and queries."""
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def client(app) -> FlaskClient:
    """A test client; use `post_form` or `login` for forms (CSRF stays on in tests)."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """The Flask CLI runner."""
    return app.test_cli_runner()


def csrf_token(client: FlaskClient) -> str:
    """The session's CSRF token as Flask-WTF puts it in every page, made from the client's session: no request.

    A session without a token gets one, as the first page it opened would have given it (tests of the meta tag
    itself read it with `page_csrf_token`).
    """

    def make() -> str:
        _cv_app.set(None)  # a context of its own: generate_csrf keeps the token in `g`
        app = client.application
        environ = EnvironBuilder(app).get_environ()
        # The client's session, saved back to its cookie when the block ends.
        with client.session_transaction() as session, RequestContext(app, environ, session=session):
            return generate_csrf()

    return contextvars.copy_context().run(make)


def page_csrf_token(html: str) -> str | None:
    """The CSRF token in a page's meta tag, where the browser's scripts and forms read it."""
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    return found and found.group(1)


def post_form(client: FlaskClient, url: str, data: dict | None = None, **kwargs):
    """POST a form with the session's CSRF token, as a browser would."""
    return client.post(url, data={"csrf_token": csrf_token(client), **(data or {})}, **kwargs)


def login(client: FlaskClient, username: str, password: str = PASSWORD, **kwargs):
    """Sign in through the real form."""
    return post_form(client, "/login", {"username": username, "password": password}, **kwargs)


@contextmanager
def counting_queries():
    """Every SQL statement the app's engine sends while the block runs (a list, filled as they run)."""
    statements: list[str] = []

    def before_cursor_execute(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before_cursor_execute)


class Builders:
    """Small builders for test data; each commits so routes see the rows."""

    def __init__(self):
        self.count = 0

    def _name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def user(
        self, role: str = "student", username: str | None = None, name: str | None = None, password: str = PASSWORD
    ):
        """A user with the shared test password."""
        username = username or self._name(role)
        user = create_user(username, name or username.title(), password, role)
        db.session.commit()
        return user

    def classroom(self, teacher=None, students=(), name: str | None = None, **fields) -> Classroom:
        """A class taught by `teacher` with `students` enrolled."""
        classroom = Classroom(name=name or self._name("Class "), **fields)
        db.session.add(classroom)
        db.session.flush()
        if teacher is not None:
            db.session.add(ClassTeacher(classroom_id=classroom.id, user_id=teacher.id))
        for student in students:
            db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
        db.session.commit()
        return classroom


@pytest.fixture
def build(app) -> Builders:
    """Builders bound to the test app."""
    return Builders()


@pytest.fixture
def signed_in(client, build):
    """Sign a new user of the given role in on `client`; returns the user."""

    def sign_in(role: str = "student", **kwargs):
        user = build.user(role, **kwargs)
        response = login(client, user.username)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in


# ---- Real browser (Playwright driving Debian's Chromium) ----


def _chromium() -> str | None:
    """Path of Debian's Chromium (its headless shell, or the browser), if installed."""
    return next((p for p in CHROMIUM_PATHS if os.path.exists(p)), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Point pytest-playwright at Debian's Chromium; never download a browser."""
    path = _chromium()
    if path is None:
        skip_or_fail("Chromium is not installed (apt-get install chromium-headless-shell)")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def live_app(request):
    """An app on its own database copy (on PostgreSQL: the test database), for a live server shared by browser tests."""
    if TEST_DATABASE_URL:
        request.getfixturevalue("postgres_tables")
        return new_app({**_testing(), "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL}, shared_catalog())
    path = copy_of_template(request.getfixturevalue("template_db"))
    return new_app({**_testing(), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"}, shared_catalog())


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve live_app on a free port of 127.0.0.1 in a daemon thread; yields the base URL."""
    served = ServedApp(live_app)
    yield served.url()
    served.stop()


@pytest.fixture
def live_builders(live_app):
    """Builders that write into the live server's database."""
    with live_app.app_context():
        builders = Builders()
        # The live database lives for the whole session: names made by earlier tests must not come back.
        builders.count = next(_LIVE_TESTS) * 1000
        yield builders


_LIVE_TESTS = itertools.count(1)


SHOTS = PROJECT_ROOT / "shots"
SCREENSHOTS = {"wanted": False}  # pytest --shots


def shots_wanted() -> bool:
    """Whether this run saves pictures in shots/ for a person to look at (pytest --shots)."""
    return SCREENSHOTS["wanted"]


def screenshot(target, name: str) -> None:
    """With --shots, a screenshot saved as shots/<name>.png to look at: a whole page, or one element (a locator).

    Nothing reads these pictures back, so a plain run takes none: each full-page PNG costs Chromium a layout
    of the whole page, its rasterisation and the encoding, some 0.1 s of CPU.
    """
    if not shots_wanted():
        return
    SHOTS.mkdir(exist_ok=True)
    full_page = {"full_page": True} if isinstance(target, Page) else {}
    target.screenshot(path=str(SHOTS / f"{name}.png"), **full_page)


def sign_in_page(page, base: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form in a browser page and wait for the start page."""
    page.goto(f"{base}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def start_and_open_question(page, number: int) -> None:
    """Press Start on a module's page (a page or an iframe's frame locator), then open question `number`.

    Each step waits for the page it leads to: an answer given while a page is being replaced is lost (a radio
    stays unchecked, a key goes nowhere), and Start may already have opened the question.
    """
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#question-heading")).to_be_visible()  # a question's page, not the module's
    question = page.get_by_role("link", name=f"Question {number}", exact=True)
    if question.get_attribute("aria-current") != "step":
        question.click()
        expect(question).to_have_attribute("aria-current", "step")
