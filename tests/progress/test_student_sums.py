"""Score and skill sums take today's catalog where it knows an item's version, and the stored version otherwise.

The aggregates skip reading stored JSON for answers to an item's current version (its hash is the catalog's);
an answer to an earlier version keeps the skill it had then, and an item gone from a module adds no points.
"""

from crosscheck.progress.student_sums import quiz_summaries, skill_points
from crosscheck.timezone import utcnow
from tests.sample_work import SAMPLE_QUIZ, record_attempt, store_version, with_items


def _module_and_answers():
    """The sample module cut to q1 (1 point) and q3 (2 points); q3 was answered in an earlier version (framing)."""
    q1, _, q3 = SAMPLE_QUIZ.items
    module = with_items(SAMPLE_QUIZ, q1, q3)
    earlier = store_version(module.id, {**q3.content, "skill": "framing", "prompt": "An earlier wording"})
    return module, {"q3": earlier}


def test_an_earlier_version_keeps_its_skill(build):
    student = build.user("student")
    module, versions = _module_and_answers()
    record_attempt(
        student, module, {"q1": ({"choice": "a"}, 1.0), "q3": ({"choices": ["b"]}, 0.0)}, utcnow(), versions=versions
    )
    sums = skill_points([student.id], {module.id: module})
    assert set(sums) == {(student.id, module.id, "conflicting_figure"), (student.id, module.id, "framing")}


def test_an_item_gone_from_the_module_adds_no_catalog_points(build):
    student = build.user("student")
    module, versions = _module_and_answers()
    record_attempt(
        student,
        module,
        {"q1": ({"choice": "a"}, 1.0), "q3": ({"choices": ["a", "c"]}, 2.0)},
        utcnow(),
        versions=versions,
    )
    without_q3 = with_items(module, module.items[0])
    (summary,) = quiz_summaries([student.id], {module.id: without_q3}).values()
    assert (summary.counted_points, summary.answered_max, summary.answered_catalog) == (3.0, 3.0, 1.0)
    sums = skill_points([student.id], {module.id: without_q3})
    assert sums[(student.id, module.id, "framing")].answered_catalog == 0.0
