"""Copy a story under a new id: every id its files give renamed, so the copy never collides with the original.

Ids in a story are unique across the whole catalogue: the story's own, each article's, each claim's, figure's
and source's, and each quantity key. The copy gives each a new one made from the new story id (an article
`flood-courier` of `flood` becomes `flood-2-courier` in `flood-2`; a claim `kp-lead` becomes `flood-2-kp-lead`;
a quantity key `homes` becomes `flood_2_homes`) and rewrites each place that names it, line by line in the
repository's format. The copy is a draft: the checker then says if anything still needs a hand.
"""

from __future__ import annotations

import re

from crosscheck.content.annotation_schema import SUFFIX as ANNOTATIONS_SUFFIX

_ENTRY_ID = re.compile(r"^(\s*-\s+id:\s*)(['\"]?)([a-z0-9-]+)\2\s*$")
_FIELD = "^(\\s*(?:-\\s+)?{field}:\\s*)(['\"]?)([A-Za-z0-9_-]+)\\2\\s*$"
_QUANTITY_KEY = re.compile(r"^([a-z][a-z0-9_]*):\s*$")


def copy_story_files(files: dict[str, str], old: str, new: str) -> dict[str, str]:
    """The story's files under seeds/<new>/, with every id renamed for the new story."""
    articles, entries, keys = {}, {}, {}
    for path, text in files.items():
        if path.endswith(".md"):
            found = _first(text, "id")
            if found:
                articles[found] = f"{new}-{found.removeprefix(old + '-')}"
        elif path.endswith(ANNOTATIONS_SUFFIX):
            entries.update({m.group(3): f"{new}-{m.group(3)}" for m in map(_ENTRY_ID.match, text.split("\n")) if m})
        elif path.endswith("/quantities.yaml"):
            prefix = new.replace("-", "_")
            keys.update({m.group(1): f"{prefix}_{m.group(1)}" for m in map(_QUANTITY_KEY.match, text.split("\n")) if m})
    copied = {}
    for path, text in files.items():
        lines = text.split("\n")
        if path.endswith("/story.yaml"):
            lines = _renamed(lines, "id", {old: new})
        elif path.endswith(".md"):
            lines = _renamed(lines, "id", articles, first_only=True)
        elif path.endswith(ANNOTATIONS_SUFFIX):
            lines = _renamed(_renamed(_renamed(lines, "article", articles), "id", entries), "quantity", keys)
        elif path.endswith("/quantities.yaml"):
            lines = [_key_renamed(line, keys) for line in lines]
        copied[f"seeds/{new}/{path.rsplit('/', 1)[-1]}"] = "\n".join(lines)
    return copied


def _first(text: str, field: str) -> str | None:
    """The value of the first `field:` line (a seed file's own id comes first in its front matter)."""
    pattern = re.compile(_FIELD.format(field=field))
    return next((m.group(3) for m in map(pattern.match, text.split("\n")) if m), None)


def _renamed(lines: list[str], field: str, names: dict[str, str], first_only: bool = False) -> list[str]:
    """Lines with each `field: value` whose value is in `names` renamed."""
    pattern = re.compile(_FIELD.format(field=field))
    out, done = [], False
    for line in lines:
        match = pattern.match(line)
        if match and match.group(3) in names and not done:
            line = f"{match.group(1)}{match.group(2)}{names[match.group(3)]}{match.group(2)}"
            done = first_only
        out.append(line)
    return out


def _key_renamed(line: str, keys: dict[str, str]) -> str:
    """A quantities.yaml key line renamed."""
    match = _QUANTITY_KEY.match(line)
    return f"{keys[match.group(1)]}:" if match and match.group(1) in keys else line
