"""How counts read: singular only for exactly one, numbers without a trailing .0 (crosscheck/wording.py)."""

from __future__ import annotations

import pytest

from crosscheck.wording import counted, number


@pytest.mark.parametrize(
    ("value", "word", "expected"),
    [
        (1, "attempt", "1 attempt"),
        (3, "attempt", "3 attempts"),
        (0, "point", "0 points"),
        (1.0, "point", "1 point"),
        (2.5, "point", "2.5 points"),
        (0.5, "point", "0.5 points"),
    ],
)
def test_counted_reads_as_english(value, word, expected):
    assert counted(value, word) == expected


def test_numbers_lose_a_trailing_zero_and_none_is_a_dash():
    assert [number(v) for v in (3.0, 2.5, 1 / 3, None)] == ["3", "2.5", "0.33", "–"]
