"""Split a Markdown file into YAML front matter and body, keeping line numbers for error messages."""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.content.errors import Problem
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem, decode_utf8, load_yaml


@dataclass
class FrontMatterFile:
    """Front matter as a YamlDoc, the body text, and the file line the body starts on."""

    meta: YamlDoc
    body: str
    body_first_line: int


def read_front_matter(raw: bytes, path: str, max_bytes: int) -> FrontMatterFile:
    """Parse `---` fenced front matter; raise YamlProblem when it is missing or broken."""
    text = decode_utf8(raw, path, max_bytes)
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise YamlProblem(Problem(path, 1, 1, "file must start with a '---' line opening the front matter"))
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    except StopIteration:
        raise YamlProblem(
            Problem(path, len(lines), 1, "front matter is not closed: add a '---' line after it")
        ) from None
    meta = load_yaml("\n".join(lines[1:close]), path, line_offset=1, max_bytes=max_bytes)
    if not isinstance(meta.data, dict):
        raise YamlProblem(Problem(path, 2, 1, "front matter must be a block of 'key: value' lines"))
    return FrontMatterFile(meta=meta, body="\n".join(lines[close + 1 :]), body_first_line=close + 2)
