"""Moodle XML: a category question, then each item as a multichoice or matching question.

Each item type builds its own <question> body (`moodle` on the type); here: the shared fields (name,
question text with the excerpt, general feedback = the explanation, default grade, penalty) and the file.
"""

from __future__ import annotations

from lxml import etree

from crosscheck.exchange.gift import category_name
from crosscheck.exchange.markup import to_html


def text_element(tag: str, value: str, fmt: str | None = "html", attrs: dict | None = None) -> etree._Element:
    """<tag format="html"><text>value</text></tag> (Moodle's shape for every text)."""
    element = etree.Element(tag, {**({"format": fmt} if fmt else {}), **(attrs or {})})
    etree.SubElement(element, "text").text = value
    return element


def html_of(text: str | None, inline: bool = False) -> str:
    """Markdown as the HTML Moodle stores."""
    return to_html(text, inline)


def question(content: dict, kind: str, extra_html: str = "", extra_explanation: str = "") -> etree._Element:
    """A <question> with what every item has; the type adds its answers."""
    element = etree.Element("question", {"type": kind})
    element.append(text_element("name", content["id"], fmt=None))
    body = ""
    if content.get("excerpt"):
        body += f"<blockquote>{html_of(content['excerpt'])}</blockquote>"
    body += html_of(content["prompt"]) + extra_html
    element.append(text_element("questiontext", body))
    explanation = "\n\n".join(t for t in (content.get("explanation"), extra_explanation) if t)
    element.append(text_element("generalfeedback", html_of(explanation)))
    etree.SubElement(element, "defaultgrade").text = str(content["points"])
    etree.SubElement(element, "penalty").text = "0"
    etree.SubElement(element, "hidden").text = "0"
    etree.SubElement(element, "idnumber").text = content["id"]
    return element


def answer(fraction: float, text_html: str, feedback_html: str = "") -> etree._Element:
    """A multichoice <answer fraction="..."> with its feedback."""
    element = text_element("answer", text_html, attrs={"fraction": f"{round(fraction * 100, 5):g}"})
    element.append(text_element("feedback", feedback_html))
    return element


def module_document(module, catalog) -> bytes:
    """The module as a Moodle XML file."""
    from crosscheck.items import item_type

    quiz = etree.Element("quiz")
    category = etree.SubElement(quiz, "question", {"type": "category"})
    category.append(text_element("category", f"$course$/Crosscheck/{category_name(module.title)}", fmt=None))
    category.append(text_element("info", f"Exported from Crosscheck (module {module.id})."))
    for item in module.items:
        quiz.append(item_type(item.type).moodle(item.content, catalog))
    etree.indent(quiz, space="  ")
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8")
