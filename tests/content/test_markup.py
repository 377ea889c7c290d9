"""Sanitising: script, event handlers and script links never survive; everything the directives emit does."""

import re

from crosscheck.content.directives import render_directive, split_directives
from crosscheck.content.loading import load_catalog
from crosscheck.content.markup import find_raw_html, sanitise, unsanitised_html

EVERY_DIRECTIVE = """Intro with a [link](/articles/nk-pow-hngn) and a table:

| outlet | figure |
| --- | --- |
| Kyiv Post | approximately 300 |

```excerpt
article: nk-pow-diplomat
quote: could suggest
show: sentence
mark: [could suggest]
```

```framing
articles: [nk-pow-kyivpost, nk-pow-glimpse, nk-pow-hngn]
first:
  nk-pow-kyivpost: the soldier's background
  nk-pow-glimpse: the video
  nk-pow-hngn: the exclusive interviews
```

```figures
quantity: nk_killed
```

```sources
articles: [nk-pow-glimpse, nk-pow-captives]
```

```quotes
key: fewer-mountains
```

```self-check
questions:
  - question: Who *edited* the video?
    answer: Ukraine.
```
"""


def test_sanitise_strips_script_handlers_and_script_links():
    dirty = (
        '<p class="question evil" onclick="steal()" style="color:red">Hi <a href="javascript:alert(1)">x</a>'
        '<a href="/articles/nk-pow-hngn#p10s1">ok</a><img src=x onerror=alert(1)></p>'
        "<script>alert(1)</script><iframe src=//evil></iframe><style>p{}</style>"
    )
    clean = sanitise(dirty)
    assert clean == '<p class="question">Hi <a>x</a><a href="/articles/nk-pow-hngn#p10s1">ok</a></p>'


def test_markdown_shows_typed_html_as_text_and_sanitise_drops_script_links():
    html = sanitise(unsanitised_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=x>b</b>"))
    assert "<script" not in html and "onclick=x>" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_tables_get_header_scope():
    assert '<th scope="col">a</th>' in sanitise(unsanitised_html("| a |\n| --- |\n| 1 |\n"))


def test_find_raw_html_ignores_code_autolinks_and_comparisons():
    text = "Use `<b>` in code, <https://example.org>, a < b, and <i>this</i>.\n<!-- hidden -->"
    assert find_raw_html(text) == [
        (
            0,
            54,
            "raw HTML (<i…) is not allowed in lessons; use Markdown or a directive, or put it in `backticks` to show it as code",
        ),
        (
            1,
            1,
            "raw HTML (<!--…) is not allowed in lessons; use Markdown or a directive, or put it in `backticks` to show it as code",
        ),
    ]


def _tags_and_classes(html: str) -> set[tuple[str, str]]:
    """Every (tag, class) pair in the HTML."""
    return set(re.findall(r'<([a-z0-9]+)(?:[^>]*?class="([^"]*)")?', html))


def test_every_directives_output_survives_sanitising_unchanged(annotated_root):
    catalog = load_catalog(annotated_root)
    split = split_directives(EVERY_DIRECTIVE, 1, "lessons/x.md", "placeholder")
    assert [b.name for b in split.blocks] == ["excerpt", "framing", "figures", "sources", "quotes", "self-check"]
    for block in split.blocks:
        html, problems, _ = render_directive(block, catalog, "lessons/x.md")
        assert problems == [] and html
        assert _tags_and_classes(sanitise(html)) == _tags_and_classes(html), block.name
        assert sanitise(html).count("href=") == html.count("href="), block.name
