"""The gain chart: for each row (all items, then each skill) the class mean before and after, as two bars.

Server-rendered SVG like every chart here (crosscheck/reports/svg.py): a title and a text alternative that
says every value, values printed beside the bars, a legend in words; the page's table has the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from crosscheck.reports.svg import LINE, MUTED, _clip, _open, _text

PRE_FILL, POST_FILL = "#92c5de", "#1f5fbf"  # light and dark blue: told apart by shade and by the legend's words


@dataclass(frozen=True)
class PairedBar:
    """One row of the chart: a label and a Gain (pre, post, gain)."""

    label: str
    gain: object


def _percent(share: float | None) -> str:
    """A share as the chart prints it."""
    return "no data" if share is None else f"{100 * share:.0f}%"


def paired_bars(chart_id: str, title: str, rows: list[PairedBar]) -> Markup:
    """Two horizontal bars per row (pre above post) on a 0-100% scale, the gain written after them."""
    label_w, plot_w, bar_h, row_h = 200, 340, 12, 40
    width, height = label_w + plot_w + 150, 44 + row_h * max(len(rows), 1)
    words = "; ".join(
        f"{r.label}: before {_percent(r.gain.pre)}, after {_percent(r.gain.post)}, gain {_gain(r.gain.gain)}"
        for r in rows
    )
    parts = _open(chart_id, title, words or "No data yet.", width, height)
    parts.append(f'<rect x="{label_w}" y="6" width="12" height="12" fill="{PRE_FILL}" stroke="{LINE}"/>')
    parts.append(_text(label_w + 16, 16, "Before (pre-test)"))
    parts.append(f'<rect x="{label_w + 140}" y="6" width="12" height="12" fill="{POST_FILL}"/>')
    parts.append(_text(label_w + 156, 16, "After (post-test)"))
    for tick in (0, 50, 100):
        x = label_w + tick / 100 * plot_w
        parts.append(f'<line x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="{height - 4}" stroke="{LINE}"/>')
        parts.append(_text(x, 36, f"{tick}%", "middle", MUTED))
    for i, row in enumerate(rows):
        y = 42 + i * row_h
        parts.append(_text(label_w - 8, y + 18, _clip(row.label, 26), "end"))
        for n, (share, fill) in enumerate(((row.gain.pre, PRE_FILL), (row.gain.post, POST_FILL))):
            top = y + 4 + n * (bar_h + 2)
            if share is None:
                parts.append(_text(label_w + 4, top + 10, "no data", fill=MUTED))
                continue
            w = max(share * plot_w, 1)
            parts.append(f'<rect x="{label_w}" y="{top}" width="{w:.1f}" height="{bar_h}" fill="{fill}"/>')
            parts.append(_text(label_w + w + 4, top + 10, _percent(share)))
        parts.append(_text(label_w + plot_w + 60, y + 18, f"gain {_gain(row.gain.gain)}"))
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _gain(gain: float | None) -> str:
    """The normalised gain as a percentage, or a dash when it is undefined."""
    return "–" if gain is None else f"{100 * gain:.0f}%"
