"""GIFT and Moodle XML exports re-read by parsers from PyPI nobody here wrote (pygiftparserrgmf,
moodle-xml-parser; lxml for Moodle's matching questions, which moodle-xml-parser does not read), and checked
item by item against the module: texts, which answers are right, the share of the grade each carries,
feedback, the category."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from moodle_xml_parser.parser import parse_bytes
from pygiftparser import parser as gift_parser

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.loading import load_catalog
from crosscheck.exchange import gift, moodle_xml
from crosscheck.exchange.markup import plain
from crosscheck.items import item_type


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(PROJECT_ROOT)


def expected_options(item) -> list[tuple[str, float]]:
    """(plain text, share of the grade) of each answer the formats offer, in order."""
    content = item.content
    if item.type == "highlight":
        n = len(content["correct_sentences"])
        return [(s["text"], (1 if s["id"] in content["correct_sentences"] else -1) / n) for s in content["sentences"]]
    kind = item_type(item.type)
    return [(plain(o["text"]), share) for o, share in zip(content["options"], kind.shares(content), strict=True)]


def unescape(text: str) -> str:
    """GIFT's escapes undone (the parser keeps them)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\\n", "\n")


def gift_share(option) -> float:
    """The parser's share, or the decimal percentage it cannot read (it reads whole numbers only)."""
    match = re.match(r"^~%(-?[0-9.]+)%", option.raw_text or "")
    return float(match.group(1)) / 100 if match else option.percentage


def option_text(option) -> str:
    """The option's text, without the decimal weight the parser leaves in it and GIFT's [markdown] marker."""
    return re.sub(r"^%-?[0-9.]+%", "", option.text.strip()).removeprefix("[markdown]")


def test_gift_reads_back_item_by_item(shipped):
    for module in shipped.quizzes.values():
        text = gift.module_text(module, shipped)
        parsed = gift_parser.parse(text)
        assert len(parsed.questions) == len(module.items), module.id
        for item, question in zip(module.items, parsed.questions, strict=True):
            assert question.name == item.id and question.category.endswith(
                f"Crosscheck/{gift.category_name(module.title)}"
            )
            if item.type == "written":  # an essay: the prompt and the rubric, no answers
                assert type(question.answer).__name__ == "Essay", item.id
                assert all(level["label"] in question.text for level in item.content["rubric"]), item.id
                assert item.content["model_answer"].split()[0] not in question.text.split("rubric")[1], item.id
                continue
            options = question.answer.options
            if item.type == "match":
                rights = {r["id"]: r["text"] for r in item.content["rights"]}
                pairs = [question.answer.get_pair(o) for o in options]
                assert [(unescape(p["first"]), unescape(p["second"])) for p in pairs] == [
                    (" ".join(p["left"].split()), rights[p["right_id"]]) for p in item.content["pairs"]
                ]
                continue
            got = [(plain(unescape(option_text(o))), round(gift_share(o), 4)) for o in options]
            want = [(text, round(share, 4)) for text, share in expected_options(item)]
            assert got == want, item.id
            feedback = [(o.feedback or "").split("####")[0].strip() or None for o in options]  # it reads on into ####
            if item.type in ("choice", "multi"):
                for option, fb in zip(item.content["options"], feedback, strict=True):
                    assert bool(option.get("feedback")) == bool(fb), item.id


def test_choice_items_are_single_answer_in_gift(shipped):
    module = shipped.quizzes["spot-unverified"]
    parsed = gift_parser.parse(gift.module_text(module, shipped))
    kinds = {item.type: type(q.answer).__name__ for item, q in zip(module.items, parsed.questions, strict=True)}
    assert kinds.get("choice") == "MultipleChoiceRadio"


def test_moodle_xml_reads_back_item_by_item(shipped):
    for module in shipped.quizzes.values():
        document = moodle_xml.module_document(module, shipped)
        parsed = parse_bytes(document).get("multichoice", [])
        multichoice = [i for i in module.items if i.type not in ("match", "written")]
        assert len(parsed) == len(multichoice), module.id
        for item, question in zip(multichoice, parsed, strict=True):
            got = [(plain(o.answer), round(o.score_fraction / 100, 4)) for o in question.options]
            want = [(text, round(share, 4)) for text, share in expected_options(item)]
            assert got == want, item.id
        root = etree.fromstring(document)
        assert (
            root.find("question[@type='category']/category/text").text
            == f"$course$/Crosscheck/{gift.category_name(module.title)}"
        )
        for item in (i for i in module.items if i.type == "match"):
            question = root.find(f"question[@type='matching'][idnumber='{item.id}']")
            rights = {r["id"]: r["text"] for r in item.content["rights"]}
            pairs = [
                (plain(sub.find("text").text), sub.find("answer/text").text) for sub in question.findall("subquestion")
            ]
            assert pairs == [(plain(p["left"]), rights[p["right_id"]]) for p in item.content["pairs"]]
            assert float(question.find("defaultgrade").text) == item.points
        for item in (i for i in module.items if i.type == "written"):
            essay = root.find(f"question[@type='essay'][idnumber='{item.id}']")
            assert float(essay.find("defaultgrade").text) == item.points
            assert essay.find("maxwordlimit").text == str(item.content["max_words"])
            grader = plain(essay.find("graderinfo/text").text)
            assert all(level["descriptor"].split()[0] in grader for level in item.content["rubric"])
            assert " ".join(item.content["model_answer"].split()[:6]) in grader
            assert " ".join(item.content["model_answer"].split()[:6]) not in plain(essay.find("questiontext/text").text)
