"""Plain-text tools: sentence splitting and verbatim quote lookup, tolerant only of quote marks and spaces.

Everything that refers to article text (lessons, annotations, quiz items) finds it through
`find_in_paragraphs`, so a quote that is not in the article is caught when content loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.content.errors import QuoteAmbiguous, QuoteNotFound

# Curly and straight quote marks count as the same character when looking a quote up.
_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})

# Words ending in a full stop that do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "no", "vs", "etc", "inc", "corp", "jr", "sr",
}  # fmt: skip

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    """A character range [start, end) within a paragraph's text."""

    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Split a paragraph into sentence spans; abbreviations such as "Oct." and "U.S." do not end one."""
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        word = re.search(r"([\w.]+)\.$", text[start : match.start() + 1])
        if match.group().startswith(".") and word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        if end > start:
            spans.append(Span(start, end))
            start = _skip_space(text, end)
    if start < len(text.rstrip()):
        spans.append(Span(start, len(text.rstrip())))
    return spans


def _skip_space(text: str, i: int) -> int:
    """Index of the first non-space character at or after i."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


@lru_cache(maxsize=8192)  # every quote lookup folds the same paragraphs again; the result is never mutated
def normalise(text: str) -> tuple[str, list[int]]:
    """Fold quote marks and white-space runs; return the folded text and each character's source index.

    Cached: every quote lookup folds the same paragraphs again (callers must not change the list).
    """
    folded: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text.translate(_QUOTE_MARKS)):
        if ch.isspace():
            if previous_space:
                continue
            ch, previous_space = " ", True
        else:
            previous_space = False
        folded.append(ch)
        index.append(i)
    return "".join(folded), index


def fold(text: str) -> str:
    """The folded form of a quote, trimmed, as used for matching."""
    return normalise(text.strip())[0]


@dataclass(frozen=True)
class Match:
    """Where a quote stands: the paragraph's position in the list and the span in its text."""

    paragraph_index: int
    span: Span


def find_all(paragraphs: list[str], quote: str) -> list[Match]:
    """Every place the quote occurs, paragraph by paragraph (a quote never spans two paragraphs)."""
    needle = fold(quote)
    if not needle:
        return []
    found: list[Match] = []
    for p_index, text in enumerate(paragraphs):
        folded, source = normalise(text)
        at = folded.find(needle)
        while at != -1:
            last = at + len(needle) - 1
            found.append(Match(p_index, Span(source[at], source[last] + 1)))
            at = folded.find(needle, at + 1)
    return found


def find_in_paragraphs(paragraphs: list[str], quote: str, preferred: set[int] | None = None) -> Match:
    """The single place a quote occurs; `preferred` paragraphs win over the rest when both hold it.

    Raises QuoteNotFound or QuoteAmbiguous with a message a teacher can act on.
    """
    found = find_all(paragraphs, quote)
    if preferred is not None:
        in_preferred = [m for m in found if m.paragraph_index in preferred]
        found = in_preferred or found
    if not found:
        raise QuoteNotFound(_closest_hint(paragraphs, quote))
    if len(found) > 1:
        raise QuoteAmbiguous(f"quote occurs {len(found)} times; quote more words so that it matches only once")
    return found[0]


def _closest_hint(paragraphs: list[str], quote: str) -> str:
    """Say how much of the quote's start was found, to help a teacher spot the typo."""
    needle = fold(quote)
    haystack = " ".join(normalise(p)[0] for p in paragraphs)
    low, high = 0, len(needle)
    while low < high:  # longest prefix of the quote that the text contains
        mid = (low + high + 1) // 2
        if needle[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    if low >= 8:
        return f"quote not found; the text matches up to {needle[:low]!r} but differs after that"
    return "quote not found in the article; copy it from the text exactly"
