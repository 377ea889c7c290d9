"""Item analysis of one quiz module for one class: facility, discrimination, picks, misconceptions, versions."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from crosscheck.content.skills import skill_label
from crosscheck.items import Pick, item_type
from crosscheck.progress.item_sums import (
    ItemSums,
    answer_counts,
    item_sums,
    item_versions,
    module_totals,
    student_item_points,
)
from crosscheck.progress.students import class_students, roster
from crosscheck.reports.stats import LOW_DISCRIMINATION, ItemFigures, item_figures
from crosscheck.reports.svg import Bar, bar_chart


@dataclass
class ItemRow:
    """One item's figures and the answers the class gave it."""

    item_id: str
    type: str
    skill: str
    prompt: str
    max_points: float
    answered: int
    figures: ItemFigures
    picks: list[tuple[Pick, int]] = field(default_factory=list)  # each option/sentence/pair and how many picked it
    misconceptions: list[tuple[str, str, int]] = field(default_factory=list)  # tag, description, students
    versions: int = 1
    awaiting: int = 0  # answers awaiting marking (written items): counted as 0 in the figures until marked

    @property
    def changed(self) -> bool:
        """True if the class answered more than one version of this item."""
        return self.versions > 1

    @property
    def skill_label(self) -> str:
        """The skill's readable name."""
        return skill_label(self.skill)

    @property
    def pick_noun(self) -> str:
        """What one of its picks is called: 'Option', 'Sentence' or 'Pair' (only items with picks have a type)."""
        return item_type(self.type).pick_noun


@dataclass
class ItemAnalysis:
    """A module's items for one class, with the number of attempts they rest on."""

    module_id: str
    title: str
    attempts: int
    mean_total: float | None
    max_total: float
    items: list[ItemRow]
    threshold: float = LOW_DISCRIMINATION

    def facility_chart(self):
        """Facility index per item."""
        bars = [Bar(i.item_id, i.figures.facility) for i in self.items]
        return bar_chart("facility-chart", "Facility index per item (mean score as % of the maximum)", bars)

    def discrimination_chart(self):
        """Discrimination index per item, the low ones flagged, the threshold drawn."""
        bars = [Bar(i.item_id, i.figures.discrimination, i.figures.low_discrimination) for i in self.items]
        return bar_chart(
            "discrimination-chart",
            "Discrimination index per item (correlation with the rest of the test, x100)",
            bars,
            low=-100.0,
            unit="",
            threshold=self.threshold,
        )


def _content_of(versions: list[tuple[str, dict, object]]) -> dict:
    """The newest version of an item the class answered."""
    return versions[-1][1] if versions else {}


def _tally(counts, contents: dict[str, dict], newest: dict, misconceptions: dict):
    """How many picked each option (across versions) and how many were drawn by each misconception.

    `counts` are one item's rows. What each version offers is worked out once per version, not once per
    distinct answer (a highlight passage has dozens of sentences; that was most of the page's time).
    """
    picked: Counter[str] = Counter()
    labels: dict[str, Pick] = {p.key: p for p in item_type(newest["type"]).possible_picks(newest)} if newest else {}
    drawn: Counter[str] = Counter()
    offered: dict[str, list[Pick]] = {}
    for item_hash, answer_text, count in counts:
        content, answer = contents.get(item_hash, newest), json.loads(answer_text)
        kind = item_type(content["type"])
        if item_hash not in offered:
            offered[item_hash] = kind.possible_picks(content)
        picks = kind.picks(content, answer, offered[item_hash])
        for pick in picks:
            picked[pick.key] += count
            labels.setdefault(pick.key, pick)
        for tag in kind.misconceptions_drawn(content, answer, picks, offered[item_hash]):
            drawn[tag] += count
    picks = [(pick, picked[key]) for key, pick in labels.items()]
    # Most drawn first, ties by tag: the tags come from sets, whose order changes with each worker's hash seed.
    ranked = sorted(drawn.items(), key=lambda tag_n: (-tag_n[1], tag_n[0]))
    tags = [(tag, misconceptions.get(tag, ""), n) for tag, n in ranked]
    return picks, tags


def build_item_analysis(classroom_id: int, module_id: str, catalog, title: str) -> ItemAnalysis:
    """Four queries: attempt totals, item sums, answer counts, item versions."""
    in_class = class_students(classroom_id)
    n, total, total_squared = module_totals(in_class, module_id)
    sums = item_sums(in_class, module_id)
    counts: dict[str, list[tuple[str, str, int]]] = {}
    for item_id, item_hash, answer_text, count in answer_counts(in_class, module_id):
        counts.setdefault(item_id, []).append((item_hash, answer_text, count))
    versions = item_versions(in_class, module_id)
    module = catalog.quizzes.get(module_id)
    contents = {h: c for item_versions in versions.values() for h, c, _ in item_versions}
    catalog_items = {item.id: item for item in module.items} if module else {}
    order = list(catalog_items) + sorted((set(sums) | set(versions)) - set(catalog_items))
    items = []
    for item_id in order:
        item, newest = catalog_items.get(item_id), _content_of(versions.get(item_id, []))
        s = sums.get(item_id, ItemSums(0, 0.0, 0.0, 0.0, 0.0))
        max_points = float(item.points) if item else s.max_points
        figures = item_figures(n, total, total_squared, s.points, s.points_squared, s.points_times_total, max_points)
        picks, tags = _tally(counts.get(item_id, []), contents, newest, catalog.misconceptions)
        items.append(
            ItemRow(
                item_id,
                item.type if item else newest.get("type", ""),
                item.skill if item else newest.get("skill", ""),
                str(newest.get("prompt", "")).strip(),
                max_points,
                s.answered,
                figures,
                picks,
                tags,
                len(versions.get(item_id, [])) or 1,
                s.answered - s.marked,
            )
        )
    max_total = sum(i.max_points for i in items)
    return ItemAnalysis(module_id, title, n, total / n if n else None, max_total, items)


def item_csv_table(analysis: ItemAnalysis, classroom_id: int) -> tuple[list, list]:
    """One row per student, a column per item (points in the latest submitted attempt), then summary rows.

    Two queries: the roster and each student's points per item."""
    students = roster(classroom_id)
    points = student_item_points(class_students(classroom_id), analysis.module_id)
    ids = [i.item_id for i in analysis.items]
    header = ["Student", "Username", "Total", *ids]
    rows = []
    for s in students:
        scored = [points.get((s.id, item_id)) for item_id in ids]
        answered = [p for p in scored if isinstance(p, float)]  # not "awaiting marking"
        rows.append([s.name, s.username, sum(answered) if answered else None, *scored])
    rows.append(["Maximum points", "", analysis.max_total, *(i.max_points for i in analysis.items)])
    rows.append(["Facility index (%)", "", None, *(_round(i.figures.facility) for i in analysis.items)])
    rows.append(["Discrimination index", "", None, *(_round(i.figures.discrimination) for i in analysis.items)])
    return header, rows


def _round(value: float | None) -> float | None:
    """One decimal for the CSV."""
    return None if value is None else round(value, 1)
