"""A new story in the browser: articles from a form, furniture toggles, the figure finder, annotations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crosscheck.accounts.models import User
from crosscheck.extensions import db
from crosscheck.workspace.models import Document
from tests.conftest import login, post_form
from tests.workspace.helpers import act, base_of, make, module_text, save
from tests.workspace.stories import COURIER, COURIER_NOTES, QUANTITIES, UNNAMED, add_article


@pytest.fixture
def story(client, signed_in):
    """A teacher on `client` with the story `flood` of two articles, the Courier's furniture marked."""
    signed_in("teacher")
    make(client, "story", "flood", "River flood")
    summary = "id: flood\ntitle: River flood\nsummary: Two papers report the river flood in town.\n"
    assert save(client, "flood", summary, path="seeds/flood/story.yaml").status_code == 302  # the starter's own words
    assert add_article(client, "flood", COURIER).status_code == 302
    assert add_article(client, "flood", UNNAMED).status_code == 302
    furniture = {"p2": "furniture", "kind2": "subscribe prompt"}
    assert post_form(client, "/workspace/flood/articles/000-courier/furniture", furniture).status_code == 302
    return "flood"


def test_an_article_needs_an_outlet_or_the_reason_none_is_named(client, story):
    reply = add_article(client, "flood", {**UNNAMED, "name": "002-x", "article_id": "flood-x", "outlet_not_named": ""})
    assert reply.status_code == 400
    assert "Give the outlet, or tick" in reply.get_data(as_text=True)


def test_the_story_pages_list_articles_furniture_and_figures(client, story):
    page = client.get("/workspace/flood").get_data(as_text=True)
    assert "000-courier.md" in page and "001-unnamed.md" in page and "Mark furniture" in page
    furniture = client.get("/workspace/flood/articles/000-courier/furniture").get_data(as_text=True)
    assert '<li class="is-furniture">' in furniture and 'value="subscribe prompt" selected' in furniture
    seed = client.get("/workspace/flood/edit?file=seeds/flood/000-courier.md").get_data(as_text=True)
    assert "- text: Subscribe to our newsletter\n  kind: subscribe prompt" in seed
    figures = client.get("/workspace/flood/articles/000-courier/figures").get_data(as_text=True)
    assert '<th scope="row">300</th>' in figures and "2 of 2 are not covered yet" in figures
    assert '<th scope="row">Tuesday</th>' not in figures  # a weekday is not a number


def test_annotations_are_checked_as_typed_and_saved_with_the_story(client, story):
    notes = "seeds/flood/000-courier.annotations.yaml"
    save(client, "flood", QUANTITIES, path="seeds/flood/quantities.yaml")
    typed = COURIER_NOTES.replace("About 300 homes", "About 400 homes")
    reply = post_form(client, "/workspace/flood/check.json", {"path": notes, "text": typed})
    problems = reply.get_json()["problems"]
    assert [(p["line"], p["severity"]) for p in problems] == [(4, "error")]
    assert "quote not found" in problems[0]["message"]
    save(client, "flood", COURIER_NOTES, path=notes)
    figures = client.get("/workspace/flood/articles/000-courier/figures").get_data(as_text=True)
    assert "1 of 2 are not covered yet" in figures


def test_a_published_story_is_quoted_by_a_module_and_previewed_as_students_read_it(client, story):
    preview = client.get("/workspace/flood/preview").get_data(as_text=True)
    assert "The Courier" in preview and "outlet not named in the text" in preview
    reader = client.get("/workspace/flood/preview/articles/flood-courier").get_data(as_text=True)
    assert "Subscribe to our newsletter" not in reader  # furniture hidden, as the reader hides it
    assert "River levels rose by 2 metres" in reader

    make(client, "quiz", "flood-quiz")
    text = module_text("flood-quiz", quote="About 300 homes were evacuated").replace("nk-pow-hngn", "flood-courier")
    save(client, "flood-quiz", text)
    editor = client.get("/workspace/flood-quiz/edit").get_data(as_text=True)
    assert "unknown article &#39;flood-courier&#39;" in editor  # the story is not published yet
    act(client, "flood", "publish")
    save(client, "flood-quiz", text, base=base_of(client, "flood-quiz"))
    assert "No problems in this file" in client.get("/workspace/flood-quiz/edit").get_data(as_text=True)
    assert "Published" in client.get(act(client, "flood-quiz", "publish").headers["Location"]).get_data(as_text=True)
    assert client.get("/articles/flood-courier").status_code == 200
    page = client.get("/workspace/flood-quiz/preview").get_data(as_text=True)
    assert "About 300 homes were evacuated" in page and "The answer, and the feedback" in page


def test_unpublishing_a_story_that_published_work_quotes_is_refused(client, story):
    act(client, "flood", "publish")
    make(client, "quiz", "flood-quiz")
    text = module_text("flood-quiz", quote="About 300 homes were evacuated").replace("nk-pow-hngn", "flood-courier")
    save(client, "flood-quiz", text)
    act(client, "flood-quiz", "publish")
    page = client.get(act(client, "flood", "unpublish").headers["Location"]).get_data(as_text=True)
    assert "Published work builds on this, so it stays served" in page
    assert client.get("/articles/flood-courier").status_code == 200


def test_students_see_a_school_story_only_through_work_assigned_to_their_class(app, client, story, build):
    act(client, "flood", "publish")
    make(client, "quiz", "flood-quiz")
    text = module_text("flood-quiz", quote="About 300 homes were evacuated").replace("nk-pow-hngn", "flood-courier")
    save(client, "flood-quiz", text)
    act(client, "flood-quiz", "publish")
    teacher = db.session.get(User, db.session.scalar(select(Document.author_id).where(Document.slug == "flood")))
    taught, other = build.user("student"), build.user("student")
    classroom = build.classroom(teacher, [taught])
    build.classroom(teacher, [other])
    client.get(f"/classes/{classroom.id}")
    post_form(client, f"/classes/{classroom.id}/assignments", {"work": "quiz:flood-quiz"})
    for student, sees in ((taught, True), (other, False)):
        browser = app.test_client()
        login(browser, student.username)
        for article in ("flood-courier", "flood-unnamed"):  # the whole story: the point is to read every outlet
            assert (browser.get(f"/articles/{article}").status_code == 200) is sees
        assert ("Flood waters reach the old town" in browser.get("/articles/").get_data(as_text=True)) is sees
    assert "River flood" not in app.test_client().get("/").get_data(as_text=True)


def test_another_teachers_unshared_story_cannot_be_quoted_until_shared(app, client, story, build):
    act(client, "flood", "publish")
    other_user = build.user("teacher")
    other = app.test_client()
    login(other, other_user.username)
    make(other, "quiz", "borrowed")
    text = module_text("borrowed", quote="About 300 homes were evacuated").replace("nk-pow-hngn", "flood-courier")
    save(other, "borrowed", text)
    page = other.get("/workspace/borrowed/edit").get_data(as_text=True)
    assert "article &#39;flood-courier&#39; belongs to a story that is not shared with the school" in page
    act(client, "flood", "share")
    save(other, "borrowed", text, base=base_of(other, "borrowed"))
    assert "No problems in this file" in other.get("/workspace/borrowed/edit").get_data(as_text=True)


def test_a_shared_story_is_copied_with_new_ids_and_the_copy_checks_clean(app, client, story, build):
    save(client, "flood", QUANTITIES, path="seeds/flood/quantities.yaml")
    save(client, "flood", COURIER_NOTES, path="seeds/flood/000-courier.annotations.yaml")
    act(client, "flood", "publish")
    act(client, "flood", "share")
    other_user = build.user("teacher")
    other = app.test_client()
    login(other, other_user.username)
    page = other.get(post_form(other, "/workspace/flood/copy", {"slug": "flood-copy"}).headers["Location"])
    assert "Copied to flood-copy, a draft of yours." in page.get_data(as_text=True)
    notes = other.get("/workspace/flood-copy/edit?file=seeds/flood-copy/000-courier.annotations.yaml")
    text = notes.get_data(as_text=True)
    assert "article: flood-copy-courier" in text and "id: flood-copy-courier-homes" in text
    assert "quantity: flood_copy_homes_evacuated" in text
    assert "No problems in this file" in text
    published = other.get(act(other, "flood-copy", "publish").headers["Location"]).get_data(as_text=True)
    assert "Published: you can assign it" in published  # no errors anywhere in the copy
    assert other.get("/articles/flood-copy-courier").status_code == 200
