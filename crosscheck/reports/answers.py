"""Reading a stored answer against the item version it answered (ItemVersion.content). Pure: no database.

Answer shapes (the contract): choice {"choice": "b"}; multi {"choices": ["a", "c"]}; highlight
{"sentences": ["p12s2"]}; match {"pairs": {"l1": "r2"}}. Each answer is turned into the "picks" a
student made: an option id, a sentence id, or "l1=r2" for a match pair.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pick:
    """Something a student could pick: an option, a sentence, or a left-right pair."""

    key: str
    label: str
    correct: bool
    misconception: str | None = None


def _text(entry: dict) -> str:
    """The visible text of an option, sentence or match side."""
    return str(entry.get("text") or entry.get("quote") or entry.get("id", ""))


def _highlight_sentences(content: dict) -> list[dict]:
    """The passage's sentences, each {"id", "text", ...}."""
    return content.get("sentences") or []


def _highlight_correct(content: dict) -> set[str]:
    """Ids of the sentences a complete answer selects."""
    return set(content.get("correct_sentences") or [])


def _highlight_notes(content: dict) -> dict[str, str]:
    """Sentence id -> misconception tag, from the notes (each resolved to the sentence ids its quote falls in)."""
    tags = {}
    for note in content.get("notes") or []:
        if note.get("misconception"):
            for sentence_id in note.get("sentence_ids") or []:
                tags[sentence_id] = note["misconception"]
    return tags


def _match_rights(content: dict) -> dict[str, str]:
    """Right-hand id -> text: r1.. for the pairs' right sides in file order, then the distractors."""
    return {r["id"]: _text(r) for r in content.get("rights") or []}


def _match_pairs(content: dict) -> list[tuple[str, str, str, str | None]]:
    """(left id, left text, correct right id, misconception) per pair, in file order."""
    return [
        (pair["id"], str(pair.get("left") or pair["id"]), pair.get("right_id", ""), pair.get("misconception"))
        for pair in content.get("pairs") or []
    ]


def possible_picks(content: dict) -> list[Pick]:
    """What the tally table lists for an item: every option or sentence; for a match, each correct pair."""
    kind = content.get("type")
    if kind in ("choice", "multi"):
        return [
            Pick(o["id"], _text(o), bool(o.get("correct")), o.get("misconception")) for o in content.get("options", [])
        ]
    if kind == "highlight":
        correct, notes = _highlight_correct(content), _highlight_notes(content)
        return [Pick(s["id"], _text(s), s["id"] in correct, notes.get(s["id"])) for s in _highlight_sentences(content)]
    if kind == "match":
        rights = _match_rights(content)
        return [
            Pick(f"{left_id}={right_id}", f"{left} → {rights.get(right_id, right_id)}", True, None)
            for left_id, left, right_id, _ in _match_pairs(content)
        ]
    return []


def picks_of(content: dict, answer: dict, possible: list[Pick] | None = None) -> list[Pick]:
    """The picks one answer made, each marked right or wrong, with the misconception a wrong pick suggests.

    `possible` is possible_picks(content) when the caller reads many answers to one version (worked out once).
    """
    kind = content.get("type")
    if kind == "match":
        return _match_picks(content, answer)
    if kind == "choice":
        chosen = [answer.get("choice")] if answer.get("choice") is not None else []
    elif kind == "multi":
        chosen = list(answer.get("choices") or [])
    elif kind == "highlight":
        chosen = list(answer.get("sentences") or [])
    else:
        return []
    known = {p.key: p for p in (possible_picks(content) if possible is None else possible)}
    return [known.get(key, Pick(str(key), f"{key} (not in this version)", False)) for key in chosen]


def _match_picks(content: dict, answer: dict) -> list[Pick]:
    """One pick per left-hand entry the student paired."""
    rights = _match_rights(content)
    chosen = answer.get("pairs") or {}
    picks = []
    for left_id, left, right_id, tag in _match_pairs(content):
        if left_id not in chosen:
            continue
        picked = chosen[left_id]
        ok = picked == right_id
        picks.append(Pick(f"{left_id}={picked}", f"{left} → {rights.get(picked, picked)}", ok, None if ok else tag))
    return picks


def misconceptions_drawn(content: dict, answer: dict, picks: list[Pick] | None = None, possible=None) -> set[str]:
    """Misconception tags behind this answer's wrong picks (and, for highlights, the correct sentences missed).

    `picks` (picks_of this answer) and `possible` (possible_picks(content)) save working them out again.
    """
    picks = picks_of(content, answer, possible) if picks is None else picks
    tags = {p.misconception for p in picks if not p.correct and p.misconception}
    if content.get("type") == "highlight":
        chosen = set(answer.get("sentences") or [])
        possible = possible_picks(content) if possible is None else possible
        tags |= {p.misconception for p in possible if p.correct and p.key not in chosen and p.misconception}
    return tags


def answer_lines(content: dict, answer: dict) -> list[tuple[Pick, bool]]:
    """For the drill-down: each option/sentence with whether it was picked; for a match, each pair made."""
    if content.get("type") == "match":
        return [(_with_expected(content, p), True) for p in _match_picks(content, answer)]
    chosen = {p.key for p in picks_of(content, answer)}
    lines = [(p, p.key in chosen) for p in possible_picks(content)]
    if content.get("type") == "highlight":  # a passage is long: show only what was picked or should have been
        lines = [(p, picked) for p, picked in lines if picked or p.correct]
    unknown = [p for p in picks_of(content, answer) if p.key not in {q.key for q, _ in lines}]
    return lines + [(p, True) for p in unknown]


def _with_expected(content: dict, pick: Pick) -> Pick:
    """A wrong match pair, its label extended with the right-hand entry that belongs with the left."""
    if pick.correct:
        return pick
    left_id = pick.key.partition("=")[0]
    rights = _match_rights(content)
    expected = next((rights.get(r, r) for left, _, r, _ in _match_pairs(content) if left == left_id), None)
    return Pick(pick.key, f"{pick.label} (belongs with: {expected})", False, pick.misconception)
