"""Sentence splitting and quote lookup on made-up and real text."""

import pytest

from crosscheck.content.errors import QuoteAmbiguous, QuoteNotFound
from crosscheck.content.text import find_in_paragraphs, normalise, split_sentences


def sentences(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_on_full_stops_question_and_exclamation_marks():
    assert sentences("One. Two? Three! Four") == ["One.", "Two?", "Three!", "Four"]


def test_abbreviations_and_dates_do_not_end_a_sentence():
    text = "Mr. Zelensky spoke between Oct. 8 and Oct. 13. U.S. Secretary Blinken agreed. It ended on Jan. 3."
    assert sentences(text) == [
        "Mr. Zelensky spoke between Oct. 8 and Oct. 13.",
        "U.S. Secretary Blinken agreed.",
        "It ended on Jan. 3.",
    ]


def test_closing_quote_mark_stays_with_its_sentence():
    assert sentences("He said, “not much.” Then he stopped.") == ["He said, “not much.”", "Then he stopped."]


def test_lowercase_after_full_stop_does_not_split():
    assert sentences("The figure was 2.5 km. e.g. nothing else") == ["The figure was 2.5 km. e.g. nothing else"]


def test_normalise_folds_quote_marks_and_space_runs_and_maps_back():
    folded, index = normalise("“A  b’s”\n c")
    assert folded == '"A b\'s" c'
    assert len(index) == len(folded)
    assert index[3] == 4  # the 'b' after a folded double space


PARAS = ["He said “we were told nothing.” Nothing else.", "Later: “we were told nothing” again?", "Other text."]


def test_finds_quote_with_straight_marks_for_curly_ones():
    match = find_in_paragraphs(PARAS, 'said "we were told nothing."')
    assert match.paragraph_index == 0
    assert PARAS[0][match.span.start : match.span.end] == "said “we were told nothing.”"


def test_finds_quote_across_different_white_space():
    match = find_in_paragraphs(PARAS, "Other\n   text.")
    assert match.paragraph_index == 2


def test_not_found_shows_both_sides_where_they_part():
    with pytest.raises(QuoteNotFound) as info:
        find_in_paragraphs(PARAS, 'He said "we were told nobody."')
    assert str(info.value) == (
        """quote not found: the article has 'He said "we were told nothing." Noth…', """
        """you wrote 'He said "we were told nobody."'"""
    )


def test_not_found_when_the_quote_runs_past_its_paragraph():
    with pytest.raises(QuoteNotFound) as info:
        find_in_paragraphs(PARAS, "Later: “we were told nothing” again? And more.")
    assert str(info.value) == (
        """quote not found: the paragraph ends at '…told nothing" again?', you wrote '…told nothing" again? And more.'"""
    )


DASHED = ["The video shows two North Korean officers—a claim that could not be verified, a spokesman – he said."]


@pytest.mark.parametrize(
    "typed", ["officers - a claim", "officers—a claim", "officers – a claim", "officers -a claim", "officers- a claim"]
)
def test_dashes_and_the_spaces_around_them_count_as_the_same(typed):
    match = find_in_paragraphs(DASHED, typed)
    assert DASHED[0][match.span.start : match.span.end] == "officers—a claim"  # the student sees the article's text


def test_a_quote_may_start_with_a_dash():
    match = find_in_paragraphs(DASHED, "- he said.")
    assert DASHED[0][match.span.start : match.span.end] == "– he said."


def test_a_hyphen_inside_a_word_is_not_a_dash():
    assert find_in_paragraphs(["a well-known fact"], "well-known").span.start == 2
    with pytest.raises(QuoteNotFound):
        find_in_paragraphs(["a well-known fact"], "well known fact")


def test_spellings_are_not_forgiven_and_the_difference_is_shown():
    with pytest.raises(QuoteNotFound) as info:
        find_in_paragraphs(DASHED, "a claim that could not be verifed, a spokesman")
    assert str(info.value) == (
        "quote not found: the article has '…that could not be verified, a sp…', you wrote '…that could not be "
        "verifed, a sp…'"
    )


def test_short_not_found_asks_to_copy_exactly():
    with pytest.raises(QuoteNotFound, match="copy it from the text exactly"):
        find_in_paragraphs(PARAS, "zebra")


def test_ambiguous_quote_is_refused():
    with pytest.raises(QuoteAmbiguous, match="2 times"):
        find_in_paragraphs(PARAS, "we were told nothing")


def test_preferred_paragraphs_win_over_the_rest():
    match = find_in_paragraphs(PARAS, "we were told nothing", preferred={1})
    assert match.paragraph_index == 1


def test_empty_quote_is_not_found():
    with pytest.raises(QuoteNotFound):
        find_in_paragraphs(PARAS, "   ")
