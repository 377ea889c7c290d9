"""`flask content check` on annotations: no uncovered number in the shipped content, warnings on made-up content."""

from tests.content.test_annotation_errors import ANNOTATIONS, FILE, write_content


def test_shipped_content_has_no_uncovered_number(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output
    assert "is not covered" not in result.output
    assert "marked as not a figure" not in result.output


def test_not_figures_are_listed_on_request(runner):
    result = runner.invoke(args=["content", "check", "--not-figures"])
    assert result.exit_code == 0, result.output
    assert "6 number(s) marked as not a figure:" in result.output
    assert "seeds/nk-pow-interrogation/003-hngn.md:39:1: 'One prisoner revealed' is not a figure: " in result.output


def test_uncovered_number_is_a_warning_at_the_seed_line(make_app, tmp_path):
    write_content(tmp_path, ANNOTATIONS.replace("quote: Officials count 300 boats", "quote: Officials count"))
    result = make_app(CONTENT_DIR=str(tmp_path)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output  # warnings do not fail the check
    assert (
        "seeds/test-story/test.md:11:17: warning: number '300' (p1s1) is not covered by any figure annotation"
        in result.output
    )
    assert "0 error(s), 1 warning(s)" in result.output


def test_annotation_error_fails_the_check(make_app, tmp_path):
    write_content(tmp_path, ANNOTATIONS.replace("presentation: attributed", "presentation: gossip"))
    result = make_app(CONTENT_DIR=str(tmp_path)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert f"{FILE}:6:5: unknown presentation 'gossip'; choose one of: " in result.output
