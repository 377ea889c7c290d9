"""Charts carry a text alternative and escape labels; answers are read against the version they answered."""

from xml.etree import ElementTree

from crosscheck.reports.answers import answer_lines, misconceptions_drawn, picks_of, possible_picks
from crosscheck.reports.svg import Bar, Segment, bar_chart, heat_colours, heat_map, stacked_bars

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup):
    return ElementTree.fromstring(str(markup))


def test_bar_chart_has_title_description_and_escaped_labels():
    svg = _parse(
        bar_chart("c1", "Facility <per> item", [Bar("q1 & <b>", 40), Bar("q2", None), Bar("q3", -30, True)], low=-100)
    )
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Facility <per> item"
    assert svg.find(f"{SVG}desc").text == "q1 & <b>: 40%; q2: no data; q3: -30% (flagged)"
    assert "#b2182b" in [r.get("fill") for r in svg.iter(f"{SVG}rect")]


def test_stacked_bars_and_heat_map_describe_their_numbers():
    segments = [Segment("done", "Done", "#111"), Segment("late", "Late", "#222")]
    svg = _parse(stacked_bars("s", "States", segments, [("Quiz", {"done": 3, "late": 1})]))
    assert svg.find(f"{SVG}desc").text == "Quiz: 3 done, 1 late"
    heat = _parse(heat_map("h", "Mastery", ["Ana"], ["Framing", "Primary source"], [[0.95, None]]))
    assert heat.find(f"{SVG}desc").text == "Ana: Framing 95%, Primary source no data"
    big = _parse(heat_map("h", "Mastery", [f"S{i}" for i in range(50)], ["Framing"], [[0.5]] * 50))
    assert "the table beside the chart gives every value" in big.find(f"{SVG}desc").text
    assert (
        heat_colours(0.1)[0] == "#b2182b" and heat_colours(1.0)[0] == "#2c5d9e" and heat_colours(None)[0] == "#eef1f5"
    )


HIGHLIGHT = {
    "type": "highlight",
    "passage": {
        "sentences": [{"id": "p1s1", "text": "Officials said 300 died."}, {"id": "p1s2", "text": "It rained."}]
    },
    "correct_sentences": ["p1s1"],
    "notes": [{"quote": "It rained", "feedback": "No figure here.", "misconception": "any-sentence"}],
}
MATCH = {
    "type": "match",
    "pairs": [
        {"id": "l1", "left": "300 dead", "right": "Ukraine's army", "misconception": "swap-sources"},
        {"id": "l2", "left": "1,000 captured", "right": "South Korea's NIS"},
    ],
    "distractors": ["The outlet itself"],
}


def test_highlight_answers():
    answer = {"sentences": ["p1s2"]}
    assert [p.key for p in picks_of(HIGHLIGHT, answer)] == ["p1s2"]
    assert misconceptions_drawn(HIGHLIGHT, answer) == {"any-sentence"}
    assert [(p.key, picked) for p, picked in answer_lines(HIGHLIGHT, answer)] == [("p1s1", False), ("p1s2", True)]


def test_match_answers():
    answer = {"pairs": {"l1": "r2", "l2": "r2"}}
    picks = picks_of(MATCH, answer)
    assert [(p.key, p.correct) for p in picks] == [("l1=r2", False), ("l2=r2", True)]
    assert misconceptions_drawn(MATCH, answer) == {"swap-sources"}
    assert [p.key for p in possible_picks(MATCH)] == ["l1=r1", "l2=r2"]
    lines = answer_lines(MATCH, {"pairs": {"l1": "r3"}})
    assert lines[0][0].label == "300 dead → The outlet itself (belongs with: Ukraine's army)"


def test_an_option_missing_from_the_version_is_still_shown():
    content = {"type": "choice", "options": [{"id": "a", "text": "A", "correct": True}]}
    assert [p.label for p in picks_of(content, {"choice": "z"})] == ["z (not in this version)"]
