"""The shipped quiz modules, loaded through the catalogue as the app loads them.

The loader already checks every quote against its article; these tests pin what the contract promises
about the shipped content: which modules exist, what they practise, and how their items are built.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.content.option_checks import correct_at_an_end, correct_is_longest
from crosscheck.content.text import fold

SKILLS = ("unverified_claim", "primary_source", "conflicting_figure", "framing")
EXPECTED = {  # module id -> (skills, lesson), fixed by the contract between branches
    "spot-unverified": (("unverified_claim",), "what-nobody-verified"),
    "primary-source": (("primary_source",), "who-said-so"),
    "conflicting-figures": (("conflicting_figure",), "numbers-that-disagree"),
    "final-mixed": (SKILLS, "one-event-five-frames"),
    "framing": (("framing",), "how-words-frame"),
    "lateral-reading": (("primary_source", "unverified_claim"), "reading-laterally"),
}
TYPES = ("choice", "multi", "highlight", "match")
PAIR = {"pre-test", "post-test"}  # the pre-test / post-test pair: three parallel items each, no lesson
# Written answers a teacher marks: a module of their own, so a class can take the others without waiting for marks.
WRITTEN = {"in-your-own-words": (("framing", "unverified_claim", "conflicting_figure"), "what-nobody-verified")}


@pytest.fixture(scope="module")
def catalog():
    """The shipped catalogue, loaded once."""
    return load_catalog(PROJECT_ROOT)


def test_every_shipped_quiz_file_loads_without_a_problem(catalog):
    """A module with any error would be skipped at start-up, so the shipped ones must have none."""
    problems = [str(p) for p in catalog.problems if p.path.startswith("quizzes/")]
    assert problems == []
    assert sorted(catalog.quizzes) == sorted([*EXPECTED, *PAIR, *WRITTEN])


def test_the_pair_is_parallel_and_its_pre_test_unscored(catalog):
    pre, post = catalog.quizzes["pre-test"], catalog.quizzes["post-test"]
    assert post.pre_test == "pre-test" and not pre.settings.scored and post.settings.scored
    assert [i.skill for i in pre.items] == [i.skill for i in post.items]  # one for one, same skills
    assert not {i.id for i in pre.items} & {i.id for i in post.items}


def test_the_written_module_asks_the_three_written_tasks(catalog):
    """A neutral headline for HNGN's report, a claim's full source chain, why two relayed figures differ."""
    module = catalog.quizzes["in-your-own-words"]
    skills, lesson = WRITTEN[module.id]
    assert module.lesson == lesson and {item.skill for item in module.items} == set(skills)
    assert [item.type for item in module.items] == ["written"] * 3
    assert [item.id for item in module.items] == [
        "neutral-headline-hngn",
        "battalion-source-chain",
        "why-casualty-figures-differ",
    ]
    for item in module.items:
        levels = item.content["rubric"]
        assert len(levels) == 3 and [lv["points"] for lv in levels] == [0, 1, 2] and item.points == 2
        assert item.content["excerpt_text"] and item.content["model_answer"] and item.content["teacher_notes"]


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


def test_every_multi_item_has_two_wrong_options_and_no_module_gives_the_answer_away_by_length(catalog):
    """Issue 13: ticking everything must not score, and the answer's length must not give it away.

    Neither the longest option by habit, nor an answer always of middling length (ruling out both ends)."""
    for module in catalog.quizzes.values():
        choice = [item for item in module.items if item.type == "choice"]
        longest = [item.id for item in choice if correct_is_longest(item.content) is not None]
        assert len(longest) * 3 <= len(choice), (module.id, longest)
        ends = [item.id for item in choice if correct_at_an_end(item.content)]
        assert len(ends) * 4 >= len(choice), (module.id, ends)
        for item in module.items:
            if item.type == "multi":
                wrong = [o for o in item.content["options"] if not o["correct"]]
                assert len(wrong) >= 2, (module.id, item.id)


# Words the items put in quotation marks that are not quotes of an article: the app's own label for an
# unnamed outlet, short names for the two unnamed texts, and the lesson's name for a kind of hedge.
NOT_QUOTES = {"outlet not named in the text", "Rare Glimpse", "captives", "(...)", "that", "reportedly"}
_QUOTED = re.compile(r'"([^"]{2,})"|“([^”]{2,})”')


def _quoted_phrases(text: str) -> list[str]:
    """Each phrase in quotation marks, with the ellipses and trailing punctuation an item adds trimmed off."""
    phrases = []
    for match in _QUOTED.finditer(text or ""):
        phrase = " ".join((match.group(1) or match.group(2)).split())
        for part in re.split(r"\s*(?:\.\.\.|…)\s*", phrase):
            part = part.strip(" ,.;:").replace("[es]", "es")
            if len(part) > 2 and part not in NOT_QUOTES:
                phrases.append(part)
    return phrases


def _item_texts(content: dict) -> list[str]:
    """Every text of an item a student reads: prompt, options, pairs, notes, feedback and explanation."""
    texts = [content["prompt"], content.get("explanation") or ""]
    for part in content.get("options", []) + content.get("pairs", []) + content.get("notes", []):
        texts += [part.get(key) or "" for key in ("text", "left", "right", "feedback")]
    return texts + list(content.get("distractors", []))


def test_every_phrase_an_item_puts_in_quotation_marks_is_verbatim_in_one_of_its_articles(catalog):
    """An item's quoted words are the texts' words: nothing is put in an outlet's mouth that it did not print."""
    missing = []
    for module in catalog.quizzes.values():
        for item in module.items:
            texts = [fold(p.text) for a in item.articles for p in catalog.articles[a].paragraphs]
            for phrase in (p for text in _item_texts(item.content) for p in _quoted_phrases(text)):
                needle = fold(phrase)
                if not any(needle in t or needle[:1].swapcase() + needle[1:] in t for t in texts):
                    missing.append(f"{module.id}/{item.id}: {phrase!r}")
    assert missing == []
