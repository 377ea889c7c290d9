"""Broken annotation and quantity files: each problem at its file, line and column, with what to write instead."""

from pathlib import Path

import pytest

from crosscheck.content.loading import load_catalog

SEED = """---
id: test-article
source: test.txt
outlet: Test Times
outlet_note: Named.
headline: Officials count 300 boats
date_as_stated: null
date_note: None given.
kind: report
---
Officials count 300 boats
The agency said about 300 boats arrived on Monday, according to officials. A sailor said: “It was cold.”
Boats came. Boats came.
"""

QUANTITIES = """boats:
  label: Boats
  unit: boats
  description: How many boats arrived.
"""

ANNOTATIONS = """article: test-article
claims:
  - id: t-claim
    quote: The agency said about 300 boats arrived on Monday, according to officials.
    attributed_to: the agency
    presentation: attributed
    signals: [according to]
figures:
  - id: t-headline-boats
    quote: Officials count 300 boats
    quantity: boats
    value: "300"
    unit: boats
    given_by: officials
  - id: t-boats
    quote: about 300 boats arrived
    quantity: boats
    value: about 300
    low: 300
    high: 300
    unit: boats
    given_by: the agency
sources:
  - id: t-agency
    name: The agency
    kind: official_statement
    access: direct
    chain: [the agency, Test Times]
    quote: The agency said
quotes:
  - key: cold
    speaker: a sailor
    quote: “It was cold.”
"""

FILE = "seeds/test-story/test.annotations.yaml"


def write_content(root: Path, annotations: str = ANNOTATIONS, quantities: str = QUANTITIES, seed: str = SEED) -> None:
    """A one-article story with its quantities and annotations, as a teacher would lay it out."""
    story = root / "seeds" / "test-story"
    story.mkdir(parents=True, exist_ok=True)
    (story / "story.yaml").write_text("id: test-story\ntitle: T\nsummary: S\n", encoding="utf-8")
    (story / "test.md").write_text(seed, encoding="utf-8")
    (story / "quantities.yaml").write_text(quantities, encoding="utf-8")
    (story / "test.annotations.yaml").write_text(annotations, encoding="utf-8")


def problems_for(tmp_path, annotations=ANNOTATIONS, quantities=QUANTITIES, seed=SEED) -> list[str]:
    write_content(tmp_path, annotations, quantities, seed)
    return [str(p) for p in sorted(load_catalog(tmp_path).problems)]


def test_made_up_annotations_load(tmp_path):
    write_content(tmp_path)
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    [claim] = catalog.claims_for("test-article")
    assert claim.signals == ("according to",) and claim.location.sentence_ids == ("p2s1",)
    assert [f.value for f in catalog.figures_for("boats")] == ["300", "about 300"]  # reading order
    [source] = catalog.sources_by_article("test-article")
    assert source.chain == ("the agency", "Test Times") and source.kind_label == "official statement"
    [quote] = catalog.quotes_for("cold")  # a key used by one article only is fine
    assert quote.location.text == "“It was cold.”" and quote.form == "direct"
    assert catalog.quantities["boats"].label == "Boats"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "quote: about 300 boats arrived",
            "quote: about 400 boats arrived",
            "16:5: quote not found in the article; copy it from the text exactly",
        ),
        (
            "quote: The agency said about 300 boats arrived on Monday, according to officials.",
            "quote: Boats came.",
            "4:5: quote occurs 2 times; quote more words so that it matches only once",
        ),
        (
            "article: test-article",
            "article: test-artcle",
            "1:1: unknown article 'test-artcle'; did you mean 'test-article'?",
        ),  # fmt: skip
        (
            "quantity: boats\n    value: about",
            "quantity: boat\n    value: about",
            "17:5: unknown quantity 'boat'; did you mean 'boats'?",
        ),  # fmt: skip
        (
            "signals: [according to]",
            "signals: [reportedly]",
            "7:15: signal 'reportedly' is not inside the claim's quote",
        ),
        (
            "signals: [according to]",
            "signals: [according to]\n    hedges: [alleged]",
            "8:14: hedge 'alleged' is not inside the claim's quote",
        ),
        (
            "signals: [according to]",
            "signals: [according to]\n    inferences: [about, could suggest]",
            "8:25: inference 'could suggest' is not inside the claim's quote",
        ),
        ("id: t-boats", "id: t-headline-boats", "15:5: id 't-headline-boats' is already used at " + FILE + ":9"),
        (
            "presentation: attributed",
            "presentation: atributed",
            "6:5: unknown presentation 'atributed'; did you mean 'attributed'?",
        ),  # fmt: skip
        (
            "kind: official_statement",
            "kind: official",
            "26:5: unknown source kind 'official'; did you mean 'official_statement'?",
        ),  # fmt: skip
        ("access: direct", "access: relay", "27:5: unknown access 'relay'; did you mean 'relayed'?"),
        (
            "chain: [the agency, Test Times]",
            "chain: [the agency, The Times]",
            "28:25: the chain must end with the article's outlet: 'Test Times'",
        ),  # fmt: skip
        ("low: 300", "low: 400", "19:5: low (400) is greater than high (300)"),
        (
            "id: t-claim",
            "id: T Claim",
            "3:5: id: 'T Claim' is not a valid id: use lowercase letters, digits and hyphens, e.g. 'who-said-so'",
        ),
        ("signals:", "signal:", "7:5: unknown field 'signal'; did you mean 'signals'?"),
        ("    attributed_to: the agency\n", "", "3:5: missing field 'attributed_to'"),
    ],
)
def test_each_error_at_its_line_and_column(tmp_path, old, new, expected):
    assert old in ANNOTATIONS
    assert problems_for(tmp_path, ANNOTATIONS.replace(old, new, 1)) == [f"{FILE}:{expected}"]


def test_unknown_quote_form(tmp_path):
    annotations = ANNOTATIONS.replace("speaker: a sailor", "speaker: a sailor\n    form: indirect")
    assert problems_for(tmp_path, annotations) == [f"{FILE}:33:5: unknown form 'indirect'; did you mean 'direct'?"]


def test_quote_key_twice_in_one_file(tmp_path):
    annotations = ANNOTATIONS + "  - key: cold\n    speaker: a sailor\n    quote: A sailor said\n"
    assert problems_for(tmp_path, annotations) == [
        f"{FILE}:34:5: quote key 'cold' is used twice in this file; one passage per article"
    ]


def test_not_figure_must_hold_a_number(tmp_path):
    annotations = ANNOTATIONS + "not_figures:\n  - quote: A sailor said\n    reason: none\n"
    assert problems_for(tmp_path, annotations) == [
        f"{FILE}:35:5: this passage holds no number the figure finder reports; remove the entry"
    ]


def test_file_must_be_named_after_its_seed(tmp_path):
    write_content(tmp_path)
    story = tmp_path / "seeds" / "test-story"
    (story / "test.annotations.yaml").rename(story / "other.annotations.yaml")
    assert [str(p) for p in load_catalog(tmp_path).problems] == [
        "seeds/test-story/other.annotations.yaml:1:1: annotations of 'test-article' belong in "
        "test.annotations.yaml beside its seed file"
    ]


UNCLOSED = "the list opened with [ here is not closed; close it with ] on the same line; put an entry holding a comma or ': ' in quotes"


def test_unknown_section_and_yaml_syntax(tmp_path):
    assert problems_for(tmp_path, ANNOTATIONS.replace("figures:", "figurs:")) == [
        f"{FILE}:8:1: unknown field 'figurs'; did you mean 'figures'?"
    ]
    [message] = problems_for(tmp_path, ANNOTATIONS.replace("signals: [according to]", "signals: [according to"))
    assert message == f"{FILE}:7:14: {UNCLOSED}"  # at the [ that is not closed


def test_a_bad_entry_is_left_out_and_the_rest_loads(tmp_path):
    write_content(tmp_path, ANNOTATIONS.replace("quote: about 300 boats arrived", "quote: about 400 boats"))
    catalog = load_catalog(tmp_path)
    assert [f.id for f in catalog.figures_for("boats")] == ["t-headline-boats"]
    assert len(catalog.errors) == 1 and catalog.warnings == []  # no uncovered-number noise on a broken file


def test_uncovered_number_warns_at_the_seed_line(tmp_path):
    write_content(tmp_path, ANNOTATIONS.replace("quote: Officials count 300 boats", "quote: Officials count"))
    assert [str(p) for p in load_catalog(tmp_path).problems] == [
        "seeds/test-story/test.md:11:17: warning: number '300' (p1s1) is not covered by any figure annotation: "
        f"quote it in a figure of {FILE} or list it under not_figures with a reason"
    ]


def test_article_without_annotations_warns_for_each_number(tmp_path):
    write_content(tmp_path)
    (tmp_path / FILE).unlink()
    problems = sorted(load_catalog(tmp_path).problems)
    assert [(p.path, p.line, p.col, p.severity) for p in problems] == [
        ("seeds/test-story/quantities.yaml", 1, 1, "warning"),  # 'boats' has no figure any more
        ("seeds/test-story/test.md", 11, 17, "warning"),  # '300' in the headline
        ("seeds/test-story/test.md", 12, 23, "warning"),  # '300' in the body
    ]


def test_quantity_problems(tmp_path):
    quantities = QUANTITIES + "Bad Key:\n  label: x\n  unit: x\n  description: x\nspare:\n  label: x\n  unit: x\n"
    assert problems_for(tmp_path, quantities=quantities) == [
        "seeds/test-story/quantities.yaml:5:1: quantity key 'Bad Key': use lowercase words joined by underscores, "
        "e.g. 'nk_killed'",
        "seeds/test-story/quantities.yaml:9:1: missing field 'description'",
    ]
    quantities = QUANTITIES + "spare:\n  label: x\n  unit: x\n  description: x\n"
    assert problems_for(tmp_path, quantities=quantities) == [
        "seeds/test-story/quantities.yaml:5:1: warning: quantity 'spare' has no figure in any annotation file; "
        "annotate a figure or remove it"
    ]


def test_quantity_key_defined_in_two_stories(tmp_path):
    write_content(tmp_path)
    other = tmp_path / "seeds" / "zz-story"
    other.mkdir()
    (other / "story.yaml").write_text("id: zz-story\ntitle: T\nsummary: S\n", encoding="utf-8")
    (other / "quantities.yaml").write_text(QUANTITIES, encoding="utf-8")
    assert [str(p) for p in load_catalog(tmp_path).problems] == [
        "seeds/zz-story/quantities.yaml:1:1: quantity key 'boats' is already defined at "
        "seeds/test-story/quantities.yaml:1:1"
    ]
