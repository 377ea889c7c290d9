"""Quantity keys (seeds/<story>/quantities.yaml): what each measures, so figures line up across outlets."""

from __future__ import annotations

import re

from crosscheck.content.annotations import Quantity
from crosscheck.content.catalog import Catalog
from crosscheck.content.errors import Problem
from crosscheck.content.sources import ContentFile, ContentFiles
from crosscheck.content.validation import Strict, did_you_mean, validate
from crosscheck.content.yamlsafe import YamlDoc, YamlProblem, decode_utf8, load_yaml

QUANTITY_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


class QuantitySpec(Strict):
    """One quantity key's fields."""

    label: str
    unit: str
    description: str
    note: str = ""
    conflict: str = ""
    conflict_with: list[str] = []


def read_yaml_file(file: ContentFile) -> tuple[YamlDoc | None, list[Problem]]:
    """The file's parsed YAML, or the problem that stopped it."""
    try:
        return load_yaml(decode_utf8(file.data, file.name), file.name), []
    except YamlProblem as exc:
        return None, [exc.problem]


def load_quantities(catalog: Catalog, files: ContentFiles, folder: str, used_at: dict) -> None:
    """seeds/<story>/quantities.yaml: `key: {label, unit, description, note, conflict}`; keys unique across stories."""
    file = files.get(f"{folder}/quantities.yaml")
    if file is None:
        return
    rel = file.name
    doc, problems = read_yaml_file(file)
    catalog.problems.extend(problems)
    if doc is None:
        return
    if not isinstance(doc.data, dict):
        catalog.problems.append(Problem(rel, 1, 1, "quantities.yaml must map each quantity key to its fields"))
        return
    for key in doc.data:
        line, col = doc.where((key,))
        if not isinstance(key, str) or not QUANTITY_KEY.fullmatch(key):
            message = f"quantity key {key!r}: use lowercase words joined by underscores, e.g. 'nk_killed'"
            catalog.problems.append(Problem(rel, line, col, message))
            continue
        if key in used_at:
            message = f"quantity key {key!r} is already defined at {':'.join(map(str, used_at[key]))}"
            catalog.problems.append(Problem(rel, line, col, message))
            continue
        spec, problems = validate(QuantitySpec, doc, rel, at=(key,))
        catalog.problems.extend(problems)
        if spec is not None:
            fields = (spec.label, spec.unit, spec.description, spec.note, spec.conflict, tuple(spec.conflict_with))
            catalog.quantities[key] = Quantity(key, *fields)
            used_at[key] = (rel, line, col)
    _check_conflicts(catalog, doc, rel)


def _check_conflicts(catalog: Catalog, doc: YamlDoc, rel: str) -> None:
    """`conflict_with` names quantity keys, and goes with a `conflict` statement saying what disagrees."""
    for key in doc.data:
        quantity = catalog.quantities.get(key) if isinstance(key, str) else None
        if quantity is None:
            continue
        for n, other in enumerate(quantity.conflict_with):
            if other not in catalog.quantities:
                message = f"unknown quantity {other!r}" + did_you_mean(other, catalog.quantities)
                catalog.problems.append(Problem(rel, *doc.where((key, "conflict_with", n)), message))
        if quantity.conflict_with and not quantity.conflict:
            message = "conflict_with needs a `conflict` statement saying what disagrees"
            catalog.problems.append(Problem(rel, *doc.where((key, "conflict_with")), message))


def unused_quantity_warnings(catalog: Catalog, defined_at: dict[str, tuple[str, int, int]]) -> list[Problem]:
    """A warning for each quantity key that no figure uses."""
    figured = {f.quantity for a in catalog.annotations.values() for f in a.figures}
    message = "quantity {!r} has no figure in any annotation file; annotate a figure or remove it"
    return [Problem(*where, message.format(key), "warning") for key, where in defined_at.items() if key not in figured]
