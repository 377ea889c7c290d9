"""Coverage: the rows the annotations give, what counts as teaching and testing them, the command and the page."""

import pytest

from crosscheck.config import PROJECT_ROOT
from crosscheck.content.coverage import KINDS, coverage, coverage_lines, item_touches, lesson_touches
from crosscheck.content.loading import load_catalog
from tests.content.lesson_files import content_root, write_lesson


@pytest.fixture(scope="module")
def shipped():
    catalog = load_catalog(PROJECT_ROOT)
    return catalog, {(row.kind, row.key): row for row in coverage(catalog)}


def test_the_rows_are_the_annotated_conflicts_claims_chains_drifts_and_furniture(shipped):
    catalog, rows = shipped
    keys = {kind: {key for k, key in rows if k == kind} for kind in KINDS}
    assert {"nk_killed", "soldier_age_at_conscription", "train_beds", "troops_on_ferry"} == keys["figure conflict"]
    assert "nk_troops_deployed" not in keys["figure conflict"]  # over 10,000, an estimated 11,000, up to 12,000 fit
    unverified = {
        c.id for a in catalog.annotations.values() for c in a.claims if c.presentation in ("unverified", "disputed")
    }
    assert keys["unverified claim"] == unverified
    assert keys["source chain"] == {s.id for a in catalog.annotations.values() for s in a.sources}
    assert {"fewer-mountains", "ferry-on-board", "heavy-equipment-training", "casualties-many"} <= keys["quote drift"]
    assert "not-much" not in keys["quote drift"]  # "not much." and "Not much." are the same words
    assert keys["page furniture"] == {"nk-pow-kyivpost", "nk-pow-glimpse", "nk-pow-hngn", "nk-pow-diplomat"}


def test_every_shipped_row_is_taught_by_a_lesson_and_tested_by_an_item(shipped):
    _, rows = shipped
    missing = [
        f"{kind} {key}: taught {row.taught_by}, tested {row.tested_by}"
        for (kind, key), row in rows.items()
        if not row.covered
    ]
    assert missing == []


def test_a_conflict_needs_both_sides_in_one_lesson_or_item(shipped):
    catalog, rows = shipped
    killed = rows[("figure conflict", "nk_killed")]
    assert "numbers-that-disagree" in killed.taught_by  # its figures table links all three figures
    assert "conflicting-figures/killed-versus-casualties" in killed.tested_by  # 4,000 excerpt, 300 in the prompt
    assert "primary-source/kp-nis-casualties" not in killed.tested_by  # the 300 alone, not the conflict
    assert "conflicting-figures/same-nis-figures-two-outlets" not in killed.tested_by  # 300 and 300 agree


def test_an_item_touches_its_excerpt_options_and_the_phrases_its_prompt_quotes(shipped):
    catalog, _ = shipped
    item = next(i for i in catalog.quizzes["conflicting-figures"].items if i.id == "killed-versus-casualties")
    touched = item_touches(catalog, item)
    hngn = catalog.articles["nk-pow-hngn"].find_quote("approximately 4,000 casualties")
    kp = catalog.articles["nk-pow-kyivpost"].find_quote("The NIS recently reported")
    assert (hngn.article_id, hngn.sentence_ids[0]) in touched and (kp.article_id, kp.sentence_ids[0]) in touched


def test_a_lesson_touches_what_it_links_and_what_its_prose_quotes(tmp_path):
    root = content_root(tmp_path, annotations=True)
    write_lesson(
        root,
        'The report says "The White House has put the toll even higher."\n\n```excerpt\narticle: nk-pow-kyivpost\nquote: The report made no mention of civilian ferries.\n```\n',
    )
    catalog = load_catalog(root)
    touched = lesson_touches(catalog, catalog.lessons["test-lesson"])
    white_house = catalog.articles["nk-pow-glimpse"].find_quote("The White House has put the toll even higher.")
    ferries = catalog.articles["nk-pow-kyivpost"].find_quote("The report made no mention of civilian ferries.")
    assert {("nk-pow-glimpse", white_house.anchor), ("nk-pow-kyivpost", ferries.anchor)} <= touched
    rows = {(r.kind, r.key): r for r in coverage(catalog)}
    assert rows[("source chain", "gl-src-white-house")].taught_by == ("test-lesson",)
    assert rows[("source chain", "gl-src-white-house")].tested_by == ()  # no quiz modules in this root


def test_the_command_lists_rows_and_exits_1_when_strict_and_a_row_is_missing(make_app, tmp_path):
    root = content_root(tmp_path, annotations=True)
    runner = make_app(CONTENT_DIR=str(root)).test_cli_runner()
    result = runner.invoke(args=["content", "coverage", "--missing"])
    assert result.exit_code == 0, result.output
    assert "== figure conflict (4)" in result.output
    assert "nk_killed: North Korean soldiers killed: approximately 300" in result.output
    assert "    taught by: NONE\n    tested by: NONE" in result.output
    assert runner.invoke(args=["content", "coverage", "--strict"]).exit_code == 1


def test_the_shipped_content_passes_the_strict_command(runner):
    result = runner.invoke(args=["content", "coverage", "--strict"])
    assert result.exit_code == 0, result.output
    assert "taught and tested." in result.output.splitlines()[-1]


def test_lines_show_only_missing_rows_when_asked(shipped):
    catalog, rows = shipped
    assert all(line.startswith(("==", " ")) or ": " in line for line in coverage_lines(list(rows.values())))
    assert coverage_lines(list(rows.values()), only_missing=True) == []


def test_the_page_is_for_teaching_staff_only(client, signed_in):
    signed_in("student")
    assert client.get("/coverage/").status_code == 403
    assert "/coverage/" not in client.get("/lessons/").get_data(as_text=True)


def test_the_page_lists_rows_with_links_to_their_lessons_and_modules(client, signed_in):
    signed_in("teacher")
    html = client.get("/coverage/").get_data(as_text=True)
    assert "<h1>What the lessons teach and the quizzes test</h1>" in html
    assert "Every row is taught by a lesson and tested by a quiz item." in html
    assert 'href="/lessons/numbers-that-disagree"' in html and 'href="/quizzes/conflicting-figures"' in html
    assert "<code>killed-versus-casualties</code>" in html and "<code>gl-src-white-house</code>" in html
    assert 'href="/coverage/"' in client.get("/lessons/").get_data(as_text=True)
