"""The default settings do not reward guessing then copying the key, and the check warns about settings that do
(feedback after each item, several attempts, and a score policy that counts a later attempt in full)."""

from __future__ import annotations

import pytest

from crosscheck.content.loading.quizzes import load_quiz_file
from crosscheck.content.sources import ContentFile
from tests.quizzes.conftest import HERE
from tests.quizzes.test_reveal_policy import SAMPLE_END_SETTINGS

SAMPLE_END = (HERE / "good" / "sample-end.yaml").read_text(encoding="utf-8")


def _load(settings: str | None, sample_catalog):
    """sample-end.yaml with other settings (None: no `settings:` block at all): (module, problems)."""
    if settings is None:
        text = SAMPLE_END.replace(f"settings:\n  {SAMPLE_END_SETTINGS}\n", "")
    else:
        text = SAMPLE_END.replace(SAMPLE_END_SETTINGS, settings)
    assert text != SAMPLE_END
    module, problems, _ = load_quiz_file(
        ContentFile("quizzes/sample-end.yaml", text.encode()), sample_catalog, sample_catalog.misconceptions
    )
    return module, problems


def test_a_module_without_settings_keeps_the_key_until_the_last_attempt_and_counts_the_best(sample_catalog):
    module, problems = _load(None, sample_catalog)
    assert problems == []
    settings = module.settings
    assert (settings.attempts, settings.feedback, settings.score) == (3, "end", "highest")


COPYABLE = "a student can answer at random, read the key and copy it into the next attempt"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            "attempts: 2\n  feedback: each",  # score: highest by default: the warning points at feedback
            f"6:3: warning: feedback after each item with 2 attempts and score 'highest': {COPYABLE}; "
            "use score: first or mean, or attempts: 1",
        ),
        (
            "attempts: 0\n  feedback: each\n  score: latest",
            f"7:3: warning: feedback after each item with unlimited attempts and score 'latest': {COPYABLE}; "
            "use score: first or mean, or attempts: 1",
        ),
    ],
    ids=["default-score", "latest-unlimited"],
)
def test_feedback_after_each_item_with_a_copyable_score_is_warned_at_its_line(settings, expected, sample_catalog):
    module, problems = _load(settings, sample_catalog)
    assert module is not None  # a warning: the module still loads
    assert [str(p) for p in problems] == [f"quizzes/sample-end.yaml:{expected}"]


@pytest.mark.parametrize(
    "settings",
    [
        "attempts: 2\n  feedback: each\n  score: first",
        "attempts: 2\n  feedback: each\n  score: mean",
        "attempts: 1\n  feedback: each",
        "attempts: 2\n  feedback: end\n  score: latest",
        "attempts: 2\n  feedback: after-due",
    ],
)
def test_settings_that_do_not_reward_copying_are_not_warned(settings, sample_catalog):
    module, problems = _load(settings, sample_catalog)
    assert module is not None and problems == []
