"""Every worker serves shipped files + published school content, rebuilt when the content generation moves."""

from __future__ import annotations

from sqlalchemy import delete, update

from crosscheck.classes import service as classes
from crosscheck.extensions import db
from crosscheck.workspace.generation import bump_generation, read_generation
from crosscheck.workspace.models import ContentGeneration, DocumentVersion
from tests.conftest import login
from tests.quizzes.helpers import start
from tests.workspace.helpers import act, make, module_text, save


def _teacher_on(app, username: str):
    client = app.test_client()
    login(client, username)
    return client


def test_a_publish_through_one_app_is_served_by_another_on_the_same_database(make_app, build):
    first = make_app()
    second = make_app(SQLALCHEMY_DATABASE_URI=first.config["SQLALCHEMY_DATABASE_URI"], CONTENT_POLL_SECONDS=0)
    with first.app_context():
        build.user("teacher", username="author")
    writer, reader = _teacher_on(first, "author"), _teacher_on(second, "author")
    assert "Who reported it first?" not in reader.get("/quizzes/").get_data(as_text=True)
    make(writer, "quiz", "relay")
    save(writer, "relay", module_text("relay"))
    act(writer, "relay", "publish")
    assert "Who reported it first?" in reader.get("/quizzes/").get_data(as_text=True)
    with second.app_context():
        assert second.extensions["crosscheck.live"].served.generation == read_generation() == 1


def test_the_generation_survives_an_emptied_row_and_counts_on(app):
    db.session.execute(delete(ContentGeneration))
    db.session.commit()
    assert read_generation() == 0
    bump_generation()
    bump_generation()
    db.session.commit()
    assert read_generation() == 2


def test_one_broken_school_file_never_hides_the_rest(client, signed_in):
    signed_in("teacher")
    for slug in ("first-relay", "second-relay"):
        make(client, "quiz", slug)
        save(client, slug, module_text(slug))
        act(client, slug, "publish")
    # The file breaks under the app's feet (say, an upgrade renamed the article it quotes): served as broken.
    broken = module_text("first-relay").replace("nk-pow-hngn", "nk-pow-gone")
    db.session.execute(
        update(DocumentVersion)
        .where(DocumentVersion.number == 2, DocumentVersion.document_id == 1)
        .values(files={"quizzes/first-relay.yaml": broken})
    )
    bump_generation()
    db.session.commit()
    client.application.extensions["crosscheck.live"].mark_stale()
    page = client.get("/quizzes/").get_data(as_text=True)
    assert "Some content files were skipped because they have errors." in page
    assert "quizzes/first-relay.yaml:9:16:" in page and "unknown article &#39;nk-pow-gone&#39;" in page
    assert client.get("/quizzes/second-relay").status_code == 200
    assert client.get("/quizzes/primary-source").status_code == 200
    assert client.get("/quizzes/first-relay").status_code == 404
    assert 'href="/workspace/first-relay"' in page  # the notice opens the file where the teacher can fix it


def test_a_database_error_keeps_the_catalog_being_served(app, client, signed_in):
    signed_in("teacher")
    live = app.extensions["crosscheck.live"]
    before = live.served
    db.session.execute(db.text("ALTER TABLE content_generation RENAME TO content_generation_away"))
    db.session.commit()
    try:  # the generation cannot be read: the worker keeps serving what it has
        live.mark_stale()
        assert client.get("/quizzes/").status_code == 200
        assert live.served is before
    finally:
        db.session.rollback()
        db.session.execute(db.text("ALTER TABLE content_generation_away RENAME TO content_generation"))
        db.session.commit()


def test_a_module_students_answered_is_named_to_the_loaders_as_keeping_its_id(app, client, signed_in, build):
    teacher = signed_in("teacher")
    make(client, "quiz", "relay")
    save(client, "relay", module_text("relay"))
    act(client, "relay", "publish")
    live = app.extensions["crosscheck.live"]
    assert ("module", "relay") not in live.current().known  # (the shipped files are known: recorded)
    student = build.user("student")
    classes.assign(build.classroom(teacher, [student]), "quiz", "relay", None, teacher)
    start(_teacher_on(app, student.username), "relay")  # a student's attempt: the id is in use now
    act(client, "relay", "publish")  # a new generation: the next build reads which ids are in use
    assert live.current().known[("module", "relay")] == "quizzes/relay.yaml"
