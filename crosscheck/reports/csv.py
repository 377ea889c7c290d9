"""CSV downloads that open cleanly in a spreadsheet: UTF-8 with a byte-order mark, formulas neutralised.

The byte-order mark makes Excel read UTF-8 (names such as "Chloé" survive); Python's csv module quotes
commas, quotes and line breaks. A text cell starting with = + - @ (or a tab or carriage return) would run
as a formula in a spreadsheet, so it gets a leading single quote (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import Response

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> object:
    """A cell as written: numbers as they are, None as empty, risky text prefixed with a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return round(value, 4) if isinstance(value, float) else value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: list[str], rows: Iterable[Iterable]) -> str:
    """The whole file as text, BOM first, CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return BOM + buffer.getvalue()


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> Response:
    """A download response; the file name is ASCII so every browser keeps it."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in filename)
    return Response(
        to_csv(header, rows).encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{safe}"', "Cache-Control": "no-store"},
    )
