"""A file added later never takes an id the app served before, whatever it is called: the app records which file
kept each article, lesson and module id (crosscheck/id_record), and the newcomer is refused on its own line."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from crosscheck.accounts.models import User
from crosscheck.catalog_access import get_catalog
from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.content.sources import ContentFiles
from crosscheck.extensions import db
from crosscheck.id_record.loading import record_keepers
from crosscheck.id_record.models import IdHolder
from tests.conftest import Builders, login

STORY = "seeds/nk-pow-interrogation"


@dataclass(frozen=True)
class Newcomer:
    """A teacher's copy of a shipped file that keeps its id by mistake, named so that it sorts first."""

    kind: str
    content_id: str
    original: str
    path: str
    page: str  # where a user sees the id's content
    marker: tuple[str, str]  # the line the copy changes, and what it writes instead

    def write(self, root) -> None:
        """Copy the original under the newcomer's name, changed so that a page shows which one is served."""
        text = (root / self.original).read_text(encoding="utf-8")
        old, new = self.marker
        assert old in text
        (root / self.path).parent.mkdir(exist_ok=True)
        (root / self.path).write_text(text.replace(old, new, 1), encoding="utf-8")

    @property
    def refused(self) -> str:
        """content check's line for the newcomer (every copy has its `id:` on line 2)."""
        return (
            f"{self.path}:2:1: {self.kind} id {self.content_id!r} is already used by {self.original}; "
            f"give this {self.kind} an id of its own"
        )


NEWCOMERS = {
    "module": Newcomer(
        "module", "spot-unverified", "quizzes/spot-unverified.yaml", "quizzes/0-spot-unverified.yaml",
        "/quizzes/spot-unverified", ("title: Spot the unverified claim", "title: My copy"),
    ),
    "lesson": Newcomer(
        "lesson", "who-said-so", "lessons/02-who-said-so.md", "lessons/00-who-said-so.md",
        "/lessons/who-said-so", ("title: Who said so?", "title: My copy"),
    ),
    "article": Newcomer(
        "article", "nk-pow-kyivpost", f"{STORY}/000-kyivpost.md", f"{STORY}/0-kyivpost.md",
        "/articles/nk-pow-kyivpost", ("outlet: Kyiv Post", "outlet: My copy"),
    ),
    # A new story whose folder sorts before the shipped one, with a copy of a shipped article in it.
    "story": Newcomer(
        "article", "nk-pow-kyivpost", f"{STORY}/000-kyivpost.md", "seeds/a-story/000-kyivpost.md",
        "/articles/nk-pow-kyivpost", ("outlet: Kyiv Post", "outlet: My copy"),
    ),
}  # fmt: skip


@pytest.fixture
def root(tmp_path):
    """A copy of the shipped content the test adds files to."""
    for folder in ("seeds", "lessons", "quizzes"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    return tmp_path


def add(root, newcomer: Newcomer) -> None:
    """Write the newcomer (and, for a new story, its story.yaml)."""
    if newcomer.path.startswith("seeds/a-story/"):
        (root / "seeds" / "a-story").mkdir()
        (root / "seeds" / "a-story" / "story.yaml").write_text("id: a-story\ntitle: My story\nsummary: Mine.\n")
    newcomer.write(root)


def restart(make_app, app, root):
    """The same database and content folders, a new start of the app."""
    return make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])


def keeper(app, newcomer: Newcomer) -> str:
    """The file the app serves the id from."""
    with app.app_context():
        return get_catalog().keepers[(newcomer.kind, newcomer.content_id)]


def page(app, path: str) -> str:
    """The page as a signed-in teacher sees it (one teacher for every start: they share the database)."""
    with app.app_context():
        if db.session.scalar(select(User).where(User.username == "teacher1")) is None:
            Builders().user("teacher")
        client = app.test_client()
        login(client, "teacher1")
        response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("case", NEWCOMERS, ids=str)
def test_a_newcomer_named_to_sort_first_is_refused_after_a_restart(make_app, root, case):
    newcomer = NEWCOMERS[case]
    app = make_app(CONTENT_DIR=str(root))  # the app has served the shipped files once
    add(root, newcomer)
    assert load_catalog(root).keepers[(newcomer.kind, newcomer.content_id)] == newcomer.path  # by names alone

    restarted = restart(make_app, app, root)
    assert keeper(restarted, newcomer) == newcomer.original
    with restarted.app_context():
        assert [str(p) for p in get_catalog().errors] == [newcomer.refused]
    assert "My copy" not in page(restarted, newcomer.page)
    result = restarted.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert newcomer.refused in result.output.splitlines()


def test_removing_the_keeper_hands_the_id_on_and_its_return_is_then_the_newcomer(make_app, root):
    newcomer = Newcomer(
        "lesson", "who-said-so", "lessons/02-who-said-so.md", "lessons/09-who-said-so.md",
        "/lessons/who-said-so", ("title: Who said so?", "title: My copy"),
    )  # fmt: skip
    app = make_app(CONTENT_DIR=str(root))
    original = (root / newcomer.original).read_text(encoding="utf-8")
    newcomer.write(root)
    (root / newcomer.original).unlink()  # a teacher who means to replace the lesson removes the old file
    replaced = restart(make_app, app, root)
    assert keeper(replaced, newcomer) == newcomer.path
    assert "My copy" in page(replaced, newcomer.page)

    (root / newcomer.original).write_text(original, encoding="utf-8")  # the old file comes back: the names favour it
    assert load_catalog(root).keepers[("lesson", "who-said-so")] == newcomer.original
    back = restart(make_app, app, root)
    assert keeper(back, newcomer) == newcomer.path
    assert "My copy" in page(back, newcomer.page)
    with back.app_context():
        assert [str(p) for p in get_catalog().errors] == [
            f"{newcomer.original}:2:1: lesson id 'who-said-so' is already used by {newcomer.path}; "
            "give this lesson an id of its own"
        ]


def test_an_app_on_a_database_without_tables_serves_and_the_first_start_after_init_db_records(
    make_app, root, empty_database_url
):
    app = make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=empty_database_url)  # `flask init-db` starts so
    with app.app_context():
        served = get_catalog()
        assert served.errors == []
    assert app.test_cli_runner().invoke(args=["init-db"]).exit_code == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(IdHolder)) == 0  # recorded at the next start

    started = make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=empty_database_url)
    with started.app_context():
        rows = {(r.kind, r.content_id): r.path for r in db.session.scalars(select(IdHolder))}
    assert rows == served.keepers
    assert len(rows) == len(served.articles) + len(served.lessons) + len(served.quizzes)


def test_a_story_id_cannot_be_given_twice(root):
    story = root / "seeds" / "a-story"
    story.mkdir()
    (story / "story.yaml").write_text("id: nk-pow-interrogation\ntitle: Mine\nsummary: Mine.\n")
    catalog = load_catalog(root)
    assert [str(p) for p in catalog.errors] == [
        "seeds/a-story/story.yaml:1:1: story id 'nk-pow-interrogation' must match its folder name 'a-story'"
    ]
    assert catalog.stories["nk-pow-interrogation"].title.startswith("Two captured")


def test_two_workers_recording_at_once_leave_one_record_and_no_error(make_app, root, caplog):
    app = make_app(CONTENT_DIR=str(root))
    caplog.set_level("INFO", logger="crosscheck.id_record.loading")
    with app.app_context():
        catalog = get_catalog()
        before = {(r.kind, r.content_id): r.path for r in db.session.scalars(select(IdHolder))}
        record_keepers(catalog, ContentFiles.from_root(root), recorded={})  # it read before the other wrote
        db.session.expire_all()
        after = {(r.kind, r.content_id): r.path for r in db.session.scalars(select(IdHolder))}
    assert after == before == catalog.keepers
    assert "which file keeps each content id was not recorded: IntegrityError" in caplog.messages


def test_a_file_that_gives_an_overlong_id_is_not_recorded(make_app, root):
    module = root / "quizzes" / "long.yaml"
    text = (root / "quizzes" / "spot-unverified.yaml").read_text(encoding="utf-8")
    module.write_text(re.sub(r"^id: .*$", "id: " + "a" * 101, text, count=1, flags=re.MULTILINE))
    app = make_app(CONTENT_DIR=str(root))
    with app.app_context():
        assert ("module", "a" * 101) in get_catalog().keepers
        recorded = {key for (key,) in db.session.execute(select(IdHolder.content_id))}
    assert "a" * 101 not in recorded and "spot-unverified" in recorded
