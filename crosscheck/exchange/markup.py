"""Item text (Markdown, sanitised as on our pages) as QTI XHTML, Moodle HTML or GIFT text."""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

from crosscheck.content.markup import sanitise, unsanitised_html, unsanitised_inline_html

QTI_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def to_html(text: str | None, inline: bool = False) -> str:
    """The Markdown rendered and sanitised as our pages show it."""
    if not text:
        return ""
    return sanitise(unsanitised_inline_html(text.strip()) if inline else unsanitised_html(text.strip()))


def qti_children(parent: etree._Element, text: str | None, inline: bool = False) -> etree._Element:
    """Append the text as QTI content (the HTML subset QTI 3 allows, in its namespace) to `parent`."""
    rendered = to_html(text, inline)
    if not rendered:
        return parent
    wrapper = lxml_html.fragment_fromstring(rendered, create_parent="div")
    if wrapper.text:
        _append_text(parent, wrapper.text)
    for child in wrapper:
        parent.append(_in_qti(child))
    return parent


def _append_text(parent: etree._Element, text: str) -> None:
    """Text after the last child (or as the element's text)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _in_qti(element) -> etree._Element:
    """A copy of an HTML element and its children in the QTI namespace (attributes kept: href, scope, start)."""
    attributes = {k: v for k, v in element.attrib.items() if k != "class"}
    copy = etree.Element(f"{{{QTI_NS}}}{element.tag}", attributes, nsmap={None: QTI_NS})
    copy.text, copy.tail = element.text, element.tail
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_in_qti(child))
    return copy


def plain(text: str | None) -> str:
    """The text without Markdown or tags, on one line (for titles and GIFT)."""
    if not text:
        return ""
    stripped = lxml_html.fragment_fromstring(to_html(text), create_parent="div").text_content()
    return " ".join(stripped.split())


def gift_escape(text: str) -> str:
    """One line of GIFT: its special characters ~ = # { } : and backslash escaped, white space collapsed."""
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift_text(text: str | None) -> str:
    """Markdown for GIFT's [markdown] format: escaped, line breaks as GIFT's \\n (a blank line ends a question)."""
    lines = [GIFT_SPECIAL.sub(r"\\\1", line.rstrip()) for line in (text or "").strip().splitlines()]
    return "\\n".join(lines)


def gift_feedback(text: str | None) -> str:
    """Feedback for GIFT: as gift_text, but = ~ } as HTML character references (&#61; &#126; &#125;), which
    Moodle shows as the characters: some GIFT readers end a feedback at those even when escaped."""
    references = {"=": "&#61;", "~": "&#126;", "}": "&#125;"}
    lines = [
        re.sub(r"[=~}]", lambda m: references[m.group()], re.sub(r"([#{:\\])", r"\\\1", line.rstrip()))
        for line in (text or "").strip().splitlines()
    ]
    return "\\n".join(lines)


def escape_html(text: str) -> str:
    """Plain text for an HTML field."""
    return html.escape(text, quote=False)
