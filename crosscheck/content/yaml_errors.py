"""PyYAML's syntax errors in plain words: what the author did, where, and what to write instead.

The parser reports where it gave up ("mapping values are not allowed here"), which is often a line after the
mistake and always in its own words. `explain` looks at the text around that point and names the usual
mistakes: a tab, a value holding ": ", a line indented more or less than the one it belongs with, a missing
space after a colon or a dash, an unclosed quote or list. Anything else keeps the parser's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# `key: value` or `- key: value` at the start of a line; group 1 is the indentation up to the key.
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:\"'\[\]{},][^:#]*?):(?:\s+(.*?))?\s*$")
_WORD_KEY = re.compile(r"[A-Za-z_][\w-]*")
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):(\S.*)$")


@dataclass(frozen=True)
class Explained:
    """A syntax error as a teacher reads it: 0-based line and column in the text, what is wrong, the fix."""

    line: int
    col: int
    message: str
    fix: str


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explained:
    """The error in plain words, at the line where the mistake most likely is."""
    lines = text.split("\n")
    for rule in (_tab, _cannot_start, _unclosed_quote, _bad_escape, _flow, _colon_in_value, _misindented):
        found = rule(exc, lines)
        if found is not None:
            return found
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or str(exc)
    context = f" ({exc.context})" if exc.context else ""
    return Explained(mark.line if mark else 0, mark.column if mark else 0, f"YAML syntax error: {what}{context}", "")


def _spaces(n: int) -> str:
    """'1 space', '4 spaces'."""
    return f"{n} space" if n == 1 else f"{n} spaces"


def _line(lines: list[str], n: int) -> str:
    """Line n of the text, or '' past its end."""
    return lines[n] if 0 <= n < len(lines) else ""


def _indent(line: str) -> int:
    """Spaces before the first character."""
    return len(line) - len(line.lstrip(" "))


def _key_col(line: str) -> int | None:
    """Column of the key on a `key:` or `- key:` line, else None."""
    match = _KEY_LINE.match(line)
    return len(match.group(1)) if match else None


def _quoted(key: str, value: str) -> str:
    """`key: "value"` as the author should write it (single quotes when the value holds a double quote)."""
    if '"' in value:
        return f"{key}: '" + value.replace("'", "''") + "'"
    return f'{key}: "{value}"'


def _previous(lines: list[str], n: int) -> int | None:
    """The nearest line above n that is neither blank nor a comment."""
    for i in range(n - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _tab(exc, lines) -> Explained | None:
    """A tab where YAML expects indentation or a value."""
    if "'\\t'" not in (exc.problem or ""):
        return None
    mark = exc.problem_mark
    before = _line(lines, mark.line)[: mark.column]
    where = "indents this line" if not before.strip(" -") else "stands here"
    return Explained(
        mark.line, mark.column, f"a tab {where}", "YAML indents with spaces only: replace the tab with spaces"
    )


def _cannot_start(exc, lines) -> Explained | None:
    """A value beginning with a character YAML keeps for itself (@, `, %)."""
    found = re.search(r"found character '(.)' that cannot start any token", exc.problem or "")
    if not found:
        return None
    mark = exc.problem_mark
    match = _KEY_LINE.match(_line(lines, mark.line))
    fix = f"put the value in quotes: {_quoted(match.group(2), match.group(3))}" if match and match.group(3) else ""
    return Explained(mark.line, mark.column, f"a value cannot start with {found.group(1)}", fix or "put it in quotes")


def _unclosed_quote(exc, lines) -> Explained | None:
    """A quote opened and never closed: point at the opening quote."""
    if exc.context != "while scanning a quoted scalar" or "end of stream" not in (exc.problem or ""):
        return None
    mark = exc.context_mark
    quote = _line(lines, mark.line)[mark.column : mark.column + 1] or '"'
    return Explained(
        mark.line, mark.column, f"the text that starts with {quote} here has no closing {quote}", f"end it with {quote}"
    )


def _bad_escape(exc, lines) -> Explained | None:
    """A backslash inside double quotes that is not an escape YAML knows."""
    if "escape" not in (exc.problem or "") or "double-quoted" not in (exc.context or ""):
        return None
    mark = exc.problem_mark
    return Explained(
        mark.line,
        mark.column,
        "inside double quotes a backslash starts an escape such as \\n",
        "use single quotes around this text, or write \\\\ for one backslash",
    )


def _flow(exc, lines) -> Explained | None:
    """A [list] or {block} written on one line that is not closed, or holds a ': '."""
    context = exc.context or ""
    if "flow sequence" not in context and "flow mapping" not in context:
        return None
    mark = exc.context_mark
    opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
    message = (
        f"the list opened with {opener} here is not closed" if opener == "[" else f"the {opener} here is not closed"
    )
    fix = f"close it with {closer} on the same line; put an entry holding a comma or ': ' in quotes"
    return Explained(mark.line, mark.column, message, fix)


def _colon_in_value(exc, lines) -> Explained | None:
    """`title: Practice: who is the source?`: a second ': ' on a key's line."""
    if exc.problem != "mapping values are not allowed here":
        return None
    mark = exc.problem_mark
    line = _line(lines, mark.line)
    match = _KEY_LINE.match(line[: mark.column])
    if match and match.group(3) is not None:
        key, value = match.group(2).strip(), line[match.start(3) :].rstrip()
        return Explained(
            mark.line,
            match.start(3),
            f"the value of {key} contains ': ' (a colon and a space), which YAML reads as a new key",
            f"put the value in quotes: {_quoted(key, value)}",
        )
    return _continued_line(exc, lines)


def _continued_line(exc, lines) -> Explained | None:
    """A `key:` line read as more text of the line above: it is indented too far, or that line lacks a space."""
    mark = exc.problem_mark
    line = _line(lines, mark.line)
    above = _previous(lines, mark.line)
    if above is None:
        return None
    missing = _NO_SPACE_AFTER_COLON.match(lines[above])
    if missing and _key_col(lines[above]) is None:
        key, rest = missing.group(2), missing.group(3)
        col = len(missing.group(1)) + len(key) + 1
        return Explained(above, col, f"{key}:{rest} needs a space after the colon", f"write {key}: {rest}")
    key = line[: mark.column].strip()
    above_col = _key_col(lines[above])
    if not _WORD_KEY.fullmatch(key) or above_col is None:
        return None
    above_key = _KEY_LINE.match(lines[above]).group(2).strip()
    indent = _indent(line)
    return Explained(
        mark.line,
        indent,
        f"{key}: is indented {_spaces(indent)}, more than {above_key}: above it, so YAML reads it as part of the "
        f"value of {above_key}",
        f"indent {key}: {_spaces(above_col)}, like {above_key}:",
    )


def _misindented(exc, lines) -> Explained | None:
    """A line whose indentation lines up with nothing in the block it belongs to."""
    if not (exc.problem or "").startswith("expected <block end>"):
        return None
    mark = exc.problem_mark
    line = _line(lines, mark.line)
    before = line[: mark.column].rstrip()
    if before.endswith(('"', "'")) and before.strip():
        if before[:-1].rstrip().endswith((":", "-")):  # written as an opening quote: an earlier one is unclosed
            opened = _unclosed_above(lines, mark.line, before[-1])
            if opened is not None:
                return opened
        return _after_closing_quote(mark, line, before[-1])
    stripped = line.lstrip(" ")
    if re.match(r"-[^\s-]", stripped):
        return Explained(mark.line, _indent(line), "a list entry needs a space after its -", f"write - {stripped[1:]}")
    above = _previous(lines, mark.line)
    if above is None:
        return None
    indent = _indent(line)
    if stripped.startswith("- "):
        dashes = [_indent(lines[i]) for i in range(mark.line - 1, -1, -1) if lines[i].lstrip(" ").startswith("- ")]
        target = next((d for d in dashes if d != indent), None)
        if target is None:
            return None
        return Explained(
            mark.line,
            indent,
            f"the - on this line is indented {_spaces(indent)}, but the - above it is indented {target}",
            f"line it up with the - above ({_spaces(target)})",
        )
    key_col, key = _key_col(lines[above]), _KEY_LINE.match(line)
    if key_col is None or key is None or key_col == indent:
        return None
    above_key = _KEY_LINE.match(lines[above]).group(2).strip()
    name = key.group(2).strip()
    return Explained(
        mark.line,
        indent,
        f"{name}: is indented {_spaces(indent)}, but {above_key}: above it is indented {key_col}",
        f"indent {name}: {_spaces(key_col)}, like {above_key}:",
    )


def _after_closing_quote(mark, line: str, quote: str) -> Explained:
    """`title: "He said "hi""`: the second quote mark ended the text, and more text follows it."""
    match = _KEY_LINE.match(line)
    value = match.group(3) if match and match.group(3) else ""
    if len(value) > 1 and value[0] == value[-1] == quote:
        inner = value[1:-1]
        other = "'" if quote == '"' else '"'
        fix = f"put the text in {other} quotes: {match.group(2).strip()}: {other}{inner}{other}"
        if other in inner:
            fix = f"write each {quote} inside the text twice in '...' quotes: " + _quoted(match.group(2).strip(), inner)
    else:
        fix = f"put all of the value inside the {quote} quotes"
    return Explained(mark.line, mark.column, f"text follows the closing {quote} of a quoted value", fix)


def _unclosed_above(lines: list[str], n: int, quote: str) -> Explained | None:
    """The nearest line above n with a quote that never closes on its line (its text ran on to line n)."""
    for i in range(n - 1, -1, -1):
        text = lines[i].replace("\\" + quote, "") if quote == '"' else lines[i].replace("''", "")
        if text.count(quote) % 2:
            col = lines[i].rfind(quote)
            return Explained(
                i, col, f"the text that starts with {quote} here has no closing {quote}", f"end it with {quote}"
            )
    return None
