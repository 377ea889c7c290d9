"""Safe YAML reading for teacher-written files, with the line and column of every key.

PyYAML's SafeLoader already refuses Python tags; on top of it this module refuses anchors and
aliases (alias bombs), deep nesting, oversized files, duplicate keys and non-UTF-8 bytes, and it
records where each key and value stands so validation errors can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from crosscheck.content.errors import Problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 24
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Path = tuple
# libyaml's parser when PyYAML was built with it (same events, marks and safety, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """Plain data from a YAML text plus where each part of it was written."""

    data: object
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """Line and column of the deepest known part of `path` (1-based)."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class YamlProblem(Exception):
    """The text is not YAML we accept; carries one Problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def decode_utf8(raw: bytes, path: str, max_bytes: int = MAX_BYTES, line_offset: int = 0) -> str:
    """Decode bytes as UTF-8 within the size limit, or raise YamlProblem saying where it failed."""
    if len(raw) > max_bytes:
        raise YamlProblem(Problem(path, 1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,} bytes"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            Problem(path, line + line_offset, col, "invalid UTF-8 byte; save the file as UTF-8")
        ) from None


def load_yaml(text: str, path: str, line_offset: int = 0, max_bytes: int = MAX_BYTES) -> YamlDoc:
    """Parse `text` into plain data with positions; raise YamlProblem on anything unsafe or broken."""
    if len(text.encode("utf-8")) > max_bytes:
        raise YamlProblem(Problem(path, 1, 1, f"file is larger than the limit of {max_bytes:,} bytes"))
    _check_events(text, path, line_offset)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise YamlProblem(_yaml_error_problem(_precise(exc, text), path, line_offset, text)) from None
    doc = YamlDoc(data=None)
    if node is not None:
        doc.data = _build(node, (), doc, path, line_offset)
    return doc


def _check_events(text: str, path: str, line_offset: int) -> None:
    """Scan the event stream (no recursion) for aliases, anchors, odd tags and deep nesting."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            mark = event.start_mark
            where = (mark.line + 1 + line_offset, mark.column + 1)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(
                    Problem(path, *where, "anchors and aliases (& and *) are not allowed; write the value out")
                )
            tag = getattr(event, "tag", None)
            if tag and tag not in _PLAIN_TAGS and tag != "!":
                raise YamlProblem(Problem(path, *where, f"tag {tag!r} is not allowed; remove it"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(Problem(path, *where, f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise YamlProblem(_yaml_error_problem(_precise(exc, text), path, line_offset, text)) from None


def _precise(exc: yaml.YAMLError, text: str) -> yaml.YAMLError:
    """The same error as the pure-Python parser reports it: it points at the offending character and says what
    it expected, where libyaml often points at the next line. Only broken files pay for the second parse."""
    if _LOADER is yaml.SafeLoader:
        return exc
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as pure:
        return pure
    return exc


def _yaml_error_problem(exc: yaml.YAMLError, path: str, line_offset: int, text: str = "") -> Problem:
    """Turn a PyYAML error into a Problem at its mark."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML forbids, such as NUL: no mark, a position
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return Problem(path, line + line_offset, col, f"character {what} is not allowed in YAML; remove it")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {what}" + (f" ({context})" if context else "")
    return Problem(path, line + line_offset, col, message)


def _build(node: yaml.Node, at: Path, doc: YamlDoc, path: str, line_offset: int) -> object:
    """Construct plain Python data from a composed node, recording positions."""
    doc.positions.setdefault(at, (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, line_offset)
            key_where = (key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise YamlProblem(Problem(path, *key_where, "keys must be plain words"))
            if key in result:
                raise YamlProblem(Problem(path, *key_where, f"key {key!r} is given twice in this block"))
            doc.positions[at + (key,)] = key_where
            result[key] = _build(value_node, at + (key,), doc, path, line_offset)
            doc.positions[at + (key,)] = key_where
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, at + (i,), doc, path, line_offset) for i, child in enumerate(node.value)]
    return _scalar(node, path, line_offset)


def _scalar(node: yaml.Node, path: str, line_offset: int) -> object:
    """Construct one scalar with the safe constructor."""
    if not isinstance(node, yaml.ScalarNode):
        where = (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
        raise YamlProblem(Problem(path, *where, "a key must be a plain word, not a list or block"))
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # dates stay as written: the text's own words matter more than a date type
    constructor = yaml.constructor.SafeConstructor()
    return constructor.construct_object(node)
