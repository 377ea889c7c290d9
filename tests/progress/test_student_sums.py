"""Score and skill sums take today's catalog where it knows an item's version, and the stored version otherwise.

The aggregates skip reading stored JSON for answers to an item's current version (its hash is the catalog's);
an answer to an earlier version keeps the skill it had then, and an item gone from a module adds no points.
The same sums come out when the catalog's items carry no hash at all (every skill then read from storage).
"""

from dataclasses import dataclass, replace

from crosscheck.progress.student_sums import quiz_summaries, skill_points
from crosscheck.timezone import utcnow
from tests.sample_work import SampleItem, SampleQuiz, item_content, record_attempt, store_version


@dataclass(frozen=True)
class HashedItem(SampleItem):
    """A stand-in item that also knows the hash of its current version, as the real catalog's items do."""

    hash: str = ""


def _module_and_answers():
    """A module of two items; q2 was answered in an earlier version whose skill was framing."""
    q1 = SampleItem("q1", "choice", "conflicting_figure", 1)
    q2 = SampleItem("q2", "choice", "unverified_claim", 2)
    current = {item.id: store_version("m", item_content(item)) for item in (q1, q2)}
    earlier = store_version("m", {**item_content(q2), "skill": "framing", "prompt": "An earlier wording"})
    hashed = SampleQuiz("m", "Module", tuple(HashedItem(**vars(i), hash=current[i.id]) for i in (q1, q2)))
    plain = SampleQuiz("m", "Module", (q1, q2))
    return hashed, plain, {"q1": current["q1"], "q2": earlier}


def test_an_earlier_version_keeps_its_skill(build):
    student = build.user("student")
    hashed, plain, versions = _module_and_answers()
    record_attempt(
        student, plain, {"q1": ({"choice": "a"}, 1.0), "q2": ({"choice": "b"}, 0.0)}, utcnow(), versions=versions
    )
    by_hash = skill_points([student.id], {"m": hashed})
    assert set(by_hash) == {(student.id, "m", "conflicting_figure"), (student.id, "m", "framing")}
    assert by_hash == skill_points([student.id], {"m": plain})


def test_an_item_gone_from_the_module_adds_no_catalog_points(build):
    student = build.user("student")
    hashed, plain, versions = _module_and_answers()
    record_attempt(
        student, plain, {"q1": ({"choice": "a"}, 1.0), "q2": ({"choice": "a"}, 2.0)}, utcnow(), versions=versions
    )
    without_q2 = replace(hashed, items=hashed.items[:1])
    (summary,) = quiz_summaries([student.id], {"m": without_q2}).values()
    assert (summary.latest_points, summary.answered_max, summary.answered_catalog) == (3.0, 3.0, 1.0)
    sums = skill_points([student.id], {"m": without_q2})
    assert sums[(student.id, "m", "framing")].answered_catalog == 0.0
    assert sums == skill_points([student.id], {"m": replace(plain, items=plain.items[:1])})
