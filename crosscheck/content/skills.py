"""The skills Crosscheck trains: their ids (the contract every lesson, item and report uses) and names."""

from __future__ import annotations

from typing import Literal

SKILL_LABELS = {
    "unverified_claim": "Spot the unverified claim",
    "primary_source": "Find the primary source",
    "conflicting_figure": "Conflicting figures",
    "framing": "Framing",
}
SKILLS = tuple(SKILL_LABELS)  # in teaching order: the order reports list them in
Skill = Literal[SKILLS]  # type: ignore[valid-type]


def skill_label(skill: str) -> str:
    """The skill's readable name ('Framing'); an empty string for no skill."""
    return SKILL_LABELS[skill] if skill else ""
