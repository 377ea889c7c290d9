"""QTI 3.0 content packages: imsmanifest.xml, one assessment item file per item, and a test in module order.

What every item shares is here: the qti-assessment-item around the type's interaction, SCORE and MAXSCORE,
the response processing (a standard 1EdTech template, written out so the feedback outcome can be set too),
the explanation as modal feedback. Each item type builds its own interaction and response declaration
(`qti` on the type in crosscheck/items/).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from crosscheck.exchange.markup import QTI_NS, plain, qti_children

CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ASI_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
TEMPLATES = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/"
MAP_RESPONSE = TEMPLATES + "map_response.xml"
MATCH_CORRECT = TEMPLATES + "match_correct.xml"
EXPLANATION = "EXPLANATION"


def q(tag: str, attrs: dict | None = None, *children, text: str | None = None) -> etree._Element:
    """A QTI element: q("qti-value", text="A"), q("qti-prompt", None, child, ...)."""
    attributes = {k: str(v) for k, v in (attrs or {}).items() if v is not None}
    element = etree.Element(f"{{{QTI_NS}}}{tag}", attributes, nsmap={None: QTI_NS})
    element.text = text
    for child in children:
        element.append(child)
    return element


def identifier(value: str) -> str:
    """A QTI identifier (an XML name) for one of our ids, which may start with a digit: 'I' before those."""
    return value if value[:1].isalpha() else f"I{value}"


def from_identifier(value: str) -> str:
    """Our id back from a QTI identifier made by `identifier`."""
    return value[1:] if value[:1] == "I" and value[1:2].isdigit() else value


def response_declaration(
    cardinality: str,
    base_type: str,
    correct: list[str],
    mapping: dict[str, float] | None = None,
    upper: float | None = None,
) -> etree._Element:
    """RESPONSE with its correct values and (for partial credit) a mapping floored at 0 and capped at `upper`."""
    declaration = q(
        "qti-response-declaration", {"identifier": "RESPONSE", "cardinality": cardinality, "base-type": base_type}
    )
    declaration.append(q("qti-correct-response", None, *[q("qti-value", text=value) for value in correct]))
    if mapping is not None:
        entries = [
            q("qti-map-entry", {"map-key": key, "mapped-value": _number(value)}) for key, value in mapping.items()
        ]
        bounds = {"default-value": "0", "lower-bound": "0", "upper-bound": _number(upper) if upper else None}
        declaration.append(q("qti-mapping", bounds, *entries))
    return declaration


def _number(value: float) -> str:
    """1.0 -> '1'; a fraction in full (1/3 -> '0.3333333333333333', so three of them add up to exactly 1)."""
    return repr(float(value)) if float(value) != int(value) else str(int(value))


@dataclass
class QtiParts:
    """What an item type gives for its item: the response declaration, the body, how it is scored."""

    declaration: etree._Element
    interaction: etree._Element
    template: str | None = MAP_RESPONSE  # MATCH_CORRECT scores 1/0 (`all_or_nothing_points` scales it); None: a
    # person scores the item (a written answer), so processing only sets FEEDBACK
    all_or_nothing_points: float | None = None
    feedback_from_response: bool = False  # identifiers the student chose name feedback blocks in the interaction
    before: list = field(default_factory=list)  # elements shown above the interaction (an excerpt)
    extra_explanation: str = ""  # Markdown shown with the explanation (feedback the interaction has no place for)


def prompt(content: dict) -> etree._Element:
    """The item's prompt as qti-prompt."""
    return qti_children(q("qti-prompt"), content["prompt"])


def feedback_inline(identifier_: str, text: str | None) -> list[etree._Element]:
    """Feedback shown beside a choice when it was chosen (empty when there is none)."""
    if not text:
        return []
    block = q("qti-feedback-inline", {"outcome-identifier": "FEEDBACK", "identifier": identifier_, "show-hide": "show"})
    return [qti_children(block, text, inline=True)]


def assessment_item(module_id: str, content: dict, parts: QtiParts) -> etree._Element:
    """The whole qti-assessment-item for one item."""
    root = q(
        "qti-assessment-item",
        {
            "identifier": identifier(content["id"]),
            "title": plain(content["prompt"])[:200] or content["id"],
            "adaptive": "false",
            "time-dependent": "false",
            "{http://www.w3.org/XML/1998/namespace}lang": "en",
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {ASI_XSD}",
        },
    )
    root.append(parts.declaration)
    root.append(
        q(
            "qti-outcome-declaration",
            {"identifier": "SCORE", "cardinality": "single", "base-type": "float"},
            q("qti-default-value", None, q("qti-value", text="0")),
        )
    )
    root.append(
        q(
            "qti-outcome-declaration",
            {"identifier": "MAXSCORE", "cardinality": "single", "base-type": "float"},
            q("qti-default-value", None, q("qti-value", text=_number(content["points"]))),
        )
    )
    root.append(
        q("qti-outcome-declaration", {"identifier": "FEEDBACK", "cardinality": "multiple", "base-type": "identifier"})
    )
    body = q("qti-item-body")
    if content.get("excerpt"):
        body.append(qti_children(q("blockquote", {"class": "crosscheck-excerpt"}), content["excerpt"]))
    for element in parts.before:
        body.append(element)
    body.append(parts.interaction)
    root.append(body)
    root.append(_processing(parts))
    explanation = "\n\n".join(t for t in (content.get("explanation"), parts.extra_explanation) if t)
    if explanation:
        modal = q(
            "qti-modal-feedback",
            {"outcome-identifier": "FEEDBACK", "identifier": EXPLANATION, "show-hide": "show", "title": "Explanation"},
        )
        modal.append(qti_children(q("qti-content-body"), explanation))
        root.append(modal)
    return root


def _processing(parts: QtiParts) -> etree._Element:
    """The standard template's rules written out (so engines without templates score alike), then FEEDBACK."""
    processing = q("qti-response-processing", {"template": parts.template})
    score = q("qti-set-outcome-value", {"identifier": "SCORE"})
    if parts.template is None:
        pass  # SCORE stays at its default until a scorer sets it
    elif parts.template == MAP_RESPONSE:
        zero = q(
            "qti-set-outcome-value", {"identifier": "SCORE"}, q("qti-base-value", {"base-type": "float"}, text="0.0")
        )
        processing.append(
            q(
                "qti-response-condition",
                None,
                q("qti-response-if", None, q("qti-is-null", None, q("qti-variable", {"identifier": "RESPONSE"})), zero),
                q(
                    "qti-response-else",
                    None,
                    q(
                        "qti-set-outcome-value",
                        {"identifier": "SCORE"},
                        q("qti-map-response", {"identifier": "RESPONSE"}),
                    ),
                ),
            )
        )
    else:
        full = _number(parts.all_or_nothing_points or 1)
        score.append(q("qti-base-value", {"base-type": "float"}, text=full))
        match = q(
            "qti-match",
            None,
            q("qti-variable", {"identifier": "RESPONSE"}),
            q("qti-correct", {"identifier": "RESPONSE"}),
        )
        zero = q(
            "qti-set-outcome-value", {"identifier": "SCORE"}, q("qti-base-value", {"base-type": "float"}, text="0")
        )
        processing.append(
            q(
                "qti-response-condition",
                None,
                q("qti-response-if", None, match, score),
                q("qti-response-else", None, zero),
            )
        )
    shown = [q("qti-base-value", {"base-type": "identifier"}, text=EXPLANATION)]
    if parts.feedback_from_response:
        shown.insert(0, q("qti-variable", {"identifier": "RESPONSE"}))
    processing.append(q("qti-set-outcome-value", {"identifier": "FEEDBACK"}, q("qti-multiple", None, *shown)))
    return processing


def assessment_test(module, item_files: list[tuple[str, str]]) -> etree._Element:
    """A test with one section holding the module's items in order (`item_files`: (identifier, href))."""
    root = q(
        "qti-assessment-test",
        {
            "identifier": identifier(module.id),
            "title": module.title,
            f"{{{XSI}}}schemaLocation": f"{QTI_NS} {ASI_XSD}",
        },
    )
    part = q(
        "qti-test-part", {"identifier": "part-1", "navigation-mode": "nonlinear", "submission-mode": "simultaneous"}
    )
    section = q("qti-assessment-section", {"identifier": "section-1", "title": module.title, "visible": "true"})
    for item_id, href in item_files:
        section.append(q("qti-assessment-item-ref", {"identifier": item_id, "href": href}))
    part.append(section)
    root.append(part)
    return root


def manifest(module, item_files: list[tuple[str, str]], test_href: str) -> etree._Element:
    """imsmanifest.xml: the test and each item as resources; the test depends on its items."""

    def cp(tag, attrs=None, text=None):
        element = etree.Element(f"{{{CP_NS}}}{tag}", attrs or {}, nsmap={None: CP_NS})
        element.text = text
        return element

    root = cp(
        "manifest", {"identifier": f"MANIFEST-{identifier(module.id)}", f"{{{XSI}}}schemaLocation": f"{CP_NS} {CP_XSD}"}
    )
    metadata = cp("metadata")
    metadata.append(cp("schema", text="QTI Package"))
    metadata.append(cp("schemaversion", text="3.0.0"))
    root.append(metadata)
    root.append(cp("organizations"))
    resources = cp("resources")
    test = cp(
        "resource", {"identifier": f"TEST-{identifier(module.id)}", "type": "imsqti_test_xmlv3p0", "href": test_href}
    )
    test.append(cp("file", {"href": test_href}))
    for item_id, _ in item_files:
        test.append(cp("dependency", {"identifierref": f"RES-{item_id}"}))
    resources.append(test)
    for item_id, href in item_files:
        resource = cp("resource", {"identifier": f"RES-{item_id}", "type": "imsqti_item_xmlv3p0", "href": href})
        resource.append(cp("file", {"href": href}))
        resources.append(resource)
    root.append(resources)
    return root


def xml_bytes(element: etree._Element) -> bytes:
    """A document with its XML declaration, indented for people who open it."""
    namespace = etree.QName(element).namespace
    etree.cleanup_namespaces(element, top_nsmap={None: namespace, "xsi": XSI})
    etree.indent(element, space="  ")
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")


def package_files(module, catalog) -> dict[str, bytes]:
    """Every file of the module's content package, by path inside the package."""
    from crosscheck.items import item_type

    files: dict[str, bytes] = {}
    item_files = []
    for item in module.items:
        parts = item_type(item.type).qti(item.content, catalog)
        ident = identifier(item.id)
        href = f"items/{item.id}.xml"
        files[href] = xml_bytes(assessment_item(module.id, item.content, parts))
        item_files.append((ident, href))
    test_href = f"tests/{module.id}.xml"
    files[test_href] = xml_bytes(assessment_test(module, item_files))
    files["imsmanifest.xml"] = xml_bytes(manifest(module, item_files, test_href))
    return files
