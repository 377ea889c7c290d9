"""Every registered item type implements the whole ItemType interface, and its parts agree with each other.

Each type is driven through its first item in tests/quizzes/good/sample.yaml or sample-written.yaml (between
them an item of every registered type: a new type needs one there): answer forms posted and read back, answers
made up for the demo, the bench and the tests graded, and answers read as the reports read them.
"""

from __future__ import annotations

import random

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from crosscheck.config import PROJECT_ROOT
from crosscheck.exchange.parts import QtiParts
from crosscheck.items import ITEM_TYPES, _registry
from crosscheck.items.interface import REQUIRED_ATTRIBUTES, ItemType, missing_parts

SEEDS = range(40)


@pytest.fixture(scope="module")
def samples(sample_catalog) -> dict[str, dict]:
    """The sample module's item content per type; the module must have one of each registered type."""
    items = {}
    for module_id in ("sample-module", "sample-written"):
        for item in sample_catalog.quizzes[module_id].items:
            items.setdefault(item.type, item.content)
    assert set(items) == set(ITEM_TYPES), "tests/quizzes/good/sample*.yaml need one item of every type"
    return items


def posted(kind, view: dict, answer: dict) -> dict:
    """The answer as the server reads it back from the form a browser posts (real WTForms validation)."""
    form_class = type("AnswerForm", (Form,), kind.form_fields(view))
    form = form_class(formdata=MultiDict(_pairs(kind.form_data(view, answer))))
    assert form.validate(), form.errors
    return kind.answer_from_form(view, form.data)


def _pairs(data: dict) -> list[tuple[str, str]]:
    """Form fields as (name, value) pairs, a list value giving one pair per entry."""
    return [(k, v) for k, value in data.items() for v in (value if isinstance(value, list) else [value])]


def made_up_answers(kind, content: dict) -> list[dict]:
    """The answer key, the demo's wrong answer and the bench's random wrong answers."""
    return [
        kind.answer_key(content),
        kind.wrong_answer(content),
        *(kind.random_wrong_answer(content, random.Random(seed)) for seed in SEEDS),
    ]


def test_the_registry_refuses_a_type_that_lacks_a_part():
    class Half(ItemType):
        name = "half"

        @classmethod
        def grade(cls, content, answer):
            return None

    with pytest.raises(TypeError) as refused:
        _registry([Half])
    assert "schema" in str(refused.value) and "answer_lines" not in str(refused.value)
    assert "random_wrong_answer" in missing_parts(Half) and "grade" not in missing_parts(Half)


@pytest.mark.parametrize("name", sorted(ITEM_TYPES))
def test_every_type_implements_the_interface(name):
    kind = ITEM_TYPES[name]
    assert missing_parts(kind) == []
    assert kind.name == name and all(getattr(kind, attribute) for attribute in REQUIRED_ATTRIBUTES)
    assert (PROJECT_ROOT / "templates" / kind.template).is_file()


@pytest.mark.parametrize("name", sorted(ITEM_TYPES))
def test_answers_survive_the_form_in_every_attempt_order(samples, name):
    kind, content = ITEM_TYPES[name], samples[name]
    for seed in (1, 2, 3):
        view = kind.view(content, seed, shuffle=True)
        for answer in made_up_answers(kind, content):
            # What the student gives survives the form (a written answer's marked level is the teacher's part)
            assert kind.grade(content, posted(kind, view, answer)) == kind.grade(content, kind.as_submitted(answer))


@pytest.mark.parametrize("name", sorted(ITEM_TYPES))
def test_made_up_answers_are_right_or_wrong_as_named(samples, name):
    kind, content = ITEM_TYPES[name], samples[name]
    key, *wrong = made_up_answers(kind, content)
    assert kind.grade(content, key).is_full
    assert not any(kind.grade(content, answer).is_full for answer in wrong)
    assert len({repr(kind.random_wrong_answer(content, random.Random(s))) for s in SEEDS}) > 1  # really drawn


@pytest.mark.parametrize("name", sorted(ITEM_TYPES))
def test_the_reports_read_answers_as_the_grade_does(samples, name):
    kind, content = ITEM_TYPES[name], samples[name]
    possible = kind.possible_picks(content)
    assert possible and len({p.key for p in possible}) == len(possible)
    key = kind.answer_key(content)
    assert all(p.correct for p in kind.picks(content, key)) and kind.misconceptions_drawn(content, key) == set()
    assert all(picked for pick, picked in kind.answer_lines(content, key) if pick.correct)
    for answer in made_up_answers(kind, content)[1:]:
        picks = kind.picks(content, answer, possible)
        assert picks == kind.picks(content, answer)  # the shortcut for many answers gives the same
        assert not all(p.correct for p in picks) or len(picks) < len(kind.picks(content, key))
        drawn = kind.misconceptions_drawn(content, answer, picks, possible)
        assert drawn == kind.misconceptions_drawn(content, answer)
        lines = [pick.key for pick, picked in kind.answer_lines(content, answer) if picked]
        assert {p.key for p in picks} <= set(lines)


@pytest.mark.parametrize("name", sorted(ITEM_TYPES))
def test_every_type_exports_its_item(sample_catalog, samples, name):
    """The export hooks answer for every type (tests/exchange checks the documents against their standards)."""
    kind, content = ITEM_TYPES[name], samples[name]
    assert isinstance(kind.qti(content, sample_catalog), QtiParts)
    assert content["id"] in kind.gift(content, sample_catalog)
    assert kind.moodle(content, sample_catalog).tag == "question"
