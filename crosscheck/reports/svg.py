"""Charts drawn on the server as SVG: no chart library, no script. Pure: returns markup.

Every chart is an <svg role="img"> with a <title> and a <desc> that states its numbers in words; the page
puts a table with the same numbers beside it. Colours come with printed numbers, so colour is never the
only cue, and presentation attributes (not style attributes) keep a strict Content-Security-Policy happy.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = 'font-family="system-ui, sans-serif" font-size="13"'
INK, MUTED, LINE = "#1c2330", "#5a6372", "#d5dae1"
# Mastery bins, low to high (red to blue, readable by most colour-blind readers), with a text colour each.
HEAT_BINS = (
    (0.4, "#b2182b", "#fff"),
    (0.6, "#f4a582", INK),
    (0.75, "#fddbc7", INK),
    (0.9, "#92c5de", INK),
    (1.01, "#2c5d9e", "#fff"),
)
HEAT_EMPTY = ("#eef1f5", MUTED)
MAX_SPOKEN_ROWS = 40
HEAT_LEGEND = ("under 40%", "40–59%", "60–74%", "75–89%", "90% and over")


def heat_colours(share: float | None) -> tuple[str, str]:
    """(fill, text colour) for a mastery share 0..1; grey for no data."""
    if share is None:
        return HEAT_EMPTY
    return next((fill, text) for limit, fill, text in HEAT_BINS if share < limit)


def heat_bin(share: float | None) -> str:
    """A CSS class naming the bin, so tables can use the same colours as the chart."""
    if share is None:
        return "heat-none"
    return f"heat-{next(i for i, (limit, _, _) in enumerate(HEAT_BINS) if share < limit)}"


def _clip(label: str, chars: int) -> str:
    """Shorten a label to fit; the full text stays in the chart's description and the table."""
    return label if len(label) <= chars else label[: chars - 1] + "…"


def _wrap(label: str, chars: int, lines: int = 2) -> list[str]:
    """Split a label into at most `lines` lines of about `chars` characters (the last one clipped)."""
    out: list[str] = []
    for word in label.split():
        if out and len(out[-1]) + 1 + len(word) <= chars:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return [_clip(line, chars) for line in out]


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    """The <svg> element with its title and text alternative."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _text(x: float, y: float, content: str, anchor: str = "start", fill: str = INK, extra: str = "") -> str:
    """A text element in the chart font."""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" {FONT}{extra}>{escape(content)}</text>'


@dataclass(frozen=True)
class Bar:
    """One bar: a label, a value on the chart's scale (None: no data), and whether to flag it."""

    label: str
    value: float | None
    flagged: bool = False


def bar_chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    low: float = 0.0,
    high: float = 100.0,
    unit: str = "%",
    threshold: float | None = None,
) -> Markup:
    """Horizontal bars on a fixed scale, an optional threshold line, the value printed by each bar."""
    label_w, plot_w, row_h = 230, 360, 26
    width, height = label_w + plot_w + 60, 30 + row_h * max(len(bars), 1) + 20
    x_of = lambda v: label_w + (min(max(v, low), high) - low) / (high - low) * plot_w  # noqa: E731
    words = "; ".join(f"{b.label}: {_value(b.value, unit)}{' (flagged)' if b.flagged else ''}" for b in bars)
    parts = _open(chart_id, title, words or "No data yet.", width, height)
    zero = x_of(max(low, 0.0))
    for tick in (low, (low + high) / 2, high):
        x = x_of(tick)
        parts.append(f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 18}" stroke="{LINE}"/>')
        parts.append(_text(x, 16, f"{tick:g}{unit}", "middle", MUTED))
    for i, bar in enumerate(bars):
        y = 26 + i * row_h
        parts.append(_text(label_w - 8, y + 16, _clip(bar.label, 30), "end"))
        if bar.value is None:
            parts.append(_text(zero + 4, y + 15, "no data", fill=MUTED))
            continue
        x = x_of(bar.value)
        fill = "#b2182b" if bar.flagged else "#1f5fbf"
        parts.append(
            f'<rect x="{min(x, zero):.1f}" y="{y + 3}" width="{max(abs(x - zero), 1):.1f}" height="{row_h - 8}" fill="{fill}"/>'
        )
        parts.append(_text(max(x, zero) + 4, y + 15, _value(bar.value, unit)))
    if threshold is not None:
        x = x_of(threshold)
        parts.append(
            f'<line x1="{x:.1f}" y1="22" x2="{x:.1f}" y2="{height - 18}" stroke="#8a5a00" stroke-dasharray="4 3"/>'
        )
        parts.append(_text(x, height - 4, f"threshold {threshold:g}", "middle", "#8a5a00"))
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _value(value: float | None, unit: str) -> str:
    """A value as printed on a chart."""
    return "no data" if value is None else f"{value:.0f}{unit}"


@dataclass(frozen=True)
class Segment:
    """A category of a stacked bar: key, label and colours."""

    key: str
    label: str
    fill: str
    text: str = INK


def stacked_bars(chart_id: str, title: str, segments: list[Segment], bars: list[tuple[str, dict[str, int]]]) -> Markup:
    """One horizontal bar per row, split by category counts, with a legend; counts printed in the segments."""
    label_w, plot_w, row_h = 240, 420, 28
    width, height = label_w + plot_w + 20, 40 + row_h * max(len(bars), 1) + 10
    words = []
    parts = []
    for i, (label, counts) in enumerate(bars):
        total = sum(counts.values()) or 1
        y, x = 36 + i * row_h, float(label_w)
        parts.append(_text(label_w - 8, y + 17, _clip(label, 32), "end"))
        for seg in segments:
            count = counts.get(seg.key, 0)
            if not count:
                continue
            w = count / total * plot_w
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{seg.fill}"/>')
            if w >= 18:
                parts.append(_text(x + w / 2, y + 16, str(count), "middle", seg.text))
            x += w
        words.append(f"{label}: " + ", ".join(f"{counts.get(s.key, 0)} {s.label.lower()}" for s in segments))
    legend, x = [], float(label_w)
    for seg in segments:
        legend.append(f'<rect x="{x:.1f}" y="8" width="12" height="12" fill="{seg.fill}" stroke="{LINE}"/>')
        legend.append(_text(x + 16, 18, seg.label))
        x += 22 + 7 * len(seg.label)
    body = _open(chart_id, title, "; ".join(words) or "No data yet.", width, height) + legend + parts
    return Markup("\n".join([*body, "</svg>"]))


def heat_map(
    chart_id: str, title: str, row_labels: list[str], col_labels: list[str], values: list[list[float | None]]
) -> Markup:
    """A grid of shares (0..1) coloured by bin, the percentage printed in each cell."""
    label_w, cell_w, cell_h, head_h = 170, 124, 26, 46
    width, height = label_w + cell_w * len(col_labels) + 10, head_h + cell_h * len(row_labels) + 8
    parts = []
    for j, col in enumerate(col_labels):
        lines = _wrap(col, 17)
        for k, line in enumerate(lines):
            y = head_h - 8 - 16 * (len(lines) - 1 - k)
            parts.append(_text(label_w + j * cell_w + cell_w / 2, y, line, "middle", extra=' font-weight="600"'))
    words = []
    for i, (row, cells) in enumerate(zip(row_labels, values, strict=True)):
        y = head_h + i * cell_h
        parts.append(_text(label_w - 8, y + 17, _clip(row, 24), "end"))
        for j, share in enumerate(cells):
            fill, ink = heat_colours(share)
            x = label_w + j * cell_w
            parts.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>')
            parts.append(_text(x + cell_w / 2, y + 17, "–" if share is None else f"{share:.0%}", "middle", ink))
        words.append(
            f"{row}: "
            + ", ".join(f"{c} {'no data' if s is None else f'{s:.0%}'}" for c, s in zip(col_labels, cells, strict=True))
        )
    description = "; ".join(words) or "No students yet."
    if len(row_labels) > MAX_SPOKEN_ROWS:  # a screen reader should not read out a whole year group
        description = (
            f"{len(row_labels)} rows by {len(col_labels)} columns; the table beside the chart gives every value."
        )
    body = _open(chart_id, title, description, width, height) + parts
    return Markup("\n".join([*body, "</svg>"]))
