"""The framing and figures directives: rendered from small annotations of the real articles, and their errors."""

import pytest

from tests.content.lesson_files import line_of, problems_of, write_lesson
from tests.content.small_annotations import ALL
from tests.content.test_excerpt_directive import lesson_html


@pytest.fixture
def root(annotated_root):
    return annotated_root


def test_framing_shows_headline_lead_sources_hedges_inferences_and_furniture(root):
    body = "```framing\narticles: [nk-pow-kyivpost, nk-pow-glimpse, nk-pow-hngn]\n```\n"
    write_lesson(root, body, articles=ALL)
    html = lesson_html(root)
    assert "<caption>How each article frames the event</caption>" in html
    assert all(
        h in html
        for h in (
            "Headline",
            "Lead (first paragraph)",
            "Whom it quotes or cites",
            "Hedges: uncertain, estimated, unverified or disputed",
            "Inferences: the writer reasoning aloud",
        )
    )
    assert "What it puts first" not in html  # no `first:` notes given, so no such column
    assert '<span class="muted">No headline in the text</span>' in html  # Kyiv Post's capture has none
    assert (
        "Troops Detained in Ukraine Give Rare Glimpse Into North Korea’s Military<br><small>Ukraine’s president" in html
    )
    assert "<td>One of the North Korean prisoners of war (POWs) shared some very revealing details" in html
    assert (
        'on Monday morning. <small><a class="context-link" href="/articles/nk-pow-kyivpost#p1">In context'
        '<span class="visually-hidden"> (Kyiv Post)</span></a></small></td>'
    ) in html
    assert (
        'the two soldiers, in footage provided and edited by Ukraine <span class="tag">interrogation footage</span>'
        in html
    )
    assert '<a class="context-link" href="/articles/nk-pow-hngn#p10s1">“cannot independently verify”</a>' in html
    assert "“reported”" not in html  # an attribution signal is neither a hedge nor an inference
    assert '<a class="context-link" href="/articles/nk-pow-glimpse#p7s1">“appeared to”</a>' in html
    assert html.count("No inference annotated") == 2  # the Kyiv Post and HNGN files annotate none
    assert (
        '<span class="tag">photo caption</span> <a class="context-link" href="/articles/nk-pow-hngn?furniture=show#p2">Russia has been hit by a string'
        in html
    )
    assert '<span class="tag">paywall notice</span>' in html
    assert html.count("No sources annotated") == 1  # Kyiv Post has no sources in these small annotations


def test_framing_first_notes_and_chosen_aspects(root):
    body = (
        "```framing\narticles: [nk-pow-captives, nk-pow-hngn]\nshow: [headline, first]\nfirst:\n"
        "  nk-pow-captives: Zelensky's *Telegram* report\n  nk-pow-hngn: Chosun Daily's interviews\n```\n"
    )
    write_lesson(root, body, articles=ALL)
    html = lesson_html(root)
    assert "<td>Zelensky's <em>Telegram</em> report</td>" in html and "<td>Chosun Daily's interviews</td>" in html
    assert "Lead (first paragraph)" not in html and "Page furniture" not in html
    assert (
        '<span class="outlet">outlet not named in the text</span> <small class="headline-hint">“North Korean captives'
        in html
    )


def test_framing_errors(root):
    body = (
        "```framing\narticles:\n  - nk-pow-captives\n  - nk-pow-hngm\nshow: [headline, lede]\nfirst:\n"
        "  nk-pow-captives: Zelensky\n  nk-pow-diplomat: analysis\n```\n"
    )
    path = write_lesson(root, body)
    assert problems_of(root) == [  # options that fail validation stop the directive before any look-up
        f"lessons/lesson.md:{line_of(path, 'show:')}:18: framing: show entry 2: Input should be 'headline', 'lead', "
        "'first', 'quotes', 'hedges', 'inferences' or 'furniture'",
    ]
    path = write_lesson(root, body.replace("show: [headline, lede]\n", ""))
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, '- nk-pow-hngm')}:5: framing: unknown article 'nk-pow-hngm'; did you mean 'nk-pow-hngn'?",
        f"lessons/lesson.md:{line_of(path, 'first:')}:1: framing: say what 'nk-pow-hngm' puts first (articles[1] has no entry)",
        f"lessons/lesson.md:{line_of(path, 'nk-pow-diplomat: analysis')}:3: framing: 'nk-pow-diplomat' is not one of this table's articles",
    ]


def test_figures_table_lists_every_outlet_and_marks_figures_that_cannot_agree(root):
    write_lesson(root, "```figures\nquantity: nk_killed\n```\n", articles=ALL)
    html = lesson_html(root)
    assert "<caption>North Korean soldiers killed <small>(soldiers)</small></caption>" in html
    rows = html.split("<tr")[2:]
    assert len(rows) == 3
    kyiv, glimpse, hngn = rows
    assert (
        '<span class="outlet">Kyiv Post</span>' in kyiv
        and 'href="/articles/nk-pow-kyivpost#p24s1">approximately 300</a>' in kyiv
    )
    assert "<td>South Korea’s National Intelligence Service (NIS)</td><td>recently</td>" in kyiv
    assert kyiv.startswith(' class="disagrees">')
    assert "<strong>No</strong>: cannot be true together with HNGN (two-thirds of approximately 4,000)" in kyiv
    assert "outlet not named in the text" in glimpse and "<td>on Monday</td>" in glimpse
    assert (
        "cannot be true together with Kyiv Post (approximately 300); outlet not named in the text, “Troops Detained "
        "in Ukraine Give Rare Glimpse Into North Korea’s Military” (300)"
    ) in hngn


def test_figures_that_agree_are_not_marked(root):
    write_lesson(
        root, "```figures\nquantity: nk_killed\narticles: [nk-pow-kyivpost, nk-pow-glimpse]\n```\n", articles=ALL
    )
    html = lesson_html(root)
    assert "disagrees" not in html and html.count("<td>Yes</td>") == 2


def test_figures_without_numbers_are_left_to_the_reader(root):
    write_lesson(root, "```figures\nquantity: release_day\n```\n", articles=ALL)
    html = lesson_html(root)
    assert html.count('<span class="muted">Not a number: compare the words</span>') == 2
    assert "disagrees" not in html and "<td>Yes</td>" not in html
    assert '<span class="muted">not stated</span>' in html


def test_figures_errors(root):
    path = write_lesson(root, "```figures\nquantity: nk_kiled\n```\n")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line_of(path, 'quantity: nk_kiled')}:1: figures: unknown quantity key 'nk_kiled'; did you mean 'nk_killed'?"
    ]
    path = write_lesson(root, "```figures\nquantity: nk_wounded\narticles: [nk-pow-hngn, nk-pow-diplomate]\n```\n")
    line = line_of(path, "quantity: nk_wounded")
    assert problems_of(root) == [
        f"lessons/lesson.md:{line}:1: figures: no figure for 'nk_wounded' is annotated in the articles chosen",
        f"lessons/lesson.md:{line + 1}:25: figures: unknown article 'nk-pow-diplomate'; did you mean 'nk-pow-diplomat'?",
    ]
