"""URL converters: an <int:> part of a route is a database id, so it is bounded by the id column."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, ValidationError

# The id columns are SQL INTEGER: 32 bits on PostgreSQL (SQLite's 64 bits hold more). A larger number
# cannot name a row, and the database would refuse to compare with it (a 500), so the route does not match.
LARGEST_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """Like Flask's <int:>, but a number no id column can hold is a 404, not a database error."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed=False):
        max = LARGEST_ID if max is None else min(max, LARGEST_ID)  # noqa: A001 (werkzeug's argument names)
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        """The id; thousands of digits are refused before Python's int() refuses them with an error."""
        if len(value.lstrip("0")) > len(str(LARGEST_ID)):
            raise ValidationError()
        return super().to_python(value)


def register_converters(app: Flask) -> None:
    """Replace <int:> before any blueprint adds its rules (a rule looks its converter up when added)."""
    app.url_map.converters["int"] = DatabaseIdConverter
