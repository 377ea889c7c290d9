"""`written`: the student writes a short text; a teacher marks it with the item's rubric.

Answer: {"text": the student's text}, and once marked also {"level": rubric level id} (the marking service
adds it; the student's form never can). Until then the answer is awaiting marking: `grade` gives a pending
Score, which the quiz service stores as points NULL. In the reports a pick is the level reached.
"""

from __future__ import annotations

import random
import re
from typing import Literal

from lxml import etree
from pydantic import Field, model_validator
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from crosscheck.content.validation import Strict
from crosscheck.exchange.parts import (
    QtiParts,
    gift_question,
    gift_text,
    html_of,
    moodle_question,
    moodle_text,
    q,
    qti_children,
    qti_prompt,
)
from crosscheck.items.base import CheckContext, ItemBase, Score, Slug, Text, common_content, reading_links
from crosscheck.items.interface import ItemType, Pick, Printed, PrintedLine

WORDS_PER_LINE = 10  # a handwritten ruled line holds about ten words: the worksheet leaves room for the limit
MAX_PRINTED_LINES = 24  # at most about half a page, whatever the limit
CHARS_PER_WORD = 12  # the character cap that goes with a word limit: long words fit, a pasted book does not
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, line feed and carriage return are text


class Level(Strict):
    """One rubric level: what an answer at this level does, and the points it earns."""

    id: Slug | None = Field(None, description="Stable id for reports; default the label as an id ('mastery').")
    label: Text = Field(description="The level's name, e.g. Beginning, Emerging, Mastery.")
    points: int = Field(strict=True, ge=0, description="Points an answer at this level earns.")
    descriptor: Text = Field(description="What an answer at this level does, so a teacher can apply it.")


class WrittenItem(ItemBase):
    """A prompt the student answers in their own words, marked by a teacher with the rubric."""

    type: Literal["written"]
    rubric: list[Level] = Field(min_length=2, description="Two or more levels, lowest first; points rise.")
    max_words: int = Field(150, strict=True, ge=10, le=1000, description="The most words an answer may have.")
    model_answer: Text = Field(description="An answer at the top level; shown to teachers only.")
    teacher_notes: Text | None = Field(None, description="Marking notes; shown to teachers only.")

    @model_validator(mode="before")
    @classmethod
    def _points_from_rubric(cls, data):
        """The item's points are its top level's; `points`, when given, must say the same."""
        if not isinstance(data, dict) or not isinstance(data.get("rubric"), list) or not data["rubric"]:
            return data  # the field errors say what is wrong
        top = data["rubric"][-1].get("points") if isinstance(data["rubric"][-1], dict) else None
        if not isinstance(top, int) or isinstance(top, bool) or top < 1:
            return data  # resolve() reports a top level without points
        if "points" in data and data["points"] != top:
            raise ValueError(f"`points` is {data['points']} but the top rubric level gives {top}")
        return {**data, "points": top}


def level_id(level: Level) -> str:
    """The level's id, or its label as an id."""
    return level.id or re.sub(r"[^a-z0-9]+", "-", level.label.lower()).strip("-") or "level"


def levels(content: dict) -> list[dict]:
    """The rubric's levels, lowest first."""
    return content["rubric"]


def level_of(content: dict, answer: dict) -> dict | None:
    """The level the answer was marked at (None: awaiting marking, or a level this version lacks)."""
    return next((level for level in levels(content) if level["id"] == answer.get("level")), None)


def text_problem(text: str, max_words: int) -> str | None:
    """Why a written answer cannot be stored, in words a student understands; None when it can."""
    if CONTROL.search(text):
        return (
            "Your answer contains control characters (invisible characters that some programs paste in). "
            "Remove them, or type the answer again, and save."
        )
    if len(text) > max_words * CHARS_PER_WORD:
        return f"Your answer is {len(text):,} characters long; the most is {max_words * CHARS_PER_WORD:,}."
    words = len(text.split())
    if words > max_words:
        return f"Your answer has {words} words; the most is {max_words}. Shorten it and save again."
    return None


class WrittenText:
    """WTForms validator: the text_problem rule."""

    def __init__(self, max_words: int):
        self.max_words = max_words

    def __call__(self, form, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError("Write your answer first.")
        problem = text_problem(field.data, self.max_words)
        if problem:
            raise ValidationError(problem)


def tidy(text: str) -> str:
    """One kind of line break, no trailing white space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip()


class Written(ItemType):
    """The written-answer item type, marked by a teacher against a rubric."""

    name = "written"
    schema = WrittenItem
    template = "quizzes/items/written.html"
    pick_noun = "Level"

    @classmethod
    def resolve(cls, item: WrittenItem, ctx: CheckContext) -> dict:
        """Level ids given and unique, points rising; the excerpt checked like every item's."""
        content = common_content(item, ctx)
        resolved, seen = [], {}
        for n, level in enumerate(item.rubric):
            ident = level_id(level)
            if ident in seen:
                ctx.error(("rubric", n), f"level id {ident!r} is already used by level {seen[ident] + 1}")
            seen.setdefault(ident, n)
            if n and level.points <= item.rubric[n - 1].points:
                ctx.error(
                    ("rubric", n, "points"),
                    f"levels go from lowest to highest: level {n + 1} ({level.label}) gives {level.points} "
                    f"points, not more than level {n} ({item.rubric[n - 1].label})",
                )
            resolved.append({**level.model_dump(mode="json"), "id": ident})
        content["rubric"] = resolved
        if item.rubric[-1].points < 1:
            ctx.error(("rubric", len(item.rubric) - 1, "points"), "the top level must give at least 1 point")
        content["links"] = reading_links(content, [])
        return content

    # ---- answering

    @classmethod
    def view(cls, content: dict, seed: int, shuffle: bool) -> dict:
        """The limits and the rubric's levels (what marking looks for; never the model answer or notes)."""
        public = [
            {"label": lv["label"], "points": lv["points"], "descriptor": lv["descriptor"]} for lv in levels(content)
        ]
        return {"max_words": content["max_words"], "max_chars": content["max_words"] * CHARS_PER_WORD, "rubric": public}

    @classmethod
    def form_fields(cls, view: dict) -> dict:
        """One text area, its length checked by the one rule (text_problem)."""
        return {"text": PlainTextArea("Your answer", validators=[WrittenText(view["max_words"])], filters=[_tidy])}

    @classmethod
    def answer_from_form(cls, view: dict, data: dict) -> dict:
        """{"text": ...} (never a level: marking is the teacher's)."""
        return {"text": data["text"]}

    @classmethod
    def form_data(cls, view: dict, answer: dict) -> dict:
        """The text."""
        return {"text": answer["text"]}

    @classmethod
    def as_submitted(cls, answer: dict) -> dict:
        """The student's part of an answer: the text without the teacher's level."""
        return {"text": answer["text"]}

    # ---- paper

    @classmethod
    def printed(cls, content: dict, seed: int, shuffle: bool) -> Printed:
        """Ruled lines for the word limit and the rubric (students see it on screen too); the model answer and
        the notes go to the answer key only."""
        rubric = tuple(
            PrintedLine(lv["label"], lv["descriptor"], answer=f"{lv['points']} point{'' if lv['points'] == 1 else 's'}")
            for lv in levels(content)
        )
        return Printed(
            f"Write your answer in at most {content['max_words']} words.",
            write_lines=min(MAX_PRINTED_LINES, max(3, -(-content["max_words"] // WORDS_PER_LINE))),
            rubric=rubric,
            model_answer=content["model_answer"],
            marking_notes=content.get("teacher_notes") or "",
        )

    # ---- grading and review

    @classmethod
    def grade(cls, content: dict, answer: dict) -> Score:
        """The marked level's points; pending (awaiting marking) before a teacher chose one."""
        level = level_of(content, answer)
        if level is None:
            return Score(0.0, content["points"], {}, pending=True)
        return Score(float(level["points"]), content["points"], {level["id"]: level is levels(content)[-1]})

    @classmethod
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """The text as written; when revealed, the rubric with the level reached marked."""
        level = level_of(content, answer)
        rubric = [{**lv, "reached": level is not None and lv["id"] == level["id"]} for lv in levels(content)]
        full = level is not None and level["id"] == levels(content)[-1]["id"]
        return {
            "text": answer.get("text", ""),
            "marked": level is not None,
            "correct": full if reveal and level is not None else None,  # the top level reached
            "rubric": rubric if reveal else [],
        }

    # ---- reports

    @classmethod
    def possible_picks(cls, content: dict) -> list[Pick]:
        """Each level, lowest first; only the top one counts as right."""
        top = levels(content)[-1]["id"]
        return [Pick(lv["id"], f"{lv['label']} ({lv['points']} pt)", lv["id"] == top) for lv in levels(content)]

    @classmethod
    def picks(cls, content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
        """The level reached (none while awaiting marking)."""
        if answer.get("level") is None:
            return []
        known = {p.key: p for p in (cls.possible_picks(content) if possible is None else possible)}
        key = answer["level"]
        return [known.get(key) or Pick(key, f"{key} (not in this version)", False)]

    @classmethod
    def answer_lines(cls, content: dict, answer: dict) -> list[tuple[Pick, bool]]:
        """For the drill-down: the level reached (the others are not missed options), none while awaiting."""
        return [(pick, True) for pick in cls.picks(content, answer)]

    # ---- made-up answers (marked ones: the demo and the bench store them as a teacher would have marked them)

    @classmethod
    def answer_key(cls, content: dict) -> dict:
        """The model answer, at the top level."""
        return {"text": content["model_answer"], "level": levels(content)[-1]["id"]}

    @classmethod
    def wrong_answer(cls, content: dict) -> dict:
        """A short answer at the lowest level."""
        return {"text": "I am not sure.", "level": levels(content)[0]["id"]}

    @classmethod
    def random_wrong_answer(cls, content: dict, rng: random.Random) -> dict:
        """An answer at one of the levels below the top."""
        level = rng.choice(levels(content)[:-1])
        words = content["model_answer"].split()
        return {"text": " ".join(words[: rng.randint(1, max(1, len(words) // 2))]), "level": level["id"]}

    # ---- export: an extended-text interaction / essay, the rubric for the scorer

    @classmethod
    def qti(cls, content: dict, catalog) -> QtiParts:
        """An extended-text interaction scored by a person: the rubric for everyone, model answer and notes
        in a rubric block for scorers only."""
        declaration = q(
            "qti-response-declaration", {"identifier": "RESPONSE", "cardinality": "single", "base-type": "string"}
        )
        interaction = q(
            "qti-extended-text-interaction",
            {"response-identifier": "RESPONSE", "format": "plain", "expected-length": content["max_words"] * 6},
            qti_prompt(content),
        )
        for_students = q("qti-rubric-block", {"use": "instructions", "view": "candidate scorer"})
        for_students.append(qti_children(q("qti-content-body"), rubric_markdown(content)))
        for_scorers = q("qti-rubric-block", {"use": "scoring", "view": "scorer"})
        for_scorers.append(qti_children(q("qti-content-body"), grader_markdown(content)))
        return QtiParts(declaration, interaction, template=None, before=[for_students, for_scorers])

    @classmethod
    def gift(cls, content: dict, catalog) -> str:
        """An essay question ({}) with the rubric under the prompt. GIFT has no place for graders only (the
        model answer and notes stay out: Moodle XML carries them), and GIFT readers refuse an essay with
        general feedback (pygiftparser does), so the explanation stays out too."""
        return gift_question({**content, "explanation": None}, "", extra_text=gift_text(rubric_markdown(content)))

    @classmethod
    def moodle(cls, content: dict, catalog) -> etree._Element:
        """An essay question with a word limit; rubric, model answer and notes as the grader information."""
        element = moodle_question(content, "essay", extra_html=html_of(rubric_markdown(content)))
        for tag, value in (
            ("responseformat", "plain"),
            ("responserequired", "1"),
            ("responsefieldlines", "10"),
            ("minwordlimit", ""),
            ("maxwordlimit", str(content["max_words"])),
            ("attachments", "0"),
            ("attachmentsrequired", "0"),
        ):
            etree.SubElement(element, tag).text = value
        element.append(moodle_text("graderinfo", html_of(grader_markdown(content))))
        element.append(moodle_text("responsetemplate", ""))
        return element


class PlainTextArea(TextAreaField):
    """A text area that never writes a control character into the page (HTML forbids them).

    A refused text comes back for the writer to fix; its control characters, which the error names, are
    left out of what is shown so the page stays valid and the rest of the text is kept."""

    def _value(self) -> str:
        return CONTROL.sub("", super()._value())


def _tidy(text: str | None) -> str | None:
    """WTForms filter: tidy() when there is text."""
    return tidy(text) if text is not None else None


def rubric_markdown(content: dict) -> str:
    """The rubric as a Markdown list (for the exports)."""
    lines = [f"- **{lv['label']}** ({lv['points']} points): {lv['descriptor']}" for lv in levels(content)]
    return f"Marked with this rubric (at most {content['max_words']} words):\n\n" + "\n".join(lines)


def grader_markdown(content: dict) -> str:
    """What only markers see: the rubric, the model answer and the teacher's notes."""
    parts = [rubric_markdown(content), f"Model answer: {content['model_answer']}"]
    if content.get("teacher_notes"):
        parts.append(f"Notes for markers: {content['teacher_notes']}")
    return "\n\n".join(parts)
