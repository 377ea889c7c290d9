"""How counts read in English, for messages and pages alike: '1 attempt', '2 attempts', '2.5 points'."""

from __future__ import annotations


def number(value) -> str:
    """A count or points without a trailing .0 and at most two decimals: '3', '2.5', '1.33'; a dash for none."""
    return "–" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def counted(value, word: str) -> str:
    """'1 attempt', '3 attempts', '1.5 points': a number and its noun, singular only for exactly one."""
    return f"{number(value)} {word if value == 1 else word + 's'}"
