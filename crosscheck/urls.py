"""URL converters: an <int:> part of a route is a database id, so it is bounded by the id column. And the
pages' links, built once per app and request address (remembered_url_for)."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, url_for
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


REMEMBERED_URLS = 4096  # distinct links kept per app; past that the memory starts again


def remembered_url_for(endpoint: str, **values) -> str:
    """url_for, remembered: the same link again costs a dict lookup instead of werkzeug's build (about 10
    microseconds each, a few dozen a page: the layout's menu, a dashboard's work).

    A relative URL is a function of the app's URL map (fixed once the app is built) and of what the request's
    URL adapter was bound to (script root, host, scheme): all in the key. Left to url_for itself: a link
    outside a request or relative to the current blueprint (".x"), one with an _anchor, _external or another
    option, a value that cannot be a key, and every link once the app has url_defaults functions (they may
    read the request).
    """
    app = current_app
    if (
        endpoint[:1] == "."
        or not has_request_context()
        or any(name[:1] == "_" for name in values)
        or any(app.url_default_functions.values())
    ):
        return url_for(endpoint, **values)
    remembered = app.extensions["crosscheck.urls"]
    key = (request.script_root, request.host, request.scheme, endpoint, *((k, type(v), v) for k, v in values.items()))
    try:
        return remembered[key]
    except KeyError:
        pass
    except TypeError:  # a value that cannot be a key (a list)
        return url_for(endpoint, **values)
    url = url_for(endpoint, **values)
    if len(remembered) >= REMEMBERED_URLS:
        remembered.clear()
    remembered[key] = url
    return url


def register_url_memory(app: Flask) -> None:
    """Templates build their links with remembered_url_for (the same URLs as url_for, see there)."""
    app.extensions["crosscheck.urls"] = {}
    app.jinja_env.globals["url_for"] = remembered_url_for
