"""`content export` and `content import`: an admin moves content between servers as repository files."""

from __future__ import annotations

import io
import zipfile

from flask_migrate import upgrade
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.workspace.models import Document
from tests.conftest import Builders
from tests.workspace.helpers import module_text


def test_a_shipped_module_exports_as_its_repository_file(runner, tmp_path):
    result = runner.invoke(
        args=["content", "export", "primary-source", "--format", "files", "--output", str(tmp_path / "ps.zip")]
    )
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(tmp_path / "ps.zip").namelist() == ["quizzes/primary-source.yaml"]


def test_import_publish_then_export_carries_a_module_to_another_server(make_app, tmp_path, empty_database_url):
    folder = tmp_path / "in" / "quizzes"
    folder.mkdir(parents=True)
    (folder / "relay.yaml").write_text(module_text("relay"), encoding="utf-8")
    first = make_app()
    with first.app_context():
        Builders().user("teacher", username="author")
    result = first.test_cli_runner().invoke(
        args=["content", "import", str(tmp_path / "in"), "--author", "author", "--publish"]
    )
    assert result.exit_code == 0, result.output
    assert "quiz relay: new, version 1, 0 error(s), published" in result.output
    out = tmp_path / "relay.zip"
    result = first.test_cli_runner().invoke(args=["content", "export", "relay", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(out).read("quizzes/relay.yaml").decode() == module_text("relay")

    second = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)  # another server: a database of its own
    with second.app_context():
        upgrade()
        Builders().user("teacher", username="someone")
    result = second.test_cli_runner().invoke(args=["content", "import", str(out), "--author", "someone", "--publish"])
    assert result.exit_code == 0, result.output
    with second.app_context():
        doc = db.session.scalar(select(Document).where(Document.slug == "relay"))
        assert doc is not None and doc.published_number == 1


def test_import_refuses_a_bad_zip_whole_with_each_problem(runner, tmp_path, build):
    build.user("teacher", username="author")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("quizzes/fine.yaml", module_text("fine"))
        archive.writestr("../escape.yaml", "id: x\n")
    path = tmp_path / "bad.zip"
    path.write_bytes(buffer.getvalue())
    result = runner.invoke(args=["content", "import", str(path), "--author", "author"])
    assert result.exit_code == 1
    assert "../escape.yaml:1:1: an absolute path or one with '..' is not allowed" in result.output
    assert db.session.scalar(select(db.func.count()).select_from(Document)) == 0


def test_export_names_what_it_cannot_find(runner, tmp_path):
    result = runner.invoke(args=["content", "export", "nope", "--output", str(tmp_path / "x.zip")])
    assert result.exit_code == 1 and "There is no quiz module, lesson or story 'nope'." in result.output


def test_the_format_choice_reads_the_table_when_the_command_runs(runner, tmp_path, monkeypatch):
    from crosscheck.workspace import transfer

    written = []
    monkeypatch.setitem(
        transfer.EXPORT_FORMATS, "listing", lambda exported, output: written.append(exported.slug) or "ok"
    )
    result = runner.invoke(
        args=["content", "export", "primary-source", "--format", "listing", "--output", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert written == ["primary-source"]
    result = runner.invoke(args=["content", "export", "primary-source", "--format", "qti", "--output", str(tmp_path)])
    assert result.exit_code == 2 and "'qti' is not one of" in result.output
