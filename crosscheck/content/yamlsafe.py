"""Safe YAML reading for teacher-written files, with the line and column of every key.

PyYAML's SafeLoader already refuses Python tags; on top of it this module refuses anchors and
aliases (alias bombs), deep nesting, oversized files, duplicate keys and non-UTF-8 bytes, and it
records where each key and value stands so validation errors can point at them. An ordinary file is parsed
once (composed by libyaml, checked while building); the event scan runs only when the text might hold what
composed nodes do not show or what composing cannot survive, and for broken files, so that the first problem
reported is always the one the event scan meets first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from crosscheck.content.errors import Problem
from crosscheck.content.yaml_errors import explain

MAX_BYTES = 512 * 1024
MAX_DEPTH = 24
# Texts that might nest deeper than this are scanned as events before composing (see _needs_event_scan).
COMPOSE_DEPTH = 200
ALIAS_MESSAGE = "anchors and aliases (& and *) are not allowed; write the value out"
_STR_TAG = "tag:yaml.org,2002:str"
# What may stand before a block collection's first token on its line: spaces, block indicators, and a byte-order
# mark (libyaml skips one at the start of any line but still counts its column).
_LINE_LEAD = " \t\ufeff?:-"
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
# Plain words the resolver gives a meaning beyond text: `<<` (merge another block in) and `=` (a default value).
_SPECIAL_TAGS = {"tag:yaml.org,2002:merge": "'merge another block here'", "tag:yaml.org,2002:value": "'default value'"}
# libyaml's safe loader when PyYAML was built with it: the same checks, about ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """Plain data from a YAML text plus where each part of it was written; read-only once load_yaml returns it."""

    data: object
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    source: str = ""  # the YAML text, for messages that quote what was written
    line_offset: int = 0  # file line of the text's first line, minus 1

    def where(self, path: Path) -> tuple[int, int]:
        """Line and column of the deepest known part of `path` (1-based)."""
        path = tuple(path)
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def value_text(self, line: int, key: object) -> str | None:
        """The bare value written after `key:` on file line `line`, as written (None when there is none)."""
        lines = self.source.split("\n")
        index = line - 1 - self.line_offset
        text = lines[index] if 0 <= index < len(lines) else ""
        head, sep, value = text.partition(f"{key}:")
        value = value.split(" #", 1)[0].strip()
        return value if sep and value and value[0] not in "[{|>\"'" else None


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
    """Parse `text` into plain data with positions; raise YamlProblem on anything unsafe or broken.

    The same text gives the same doc object (docs are read, never changed): a catalog build reads every
    content file again, and most are the ones the last build read.
    """
    parsed = _parsed(text, path, line_offset, max_bytes)
    if isinstance(parsed, Problem):
        raise YamlProblem(parsed)
    return parsed


@lru_cache(maxsize=1024)  # the shipped content is ~150 texts (files, front matter, directive blocks)
def _parsed(text: str, path: str, line_offset: int, max_bytes: int) -> YamlDoc | Problem:
    """The doc, or the problem that stops it."""
    try:
        return _parse(text, path, line_offset, max_bytes)
    except YamlProblem as exc:
        return exc.problem


def _parse(text: str, path: str, line_offset: int, max_bytes: int) -> YamlDoc:
    """load_yaml's work, uncached."""
    if len(text.encode("utf-8")) > max_bytes:
        raise YamlProblem(Problem(path, 1, 1, f"file is larger than the limit of {max_bytes:,} bytes"))
    # One parse for ordinary files: compose, then check the nodes while building. The event scan runs first
    # only when the text could hold what the nodes cannot show (an anchor, a tag) or what compose cannot
    # survive (libyaml's composer recurses in C: tens of thousands of levels crash the process).
    scanned = _needs_event_scan(text)
    if scanned:
        _check_events(text, path, line_offset)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        if not scanned:  # an anchor, tag or nesting before the syntax error is reported first, as always
            _check_events(text, path, line_offset)
        raise YamlProblem(_yaml_error_problem(_precise(exc, text), path, line_offset, text)) from None
    doc = YamlDoc(data=None, source=text, line_offset=line_offset)
    if node is not None:
        try:
            doc.data = _build(node, (), doc, _Walk(path, line_offset))
        except Exception:
            if not scanned:  # what the event scan refuses comes before what building refuses, as always
                _check_events(text, path, line_offset)
            raise
    return doc


def _needs_event_scan(text: str) -> bool:
    """Whether the text might hold an anchor or tag, or nest deeper than composing safely allows.

    Without `&` there is no anchor (and an alias without its anchor does not compose), without `!` no tag.
    Flow nesting is at most two levels per `[` (a sequence and a single-pair mapping in it) and one per `{`.
    Block nesting is at most two levels per column (a mapping, and a sequence written at its keys'
    indentation), and a block collection starts after only spaces and `-`, `?`, `:` indicators (or a
    byte-order mark) on its line, so the longest such run bounds the columns.
    """
    if "&" in text or "!" in text:
        return True
    flow = 2 * text.count("[") + text.count("{")
    if flow > COMPOSE_DEPTH:
        return True
    # splitlines breaks at every YAML line break (\r, \n, NEL, LS, PS) and a few more: more runs, never shorter.
    lead = max((len(line) - len(line.lstrip(_LINE_LEAD)) for line in text.splitlines()), default=0)
    block = 2 * (lead + 1)
    return flow + block > COMPOSE_DEPTH


def _check_events(text: str, path: str, line_offset: int) -> None:
    """Scan the event stream (no recursion) for aliases, anchors, odd tags and deep nesting."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            mark = event.start_mark
            where = (mark.line + 1 + line_offset, mark.column + 1)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(Problem(path, *where, ALIAS_MESSAGE))
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
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(path, 1 + line_offset, 1, f"YAML syntax error: {exc}")
    explained = explain(exc, text)
    line, col = explained.line + 1 + line_offset, explained.col + 1
    return Problem(path, line, col, explained.message, fix=explained.fix)


@dataclass
class _Walk:
    """What building one document needs besides the node: where it came from, and which nodes it has seen."""

    path: str
    line_offset: int
    seen: set = field(default_factory=set)

    def at(self, node: yaml.Node) -> tuple[int, int]:
        """The node's line and column (1-based, in the whole file)."""
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1


def _build(node: yaml.Node, at: Path, doc: YamlDoc, walk: _Walk, depth: int = 0) -> object:
    """Construct plain Python data from a composed node, recording positions and refusing deep or shared nodes."""
    doc.positions.setdefault(at, walk.at(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, walk)
    depth += 1
    if depth > MAX_DEPTH:
        raise YamlProblem(Problem(walk.path, *walk.at(node), f"nesting deeper than {MAX_DEPTH} levels is not allowed"))
    if id(node) in walk.seen:  # an alias: the same node reached twice (the event scan refuses it first)
        raise YamlProblem(Problem(walk.path, *walk.at(node), ALIAS_MESSAGE))
    walk.seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, walk)
            key_where = walk.at(key_node)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise YamlProblem(Problem(walk.path, *key_where, "keys must be plain words"))
            if key in result:
                raise YamlProblem(Problem(walk.path, *key_where, f"key {key!r} is given twice in this block"))
            doc.positions[at + (key,)] = key_where
            result[key] = _build(value_node, at + (key,), doc, walk, depth)
            doc.positions[at + (key,)] = key_where
        return result
    return [_build(child, at + (i,), doc, walk, depth) for i, child in enumerate(node.value)]


def _scalar(node: yaml.Node, walk: _Walk) -> object:
    """Construct one scalar with the safe constructor."""
    if not isinstance(node, yaml.ScalarNode):
        raise YamlProblem(Problem(walk.path, *walk.at(node), "a key must be a plain word, not a list or block"))
    if node.tag == _STR_TAG:
        return node.value  # what the safe constructor returns for a string, without building one
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # dates stay as written: the text's own words matter more than a date type
    if node.tag in _SPECIAL_TAGS:  # the safe constructor would raise outside any check of ours
        word, meaning = node.value, _SPECIAL_TAGS[node.tag]
        message = (
            f"{word!r} means {meaning} in YAML, which content files do not use; "
            f"put it in quotes ('{word}') to mean the text"
        )
        raise YamlProblem(Problem(walk.path, *walk.at(node), message))
    constructor = yaml.constructor.SafeConstructor()
    return constructor.construct_object(node)
