"""Statements built once and run many times, with the students, modules and items as bound values.

Building a SQLAlchemy statement and its cache key for the progress aggregates took several times longer than
SQLite takes to run them (profiled with `make bench`'s school: about 2 ms against 0.15 ms per query). So each
statement is built once per shape, kept here, and every request only binds its values and runs it: a
prebuilt statement's cache key is memoised on it, and the engine's compiled cache then skips compiling too.

Whose work a statement reads is one of two shapes (crosscheck/progress/students.py): the current students of a
class or a list of user ids; a statement is built once per shape. What a statement is built from (a catalog's
module ids, score policies, item keys and version hashes) is written into its SQL (in_catalog_values), not
bound: an expanding bound list is written out again on every run.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from sqlalchemy import Boolean, String, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from crosscheck.extensions import db


def ids_param(name: str):
    """An expanding bound list (module ids, lesson ids): one statement whatever the list holds."""
    return bindparam(name, expanding=True)


class InCatalogValues(ColumnElement):
    """`column IN ('a', 'b', ...)` with the values written into the statement's SQL when it is compiled.

    For the lists a statement is built from (a catalog's item keys, version hashes, module ids): an expanding
    bound list is written out again on every run, value by value (profiled: the biggest single cost of the
    dashboard's statements, hundreds of values a run), while these are compiled once with the statement and
    kept in the engine's compiled cache. The values are quoted by the dialect's own literal rendering. Never
    for values a request brings (those stay bound).
    """

    __visit_name__ = "in_catalog_values"
    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement), ("values", InternalTraversal.dp_string_list)]
    type = Boolean()
    _is_implicitly_boolean = True  # a condition as it stands: not compared with 1 in a WHERE (SQLite's booleans)

    def __init__(self, column, values):
        self.column = column
        self.values = tuple(values)


@compiles(InCatalogValues)
def _compile_in_catalog_values(element: InCatalogValues, compiler, **kw) -> str:
    """The IN list as literals; an empty list is never true, as SQLAlchemy's empty IN."""
    if not element.values:
        return "1 != 1"
    column = compiler.process(element.column.self_group(against=operators.in_op), **kw)
    values = ", ".join(compiler.render_literal_value(value, String()) for value in element.values)
    return f"{column} IN ({values})"


def in_catalog_values(column, values) -> InCatalogValues:
    """SQL `column IN (values)`, the values fixed in the statement (see InCatalogValues)."""
    return InCatalogValues(column, values)


class StatementCache:
    """Built statements by key; the oldest fall out past `size` (tests build many apps and catalogs)."""

    def __init__(self, size: int = 256):
        self._entries: OrderedDict[Hashable, tuple] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], object], keep: object = None):
        """The statement for `key`, built on first use. `keep` is held with it: the objects whose id() is in the key,
        so no other object can take their id while the entry lives."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                entry = self._entries[key] = (build(), keep)
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)  # the least recently used
            else:
                self._entries.move_to_end(key)  # a statement in use stays, however many others come and go
        return entry[0]

    def __len__(self) -> int:
        return len(self._entries)


STATEMENTS = StatementCache()


def modules_key(modules: dict) -> tuple:
    """A cache key for statements shaped by a catalog's modules (their items' points, skills and hashes).

    The catalog is loaded once and read-only, so the module objects themselves identify its content; the
    entry keeps them alive (see StatementCache.get).
    """
    # Sorted: classes assign the same modules in different orders, and the statement does not depend on it.
    return tuple(sorted((module_id, id(module)) for module_id, module in modules.items()))


def run(statement, params: dict) -> list:
    """Run a prebuilt statement with its bound values in the session's transaction and return every row.

    The rows are columns, not ORM objects, so the statement runs on the session's connection (Core): the ORM's
    steps around it cost more than SQLite's work on a dashboard. What the session holds unwritten is flushed
    first, as the ORM's own execute would do.
    """
    db.session.flush()
    return db.session.connection().execute(statement, params).all()
