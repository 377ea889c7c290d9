"""YAML mistakes in plain words, at the line of the mistake, with the fix as data (the workspace shows both)."""

from __future__ import annotations

import pytest

from crosscheck.content.yamlsafe import YamlProblem, load_yaml


def problem(text: str):
    """The problem load_yaml raises for `text`."""
    with pytest.raises(YamlProblem) as caught:
        load_yaml(text, "f.yaml")
    return caught.value.problem


CASES = [
    (
        "a tab indents a list entry",
        "id: a\nitems:\n\t- id: b\n",
        (3, 1, "a tab indents this line", "YAML indents with spaces only: replace the tab with spaces"),
    ),
    (
        "': ' in a title",
        "id: a\ntitle: Practice: who is the source?\n",
        (
            2,
            8,
            "the value of title contains ': ' (a colon and a space), which YAML reads as a new key",
            'put the value in quotes: title: "Practice: who is the source?"',
        ),
    ),
    (
        "': ' in a text holding a double quote",
        'options:\n  - text: He said "no": twice\n',
        (
            2,
            11,
            "the value of text contains ': ' (a colon and a space), which YAML reads as a new key",
            """put the value in quotes: text: 'He said "no": twice'""",
        ),
    ),
    (
        "correct: two spaces too far (under text: instead of beside it)",
        "options:\n  - text: Volodymyr\n      correct: true\n",
        (
            3,
            7,
            "correct: is indented 6 spaces, more than text: above it, so YAML reads it as part of the value of text",
            "indent correct: 4 spaces, like text:",
        ),
    ),
    (
        "a field one space short",
        "items:\n  - id: a\n    type: choice\n   skill: x\n",
        (4, 4, "skill: is indented 3 spaces, but type: above it is indented 4", "indent skill: 4 spaces, like type:"),
    ),
    (
        "a field back at the dash's indentation (the parser's '?')",
        "items:\n  - id: a\n    type: choice\n  skill: x\n",
        (4, 3, "skill: is indented 2 spaces, but type: above it is indented 4", "indent skill: 4 spaces, like type:"),
    ),
    (
        "a list entry one space short",
        "options:\n  - text: a\n - text: b\n",
        (
            3,
            2,
            "the - on this line is indented 1 space, but the - above it is indented 2",
            "line it up with the - above (2 spaces)",
        ),
    ),
    (
        "a list entry under the one above",
        "options:\n  - text: a\n    - text: b\n",
        (
            3,
            5,
            "the - on this line is indented 4 spaces, but the - above it is indented 2",
            "line it up with the - above (2 spaces)",
        ),
    ),
    (
        "no space after a dash",
        "options:\n- text: a\n  correct: true\n -text: b\n",
        (4, 2, "a list entry needs a space after its -", "write - text: b"),
    ),
    (
        "no space after a colon",
        "id:a\ntitle: x\n",
        (1, 4, "id:a needs a space after the colon", "write id: a"),
    ),
    (
        "a quote never closed, read on into the next fields",
        'title: "An unclosed quote\nskills: [x]\noptions:\n  - quote: "However, HNGN"\n',
        (1, 8, 'the text that starts with " here has no closing "', 'end it with "'),
    ),
    (
        "a quote never closed, to the end of the file",
        'id: a\ntitle: "Practice\n',
        (2, 8, 'the text that starts with " here has no closing "', 'end it with "'),
    ),
    (
        "a double quote inside double quotes",
        'title: "He said "hi" to me"\n',
        (
            1,
            18,
            'text follows the closing " of a quoted value',
            """put the text in ' quotes: title: 'He said "hi" to me'""",
        ),
    ),
    (
        "text after the closing quote",
        'title: "Practice" who\n',
        (1, 19, 'text follows the closing " of a quoted value', 'put all of the value inside the " quotes'),
    ),
    (
        "a backslash in double quotes",
        'title: "C:\\x"\n',
        (
            1,
            13,
            "inside double quotes a backslash starts an escape such as \\n",
            "use single quotes around this text, or write \\\\ for one backslash",
        ),
    ),
    (
        "a value starting with @",
        "title: @home\n",
        (1, 8, "a value cannot start with @", 'put the value in quotes: title: "@home"'),
    ),
    (
        "an unclosed [list]",
        "id: a\nskills: [x, y\ntitle: b\n",
        (
            2,
            9,
            "the list opened with [ here is not closed",
            "close it with ] on the same line; put an entry holding a comma or ': ' in quotes",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_usual_mistake_is_named_where_it_was_made(text, expected):
    found = problem(text)
    assert (found.line, found.col, found.message, found.fix) == expected


def test_a_mistake_in_front_matter_counts_lines_from_the_top_of_the_file():
    with pytest.raises(YamlProblem) as caught:
        load_yaml("id: a\ntitle: Practice: who?\n", "lessons/x.md", line_offset=1)
    assert (caught.value.problem.line, caught.value.problem.col) == (3, 8)


def test_a_mistake_no_rule_knows_keeps_the_parsers_words():
    found = problem("items:\n  - id: a\n  ? x\n")
    assert found.message == "YAML syntax error: expected <block end>, but found '?' (while parsing a block collection)"
    assert (found.line, found.col, found.fix) == (3, 3, "")
