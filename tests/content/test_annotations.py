"""The shipped annotations: complete, faithful to the texts, and lined up across outlets."""

import re

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.annotations import NOT_ATTRIBUTED, OUTLET_ITSELF, numbers_in, uncovered_numbers
from crosscheck.content.figures import find_numbers
from crosscheck.content.loading import load_catalog

KP, CAPTIVES, GLIMPSE, HNGN, DIPLOMAT = (
    "nk-pow-kyivpost",
    "nk-pow-captives",
    "nk-pow-glimpse",
    "nk-pow-hngn",
    "nk-pow-diplomat",
)

# Every quantity that more than one outlet reports, and the outlets that report it (read from the texts).
MULTI_OUTLET = {
    "nk_troops_deployed": {CAPTIVES, GLIMPSE, HNGN},
    "nk_killed": {KP, GLIMPSE, HNGN},
    "nk_wounded": {KP, GLIMPSE},
    "nk_casualties_total": {CAPTIVES, HNGN},
    "nk_prisoners": {CAPTIVES, GLIMPSE, HNGN, DIPLOMAT},
    "troops_on_ferry": {KP, CAPTIVES, DIPLOMAT},
    "train_beds": {KP, DIPLOMAT},
    "soldier_age_at_conscription": {KP, CAPTIVES},
    "video_release_day": {KP, GLIMPSE, DIPLOMAT},
    "capture_announced": {CAPTIVES, GLIMPSE},
    "capture_when": {HNGN, DIPLOMAT},
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(PROJECT_ROOT)


def by_article(figures):
    return [(f.article_id, f.value, f.given_by) for f in figures]


def test_every_article_is_annotated_without_problems(catalog):
    assert catalog.problems == []
    assert set(catalog.annotations) == set(catalog.articles)
    for annotations in catalog.annotations.values():
        assert annotations.claims and annotations.figures and annotations.sources


def test_no_number_is_left_uncovered_and_not_figures_are_few(catalog):
    for article in catalog.articles.values():
        assert uncovered_numbers(article, catalog.annotations[article.id]) == []
    marked = [n.location.text for a in catalog.annotations.values() for n in a.not_figures]
    assert marked == [
        "not a military one",
        "One young soldier from North Korea said",
        "One North Korean soldier was trying to blow himself up",
        "One soldier admitted",
        "One prisoner revealed",
        "One captive detailed",
    ]


def test_each_multi_outlet_quantity_has_a_figure_from_every_outlet_that_reports_it(catalog):
    reported = {key: {f.article_id for f in catalog.figures_for(key)} for key in catalog.quantities}
    multi = {key: articles for key, articles in reported.items() if len(articles) > 1}
    assert multi == MULTI_OUTLET
    for key in MULTI_OUTLET:
        order = [f.article_id for f in catalog.figures_for(key)]
        assert order == sorted(order, key=list(catalog.articles).index)  # article order


def test_who_gave_the_casualty_figures(catalog):
    assert by_article(catalog.figures_for("nk_killed")) == [
        (KP, "approximately 300", "South Korea’s National Intelligence Service (NIS)"),
        (GLIMPSE, "300", "South Korea’s National Intelligence Service, as it told lawmakers in Seoul"),
        (HNGN, "two-thirds of approximately 4,000 casualties", "Ukrainian President Volodymyr Zelensky"),
    ]
    assert [f.when for f in catalog.figures_for("nk_killed")] == ["recently", "on Monday", "previously"]
    assert by_article(catalog.figures_for("nk_casualties_total")) == [
        (CAPTIVES, "at least one thousand (killed or wounded)", "U.S. Secretary of State Antony Blinken"),
        (HNGN, "approximately 4,000 casualties", "Ukrainian President Volodymyr Zelensky"),
    ]
    blinken = catalog.figures_for("nk_casualties_total")[0]
    assert (blinken.low, blinken.high, blinken.when) == (1000, None, "on January 6")
    assert [f.value for f in catalog.figures_for("nk_wounded")] == ["2,700 injured", "2,700 others wounded"]


def test_troops_deployed_three_figures_two_without_a_source(catalog):
    assert by_article(catalog.figures_for("nk_troops_deployed")) == [
        (CAPTIVES, "over 10,000", "authorities in Seoul"),
        (GLIMPSE, "an estimated 11,000", NOT_ATTRIBUTED),
        (HNGN, "up to 12,000", NOT_ATTRIBUTED),
    ]
    bounds = [(f.low, f.high) for f in catalog.figures_for("nk_troops_deployed")]
    assert bounds == [(10000, None), (11000, 11000), (None, 12000)]


def test_payment_reportedly_promised_is_unattributed(catalog):
    [payment] = catalog.figures_for("russia_payment_per_soldier")
    assert payment.given_by == NOT_ATTRIBUTED and payment.value == "$2,000 per soldier"
    claim = next(c for c in catalog.claims_for(DIPLOMAT) if "$2,000" in c.quote)
    assert claim.presentation == "unverified" and claim.hedges == ("reportedly",)


def test_ferry_and_beds_discrepancies(catalog):
    assert [(f.article_id, f.value) for f in catalog.figures_for("troops_on_ferry")] == [
        (KP, "more than 100"),
        (CAPTIVES, "about a hundred"),
        (CAPTIVES, "about 100 people"),
        (DIPLOMAT, "100 other soldiers"),
        (DIPLOMAT, "100 men"),
    ]
    beds = catalog.figures_for("train_beds")
    assert [(f.value, f.given_by) for f in beds] == [
        ("six tables and beds", NOT_ATTRIBUTED),
        ("six beds", 'the North Korean soldier ("the soldier\'s description")'),
    ]


def test_the_same_words_line_up_across_outlets(catalog):
    mountains = catalog.quotes_for("fewer-mountains")
    assert [(q.article_id, q.location.text) for q in mountains] == [
        (KP, "“I only know that South Korea has fewer mountains than North Korea.”"),
        (CAPTIVES, '"I only know South Korea has fewer mountains than North Korea,"'),
    ]
    assert [q.article_id for q in catalog.quotes_for("not-much")] == [KP, CAPTIVES]
    ferry = catalog.quotes_for("ferry-on-board")
    assert [(q.article_id, q.form) for q in ferry] == [(KP, "reported"), (CAPTIVES, "direct"), (DIPLOMAT, "reported")]
    assert "about 100 people" in ferry[1].location.text
    family = catalog.quotes_for("family-unaware")
    assert [q.article_id for q in family] == [KP, GLIMPSE, DIPLOMAT]
    assert "another North Korean soldier" in family[1].speaker  # not the soldier the others quote


def test_source_chains_name_who_recorded_edited_and_released_the_video(catalog):
    chains = {s.article_id: s.chain for a in catalog.annotations.values() for s in a.sources if s.kind == "interrogation_footage"}  # fmt: skip
    assert (
        chains[GLIMPSE][1] == "Ukraine, which provided and edited the footage and controlled its production and release"
    )
    assert "X on Sunday" in chains[GLIMPSE][2] and chains[GLIMPSE][-1] == "outlet not named in the text"
    assert "Security Service of Ukraine (SBU)" in chains[CAPTIVES][0]
    hngn = {s.name: s for s in catalog.sources_by_article(HNGN)}
    prisoners = hngn["Two captured North Korean soldiers, interviewed by Chosun Daily"]
    assert prisoners.access == "relayed" and prisoners.chain[1] == "Chosun Daily, in exclusive interviews"
    nis_002 = next(s for s in catalog.sources_by_article(GLIMPSE) if "Intelligence Service" in s.name)
    assert nis_002.kind == "lawmakers_briefing" and nis_002.access == "relayed"


def test_every_chain_ends_with_the_outlet_as_the_text_names_it(catalog):
    for annotations in catalog.annotations.values():
        outlet = catalog.articles[annotations.article_id].outlet_label
        assert all(source.chain[-1] == outlet for source in annotations.sources)


def test_no_outlet_is_named_that_the_text_does_not_name(catalog):
    outlets = {a.outlet for a in catalog.articles.values() if a.outlet} | {"New York Times", "NYT"}
    for annotations in catalog.annotations.values():
        article = catalog.articles[annotations.article_id]
        text = " ".join(p.text for p in article.paragraphs)
        strings = " ".join(str(v) for e in _entries(annotations) for v in vars(e).values() if isinstance(v, (str, tuple)))  # fmt: skip
        for outlet in outlets:
            if outlet not in text and outlet != article.outlet:  # the seed names its own outlet, with a note
                assert outlet not in strings, (article.id, outlet)


def test_figure_values_are_printed_in_their_quotes(catalog):
    for annotations in catalog.annotations.values():
        for figure in annotations.figures:
            for number in find_numbers(figure.value):
                assert number.text in figure.location.text, (figure.id, number.text)
            assert figure.given_by and figure.unit
            if figure.low is not None and figure.high is not None:
                assert figure.low <= figure.high


def test_presentations_agree_with_attribution(catalog):
    for annotations in catalog.annotations.values():
        for claim in annotations.claims:
            if claim.presentation == "attributed":
                assert claim.attributed_to not in (OUTLET_ITSELF, NOT_ATTRIBUTED), claim.id
                assert claim.signals or "According to" in claim.attributed_to, claim.id  # or by its paragraph
            if claim.presentation == "analysis":
                assert claim.attributed_to.startswith(OUTLET_ITSELF), claim.id
            if claim.presentation in ("unverified", "disputed"):
                assert claim.hedges, claim.id  # the words that mark it so
            if claim.inferences:
                assert claim.presentation == "analysis", claim.id


def _marked(catalog, kind):
    return {w.lower() for a in catalog.annotations.values() for c in a.claims for w in getattr(c, kind)}


def test_hedges_and_inferences_named_in_the_brief_are_marked_as_two_kinds(catalog):
    signals = {s.lower() for a in catalog.annotations.values() for c in a.claims for s in c.signals}
    hedges, inferences = _marked(catalog, "hedges"), _marked(catalog, "inferences")
    assert "according to authorities in seoul" in signals
    assert {"reportedly", "cannot independently verify", "had claimed", "alleged", "supposed"} <= hedges
    assert {"it can be assumed", "could suggest", "might", "appeared to", "likely"} <= inferences
    assert not hedges & inferences
    for not_a_hedge in ("revealed", "in an earlier interview", "reported", "typically"):  # issue 13
        assert not_a_hedge not in hedges | inferences


def test_every_number_in_every_quote_is_where_the_finder_sees_it(catalog):
    for article in catalog.articles.values():
        mentions = {(m.paragraph_id, m.number.span.start) for m in numbers_in(article)}
        for figure in catalog.annotations[article.id].figures:
            inside = [
                m for m in mentions if m[0] == figure.location.paragraph_id and figure.location.span.start <= m[1] < figure.location.span.end
            ]  # fmt: skip
            assert inside or not re.search(r"\d", figure.location.text), figure.id


def _entries(annotations):
    return [*annotations.claims, *annotations.figures, *annotations.sources, *annotations.quotes]
