"""The figure finder: every number in a text, with its kind and span, so no figure escapes annotation.

What counts as a number (docs/content.md lists the same rules for authors):
- digits, with thousands separators, decimals, ordinal endings and percent signs: 1,500  2.5  10th  15%;
  money: $2,000, €5 million; "15 percent" and "15 per cent" count as one percentage;
- number words, alone or compound: one, seven, twenty-five, a hundred, one thousand, hundreds, a dozen;
  twice and thrice; the number part of a hyphenated unit ("three" in "three-minute");
- fractions: half, two-thirds, one-third, a quarter (a denominator counts only after a number word or "a");
- years (1800-2100 written as four digits) and dates: Jan. 3, January 20, October 10, 2024, 3 March,
  August 2024;
- ranges, found as one number: "one or two", "10 to 12", "10-12", "between Oct. 8 and Oct. 13".
What does not count:
- "one of ..." (it picks a member out of a group; the group's size, if given, is counted on its own),
  "no one", "one another";
- ordinal words (first, second ...): they rank rather than count;
- vague quantities (a few, several, many, most), weekdays and month names without a day or year;
- digits that are part of a name: a letter right before them, with or without a hyphen (G7, F-16, Su-34).
Qualifiers such as "about", "more than" or "up to" are not part of the number: a figure annotation quotes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.content.text import Span

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"  # noqa: E501
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_SCALES = "hundred thousand million billion trillion dozen hundreds thousands millions billions dozens"
_FRACTIONS = (
    "half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths eighth eighths tenth tenths"  # noqa: E501
)
_CARDINALS = set((_UNITS + " " + _TENS + " " + _SCALES).split())
_DENOMINATORS = set(_FRACTIONS.split())
_ALONE = {"twice", "thrice", "half"}
_STARTERS = _CARDINALS | _ALONE | {"a"}

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sep\.|Sept\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NOT_IN_NAME = r"(?<![A-Za-z])(?<![A-Za-z]-)(?<![\d,.])"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PATTERNS = [
    ("date", rf"{_MONTHS}\s+{_DAY}\b(?:,?\s+\d{{4}}\b)?"),
    ("date", rf"{_NOT_IN_NAME}{_DAY}\s+{_MONTHS}(?:,?\s+\d{{4}}\b)?"),
    ("date", rf"{_MONTHS}\s+\d{{4}}\b"),
    ("money", rf"[$€£¥]\s?{_DIGITS}(?:\s+(?:thousand|million|billion|trillion)\b)?"),
    ("percent", rf"{_NOT_IN_NAME}{_DIGITS}(?:\s?%|\s+per\s?cent\b)"),
    ("digits", rf"{_NOT_IN_NAME}{_DIGITS}(?:st|nd|rd|th)?"),
    ("words", r"\b[A-Za-z]+\b"),
]
_SCANNER = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_PATTERNS)))
_WORD = re.compile(r"[A-Za-z]+")
_RANGE_JOIN = re.compile(r"\s*[-–—]\s*|\s+(?:to|or)\s+")


@dataclass(frozen=True)
class NumberFound:
    """One number in a text: its words as printed, its kind and its span."""

    text: str
    kind: str  # digits | words | fraction | percent | money | year | date | range
    span: Span


def find_numbers(text: str) -> list[NumberFound]:
    """Every number in `text`, in reading order, ranges joined into one."""
    found: list[NumberFound] = []
    at = 0
    while match := _SCANNER.search(text, at):
        kind = _PATTERNS[int(match.lastgroup[1:])][0]
        at = match.end()
        if kind == "words":
            if match.group().lower() not in _STARTERS:
                continue
            number = _number_words(text, match.start())
            if number is None:
                continue
            at = number.span.end
            if _excluded(text, number):
                continue
        else:
            if kind == "digits" and re.fullmatch(r"1[89]\d\d|20\d\d|2100", match.group()):
                kind = "year"
            number = NumberFound(match.group(), kind, Span(match.start(), match.end()))
        found.append(number)
    return _join_ranges(text, found)


def _number_words(text: str, start: int) -> NumberFound | None:
    """The number-word sequence starting at `start` ('a hundred', 'two-thirds'), or None."""
    words = []
    for m in _WORD.finditer(text, start):
        if len(words) == 5:  # enough look-ahead for 'two hundred and fifty thousand'
            break
        words.append((m.start(), m.end(), m.group().lower()))
    j = _number_end(words, text)
    if j == 0:
        return None
    end = words[j - 1][1]
    kind = "fraction" if words[j - 1][2] in _DENOMINATORS else "words"
    return NumberFound(text[start:end], kind, Span(start, end))


def _number_end(words: list[tuple[int, int, str]], text: str) -> int:
    """How many of `words` form a number (0 when the first word starts none)."""
    first = words[0][2]
    follows = words[1][2] if len(words) > 1 and text[words[0][1] : words[1][0]] == " " else ""
    if first == "a" and (follows in _SCALES.split() or follows in _DENOMINATORS):
        j = 2
    elif first in _CARDINALS or first in _ALONE:
        j = 1
    else:
        return 0
    while j < len(words):
        word, previous = words[j][2], words[j - 1][2]
        gap = text[words[j - 1][1] : words[j][0]]
        if gap not in (" ", "-"):
            break
        if word in _CARDINALS or (word in _DENOMINATORS and previous in _CARDINALS | {"a"}):
            j += 1
        elif word == "and" and previous in {"hundred", "thousand", "million"} and j + 1 < len(words):
            if words[j + 1][2] not in _CARDINALS:
                break
            j += 2
        else:
            break
    return j


def _excluded(text: str, number: NumberFound) -> bool:
    """'one of', 'no one' and 'one another' pick someone out rather than count."""
    if number.text.lower() != "one":
        return False
    after, before = text[number.span.end :].lower(), text[: number.span.start].lower()
    return bool(re.match(r"\s+(of|another)\b", after) or re.search(r"\bno\s+$", before))


def _join_ranges(text: str, found: list[NumberFound]) -> list[NumberFound]:
    """Join 'one or two', '10 to 12', '10-12' and 'between X and Y' into single range entries."""
    joined: list[NumberFound] = []
    for number in found:
        if joined:
            last = joined[-1]
            gap = text[last.span.end : number.span.start]
            between = re.search(r"\bbetween\s+$", text[: last.span.start], re.IGNORECASE)
            if _RANGE_JOIN.fullmatch(gap) or (between and re.fullmatch(r"\s+and\s+", gap)):
                start = between.start() if between and "and" in gap else last.span.start
                joined[-1] = NumberFound(text[start : number.span.end], "range", Span(start, number.span.end))
                continue
        joined.append(number)
    return joined
