"""The Flask commands, through the CLI runner."""

import shutil

from sqlalchemy import func, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Classroom, Enrollment
from crosscheck.config import PROJECT_ROOT
from crosscheck.extensions import db


def test_init_db_is_safe_on_a_migrated_database(runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "Database ready" in result.output


def test_init_db_creates_every_table_on_an_empty_database(make_app, empty_database_url):
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_demo_twice_gives_one_classroom(runner):
    first = runner.invoke(args=["demo"])
    second = runner.invoke(args=["demo"])
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "join code DEMO-9BML" in second.output and "password crosscheck-demo" in second.output
    assert db.session.scalar(select(func.count()).select_from(Classroom)) == 1
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 6
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert roles == {"admin": 1, "teacher": 1, "student": 6}


def test_content_check_passes_on_shipped_content(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_content_check_fails_with_file_line_col(make_app, tmp_path):
    shutil.copytree(PROJECT_ROOT / "seeds", tmp_path / "seeds")
    seed = next((tmp_path / "seeds").glob("*/000-*.md"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("kind: report", "kind: gossip"), encoding="utf-8")
    app = make_app(CONTENT_DIR=str(tmp_path))
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert f"seeds/nk-pow-interrogation/{seed.name}:" in result.output
    assert "kind: Input should be 'report' or 'analysis'" in result.output


def test_users_create_reads_the_password_from_a_prompt(runner):
    result = runner.invoke(
        args=["users", "create", "newteacher", "--role", "teacher"], input="pass-word-123\npass-word-123\n"
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "newteacher"))
    assert user.role == "teacher" and user.check_password("pass-word-123")


def test_users_create_refuses_a_password_argument_and_short_passwords(runner):
    result = runner.invoke(args=["users", "create", "x", "--role", "teacher", "--password", "pass-word-123"])
    assert result.exit_code == 2
    result = runner.invoke(args=["users", "create", "shorty", "--role", "student"], input="short\nshort\n")
    assert result.exit_code == 1 and "at least 10 characters" in result.output


def test_users_create_refuses_a_taken_username(runner, build):
    build.user(username="taken")
    result = runner.invoke(args=["users", "create", "TAKEN", "--role", "admin"], input="pass-word-123\npass-word-123\n")
    assert result.exit_code == 1 and "taken" in result.output


def test_content_sentences_shows_how_paragraphs_split(runner):
    result = runner.invoke(args=["content", "sentences", "nk-pow-kyivpost", "p10", "p11"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("nk-pow-kyivpost: (no headline in the text) One of the North Korean prisoners")
    assert lines[0].endswith("(seeds/nk-pow-interrogation/000-kyivpost.md)")
    assert lines[1:] == [
        "p10 body, line 37",
        "  p10s1  He said he was issued the ID in the autumn of 2024, after he arrived in Russia.",
        "p11 subheading, line 38",
        "  p11s1  Journey to Russia",
    ]


def test_content_sentences_splits_a_paragraph_the_way_the_reader_does(runner):
    result = runner.invoke(args=["content", "sentences", "nk-pow-kyivpost"])
    article = runner.app.extensions["crosscheck.catalog"].articles["nk-pow-kyivpost"]
    listed = [line.split("  ", 2)[1:] for line in result.output.splitlines() if line.startswith("  ")]
    assert listed == [[s.id, s.text] for p in article.paragraphs for s in p.sentences]
    assert any(len(p.sentences) > 1 for p in article.paragraphs)


def test_content_sentences_names_unknown_articles_and_paragraphs(runner):
    result = runner.invoke(args=["content", "sentences", "nk-pow-kyivpst"])
    assert result.exit_code == 1
    assert "Error: unknown article 'nk-pow-kyivpst'; did you mean 'nk-pow-kyivpost'?" in result.output
    result = runner.invoke(args=["content", "sentences", "nk-pow-kyivpost", "p99"])
    assert result.exit_code == 1 and "Error: nk-pow-kyivpost has no paragraph p99 (p1 to p29)" in result.output
