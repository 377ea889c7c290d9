"""Plain-text tools: sentence splitting and verbatim quote lookup, tolerant only of quote marks, dashes and spaces.

Everything that refers to article text (lessons, annotations, quiz items) finds it through
`find_in_paragraphs`, so a quote that is not in the article is caught when content loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
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


# Dashes a keyboard cannot easily type: each, with the spaces around it, counts as one hyphen.
_DASHES = "\u2014\u2013\u2012\u2212"  # em dash, en dash, figure dash, minus sign


@lru_cache(maxsize=4096)  # every quote lookup folds the same paragraphs again; the result is never mutated
def normalise(text: str) -> tuple[str, list[int]]:
    """Fold quote marks, dashes and white-space runs; return the folded text and each character's source index.

    A dash (— –, or a hyphen with a space before or after it) and the spaces around it fold to one "-", so
    "officers—a claim", "officers – a claim" and "officers - a claim" match; a hyphen inside a word stays.
    Cached: every quote lookup folds the same paragraphs again (callers must not change the list).
    """
    folded: list[str] = []
    index: list[int] = []
    previous_space = after_dash = False
    translated = text.translate(_QUOTE_MARKS)
    for i, ch in enumerate(translated):
        if ch.isspace():
            if previous_space or after_dash:
                continue
            ch, previous_space = " ", True
        elif ch in _DASHES or (ch == "-" and (previous_space or translated[i + 1 : i + 2].isspace())):
            if previous_space:  # the space before a dash folds into it
                folded.pop()
                index.pop()
            folded.append("-")
            index.append(i)
            previous_space, after_dash = False, True
            continue
        else:
            previous_space = False
        after_dash = False
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
        raise QuoteNotFound(_closest_hint(paragraphs, quote), quote)
    if len(found) > 1:
        raise QuoteAmbiguous(f"quote occurs {len(found)} times; quote more words so that it matches only once")
    return found[0]


def _closest_hint(paragraphs: list[str], quote: str) -> str:
    """Where the quote and the closest paragraph part: both sides, so a teacher sees the difference."""
    needle = fold(quote)
    best_length, best_text = 0, ""
    for paragraph in paragraphs:
        text = normalise(paragraph)[0]
        length = _longest_prefix_in(needle, text)
        if length > best_length:
            best_length, best_text = length, text
    if best_length < 8 or best_length == len(needle):
        return "quote not found in the article; copy it from the text exactly"
    at = best_text.find(needle[:best_length])
    theirs, ours = _where_they_part(best_text[at + best_length :], needle[best_length:])
    lead = _lead_in(needle[:best_length])
    if not theirs:
        return f"quote not found: the paragraph ends at {lead!r}, you wrote {lead + ours!r}"
    return f"quote not found: the article has {lead + theirs!r}, you wrote {lead + ours!r}"


def _longest_prefix_in(needle: str, text: str) -> int:
    """Length of the longest start of `needle` that `text` contains."""
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


def _lead_in(common: str, width: int = 24) -> str:
    """The last words before the two sides part, with '…' when cut."""
    if len(common) <= width:
        return common
    cut = common[-width:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < width - 4 else cut)


def _where_they_part(theirs: str, ours: str, shown: int = 12) -> tuple[str, str]:
    """Both continuations up to where they agree again (and a few characters more), each with '…' when cut."""
    window_theirs, window_ours = theirs[:40], ours[:40]
    blocks = SequenceMatcher(None, window_theirs, window_ours, autojunk=False).get_matching_blocks()
    again = next((b for b in blocks if b.size >= 3), None)
    end_theirs, end_ours = (again.a + min(again.size, 8), again.b + min(again.size, 8)) if again else (shown, shown)
    return _cut(theirs, end_theirs), _cut(ours, end_ours)


def _cut(text: str, end: int) -> str:
    """text[:end], with '…' when there is more."""
    return text[:end] + ("…" if len(text) > end else "")
