"""Match items quoting several articles tell the student whose text each quote is, unless that gives it away."""

from __future__ import annotations

import re

import pytest

from crosscheck.catalog_access import get_catalog
from crosscheck.config import PROJECT_ROOT
from crosscheck.quizzes.answered import quote_sources
from tests.quizzes.helpers import attempts, start


@pytest.fixture
def app(make_app):
    """The app with the shipped modules (not the quiz tests' sample ones)."""
    app = make_app(CONTENT_DIR=str(PROJECT_ROOT))
    with app.app_context():
        yield app


def item(module_id: str, item_id: str) -> dict:
    """A shipped item's stored content."""
    return next(i.content for i in get_catalog().quizzes[module_id].items if i.id == item_id)


def test_quotes_from_several_articles_are_labelled_with_their_outlet(app):
    sources = quote_sources(item("conflicting-figures", "who-gave-each-casualty-figure"))
    assert sources == {
        "left:l1": "Kyiv Post",
        "left:l2": "HNGN",
        "left:l3": "“North Korean captives unveil Russian training,…”, outlet not named in the text",
        "left:l4": "“Troops Detained in Ukraine Give Rare…”, outlet not named in the text",
        "left:l5": "Kyiv Post",
    }


def test_no_label_when_an_entry_names_an_outlet_or_all_quotes_share_one_article(app):
    assert quote_sources(item("final-mixed", "versions-of-the-journey")) == {}  # "match the quote to its outlet"
    assert quote_sources(item("final-mixed", "what-each-lead-puts-first")) == {}  # no quotes at all


def test_the_student_sees_the_outlet_beside_each_quote(app, client, signed_in):
    student = signed_in("student")
    start(client, "conflicting-figures")
    (attempt,) = attempts(student.id, "conflicting-figures")
    html = client.get(f"/quizzes/attempts/{attempt.id}/items/7").get_data(as_text=True)
    labels = [
        " ".join(re.sub(r"<[^>]+>", " ", label).split())
        for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]
    assert "approximately 300 North Korean soldiers have been killed and 2,700 injured (Kyiv Post)" in labels
    assert "approximately 4,000 casualties, with two-thirds of those killed in action (HNGN)" in labels
