"""The safe YAML reader refuses what a teacher's file must never contain, quickly and with a position."""

import time

import pytest

from crosscheck.content.yamlsafe import YamlProblem, _needs_event_scan, decode_utf8, load_yaml


def problem(text, **kwargs):
    with pytest.raises(YamlProblem) as info:
        load_yaml(text, "q.yaml", **kwargs)
    return info.value.problem


def test_positions_of_keys_and_items():
    doc = load_yaml("title: x\nitems:\n  - id: a\n    prompt: b\n", "q.yaml")
    assert doc.data == {"title": "x", "items": [{"id": "a", "prompt": "b"}]}
    assert doc.where(("items", 0, "prompt")) == (4, 5)
    assert doc.where(("items", 0, "nothing", "deeper")) == (3, 5)


def test_dates_stay_text():
    assert load_yaml("date: 2025-01-20\n", "q.yaml").data == {"date": "2025-01-20"}


def test_alias_bomb_is_refused_fast():
    bomb = 'a: &a ["x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(20)
    )
    start = time.process_time()  # CPU time: a busy machine must not fail it, a bomb still does
    found = problem(bomb)
    assert "aliases" in found.message and (found.line, found.col) == (1, 4)
    assert time.process_time() - start < 1


def test_python_tags_are_refused():
    found = problem("x: !!python/object/apply:os.system ['echo hi']\n")
    assert "not allowed" in found.message and found.line == 1


def test_deep_nesting_is_refused():
    assert "nesting" in problem("x: " + "[" * 5000 + "]" * 5000).message


def test_duplicate_keys_are_refused_at_the_second_key():
    found = problem("a: 1\nb: 2\na: 3\n")
    assert (found.line, found.col) == (3, 1) and "twice" in found.message


def test_syntax_error_has_line_and_column():
    found = problem("a: [1, 2\nb: 3\n")
    assert (found.line, found.col, found.message) == (1, 4, "the list opened with [ here is not closed")
    assert found.fix == "close it with ] on the same line; put an entry holding a comma or ': ' in quotes"


def test_size_limit():
    assert "limit" in problem("a: " + "x" * 2000, max_bytes=1000).message


def test_invalid_utf8_points_at_the_byte():
    with pytest.raises(YamlProblem) as info:
        decode_utf8(b"a: ok\nb: caf\xe9\n", "q.yaml")
    assert (info.value.problem.line, info.value.problem.col) == (2, 7)


@pytest.mark.parametrize(
    "text, where",
    [
        ("x: " + "[" * 30 + "]" * 30, (1, 27)),  # shallow enough to compose: refused while building
        ("x: [" + "a: [" * 15 + "]" * 16, (1, 49)),  # a single-pair mapping in a flow list is a level too
        ("- " * 30 + "x\n", (1, 49)),
        ("k0:\r" + "".join(f"{'  ' * i}k{i}:\r" for i in range(1, 30)) + "  x\r", (25, 49)),  # \r breaks lines
    ],
)
def test_nesting_is_refused_at_the_first_level_too_deep(text, where):
    found = problem(text)
    assert "nesting deeper than 24" in found.message and (found.line, found.col) == where


def test_an_earlier_problem_is_reported_before_a_later_one():
    deep = "[" * 30 + "]" * 30
    assert "nesting" in problem(f"a: 1\na: {deep}\n").message  # before the duplicate key, though it comes after
    assert "aliases" in problem("a: &x 1\nb: [1\n").message  # before the syntax error
    assert "tag" in problem("a: !!binary aGk=\na: 2\n").message


@pytest.mark.parametrize(
    "text",
    [
        "a:\n" + "- " * 60_000 + "x\n",
        "a:\n\ufeff" + "- " * 60_000 + "x\n",  # libyaml skips a byte-order mark at a line start, counting its column
        "a:\r" + "".join(f"{' ' * i}k{i}:\r" for i in range(1, 400)),
        "a: " + "[" * 60_000,
        "a: " + "{" * 60_000,
    ],
    ids=["dashes", "bom", "cr-lines", "flow-lists", "flow-maps"],
)
def test_texts_too_deep_to_compose_are_refused_before_composing(text):
    assert _needs_event_scan(text)  # composing 60,000 levels would overflow libyaml's C stack and kill the process
    found = problem(text)
    assert "nesting deeper than 24" in found.message


@pytest.mark.parametrize(
    ("text", "where", "word"),
    [("extra:\n  <<: {y: 2}\n", (2, 3), "<<"), ("a: 1\n=: 3\n", (2, 1), "="), ("a:\n  - <<\n", (2, 5), "<<")],
)
def test_merge_and_value_words_are_refused_where_they_stand(text, where, word):
    with pytest.raises(YamlProblem) as raised:
        load_yaml(text, "f.yaml")
    assert (raised.value.problem.line, raised.value.problem.col) == where
    assert f"put it in quotes ('{word}') to mean the text" in raised.value.problem.message


def test_merge_and_value_words_in_quotes_are_text():
    assert load_yaml("a: '<<'\nb: \"=\"\n", "f.yaml").data == {"a": "<<", "b": "="}
