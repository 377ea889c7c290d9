"""Rows as PostgreSQL COPY text: one line per row, every column the table has, its defaults filled in.

The generators build rows as dicts of the columns they choose (bench/school.py, bench/work.py); a Core insert
would add the model's Python-side defaults for the others, so this does the same before writing COPY's text
format (tab-separated, `\\N` for NULL, backslash escapes). Columns with a server default or none at all are left
to PostgreSQL, exactly as an INSERT that omits them.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import JSON, Table
from sqlalchemy.types import DateTime, Float, Integer

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_value(value) -> str:
    """One value in COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dict | list):
        value = json.dumps(value)  # as SQLAlchemy's JSON type writes it (the reports group by this text)
    return str(value).translate(_ESCAPES)


class CopyTable:
    """How rows of one table become COPY lines: the columns written, and the defaults for the ones rows omit."""

    def __init__(self, table: Table, given: list[str]):
        self.table = table
        self.defaults: dict[str, object] = {}
        for column in table.columns:
            if column.name in given or column.default is None:
                continue
            if column.default.is_scalar:
                self.defaults[column.name] = column.default.arg
            elif column.default.is_callable:
                self.defaults[column.name] = column.default.arg(None)  # SQLAlchemy wraps f() as f(context)
        self.given = given
        self.columns = [*given, *self.defaults]
        defaults = [copy_value(v) for v in self.defaults.values()]
        self._tail = ("\t" + "\t".join(defaults) if defaults else "") + "\n"
        self._texts: dict = {}  # str -> its COPY text; id(dict) -> (dict, text): generated rows share them
        # One function per column, chosen by its type: millions of rows, so no chain of isinstance per value.
        self._formats = [(name, self._format_for(table.columns[name].type)) for name in given]

    def statement(self) -> str:
        """COPY ... FROM STDIN for these columns."""
        names = ", ".join(f'"{name}"' for name in self.columns)
        return f'COPY "{self.table.name}" ({names}) FROM STDIN'

    def line(self, row: dict) -> str:
        """One row (a dict with exactly the given columns, in any order) as a COPY line."""
        return "\t".join([text(row[name]) for name, text in self._formats]) + self._tail

    def _format_for(self, column_type):
        """copy_value for one column's values; the common types by a shorter way to the same text."""
        if isinstance(column_type, Integer | Float):  # an int or a float (an int in a float column stays "1")
            return lambda value: "\\N" if value is None else repr(value)
        if isinstance(column_type, DateTime):
            return lambda value: "\\N" if value is None else value.isoformat(sep=" ")
        if isinstance(column_type, JSON):
            return self._text
        return lambda value: self._text(value) if isinstance(value, str) else copy_value(value)

    def _text(self, value) -> str:
        """copy_value, remembered for strings and for the (shared, never changed) answer dicts."""
        if isinstance(value, str):
            text = self._texts.get(value)
            if text is None:
                text = self._texts[value] = copy_value(value)
            return text
        if isinstance(value, dict):
            known = self._texts.get(id(value))
            if known is None:  # the dict is kept with its text, so its id cannot be reused meanwhile
                known = self._texts[id(value)] = (value, copy_value(value))
            return known[1]
        return copy_value(value)
