"""The shipped seeds load faithfully; broken seeds are reported at the right file and line."""

from pathlib import Path

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.errors import QuoteAmbiguous, QuoteNotFound
from crosscheck.content.loading import load_catalog

SHARED_ARTICLES = PROJECT_ROOT.parent / "shared" / "articles"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(PROJECT_ROOT)


def test_shipped_seeds_load_without_problems(catalog):
    assert catalog.problems == []
    assert len(catalog.articles) == 5


def test_bodies_are_verbatim_copies_of_the_source_files(catalog):
    for article in catalog.articles.values():
        seed = (PROJECT_ROOT / article.path).read_text(encoding="utf-8")
        body = seed.split("\n---\n", 1)[1]
        assert [line for line in body.splitlines() if line.strip()] == [p.text for p in article.paragraphs]
        source = SHARED_ARTICLES / article.source
        if source.exists():  # shared/ sits beside the repository in CI and on developer machines
            assert body.rstrip("\n") == source.read_text(encoding="utf-8").rstrip("\n")


def test_outlets_only_where_the_text_names_them(catalog):
    outlets = {a.source[:3]: a.outlet for a in catalog.articles.values()}
    assert outlets == {"000": "Kyiv Post", "001": None, "002": None, "003": "HNGN", "004": "The Diplomat"}
    for article in catalog.articles.values():
        if article.outlet:
            assert (
                article.outlet.replace(" ", "").lower()[:6]
                in " ".join(p.text for p in article.paragraphs).replace(" ", "").lower()
            )
        else:
            assert article.outlet_label == "outlet not named in the text"


def test_furniture_is_marked_not_deleted(catalog):
    kyiv = catalog.articles["nk-pow-kyivpost"]
    furniture = {p.text: p.furniture_kind for p in kyiv.paragraphs if p.is_furniture}
    assert furniture["JOIN US ON TELEGRAM"] == "subscribe prompt"
    assert furniture["Explosions Rock Kazan as Ukrainian Drones Target Strategic Bomber Factory"] == "related headline"
    hngn = catalog.articles["nk-pow-hngn"]
    assert hngn.paragraph("p2").furniture_kind == "photo caption"
    diplomat = catalog.articles["nk-pow-diplomat"]
    assert [p.role for p in diplomat.paragraphs[:5]] == ["furniture", "headline", "furniture", "furniture", "furniture"]


def test_lead_is_first_paragraph_of_article_text(catalog):
    assert catalog.articles["nk-pow-glimpse"].lead.text.startswith("One young soldier from North Korea")
    assert catalog.articles["nk-pow-diplomat"].lead.text.startswith("On January 20, Ukrainian President")


def test_sentence_ids_are_stable(catalog):
    kyiv = catalog.articles["nk-pow-kyivpost"]
    assert kyiv.sentence("p12s2").text.startswith("He said more than 100 North Korean troops")
    assert kyiv.sentence("p6s2").text == "He did not specify the details of his unit."


def test_find_quote_in_article_prefers_text_over_furniture(catalog):
    diplomat = catalog.articles["nk-pow-diplomat"]
    location = diplomat.find_quote("What Do POWs in Ukraine Teach Us About North Korea's Military?")
    assert location.paragraph_id == "p2"
    kyiv = catalog.articles["nk-pow-kyivpost"]
    location = kyiv.find_quote('"I only know that South Korea has fewer mountains than North Korea."')
    assert location.sentence_ids == ("p28s1",)
    with pytest.raises(QuoteNotFound):
        kyiv.find_quote("South Korea has more mountains")
    with pytest.raises(QuoteAmbiguous):
        kyiv.find_quote("the soldier")


def test_a_quote_looked_up_again_gives_the_same_answer(catalog):
    kyiv = catalog.articles["nk-pow-kyivpost"]
    quote = "South Korea has fewer mountains"
    assert kyiv.find_quote(quote) == kyiv.find_quote(quote)
    raised = []
    for _ in range(2):
        with pytest.raises(QuoteNotFound) as info:
            kyiv.find_quote("South Korea has more mountains")
        raised.append(info.value)
    assert str(raised[0]) == str(raised[1]) and raised[0] is not raised[1]
    assert str(raised[0]) == (
        "quote not found: the article has 'South Korea has fewer mountai…', you wrote 'South Korea has more mountai…'"
    )


GOOD_META = """---
id: test-article
source: test.txt
outlet: null
outlet_note: Not named.
headline: A headline
date_as_stated: null
date_note: None given.
kind: report
furniture:
  - text: Subscribe now
    kind: subscribe prompt
---
A headline
First paragraph. Second sentence.
Subscribe now
"""


def write_story(root: Path, seed: str, name: str = "test.md") -> Path:
    story = root / "seeds" / "test-story"
    story.mkdir(parents=True, exist_ok=True)
    (story / "story.yaml").write_text("id: test-story\ntitle: T\nsummary: S\n")
    path = story / name
    path.write_text(seed, encoding="utf-8")
    return path


def problems_for(tmp_path, seed):
    write_story(tmp_path, seed)
    return [str(p) for p in load_catalog(tmp_path).problems]


def test_made_up_seed_loads(tmp_path):
    write_story(tmp_path, GOOD_META)
    article = load_catalog(tmp_path).articles["test-article"]
    assert [p.role for p in article.paragraphs] == ["headline", "body", "furniture"]
    assert article.lead.sentences[1].text == "Second sentence."


def test_furniture_line_not_in_body(tmp_path):
    seed = GOOD_META.replace(
        "    kind: subscribe prompt", "    kind: subscribe prompt\n  - text: Not there\n    kind: footer"
    )
    assert problems_for(tmp_path, seed) == [
        "seeds/test-story/test.md:13:5: furniture 'Not there' is not a whole line of the body"
    ]


def test_missing_field(tmp_path):
    seed = GOOD_META.replace("kind: report\n", "")
    assert problems_for(tmp_path, seed) == ["seeds/test-story/test.md:2:1: missing field 'kind'"]


def test_unknown_field_suggests_the_nearest(tmp_path):
    seed = GOOD_META.replace("headline: A headline", "headline: A headline\nheadlne: typo")
    assert problems_for(tmp_path, seed) == [
        "seeds/test-story/test.md:7:1: unknown field 'headlne'; did you mean 'headline'?"
    ]


def test_bad_front_matter_syntax(tmp_path):
    seed = GOOD_META.replace("kind: report", "kind: [report")
    [message] = problems_for(tmp_path, seed)
    line = seed.split("\n").index("kind: [report") + 1
    assert message == (
        f"seeds/test-story/test.md:{line}:7: the list opened with [ here is not closed; close it with ] on the same "
        "line; put an entry holding a comma or ': ' in quotes"
    )


def test_no_front_matter(tmp_path):
    assert problems_for(tmp_path, "Just text\n") == [
        "seeds/test-story/test.md:1:1: file must start with a '---' line opening the front matter"
    ]


def test_bad_kind_value(tmp_path):
    [message] = problems_for(tmp_path, GOOD_META.replace("kind: report", "kind: opinion"))
    assert message.startswith("seeds/test-story/test.md:9:1: kind: Input should be 'report' or 'analysis'")


def test_null_headline_needs_a_reason(tmp_path):
    seed = GOOD_META.replace("headline: A headline", "headline: null")
    [message] = problems_for(tmp_path, seed)
    assert "headline_note" in message


def test_duplicate_article_id(tmp_path):
    write_story(tmp_path, GOOD_META)
    write_story(tmp_path, GOOD_META, name="copy.md")
    problems = [str(p) for p in load_catalog(tmp_path).problems]
    assert problems == [
        "seeds/test-story/test.md:2:1: article id 'test-article' is already used by seeds/test-story/copy.md; "
        "give this article an id of its own"
    ]


def test_invalid_utf8(tmp_path):
    path = write_story(tmp_path, GOOD_META)
    path.write_bytes(GOOD_META.encode().replace(b"First", b"F\xffirst"))
    [message] = [str(p) for p in load_catalog(tmp_path).problems]
    assert message == "seeds/test-story/test.md:15:2: invalid UTF-8 byte; save the file as UTF-8"
