"""The shipped quiz modules: every quote they use is found, once, in the article it names.

Interim test until the quiz loader and validator land; it reads the YAML directly.
"""

from __future__ import annotations

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.catalog import load_catalog
from crosscheck.content.yamlsafe import load_yaml

QUIZZES = PROJECT_ROOT / "quizzes"
MODULE_FILES = sorted(p for p in QUIZZES.glob("*.yaml") if p.name != "misconceptions.yaml")


@pytest.fixture(scope="module")
def catalog():
    """The shipped catalogue, loaded once."""
    return load_catalog(PROJECT_ROOT)


def _module(path):
    """A module file as plain data."""
    return load_yaml(path.read_text(encoding="utf-8"), path.name).data


def _quotes(item: dict):
    """Every (article id, quote) pair an item relies on."""
    first = item["articles"][0]
    if "excerpt" in item:
        yield first, item["excerpt"]
    for option in item.get("options", []):
        if "quote" in option:
            yield first, option["quote"]
    if item["type"] == "highlight":
        yield first, item["passage"]["start"]
        yield first, item["passage"]["end"]
        yield from ((first, quote) for quote in item["correct"])
        yield from ((first, note["quote"]) for note in item.get("notes", []))
    for pair in item.get("pairs", []):
        for key in ("left_quote", "right_quote"):
            if key in pair:
                yield pair["article"], pair[key]


@pytest.mark.parametrize("path", MODULE_FILES, ids=lambda p: p.stem)
def test_every_quote_is_found_once(catalog, path):
    """A quote missing from its article, or found twice, would point students at the wrong text."""
    for item in _module(path)["items"]:
        for article_id, quote in _quotes(item):
            catalog.articles[article_id].find_quote(quote)  # raises QuoteNotFound or QuoteAmbiguous


@pytest.mark.parametrize("path", MODULE_FILES, ids=lambda p: p.stem)
def test_choice_items_have_one_correct_option_and_tags_are_defined(path):
    """A choice item with two right answers, or a tag reports cannot explain, is a content bug."""
    tags = _module(QUIZZES / "misconceptions.yaml")
    module = _module(path)
    assert len(module["items"]) >= 10
    for item in module["items"]:
        if item["type"] == "choice":
            assert sum(bool(o.get("correct")) for o in item["options"]) == 1, item["id"]
        for part in item.get("options", []) + item.get("pairs", []) + item.get("notes", []):
            assert part.get("misconception", next(iter(tags))) in tags, item["id"]
