"""Fill a page's answer form the way a student clicking the first choice of every question would."""

from __future__ import annotations

from html.parser import HTMLParser


class _AnswerForm(HTMLParser):
    """Collects the fields of the first form with class `answer-form`: first radio, first box, first option."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.select: str | None = None
        self.data: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "answer-form" in (attrs.get("class") or ""):
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            self.data.setdefault(attrs["name"], [attrs["value"]])
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and attrs.get("value") and self.select not in self.data:
            self.data[self.select] = [attrs["value"]]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def first_choices(html: str) -> dict[str, list[str]]:
    """Field name -> the values a student picking the first of everything would send."""
    parser = _AnswerForm()
    parser.feed(html)
    return parser.data
