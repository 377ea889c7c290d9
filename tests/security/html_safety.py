"""Read a page as a browser would and find markup that a hostile string could have injected."""

from __future__ import annotations

from html.parser import HTMLParser

# Elements no page of ours uses and injected markup likes to carry.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "style", "svg", "math", "base", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "xlink:href", "data"}


class PageReader(HTMLParser):
    """Collects what is dangerous (with where), and every text and attribute value as the browser decodes it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.texts: list[str] = []
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        where = f"line {self.getpos()[0]}: <{tag}>"
        if tag in FORBIDDEN_TAGS:
            self.dangers.append(f"{where} element")
        for name, value in attrs:
            value = value or ""
            self.values.append(value)
            if name.startswith("on"):
                self.dangers.append(f"{where} event handler {name}")
            if name in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").startswith(
                ("javascript:", "data:text")
            ):
                self.dangers.append(f"{where} {name}={value!r}")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.dangers.append(f"{where} script not from /static/")
        if tag == "meta" and dict(attrs).get("http-equiv"):
            self.dangers.append(f"{where} meta http-equiv")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.texts.append(data)


def read_page(html: str) -> PageReader:
    """Parse a page."""
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


def injected_markup(html: str) -> list[str]:
    """Every element or attribute on the page that runs script or loads foreign content."""
    return read_page(html).dangers


def shown_as_text(html: str, text: str) -> bool:
    """True when `text` reaches the reader as text or a form value (escaped), not as markup."""
    page = read_page(html)
    return text in "".join(page.texts) or any(text in value for value in page.values)
