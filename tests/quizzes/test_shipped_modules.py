"""The shipped quiz modules, loaded through the catalogue as the app loads them.

The loader already checks every quote against its article; these tests pin what the contract promises
about the shipped content: which modules exist, what they practise, and how their items are built.
"""

from __future__ import annotations

from collections import Counter

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog

SKILLS = ("unverified_claim", "primary_source", "conflicting_figure", "framing")
EXPECTED = {  # module id -> (skills, lesson), fixed by the contract between branches
    "spot-unverified": (("unverified_claim",), "what-nobody-verified"),
    "primary-source": (("primary_source",), "who-said-so"),
    "conflicting-figures": (("conflicting_figure",), "numbers-that-disagree"),
    "final-mixed": (SKILLS, "one-event-five-frames"),
}
TYPES = ("choice", "multi", "highlight", "match")


@pytest.fixture(scope="module")
def catalog():
    """The shipped catalogue, loaded once."""
    return load_catalog(PROJECT_ROOT)


def test_every_shipped_quiz_file_loads_without_a_problem(catalog):
    """A module with any error would be skipped at start-up, so the shipped ones must have none."""
    problems = [str(p) for p in catalog.problems if p.path.startswith("quizzes/")]
    assert problems == []
    assert sorted(catalog.quizzes) == sorted(EXPECTED)


@pytest.mark.parametrize("module_id", EXPECTED)
def test_module_practises_its_lesson_and_skills(catalog, module_id):
    """Skills and lesson ids are the ones the lessons and reports rely on."""
    module = catalog.quizzes[module_id]
    skills, lesson = EXPECTED[module_id]
    assert module.lesson == lesson
    assert set(module.skills) == set(skills)
    assert {item.skill for item in module.items} == set(skills)


@pytest.mark.parametrize("module_id", EXPECTED)
def test_module_has_ten_items_using_every_type(catalog, module_id):
    """Ten or more items a module, and every item type in every module."""
    module = catalog.quizzes[module_id]
    assert len(module.items) >= 10
    assert set(Counter(item.type for item in module.items)) == set(TYPES)


def test_every_type_is_used_at_least_twice_overall(catalog):
    """The issue asks for each item type at least twice across the shipped modules."""
    used = Counter(item.type for module in catalog.quizzes.values() for item in module.items)
    assert all(used[t] >= 2 for t in TYPES), used


def test_choice_items_have_exactly_one_correct_option_and_multi_at_least_one(catalog):
    """Two right answers to a choice item, or none to a multi item, would grade students wrongly."""
    for module in catalog.quizzes.values():
        for item in module.items:
            correct = sum(option["correct"] for option in item.content.get("options", []))
            if item.type == "choice":
                assert correct == 1, (module.id, item.id)
            if item.type == "multi":
                assert 1 <= correct < len(item.content["options"]), (module.id, item.id)


def test_every_answer_explains_itself(catalog):
    """Every option, pair and item carries the feedback or explanation a student reads after answering."""
    for module in catalog.quizzes.values():
        for item in module.items:
            assert item.content["explanation"].strip(), (module.id, item.id)
            for part in item.content.get("options", []) + item.content.get("pairs", []):
                assert part.get("feedback"), (module.id, item.id, part.get("id"))


def test_misconception_tags_used_are_described_and_all_used(catalog):
    """Every tag reports may count has a description, and no described tag is dead weight."""
    used = set()
    for module in catalog.quizzes.values():
        for item in module.items:
            parts = item.content.get("options", []) + item.content.get("pairs", []) + item.content.get("notes", [])
            used |= {part["misconception"] for part in parts if part.get("misconception")}
    assert used == set(catalog.misconceptions)
    assert all(len(description) > 20 for description in catalog.misconceptions.values())
