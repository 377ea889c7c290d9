"""QTI 3.0 in: choice and multiple-response items of a content package, as a draft quiz module (YAML).

A draft, because QTI does not say what Crosscheck needs of every item: which article it is about and which
skill it practises. Those fields are left empty with a comment, so `content check` (and the workspace) list
exactly what a teacher must fill in before the module can be published. Everything the package says that
cannot be mapped (other interaction types, a missing correct answer) is a problem naming the file.

Hostile packages are refused safely: XML is parsed by defusedxml (no DTDs, entities or external references),
and the zip is read with limits on the number of files, each file's size, the total and the compression ratio
(a zip bomb stops at the first limit it crosses, before it is inflated).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import yaml
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from crosscheck.exchange.qti import from_identifier

QTI = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
MAX_FILES = 500
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100  # a real XML package compresses 5-20 times; a bomb, thousands
SLUG = re.compile(r"[^a-z0-9]+")


class ImportError_(ValueError):
    """A package that cannot be read at all; the message says why."""


@dataclass
class Imported:
    """The draft module's YAML, the items taken, and what could not be mapped (file: reason)."""

    yaml_text: str
    items: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_zip(data: bytes) -> dict[str, bytes]:
    """The package's files by path, read within the limits (ImportError_ beyond them)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportError_(
            "This is not a zip file: a QTI content package is a .zip with imsmanifest.xml in it."
        ) from exc
    entries = [e for e in archive.infolist() if not e.is_dir()]
    if len(entries) > MAX_FILES:
        raise ImportError_(f"The package has {len(entries)} files; at most {MAX_FILES} are read.")
    files, total = {}, 0
    for entry in entries:
        if entry.file_size > MAX_FILE_BYTES or entry.file_size > max(entry.compress_size, 1) * MAX_RATIO:
            raise ImportError_(f"{entry.filename} would inflate to {entry.file_size:,} bytes: refused (too large).")
        total += entry.file_size
        if total > MAX_TOTAL_BYTES:
            raise ImportError_(f"The package inflates to more than {MAX_TOTAL_BYTES:,} bytes: refused.")
        try:
            with archive.open(entry) as stream:
                content = stream.read(MAX_FILE_BYTES + 1)  # never trust the header's size alone
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:  # a lying or broken entry
            raise ImportError_(f"{entry.filename} is damaged in the zip ({exc}): refused.") from exc
        if len(content) > MAX_FILE_BYTES:
            raise ImportError_(f"{entry.filename} is larger than its zip entry says: refused.")
        files[posixpath.normpath(entry.filename).lstrip("/")] = content
    return files


def parse(data: bytes, name: str):
    """An XML document, safely; ImportError_ naming the file on bad or hostile XML."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ImportError_(f"{name}: refused: it declares a DTD or entities ({type(exc).__name__}).") from exc
    except SafeET.ParseError as exc:
        raise ImportError_(f"{name}: not well-formed XML ({exc}).") from exc


def item_paths(files: dict[str, bytes]) -> list[str]:
    """Item files in manifest order (the test's order when the package has one)."""
    if "imsmanifest.xml" not in files:
        raise ImportError_("The package has no imsmanifest.xml at its top level.")
    manifest = parse(files["imsmanifest.xml"], "imsmanifest.xml")
    paths = [
        resource.get("href")
        for resource in manifest.iter()
        if resource.tag.endswith("resource") and (resource.get("type") or "").startswith("imsqti_item_xmlv3p0")
    ]
    if not paths:
        raise ImportError_("imsmanifest.xml lists no QTI 3.0 items (resources of type imsqti_item_xmlv3p0).")
    return [posixpath.normpath(p) for p in paths if p]


def _text(element) -> str:
    """The element's text without its feedback, white space collapsed."""
    parts = []

    def walk(node):
        if node is not element and node.tag in (QTI + "qti-feedback-inline", QTI + "qti-feedback-block"):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return " ".join("".join(parts).split())


def _feedback(choice) -> str | None:
    """A choice's inline feedback, if any."""
    found = [_text(f) for f in choice.iter(QTI + "qti-feedback-inline")]
    return " ".join(f for f in found if f) or None


def item_from_xml(root, name: str) -> dict:
    """One choice or multi item as our YAML fields (ValueError with the reason when it cannot be mapped)."""
    interactions = [child for child in root.iter() if child.tag.startswith(QTI) and child.tag.endswith("-interaction")]
    kinds = {i.tag[len(QTI) :] for i in interactions}
    if kinds != {"qti-choice-interaction"} or len(interactions) != 1:
        found = ", ".join(sorted(kinds)) or "no interaction"
        raise ValueError(f"{found}: only one choice interaction per item can be imported (choice and multi items)")
    interaction = interactions[0]
    declaration = next(
        (
            d
            for d in root.iter(QTI + "qti-response-declaration")
            if d.get("identifier") == interaction.get("response-identifier")
        ),
        None,
    )
    if declaration is None:
        raise ValueError("the interaction's response has no declaration")
    correct = {v.text.strip() for v in declaration.iter(QTI + "qti-value") if v.text and _in_correct(declaration, v)}
    choices = list(interaction.iter(QTI + "qti-simple-choice"))
    if not choices:
        raise ValueError("the choice interaction has no choices")
    if not correct:
        raise ValueError("no correct response is given, so no answer key can be made")
    single = declaration.get("cardinality") == "single"
    if single and len(correct) != 1:
        raise ValueError("a single-choice response with several correct values")
    prompt_element = interaction.find(QTI + "qti-prompt")
    prompt = _text(prompt_element) if prompt_element is not None else _body_text(root, interaction)
    if not prompt:
        raise ValueError("the item has no prompt")
    options = []
    for choice in choices:
        option = {"text": _text(choice)}
        if choice.get("identifier") in correct:
            option["correct"] = True
        feedback = _feedback(choice)
        if feedback:
            option["feedback"] = feedback
        options.append(option)
    item = {
        "id": _slug(from_identifier(root.get("identifier") or name)),
        "type": "choice" if single else "multi",
        "skill": None,
        "articles": [],
        "points": _points(root),
        "prompt": prompt,
        "options": options,
    }
    if not single:
        has_mapping = declaration.find(QTI + "qti-mapping") is not None
        item["scoring"] = "right_minus_wrong" if has_mapping else "all_or_nothing"
    explanation = " ".join(_text(m) for m in root.iter(QTI + "qti-modal-feedback")).strip()
    if explanation:
        item["explanation"] = explanation
    return item


def _in_correct(declaration, value) -> bool:
    """True if the value sits in the declaration's correct response."""
    correct = declaration.find(QTI + "qti-correct-response")
    return correct is not None and value in list(correct)


def _body_text(root, interaction) -> str:
    """The item body's text outside the interaction, as the prompt of an item without qti-prompt."""
    body = root.find(QTI + "qti-item-body")
    if body is None:
        return ""
    return " ".join(_text(child) for child in body if child is not interaction).strip()


def _points(root) -> int:
    """MAXSCORE's default value, whole and at least 1 (our items' points)."""
    for outcome in root.iter(QTI + "qti-outcome-declaration"):
        if outcome.get("identifier") == "MAXSCORE":
            value = next((v.text for v in outcome.iter(QTI + "qti-value") if v.text), None)
            try:
                return max(1, round(float(value)))
            except (TypeError, ValueError):
                break
    return 1


def _slug(value: str) -> str:
    """An id our loader accepts: lowercase letters, digits and single hyphens."""
    return SLUG.sub("-", value.lower()).strip("-") or "item"


def import_package(data: bytes, module_id: str, title: str) -> Imported:
    """A draft module of the package's choice and multi items; the rest listed as problems."""
    files = read_zip(data)
    result = Imported("")
    seen: set[str] = set()
    for path in item_paths(files):
        if path not in files:
            result.problems.append(f"{path}: listed in imsmanifest.xml but not in the package")
            continue
        try:
            item = item_from_xml(parse(files[path], path), posixpath.splitext(posixpath.basename(path))[0])
        except ValueError as exc:
            result.problems.append(f"{path}: {exc}")
            continue
        while item["id"] in seen:
            item["id"] += "-2"
        seen.add(item["id"])
        result.items.append(item)
    result.yaml_text = draft_yaml(module_id, title, result.items, result.problems)
    return result


def draft_yaml(module_id: str, title: str, items: list[dict], problems: list[str]) -> str:
    """The module file, with comments where a teacher must fill in what QTI does not carry."""
    module = {
        "id": _slug(module_id),
        "title": title,
        "description": "Imported from a QTI 3.0 package: give each item its skill and articles, then check it.",
        "skills": [],
        "items": items,
    }
    text = yaml.safe_dump(module, sort_keys=False, allow_unicode=True, width=110)
    text = text.replace(
        "  skill: null\n", "  skill:  # TODO: unverified_claim, primary_source, conflicting_figure or framing\n"
    )
    text = text.replace("  articles: []\n", "  articles: []  # TODO: the id of each article this item is about\n")
    header = ["# Draft imported from a QTI 3.0 content package. `flask --app app content check` lists what is missing."]
    header += [f"# Not imported: {problem}" for problem in problems]
    return "\n".join(header) + "\n" + text
