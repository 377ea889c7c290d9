"""The figure finder: every number a student should check, on made-up text and on the real articles."""

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.annotations import numbers_in
from crosscheck.content.figures import find_numbers
from crosscheck.content.loading import load_catalog


def found(text: str) -> list[tuple[str, str]]:
    return [(n.text, n.kind) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,500 troops, 2.5 km and 300 boats", [("1,500", "digits"), ("2.5", "digits"), ("300", "digits")]),
        ("$2,000 a soldier, $2 a month, €5 million", [("$2,000", "money"), ("$2", "money"), ("€5 million", "money")]),
        (
            "only 15 percent, 20 per cent, 7%",
            [("15 percent", "percent"), ("20 per cent", "percent"), ("7%", "percent")],
        ),
        ("born in 2005, joined in 2021", [("2005", "year"), ("2021", "year")]),
        (
            "one, seven, twenty-five and eleven",
            [("one", "words"), ("seven", "words"), ("twenty-five", "words"), ("eleven", "words")],
        ),  # fmt: skip
        ("about a hundred men, one thousand dead", [("a hundred", "words"), ("one thousand", "words")]),
        ("two hundred and fifty thousand", [("two hundred and fifty thousand", "words")]),
        (
            "hundreds died, a dozen fled, thousands left",
            [("hundreds", "words"), ("a dozen", "words"), ("thousands", "words")],
        ),  # fmt: skip
        ("the three-minute clip", [("three", "words")]),
        ("twice as many", [("twice", "words")]),
        ("two-thirds killed, one-third wounded", [("two-thirds", "fraction"), ("one-third", "fraction")]),
        ("about half of it, a quarter of them", [("half", "fraction"), ("a quarter", "fraction")]),
        (
            "on Jan. 3, on January 20, on October 10, 2024",
            [("Jan. 3", "date"), ("January 20", "date"), ("October 10, 2024", "date")],
        ),  # fmt: skip
        ("in August 2024 and on 3 March", [("August 2024", "date"), ("3 March", "date")]),
        (
            "one or two officers, 10 to 12 days, 10-12 men",
            [("one or two", "range"), ("10 to 12", "range"), ("10-12", "range")],
        ),  # fmt: skip
        ("between Oct. 8 and Oct. 13, citing", [("between Oct. 8 and Oct. 13", "range")]),
        ("the 10th day", [("10th", "digits")]),
    ],
)
def test_counts(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "One of the North Korean prisoners of war",  # picks one out; a group size would be counted on its own
        "no one knew, they helped one another",
        "the first troops, the second wave",  # ordinals rank rather than count
        "a few soldiers, several officers, many casualties",  # vague quantities
        "on Monday, in mid-December, last fall",  # no day or year in digits
        "G7 leaders, F-16 jets, Su-34 bombers",  # digits inside names
        "someone alone, often, none, behalf",  # number words inside other words
    ],
)
def test_does_not_count(text):
    assert found(text) == []


def test_spans_point_at_the_printed_number():
    text = "It said 1,500 special forces left between Oct. 8 and Oct. 13."
    for number in find_numbers(text):
        assert text[number.span.start : number.span.end] == number.text


def test_one_of_the_two_counts_the_two():
    assert found("one of the two North Korean prisoners") == [("two", "words")]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(PROJECT_ROOT)


def article_numbers(catalog, article_id):
    return [(m.sentence_id, m.number.text) for m in numbers_in(catalog.articles[article_id])]


def test_real_article_kyiv_post(catalog):
    assert article_numbers(catalog, "nk-pow-kyivpost") == [
        ("p6s1", "17"),
        ("p7s1", "2005"),
        ("p7s1", "2021"),
        ("p10s1", "2024"),
        ("p12s2", "100"),
        ("p12s2", "one"),  # "not a military one": listed under not_figures
        ("p13s1", "1,500"),
        ("p13s1", "four"),
        ("p13s1", "three"),
        ("p13s1", "between Oct. 8 and Oct. 13"),
        ("p14s1", "six"),
        ("p14s2", "seven"),
        ("p20s2", "one"),
        ("p21s1", "Jan. 3"),
        ("p22s1", "Jan. 3"),
        ("p23s1", "2024"),
        ("p24s1", "300"),
        ("p24s1", "2,700"),
    ]


def test_real_articles_number_words_fractions_money_dates(catalog):
    captives = [text for _, text in article_numbers(catalog, "nk-pow-captives")]
    assert captives == ["a hundred", "100", "17", "January 11", "two", "10,000", "January 6", "one thousand"]
    hngn = dict((text, sid) for sid, text in article_numbers(catalog, "nk-pow-hngn"))
    assert hngn["two-thirds"] == "p13s2" and hngn["one or two"] == "p8s2" and hngn["half"] == "p14s2"
    assert hngn["October 10, 2024"] == "p11s2" and hngn["1.5"] == "p14s2"
    assert "2022" in hngn and hngn["2022"] == "p9s2"  # the body's 2022, not the photo caption's
    diplomat = [text for _, text in article_numbers(catalog, "nk-pow-diplomat")]
    assert diplomat == ["January 20", "two", "11", "100", "$2", "15 percent", "$2,000", "100", "six"]
    glimpse = [text for _, text in article_numbers(catalog, "nk-pow-glimpse")]
    assert glimpse == ["two", "One", "three", "two", "11,000", "300", "2,700", "One"]


def test_furniture_is_not_searched(catalog):
    hngn = catalog.articles["nk-pow-hngn"]
    caption = hngn.paragraph("p2")
    assert caption.is_furniture and find_numbers(caption.text)  # "... offensive in 2022"
    assert all(m.paragraph_id != "p2" for m in numbers_in(hngn))
