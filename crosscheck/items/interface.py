"""The ItemType interface: everything the app, the reports, the demo, the bench and the tests ask of an item type.

A type is a subclass in its own module (choice.py, multi.py, ...) that sets the class attributes and
implements every method marked `@required`; crosscheck.items refuses to register one that does not. Nothing
outside crosscheck/items/ looks at an item's `type:` except to find its ItemType here.

Stored data each method works on: `content` is ItemVersion.content (the item as resolve() returned it),
`answer` the type's answer JSON (the contract in docs/quizzes.md), `view` what view() returned for an attempt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from crosscheck.items.base import CheckContext, ItemBase, Score

if TYPE_CHECKING:
    from lxml import etree

    from crosscheck.exchange.parts import QtiParts

REQUIRED_ATTRIBUTES = ("name", "schema", "template", "pick_noun")


def required(method):
    """Mark an interface method that every item type must implement itself."""
    method.__isabstractmethod__ = True
    return method


@dataclass(frozen=True)
class Pick:
    """Something a student can pick, as the reports list it: an option, a sentence, a left-right pair."""

    key: str
    label: str
    correct: bool
    misconception: str | None = None


@dataclass(frozen=True)
class PrintedLine:
    """One numbered or lettered line of a printed item: an option, a sentence, one side of a match."""

    label: str  # "A", "1"
    text: str
    correct: bool = False  # for the answer key only: a worksheet never prints it
    feedback: str | None = None  # likewise
    answer: str = ""  # likewise: a match entry's letter


@dataclass(frozen=True)
class Printed:
    """An item on paper: what to do, the lines to pick from, and (for the answer key only) the key."""

    instruction: str
    layout: str = "write"  # options (lettered), passage (numbered sentences), match (two columns), write
    lines: tuple[PrintedLine, ...] = ()
    choices: tuple[PrintedLine, ...] = ()  # a match's right-hand entries, lettered
    key: str = ""  # "B"; "2, 5"; "1 – C, 2 – A"
    write_lines: int = 1  # ruled lines left to write the answer on
    rubric: tuple[PrintedLine, ...] = ()  # a written item's levels (label, descriptor, points as `answer`)
    model_answer: str = ""  # for the answer key only: an answer at the top level
    marking_notes: str = ""  # likewise: the teacher's marking notes


def letter(n: int) -> str:
    """A, B, ... Z, AA, AB ...: the label of the n-th (0-based) printed option."""
    return letter(n // 26 - 1) + chr(65 + n % 26) if n >= 26 else chr(65 + n)


def picks_among(possible: list[Pick], keys: list[str]) -> list[Pick]:
    """The possible picks with these keys, in the keys' order; a key the version lacks is listed as such."""
    known = {p.key: p for p in possible}
    return [known.get(key) or Pick(str(key), f"{key} (not in this version)", False) for key in keys]


class ItemType:
    """An item type: its YAML schema, how it is answered, graded and reviewed, and how reports read answers."""

    name: ClassVar[str]  # the `type:` value in a quiz file
    schema: ClassVar[type[ItemBase]]  # pydantic model of the item in YAML (docs/quiz.schema.json is made from it)
    template: ClassVar[str]  # templates/quizzes/items/<name>.html: the answer form and the answered item
    pick_noun: ClassVar[str]  # what the item analysis calls one pick: 'Option', 'Sentence', 'Pair'

    # ---- loading

    @classmethod
    @required
    def resolve(cls, item: ItemBase, ctx: CheckContext) -> dict:
        """Check what pydantic cannot (quotes, ids, correct answers) and return the item's stored content."""
        raise NotImplementedError

    # ---- answering

    @classmethod
    @required
    def view(cls, content: dict, seed: int, shuffle: bool) -> dict:
        """What the student sees before answering: never a correct answer, feedback or explanation."""
        raise NotImplementedError

    @classmethod
    @required
    def form_fields(cls, view: dict) -> dict:
        """WTForms fields (unbound) for the answer form built from the view."""
        raise NotImplementedError

    @classmethod
    @required
    def answer_from_form(cls, view: dict, data: dict) -> dict:
        """The stored answer JSON from validated form data (tokens mapped back to ids)."""
        raise NotImplementedError

    @classmethod
    @required
    def form_data(cls, view: dict, answer: dict) -> dict:
        """The form a browser posts to give `answer` (the inverse of answer_from_form; for the bench and tests)."""
        raise NotImplementedError

    @classmethod
    def as_submitted(cls, answer: dict) -> dict:
        """The part of an answer the student gives (a written answer's marked level is the teacher's part)."""
        return answer

    # ---- grading and review

    @classmethod
    @required
    def grade(cls, content: dict, answer: dict) -> Score:
        """Score an answer against the item's content."""
        raise NotImplementedError

    @classmethod
    @required
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """The answer as given and, when `reveal`, what was right and the feedback (never otherwise)."""
        raise NotImplementedError

    # ---- reports: an answer read as picks

    @classmethod
    @required
    def possible_picks(cls, content: dict) -> list[Pick]:
        """What the item analysis tallies: every pick the item offers (for a match, each correct pair)."""
        raise NotImplementedError

    @classmethod
    @required
    def picks(cls, content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
        """The picks one answer made, each right or wrong, with the misconception a wrong one suggests.

        `possible` is possible_picks(content), passed when the caller reads many answers to one version.
        """
        raise NotImplementedError

    @classmethod
    def misconceptions_drawn(
        cls, content: dict, answer: dict, picks: list[Pick] | None = None, possible: list[Pick] | None = None
    ) -> set[str]:
        """Misconception tags behind the answer's wrong picks (`picks`, `possible` save working them out again)."""
        picks = cls.picks(content, answer, possible) if picks is None else picks
        return {p.misconception for p in picks if not p.correct and p.misconception}

    @classmethod
    def answer_lines(cls, content: dict, answer: dict) -> list[tuple[Pick, bool]]:
        """For the drill-down: every possible pick with whether it was picked, then picks the version lacks."""
        possible = cls.possible_picks(content)
        picks = cls.picks(content, answer, possible)
        chosen = {p.key for p in picks}
        lines = [(p, p.key in chosen) for p in possible]
        listed = {p.key for p, _ in lines}
        return lines + [(p, True) for p in picks if p.key not in listed]

    # ---- paper: the printed worksheet and answer key (crosscheck/printing)

    @classmethod
    def printed(cls, content: dict, seed: int, shuffle: bool) -> Printed:
        """The item on paper, in the order `seed` gives; by default, room to write an answer in words."""
        return Printed("Write your answer.", write_lines=6)

    # ---- answers made up for the demo, the bench and the tests

    @classmethod
    @required
    def answer_key(cls, content: dict) -> dict:
        """A fully correct answer."""
        raise NotImplementedError

    @classmethod
    @required
    def wrong_answer(cls, content: dict) -> dict:
        """A plausible wrong answer, the same every time, preferring a misconception (the demo, tests)."""
        raise NotImplementedError

    @classmethod
    @required
    def random_wrong_answer(cls, content: dict, rng: random.Random) -> dict:
        """One of the plausible wrong answers, drawn with `rng` (the bench's students; never fully correct)."""
        raise NotImplementedError

    # ---- export (crosscheck/exchange): the item in other systems' formats

    @classmethod
    @required
    def qti(cls, content: dict, catalog) -> QtiParts:
        """The item as a QTI 3.0 interaction with its response declaration, scored as `grade` scores."""
        raise NotImplementedError

    @classmethod
    @required
    def gift(cls, content: dict, catalog) -> str:
        """The item as a GIFT question (Moodle's text format)."""
        raise NotImplementedError

    @classmethod
    @required
    def moodle(cls, content: dict, catalog) -> etree._Element:
        """The item as a Moodle XML <question>."""
        raise NotImplementedError


def missing_parts(kind: type[ItemType]) -> list[str]:
    """What an item type lacks of the interface: unset attributes and required methods it does not implement."""
    missing = [name for name in REQUIRED_ATTRIBUTES if not hasattr(kind, name)]
    for name, member in vars(ItemType).items():
        method = getattr(member, "__func__", None)
        if getattr(method, "__isabstractmethod__", False) and getattr(kind, name).__func__ is method:
            missing.append(name)
    return missing
