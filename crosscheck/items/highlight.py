"""`highlight`: select the sentences of a passage that answer the prompt; right-minus-wrong, floored at 0.

Answer: {"sentences": [sentence ids, in reading order]}.
"""

from __future__ import annotations

import random
from typing import Literal

from lxml import etree
from pydantic import Field, field_validator

from crosscheck.content.validation import Strict
from crosscheck.exchange.parts import (
    QtiParts,
    answer_line,
    escape_html,
    feedback_inline,
    gift_question,
    gift_weight,
    html_of,
    identifier,
    moodle_answer,
    moodle_question,
    q,
    qti_prompt,
    response_declaration,
)
from crosscheck.items.base import CheckContext, ItemBase, Score, Text, common_content, scaled
from crosscheck.items.fields import some_of
from crosscheck.items.interface import ItemType, Pick, Printed, PrintedLine, picks_among


class Passage(Strict):
    """The sentences from the one holding `start` to the one holding `end`, in reading order."""

    start: Text = Field(description="A verbatim quote in the passage's first sentence.")
    end: Text = Field(description="A verbatim quote in the passage's last sentence.")


class Note(Strict):
    """Feedback on the sentence(s) a quote falls in, shown after answering."""

    quote: Text
    feedback: Text
    misconception: str | None = None


class HighlightItem(ItemBase):
    """Select every sentence of a passage that matches the prompt."""

    type: Literal["highlight"]
    passage: Passage
    correct: list[Text] = Field(min_length=1, description="Verbatim quotes; each selects the sentence(s) it is in.")
    notes: list[Note] = Field([], description="Optional feedback on particular sentences.")

    @field_validator("articles")
    @classmethod
    def _one_article(cls, value: list[str]) -> list[str]:
        """The passage is read from one article."""
        if len(value) != 1:
            raise ValueError("a highlight item is about exactly one article")
        return value


class Highlight(ItemType):
    """The select-sentences item type."""

    name = "highlight"
    schema = HighlightItem
    template = "quizzes/items/highlight.html"
    pick_noun = "Sentence"

    @classmethod
    def resolve(cls, item: HighlightItem, ctx: CheckContext) -> dict:
        """The passage's sentences, the correct ones and the notes' sentences, all checked."""
        content = common_content(item, ctx)
        content.update(sentences=[], correct_sentences=[], links=[])
        article = ctx.articles.get(item.articles[0])
        passage = _passage(item, ctx, article) if article else None
        if passage is None:
            return content
        inside = {sentence["id"] for sentence in passage}
        content["sentences"] = passage
        correct = set(_inside(ctx, item, item.correct, ("correct",), inside))
        content["correct_sentences"] = [s["id"] for s in passage if s["id"] in correct]
        for n, note in enumerate(item.notes):
            content["notes"][n]["sentence_ids"] = _inside(ctx, item, [note.quote], ("notes", n, "quote"), inside)
            ctx.tag(note.misconception, ("notes", n, "misconception"))
        if len(set(content["correct_sentences"])) == len(passage):
            ctx.warn(("correct",), "every sentence of the passage is correct: the item cannot tell who read closely")
        content["links"] = [{"article": article.id, "anchor": passage[0]["id"]}]
        return content

    @classmethod
    def grade(cls, content: dict, answer: dict) -> Score:
        """(correct selected - wrong selected) / correct sentences, floored at 0, times points."""
        inside = {s["id"] for s in content["sentences"]}
        correct = set(content["correct_sentences"])
        chosen = set(answer.get("sentences", [])) & inside
        points = scaled(content["points"], len(chosen & correct), len(chosen - correct), len(correct))
        parts = {s: (s in chosen) == (s in correct) for s in sorted(chosen | correct)}
        return Score(points, content["points"], parts)

    @classmethod
    def view(cls, content: dict, seed: int, shuffle: bool) -> dict:
        """The passage as paragraphs of sentences, in reading order (never shuffled)."""
        return {"paragraphs": _paragraphs(content["sentences"]), "article": content["articles"][0]}

    @classmethod
    def printed(cls, content: dict, seed: int, shuffle: bool) -> Printed:
        """The passage as numbered sentences, in reading order; the key, the numbers of the ones to pick."""
        notes = _notes_by_sentence(content)
        correct = set(content["correct_sentences"])
        lines = tuple(
            PrintedLine(str(n), s["text"], s["id"] in correct, notes.get(s["id"]))
            for n, s in enumerate(content["sentences"], start=1)
        )
        key = ", ".join(line.label for line in lines if line.correct)
        return Printed("Write the numbers of the sentences you pick.", "passage", lines, key=key)

    @classmethod
    def form_fields(cls, view: dict) -> dict:
        """One checkbox per sentence; the value is the sentence id, which says nothing about the answer."""
        choices = [(s["id"], s["text"]) for p in view["paragraphs"] for s in p["sentences"]]
        return {"sentences": some_of("Sentences", choices, "Select at least one sentence.")}

    @classmethod
    def answer_from_form(cls, view: dict, data: dict) -> dict:
        """{"sentences": [sentence ids in reading order]}."""
        chosen = set(data["sentences"])
        return {"sentences": [s["id"] for p in view["paragraphs"] for s in p["sentences"] if s["id"] in chosen]}

    @classmethod
    def form_data(cls, view: dict, answer: dict) -> dict:
        """The selected sentences' ids (a sentence id says nothing about the answer, so it is the form value)."""
        return {"sentences": list(answer["sentences"])}

    @classmethod
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """Each sentence marked found, missed, wrongly selected or plain, with any note on it."""
        correct, chosen = set(content["correct_sentences"]), set(answer.get("sentences", []))
        notes: dict[str, list[str]] = {}
        for note in content["notes"]:
            for sentence_id in note.get("sentence_ids", []):
                notes.setdefault(sentence_id, []).append(note["feedback"])
        paragraphs = _paragraphs(content["sentences"])
        for paragraph in paragraphs:
            for s in paragraph["sentences"]:
                if reveal:
                    s["state"], s["notes"] = _state(s["id"] in chosen, s["id"] in correct), notes.get(s["id"], [])
                else:
                    s["state"], s["notes"] = ("selected" if s["id"] in chosen else "plain"), []
        return {"paragraphs": paragraphs, "article": content["articles"][0]}

    @classmethod
    def possible_picks(cls, content: dict) -> list[Pick]:
        """Every sentence of the passage, in reading order, with the misconception of a note on it."""
        correct = set(content["correct_sentences"])
        tags = {}
        for note in content["notes"]:
            if note["misconception"]:
                for sentence_id in note.get("sentence_ids", []):
                    tags[sentence_id] = note["misconception"]
        return [Pick(s["id"], s["text"], s["id"] in correct, tags.get(s["id"])) for s in content["sentences"]]

    @classmethod
    def picks(cls, content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
        """The selected sentences."""
        chosen = list(answer.get("sentences") or [])
        return picks_among(cls.possible_picks(content) if possible is None else possible, chosen)

    @classmethod
    def misconceptions_drawn(
        cls, content: dict, answer: dict, picks: list[Pick] | None = None, possible: list[Pick] | None = None
    ) -> set[str]:
        """Tags of the notes on sentences got wrong: selected but not correct, or correct but not selected."""
        possible = cls.possible_picks(content) if possible is None else possible
        tags = super().misconceptions_drawn(content, answer, picks, possible)
        chosen = set(answer.get("sentences") or [])
        return tags | {p.misconception for p in possible if p.correct and p.key not in chosen and p.misconception}

    @classmethod
    def answer_lines(cls, content: dict, answer: dict) -> list[tuple[Pick, bool]]:
        """A passage is long: only the sentences selected or that should have been."""
        return [(p, picked) for p, picked in super().answer_lines(content, answer) if picked or p.correct]

    @classmethod
    def answer_key(cls, content: dict) -> dict:
        """Exactly the correct sentences."""
        return {"sentences": list(content["correct_sentences"])}

    @classmethod
    def wrong_answer(cls, content: dict) -> dict:
        """The first correct sentence and the first one that is not."""
        correct = content["correct_sentences"]
        others = [s["id"] for s in content["sentences"] if s["id"] not in correct]
        return {"sentences": correct[:1] + others[:1]}

    @classmethod
    def random_wrong_answer(cls, content: dict, rng: random.Random) -> dict:
        """Some correct sentences missed, one wrong sentence selected."""
        order = [s["id"] for s in content["sentences"]]
        correct = list(content["correct_sentences"])
        others = [s for s in order if s not in correct]
        chosen = set(rng.sample(correct, max(0, len(correct) - 1 - rng.randint(0, 1))))
        if others:
            chosen.add(rng.choice(others))
        if not chosen:
            chosen = {rng.choice(order)}
        return {"sentences": [s for s in order if s in chosen]}

    # ---- Export (crosscheck/exchange): a hottext interaction over the passage, a multi-answer elsewhere ----

    @classmethod
    def qti(cls, content: dict, catalog) -> QtiParts:
        """The passage's sentences as hottext, paragraph by paragraph; scored like `grade` (map_response)."""
        interaction = q(
            "qti-hottext-interaction", {"response-identifier": "RESPONSE", "max-choices": 0}, qti_prompt(content)
        )
        notes = _notes_by_sentence(content)
        for paragraph in _paragraphs(content["sentences"]):
            block = q("p")
            for sentence in paragraph["sentences"]:
                hot = q("qti-hottext", {"identifier": identifier(sentence["id"])}, text=sentence["text"])
                hot.tail = " "
                block.append(hot)
                for feedback in feedback_inline(identifier(sentence["id"]), notes.get(sentence["id"])):
                    feedback.tail = " "
                    block.append(feedback)
            interaction.append(block)
        right = [identifier(s) for s in content["correct_sentences"]]
        share = content["points"] / len(right)
        inside = [s["id"] for s in content["sentences"]]
        mapping = {identifier(s): share if s in content["correct_sentences"] else -share for s in inside}
        declaration = response_declaration("multiple", "identifier", right, mapping, upper=content["points"])
        return QtiParts(declaration, interaction, feedback_from_response=True)

    @classmethod
    def _choices(cls, content: dict) -> list[tuple[str, float, str | None]]:
        """(sentence, share of the grade, feedback) for each sentence of the passage."""
        notes = _notes_by_sentence(content)
        share = 1 / len(content["correct_sentences"])
        return [
            (s["text"], share if s["id"] in content["correct_sentences"] else -share, notes.get(s["id"]))
            for s in content["sentences"]
        ]

    @classmethod
    def gift(cls, content: dict, catalog) -> str:
        """A multiple-answer question whose options are the passage's sentences."""
        lines = "".join(
            answer_line(f"~{gift_weight(share)}", text, note) for text, share, note in cls._choices(content)
        )
        return gift_question(content, lines)

    @classmethod
    def moodle(cls, content: dict, catalog) -> etree._Element:
        """A multichoice question (several answers) whose options are the passage's sentences, in reading order."""
        element = moodle_question(content, "multichoice")
        etree.SubElement(element, "single").text = "false"
        etree.SubElement(element, "shuffleanswers").text = "0"  # the passage's order is its meaning
        etree.SubElement(element, "answernumbering").text = "none"
        for text, share, note in cls._choices(content):
            element.append(moodle_answer(share, escape_html(text), html_of(note, True)))
        return element


def _notes_by_sentence(content: dict) -> dict[str, str]:
    """Each note's feedback under the sentences it covers."""
    return {
        sentence_id: note["feedback"]
        for note in content.get("notes", [])
        if note.get("feedback")
        for sentence_id in note.get("sentence_ids", [])
    }


def _passage(item: HighlightItem, ctx: CheckContext, article) -> list[dict] | None:
    """The passage's sentences as content, or None with the problem recorded."""
    start = ctx.quote(article.id, item.passage.start, ("passage", "start"))
    end = ctx.quote(article.id, item.passage.end, ("passage", "end"))
    if not (start and end):
        return None
    order = [(p, s) for p, s in article.sentences(include_furniture=True)]
    index = {s.id: n for n, (_, s) in enumerate(order)}
    first, last = index[start.sentence_ids[0]], index[end.sentence_ids[-1]]
    if last < first:
        ctx.error(("passage", "end"), f"the passage ends ({end.anchor}) before it starts ({start.anchor})")
        return None
    return [
        {"id": s.id, "text": s.text, "paragraph": p.id, "furniture": p.is_furniture} for p, s in order[first : last + 1]
    ]


def _inside(ctx: CheckContext, item: HighlightItem, quotes: list[str], loc: tuple, inside: set[str]) -> list[str]:
    """Sentence ids the quotes fall in; a quote outside the passage is an error at its own position."""
    found: list[str] = []
    for n, quote in enumerate(quotes):
        where = loc + (n,) if loc == ("correct",) else loc
        location = ctx.quote(item.articles[0], quote, where)
        if location is None:
            continue
        outside = [s for s in location.sentence_ids if s not in inside]
        if outside:
            ctx.error(where, f"quote is outside the passage (sentence {outside[0]} is not in it)")
            continue
        found.extend(s for s in location.sentence_ids if s not in found)
    return found


def _paragraphs(sentences: list[dict]) -> list[dict]:
    """Sentences grouped by paragraph, keeping reading order."""
    paragraphs: list[dict] = []
    for s in sentences:
        if not paragraphs or paragraphs[-1]["id"] != s["paragraph"]:
            paragraphs.append({"id": s["paragraph"], "furniture": s["furniture"], "sentences": []})
        paragraphs[-1]["sentences"].append({"id": s["id"], "text": s["text"]})
    return paragraphs


def _state(chosen: bool, correct: bool) -> str:
    """found, missed, wrong or plain."""
    if chosen:
        return "found" if correct else "wrong"
    return "missed" if correct else "plain"
