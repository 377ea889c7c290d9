"""`match`: pair each left-hand entry with one right-hand entry; points * correct pairs / pairs.

Answer: {"pairs": {left id: right id}}. In the reports a pick is a pair made, keyed "l1=r2".
"""

from __future__ import annotations

import random
from typing import Literal

from lxml import etree
from pydantic import Field, model_validator

from crosscheck.content.text import fold
from crosscheck.content.validation import Strict
from crosscheck.exchange.parts import (
    QtiParts,
    gift_escape,
    gift_question,
    html_of,
    identifier,
    moodle_question,
    moodle_text,
    q,
    qti_children,
    qti_prompt,
    response_declaration,
)
from crosscheck.items.base import (
    CheckContext,
    ItemBase,
    Score,
    Slug,
    Text,
    common_content,
    display_order,
    reading_links,
    token_of,
    tokens,
)
from crosscheck.items.fields import pick
from crosscheck.items.interface import ItemType, Pick, Printed, PrintedLine, letter
from crosscheck.items.options import quote_or_text


class Pair(Strict):
    """A left-hand entry and its one right-hand match; either side may be a verbatim quote of `article`."""

    id: Slug | None = Field(None, description="Stable id for reports; default l1, l2... in file order.")
    left: Text | None = None
    left_quote: Text | None = None
    right: Text | None = None
    right_quote: Text | None = None
    article: str | None = Field(None, description="Article of the quotes (default: the item's first article).")
    feedback: Text | None = None
    misconception: str | None = None

    @model_validator(mode="after")
    def _one_text_per_side(self) -> Pair:
        """Each side shows exactly one text."""
        for side in ("left", "right"):
            if (getattr(self, side) is None) == (getattr(self, f"{side}_quote") is None):
                raise ValueError(f"give either `{side}` or `{side}_quote` (not both, not neither)")
        return self


class MatchItem(ItemBase):
    """Match every left-hand entry with its right-hand entry."""

    type: Literal["match"]
    pairs: list[Pair] = Field(min_length=2, description="Left shown in file order, rights shuffled.")
    distractors: list[Text] = Field([], description="Extra right-hand entries that match nothing.")


class Match(ItemType):
    """The matching item type."""

    name = "match"
    schema = MatchItem
    template = "quizzes/items/match.html"
    pick_noun = "Pair"

    @classmethod
    def resolve(cls, item: MatchItem, ctx: CheckContext) -> dict:
        """Pairs with ids and texts, right-hand ids r1.. in file order (distractors after)."""
        content = common_content(item, ctx)
        rights: dict[str, str] = {}  # folded text -> right id; two lefts may share one right
        lefts: dict[str, int] = {}
        ids: dict[str, int] = {}
        content["rights"], found = [], []
        for n, pair in enumerate(item.pairs):
            resolved = content["pairs"][n]
            resolved["id"] = pair.id or f"l{n + 1}"
            if resolved["id"] in ids:
                ctx.error(
                    ("pairs", n, "id"), f"pair id {resolved['id']!r} is already used by pair {ids[resolved['id']] + 1}"
                )
            ids.setdefault(resolved["id"], n)
            for side in ("left", "right"):
                key = side if getattr(pair, side) is not None else f"{side}_quote"
                text, where = quote_or_text(
                    ctx, item, getattr(pair, side), getattr(pair, f"{side}_quote"), pair.article, ("pairs", n, key)
                )
                resolved[side], resolved[f"{side}_link"] = text, where
                found.append(where)
            ctx.tag(pair.misconception, ("pairs", n, "misconception"))
            if resolved["left"] is not None:
                _left_once(ctx, lefts, resolved["left"], n, "left" if pair.left is not None else "left_quote")
            if resolved["right"] is not None:
                resolved["right_id"] = _right_id(content["rights"], rights, resolved["right"])
        for n, text in enumerate(item.distractors):
            if fold(text) in rights:
                ctx.error(("distractors", n), "this distractor is also a right-hand answer or is given twice")
                continue
            _right_id(content["rights"], rights, text)
        content["links"] = reading_links(content, found)
        return content

    @classmethod
    def grade(cls, content: dict, answer: dict) -> Score:
        """Points times the share of pairs matched correctly; each pair is a part."""
        chosen = answer.get("pairs", {})
        parts = {p["id"]: chosen.get(p["id"]) == p["right_id"] for p in content["pairs"]}
        return Score(content["points"] * sum(parts.values()) / len(parts), content["points"], parts)

    @classmethod
    def view(cls, content: dict, seed: int, shuffle: bool) -> dict:
        """Lefts in file order; rights always shuffled (in file order they would line up with the lefts)."""
        texts = {r["id"]: r["text"] for r in content["rights"]}
        token_ids = tokens(display_order(list(texts), seed, content["id"]))
        return {
            "lefts": [(f"left_{n}", p["id"], p["left"]) for n, p in enumerate(content["pairs"])],
            "choices": [(token, texts[right_id]) for token, right_id in token_ids.items()],
            "tokens": token_ids,
        }

    @classmethod
    def printed(cls, content: dict, seed: int, shuffle: bool) -> Printed:
        """Lefts numbered, rights lettered (always shuffled, as on screen); the key, number - letter."""
        texts = {r["id"]: r["text"] for r in content["rights"]}
        letters = {right_id: letter(n) for n, right_id in enumerate(display_order(list(texts), seed, content["id"]))}
        lines = tuple(
            PrintedLine(str(n), p["left"], True, p.get("feedback"), letters[p["right_id"]])
            for n, p in enumerate(content["pairs"], start=1)
        )
        choices = tuple(PrintedLine(letters[i], texts[i]) for i in sorted(letters, key=letters.get))
        key = ", ".join(f"{line.label} – {line.answer}" for line in lines)
        instruction = "Write the letter of the matching entry beside each number."
        return Printed(instruction, "match", lines, choices, key, write_lines=0)  # written on the blanks

    @classmethod
    def form_fields(cls, view: dict) -> dict:
        """One drop-down per left-hand entry, labelled by it."""
        return {field: pick(text, view["choices"]) for field, _, text in view["lefts"]}

    @classmethod
    def answer_from_form(cls, view: dict, data: dict) -> dict:
        """{"pairs": {left id: right id}}."""
        return {"pairs": {left_id: view["tokens"][data[field]] for field, left_id, _ in view["lefts"]}}

    @classmethod
    def form_data(cls, view: dict, answer: dict) -> dict:
        """Each left's drop-down set to its right-hand entry's token."""
        token = token_of(view)
        return {field: token[answer["pairs"][left_id]] for field, left_id, _ in view["lefts"]}

    @classmethod
    def review(cls, content: dict, answer: dict, seed: int, shuffle: bool, reveal: bool = True) -> dict:
        """Each left with the student's match and, if revealed, the right match and the pair's feedback."""
        texts = {r["id"]: r["text"] for r in content["rights"]}
        chosen = answer.get("pairs", {})
        rows = [
            {
                "left": p["left"],
                "chosen": texts.get(chosen.get(p["id"]), "(no match chosen)"),
                "right": p["right"] if reveal else None,
                "correct": chosen.get(p["id"]) == p["right_id"] if reveal else None,
                "feedback": p["feedback"] if reveal else None,
            }
            for p in content["pairs"]
        ]
        return {"pairs": rows}

    @classmethod
    def possible_picks(cls, content: dict) -> list[Pick]:
        """Each correct pair, in file order (a wrong pair is listed once someone makes it)."""
        texts = _right_texts(content)
        return [
            Pick(f"{p['id']}={p['right_id']}", f"{p['left']} → {texts[p['right_id']]}", True) for p in content["pairs"]
        ]

    @classmethod
    def picks(cls, content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
        """One pick per left-hand entry the student paired, a wrong one with its pair's misconception."""
        texts, chosen = _right_texts(content), answer.get("pairs") or {}
        picks = []
        for pair in content["pairs"]:
            if pair["id"] not in chosen:
                continue
            picked = chosen[pair["id"]]
            ok = picked == pair["right_id"]
            label = f"{pair['left']} → {texts.get(picked, picked)}"
            picks.append(Pick(f"{pair['id']}={picked}", label, ok, None if ok else pair["misconception"]))
        return picks

    @classmethod
    def answer_lines(cls, content: dict, answer: dict) -> list[tuple[Pick, bool]]:
        """Each pair made; a wrong one says which right-hand entry belongs with its left."""
        texts = _right_texts(content)
        expected = {p["id"]: texts[p["right_id"]] for p in content["pairs"]}
        lines = []
        for made in cls.picks(content, answer):
            if not made.correct:
                belongs = expected[made.key.partition("=")[0]]
                made = Pick(made.key, f"{made.label} (belongs with: {belongs})", False, made.misconception)
            lines.append((made, True))
        return lines

    @classmethod
    def answer_key(cls, content: dict) -> dict:
        """Every left with its right."""
        return {"pairs": {p["id"]: p["right_id"] for p in content["pairs"]}}

    @classmethod
    def wrong_answer(cls, content: dict) -> dict:
        """The first two lefts swapped, the rest right."""
        key = cls.answer_key(content)["pairs"]
        first, second = [p["id"] for p in content["pairs"][:2]]
        key[first], key[second] = key[second], key[first]
        return {"pairs": key}

    @classmethod
    def random_wrong_answer(cls, content: dict, rng: random.Random) -> dict:
        """Two lefts swapped, or one matched to a distractor when the item has one."""
        pairs = {p["id"]: p["right_id"] for p in content["pairs"]}
        used = set(pairs.values())
        spare = [r["id"] for r in content["rights"] if r["id"] not in used]
        lefts = list(pairs)
        if spare and rng.random() < 0.4:
            pairs[rng.choice(lefts)] = rng.choice(spare)
        else:
            first, second = rng.sample(lefts, 2)
            pairs[first], pairs[second] = pairs[second], pairs[first]
        return {"pairs": pairs}

    # ---- Export (crosscheck/exchange): a match interaction, GIFT and Moodle matching ----

    @classmethod
    def qti(cls, content: dict, catalog) -> QtiParts:
        """Lefts and rights as two match sets; each correct pair maps to points/pairs (map_response)."""
        pairs, rights = content["pairs"], content["rights"]
        uses = {r["id"]: sum(1 for p in pairs if p["right_id"] == r["id"]) for r in rights}
        lefts = q("qti-simple-match-set")
        for pair in pairs:
            lefts.append(
                qti_children(
                    q("qti-simple-associable-choice", {"identifier": identifier(pair["id"]), "match-max": 1}),
                    pair["left"],
                    True,
                )
            )
        targets = q("qti-simple-match-set")
        for right in rights:
            targets.append(
                qti_children(
                    q(
                        "qti-simple-associable-choice",
                        {"identifier": identifier(right["id"]), "match-max": max(uses[right["id"]], 1)},
                    ),
                    right["text"],
                    True,
                )
            )
        interaction = q(
            "qti-match-interaction",
            {"response-identifier": "RESPONSE", "max-associations": len(pairs), "shuffle": "true"},
            qti_prompt(content),
            lefts,
            targets,
        )
        correct = [f"{identifier(p['id'])} {identifier(p['right_id'])}" for p in pairs]
        share = content["points"] / len(pairs)
        declaration = response_declaration(
            "multiple", "directedPair", correct, dict.fromkeys(correct, share), upper=content["points"]
        )
        return QtiParts(declaration, interaction, extra_explanation=_pair_feedback(content))

    @classmethod
    def gift(cls, content: dict, catalog) -> str:
        """=left -> right for each pair (GIFT matching has no per-pair feedback: it joins the explanation)."""
        rights = {r["id"]: r["text"] for r in content["rights"]}
        lines = "".join(
            f"\t={gift_escape(p['left'])} -> {gift_escape(rights[p['right_id']])}\n" for p in content["pairs"]
        )
        return gift_question(content, lines, extra_explanation=_pair_feedback(content))

    @classmethod
    def moodle(cls, content: dict, catalog) -> etree._Element:
        """A matching question, one subquestion per pair."""
        rights = {r["id"]: r["text"] for r in content["rights"]}
        element = moodle_question(content, "matching", extra_explanation=_pair_feedback(content))
        etree.SubElement(element, "shuffleanswers").text = "true"
        for pair in content["pairs"]:
            sub = moodle_text("subquestion", html_of(pair["left"], True))
            answer = etree.SubElement(sub, "answer")
            etree.SubElement(answer, "text").text = rights[pair["right_id"]]
            element.append(sub)
        return element


def _right_texts(content: dict) -> dict[str, str]:
    """Right-hand id -> its text: r1.. for the pairs' right sides in file order, then the distractors."""
    return {r["id"]: r["text"] for r in content["rights"]}


def _pair_feedback(content: dict) -> str:
    """Each pair's feedback as a Markdown list (shown with the explanation where a format has no per-pair place)."""
    lines = [f"- {p['left']}: {p['feedback']}" for p in content["pairs"] if p.get("feedback")]
    return "\n".join(lines)


def _left_once(ctx: CheckContext, seen: dict[str, int], text: str, n: int, key: str) -> None:
    """Two pairs with the same left-hand text cannot both be right."""
    folded = fold(text)
    if folded in seen:
        ctx.error(("pairs", n, key), f"this left-hand entry repeats pair {seen[folded] + 1}'s; each left appears once")
    seen.setdefault(folded, n)


def _right_id(rights: list[dict], ids: dict[str, str], text: str) -> str:
    """The id of a right-hand text, adding it (r1, r2...) the first time it is seen."""
    folded = fold(text)
    if folded not in ids:
        ids[folded] = f"r{len(ids) + 1}"
        rights.append({"id": ids[folded], "text": text})
    return ids[folded]
