"""Checks of a quiz module's settings that no schema can make: a reveal and score policy that reward copying
the key into a later attempt."""

from __future__ import annotations

from crosscheck.content.errors import Problem
from crosscheck.content.yamlsafe import YamlDoc

COPYABLE_SCORES = ("highest", "latest")


def settings_problems(doc: YamlDoc, rel: str, settings) -> list[Problem]:
    """Warnings about the module's settings, at the line of the setting to change."""
    problems = []
    if settings.feedback == "each" and settings.attempts != 1 and settings.score in COPYABLE_SCORES:
        has_score = isinstance(doc.data.get("settings"), dict) and "score" in doc.data["settings"]
        where = doc.where(("settings", "score") if has_score else ("settings", "feedback"))
        message = (
            f"feedback after each item with {settings.attempts or 'unlimited'} attempts and score "
            f"{settings.score!r}: a student can answer at random, read the key and copy it into the next "
            "attempt; use score: first or mean, or attempts: 1"
        )
        problems.append(Problem(rel, *where, message, "warning"))
    return problems
