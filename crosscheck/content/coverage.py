"""What the lessons teach and the quiz items test: one row per thing a teacher must cover, from the annotations.

Rows: every figure quantity with a conflict (ranges that cannot all be true, or a `conflict` note in
quantities.yaml), every claim annotated as unverified or disputed, every source chain, every quote key whose
versions differ in their words, and each article's page furniture. A lesson *teaches* a row when it shows
the row's passage: a link to its sentence from a directive (excerpt, figures, sources, quotes, framing,
timeline) or a phrase of its prose in quotation marks. An item *tests* a row when its passages touch the
row's: its excerpt, quoted options, pairs, highlight sentences, or a phrase in quotation marks in its prompt
or options. Rows that compare (a conflict, a drift) need both sides touched by the same lesson or item.
Passages are compared by sentence. Nothing here needs Flask.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import combinations, product

from crosscheck.content.annotations import Figure
from crosscheck.content.directives.figures import figures_conflict
from crosscheck.content.directives.quotes import word_differences
from crosscheck.content.errors import QuoteError

KINDS = ("figure conflict", "unverified claim", "source chain", "quote drift", "page furniture")
UNVERIFIED = ("unverified", "disputed")
_LINK = re.compile(r'href="/articles/([a-z0-9-]+)(?:\?[^"#]*)?(?:#([a-z0-9]+))?"')
_QUOTED = re.compile(r'"([^"]{3,400}?)"|“([^”]{3,400}?)”')  # a quoted phrase may wrap across lines
_TAG = re.compile(r"<[^>]+>")

Touch = frozenset  # of (article id, sentence or paragraph id)


@dataclass(frozen=True)
class CoverageRow:
    """One thing to cover, the lessons that teach it and the items ("module/item") that test it."""

    kind: str
    key: str
    label: str
    articles: tuple[str, ...]
    taught_by: tuple[str, ...]
    tested_by: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """Taught by a lesson and tested by an item."""
        return bool(self.taught_by and self.tested_by)


@dataclass(frozen=True)
class _Need:
    """A row's passages: touched when, for one alternative, every one of its passage sets is touched."""

    kind: str
    key: str
    label: str
    articles: tuple[str, ...]
    alternatives: tuple[tuple[Touch, ...], ...]

    def touched_by(self, touch: Touch) -> bool:
        """True when the touches satisfy one alternative."""
        return any(all(part & touch for part in alternative) for alternative in self.alternatives)


def coverage(catalog) -> list[CoverageRow]:
    """Every row in the order of KINDS, with the lessons and items that cover it."""
    lessons = {lesson.id: lesson_touches(catalog, lesson) for lesson in catalog.lessons.values()}
    items = {
        f"{module.id}/{item.id}": item_touches(catalog, item)
        for module in catalog.modules_in_order()
        for item in module.items
    }
    rows = []
    for need in _needs(catalog):
        taught = tuple(name for name, touch in lessons.items() if need.touched_by(touch))
        tested = tuple(name for name, touch in items.items() if need.touched_by(touch))
        rows.append(CoverageRow(need.kind, need.key, need.label, need.articles, taught, tested))
    return rows


def _needs(catalog) -> list[_Need]:
    """The rows, before looking at lessons and items."""
    return [*_conflicts(catalog), *_unverified(catalog), *_chains(catalog), *_drifts(catalog), *_furniture(catalog)]


def _at(location) -> Touch:
    """The sentences a located passage stands in (its paragraph when it has no sentences)."""
    ids = location.sentence_ids or (location.paragraph_id,)
    return frozenset((location.article_id, i) for i in ids)


def _conflicts(catalog) -> list[_Need]:
    """Quantities whose figures cannot all be true, or that quantities.yaml says conflict, with the pairs."""
    needs = []
    for key, quantity in catalog.quantities.items():
        figures = catalog.figures_for(key)
        pairs = [(a, b) for a, b in combinations(figures, 2) if figures_conflict(a, b)]
        if quantity.conflict:
            others = [f for other in quantity.conflict_with for f in catalog.figures_for(other)]
            pairs += list(product(figures, others)) if others else _across_articles(figures)
        if not pairs:
            continue
        articles = tuple(dict.fromkeys(f.article_id for pair in pairs for f in pair))
        label = f"{quantity.label}: {quantity.conflict or _values(pairs)}"
        alternatives = tuple((_at(a.location), _at(b.location)) for a, b in pairs)
        needs.append(_Need("figure conflict", key, label, articles, alternatives))
    return needs


def _across_articles(figures: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs of figures printed by different articles."""
    return [(a, b) for a, b in combinations(figures, 2) if a.article_id != b.article_id]


def _values(pairs) -> str:
    """'approximately 300 against two-thirds of ...' for a computed conflict."""
    first, second = pairs[0]
    return f"{first.value} ({first.given_by}) against {second.value} ({second.given_by})"


def _unverified(catalog) -> list[_Need]:
    """Claims annotated as unverified or disputed."""
    return [
        _Need(
            "unverified claim",
            claim.id,
            f"{claim.location.text} ({claim.presentation}; {', '.join(claim.hedges) or 'no hedge word'})",
            (claim.article_id,),
            ((_at(claim.location),),),
        )
        for annotations in _in_article_order(catalog)
        for claim in annotations.claims
        if claim.presentation in UNVERIFIED
    ]


def _chains(catalog) -> list[_Need]:
    """Every annotated source, by its chain."""
    return [
        _Need("source chain", source.id, " → ".join(source.chain), (source.article_id,), ((_at(source.location),),))
        for annotations in _in_article_order(catalog)
        for source in annotations.sources
    ]


def _drifts(catalog) -> list[_Need]:
    """Quote keys printed by two or more articles whose words differ, with the pairs that differ."""
    keys = dict.fromkeys(q.key for annotations in _in_article_order(catalog) for q in annotations.quotes)
    needs = []
    for key in keys:
        versions = catalog.quotes_for(key)
        pairs = [
            (a, b)
            for a, b in combinations(versions, 2)
            if a.article_id != b.article_id and any(word_differences(a.location.text, b.location.text))
        ]
        if pairs:
            articles = tuple(dict.fromkeys(q.article_id for q in versions))
            label = " / ".join(f"“{q.location.text}”" for q in versions)
            alternatives = tuple((_at(a.location), _at(b.location)) for a, b in pairs)
            needs.append(_Need("quote drift", key, label, articles, alternatives))
    return needs


def _furniture(catalog) -> list[_Need]:
    """Each article's captured page furniture, as one row."""
    needs = []
    for article in catalog.articles.values():
        lines = [p for p in article.paragraphs if p.is_furniture]
        if lines:
            touch = frozenset(key for p in lines for key in _paragraph(article, p.id))
            label = "; ".join(f"{p.furniture_kind}: “{p.text}”" for p in lines)
            needs.append(_Need("page furniture", article.id, label, (article.id,), ((touch,),)))
    return needs


def _in_article_order(catalog) -> list:
    """Annotations in the catalogue's article order."""
    return [catalog.annotations[a] for a in catalog.articles if a in catalog.annotations]


def _paragraph(article, paragraph_id: str) -> Touch:
    """Every sentence of a paragraph (the paragraph itself when it has none)."""
    paragraph = article.paragraph(paragraph_id)
    if paragraph is None:
        return frozenset()
    ids = [s.id for s in paragraph.sentences] or [paragraph.id]
    return frozenset((article.id, i) for i in ids)


def lesson_touches(catalog, lesson) -> Touch:
    """Every sentence a lesson links to, and every sentence its prose quotes."""
    touched: set = set()
    for article_id, anchor in _LINK.findall(str(lesson.html)):
        article = catalog.articles.get(article_id)
        if article is None or not anchor:
            continue
        touched |= _paragraph(article, anchor) if article.paragraph(anchor) else {(article_id, anchor)}
    prose = html.unescape(_TAG.sub(" ", str(lesson.html)))  # the page's text: prose, tables and self-check
    articles = [catalog.articles[a] for a in lesson.articles if a in catalog.articles]
    for phrase in _phrases(prose):
        touched |= _locate(articles, phrase)
    return frozenset(touched)


def item_touches(catalog, item) -> Touch:
    """Every sentence an item shows or quotes before it is answered."""
    spec, content = item.spec, item.content
    articles = [catalog.articles[a] for a in item.articles if a in catalog.articles]
    by_id = {a.id: a for a in articles}
    first = articles[0] if articles else None
    located: list[tuple[object, str]] = []
    if spec.excerpt:
        located.append((first, spec.excerpt))
    for option in getattr(spec, "options", []) or []:
        if option.quote:
            located.append((by_id.get(option.article or "", first), option.quote))
    for pair in getattr(spec, "pairs", []) or []:
        for quote in (pair.left_quote, pair.right_quote):
            if quote:
                located.append((by_id.get(pair.article or "", first), quote))
    for quote in [*getattr(spec, "correct", []), *(note.quote for note in getattr(spec, "notes", []))]:
        located.append((first, quote))
    touched: set = set()
    for article, quote in located:
        if article is not None:
            touched |= _locate([article], quote)
    shown = [content["prompt"]] + [o.get("text") or "" for o in content.get("options", []) if not o.get("quote")]
    shown += [p.get(side) or "" for p in content.get("pairs", []) for side in ("left", "right")]
    for phrase in (p for text in shown for p in _phrases(text)):
        touched |= _locate(articles, phrase)
    return frozenset(touched)


def _phrases(text: str) -> list[str]:
    """The phrases a text puts in quotation marks, split at ellipses."""
    phrases = []
    for match in _QUOTED.finditer(text):
        phrase = " ".join((match.group(1) or match.group(2)).split())
        phrases += [part.strip(" ,.;:") for part in re.split(r"\s*(?:\.\.\.|…)\s*", phrase) if len(part) > 3]
    return phrases


def _locate(articles: list, phrase: str) -> Touch:
    """The sentences of the one article where the phrase stands once; nothing when it is not found or ambiguous."""
    found = []
    for article in articles:
        for candidate in (phrase, phrase[:1].swapcase() + phrase[1:]):
            try:
                found.append(article.find_quote(candidate))
                break
            except QuoteError:
                continue
    return _at(found[0]) if len(found) == 1 else frozenset()


def coverage_lines(rows: list[CoverageRow], only_missing: bool = False) -> list[str]:
    """The rows as text, kind by kind: each row, then the lessons and items that cover it (or NONE)."""
    lines = []
    for kind in KINDS:
        shown = [r for r in rows if r.kind == kind and not (only_missing and r.covered)]
        if shown:
            lines.append(f"== {kind} ({len(shown)})")
        for row in shown:
            lines.append(f"{row.key}: {row.label}")
            lines.append(f"    taught by: {', '.join(row.taught_by) or 'NONE'}")
            lines.append(f"    tested by: {', '.join(row.tested_by) or 'NONE'}")
    return lines


def summary(rows: list[CoverageRow]) -> str:
    """'57 rows: 55 taught, 54 tested, 53 both.'"""
    taught = sum(bool(r.taught_by) for r in rows)
    tested = sum(bool(r.tested_by) for r in rows)
    both = sum(r.covered for r in rows)
    return f"{len(rows)} rows: {taught} taught, {tested} tested, {both} taught and tested"
