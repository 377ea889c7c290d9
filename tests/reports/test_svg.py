"""Charts carry a text alternative that states their numbers, and escape every label."""

from xml.etree import ElementTree

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
