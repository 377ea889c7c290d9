"""Validate YAML data against pydantic models and report every error at its file position."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from crosscheck.content.errors import Problem
from crosscheck.content.yamlsafe import YamlDoc

ModelT = TypeVar("ModelT", bound=BaseModel)
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LISTED = 10  # names a "choose one of" hint lists at most


MAX_ID_LENGTH = 100  # the database's columns for module, item, lesson and assignment ids are VARCHAR(100)


def _slug(value: str) -> str:
    """Ids appear in URLs, YAML references, reports and answers: lowercase letters, digits and single hyphens,
    at most MAX_ID_LENGTH characters (PostgreSQL refuses a longer id when an answer or assignment stores it)."""
    if not re.fullmatch(SLUG_PATTERN, value):
        raise ValueError(f"{value!r} is not a valid id: use lowercase letters, digits and hyphens, e.g. 'who-said-so'")
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"an id has at most {MAX_ID_LENGTH} characters; this one has {len(value)}")
    return value


Slug = Annotated[
    str, AfterValidator(_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH})
]


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, values are frozen after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def validate(model: type[ModelT], doc: YamlDoc, path: str, at: tuple = ()) -> tuple[ModelT | None, list[Problem]]:
    """Validate doc.data (or the part at `at`) against `model`; return it or all problems found."""
    data = doc.data
    for key in at:
        data = data[key]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(model, err, doc, path, at) for err in exc.errors()]


def _problem(model: type[BaseModel], err: dict, doc: YamlDoc, path: str, at: tuple) -> Problem:
    """One pydantic error as a Problem pointing at the offending key."""
    loc = tuple(part for part in err["loc"] if not _is_union_tag(part))
    line, col = doc.where(at + loc)
    field = place_in_words(loc) or "file"
    kind = err["type"]
    if kind == "string_type" and loc and isinstance(loc[-1], str):
        return _not_text(loc, err.get("input"), doc, path, (line, col))
    if kind == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}" + _suggestion(model, loc)
    elif kind == "model_type":
        got = type(err.get("input")).__name__.replace("NoneType", "nothing")
        message = f"{'the file' if not loc else field} must be a block of 'key: value' lines (got {got})"
    elif kind == "missing":
        message = f"missing field {field!r}"
        line, col = doc.where(at + loc[:-1])
    else:
        message = f"{field}: {_plain(err)}"
    return Problem(path, line, col, message)


# What a list's entries are called when a message counts them (from 1): options.2 is "option 3".
_ENTRY_NAMES = {
    "correct": "correct quote",
    "furniture": "furniture entry",
    "chain": "chain entry",
    "show": "show entry",
}
# How YAML reads a bare word or number that was meant as text.
_READ_AS = {bool: "a yes/no value ({})", int: "a number", float: "a number"}


def place_in_words(loc: tuple) -> str:
    """Where in a file a value stands, counting list entries from 1: ('options', 2, 'text') -> 'option 3, text'.

    Plain nested names keep their dots (settings.feedback)."""
    text, previous_plain = "", False
    for i, part in enumerate(loc):
        if isinstance(part, int):
            if i == 0:
                text, previous_plain = f"entry {part + 1}", False
            continue
        counted = i + 1 < len(loc) and isinstance(loc[i + 1], int)
        if counted:
            name = _ENTRY_NAMES.get(part) or (part[:-1] if part.endswith("s") else f"{part} entry")
            word = f"{name} {loc[i + 1] + 1}"
        else:
            word = str(part)
        separator = "" if not text else "." if previous_plain and not counted else ", "
        text += separator + word
        previous_plain = not counted
    return text


def _not_text(loc: tuple, value: object, doc: YamlDoc, path: str, where: tuple[int, int]) -> Problem:
    """`text: No` read as false (or `title: 300` as a number): say what YAML made of it and how to quote it."""
    key = loc[-1]
    owner = place_in_words(loc[:-1]) if len(loc) > 1 else key
    if value is None:
        return Problem(path, *where, f"{owner}: {key} is empty", fix=f"write the text after {key}:")
    written = doc.value_text(where[0], key) if isinstance(value, (bool, int, float)) else None
    if written is None:  # a list or block where text belongs
        got = type(value).__name__
        return Problem(path, *where, f"{place_in_words(loc)}: Input should be a valid string (got {got})")
    read_as = _READ_AS[type(value)].format(str(value).lower())
    message = f"{owner}: YAML reads a bare {written} as {read_as}, not as text"
    return Problem(path, *where, message, fix=f'put {written} in quotes: {key}: "{written}"')


def _is_union_tag(part: object) -> bool:
    """Pydantic puts the chosen model's name in error locations of tagged unions; positions skip it."""
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part.startswith("function-"))


def _plain(err: dict) -> str:
    """A pydantic message made friendlier for teachers."""
    message = err["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if err["type"] in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type"}:
        message += f" (got {type(err.get('input')).__name__.replace('NoneType', 'nothing')})"
    return message


def _suggestion(model: type[BaseModel], loc: tuple) -> str:
    """'; did you mean X?' using the valid field names at that depth."""
    names = _field_names(model, loc[:-1])
    return did_you_mean(str(loc[-1]), names, "valid fields here")


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the (nested) model that `loc` points into, best effort."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: object) -> object:
    """The BaseModel inside list[...] / Optional[...] annotations, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def did_you_mean(value: str, choices, listing: str = "choose one of", none: str = "") -> str:
    """'; did you mean X?' for the closest choice, else '; <listing>: a, b, c' (ten at most), else '; <none>'."""
    names = sorted(choices)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
    if close:
        return f"; did you mean {close[0]!r}?"
    if not names:
        return f"; {none}" if none else ""
    return f"; {listing}: {', '.join(names[:LISTED])}{', ...' if len(names) > LISTED else ''}"
