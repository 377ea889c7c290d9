"""Score and skill sums: an answer counts as stored (its version's skill, its maximum), items' points as today.

An answer to an earlier version keeps the skill it had then (its item's points today go to its skill today), and
an item gone from a module adds no points.
"""

from crosscheck.progress.student_sums import SkillSums, quiz_summaries, skill_points
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
    assert sums[(student.id, module.id, "conflicting_figure")] == SkillSums(1.0, 1.0, 1.0)  # q1
    assert sums[(student.id, module.id, "framing")] == SkillSums(0.0, 2.0, 0.0)  # q3 as answered
    # q3's points today are on the skill it is on today: answered, so not counted again as available there
    assert sums[(student.id, module.id, "unverified_claim")] == SkillSums(0.0, 0.0, 2.0)
    assert len(sums) == 3


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
