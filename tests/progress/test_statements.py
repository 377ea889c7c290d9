"""Prebuilt aggregates: a class's students and a list of ids read the same rows; a changed catalog gets its own statement.

Every statement is built once per shape and catalog and run with bound values, so these check what could
go wrong with that: a removed student read through the class, a second class reading the first class's
rows, a module edited in the catalog (a new object) still summed with the old points or counted by its old
score policy, catalog values written into the SQL quoted wrongly, an unbounded cache.
"""

import dataclasses

import pytest
from sqlalchemy import literal, select

from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from crosscheck.progress.statements import StatementCache, in_catalog_values, modules_key
from crosscheck.progress.student_sums import lesson_states, quiz_summaries, skill_points
from crosscheck.progress.students import ClassStudents
from crosscheck.timezone import utcnow
from tests.sample_work import SAMPLE_QUIZ, edited, record_attempt, with_items


def _class_of_three(build):
    """Three students with a submitted attempt each; the third removed from the class."""
    students = [build.user("student") for _ in range(3)]
    classroom = build.classroom(build.user("teacher"), students)
    for points, student in zip((1.0, 0.0, 1.0), students, strict=True):
        item = SAMPLE_QUIZ.items[0]
        record_attempt(student, SAMPLE_QUIZ, {item.id: ({"choice": "a"}, points)}, utcnow())
    removed = db.session.scalar(select(Enrollment).where(Enrollment.student_id == students[2].id))
    removed.removed_at = utcnow()
    db.session.commit()
    return classroom, students


def test_a_class_reads_the_same_rows_as_its_current_students_listed(build):
    classroom, students = _class_of_three(build)
    other, _ = _class_of_three(build)
    modules = {SAMPLE_QUIZ.id: SAMPLE_QUIZ}
    current = [s.id for s in students[:2]]
    in_class = ClassStudents(classroom.id)
    assert quiz_summaries(in_class, modules) == quiz_summaries(current, modules)
    assert {user for user, _ in quiz_summaries(in_class, modules)} == set(current)
    assert skill_points(in_class, modules) == skill_points(current, modules)
    assert lesson_states(in_class, ["any"]) == lesson_states(current, ["any"]) == {}
    assert {user for user, _ in quiz_summaries(ClassStudents(other.id), modules)}.isdisjoint(current)


def test_a_module_changed_in_the_catalog_is_summed_with_its_new_points(build):
    _, students = _class_of_three(build)
    item = SAMPLE_QUIZ.items[0]
    before = quiz_summaries([students[0].id], {SAMPLE_QUIZ.id: SAMPLE_QUIZ})
    heavier = with_items(SAMPLE_QUIZ, edited(item, points=5), *SAMPLE_QUIZ.items[1:])
    after = quiz_summaries([students[0].id], {SAMPLE_QUIZ.id: heavier})
    key = (students[0].id, SAMPLE_QUIZ.id)
    assert (before[key].answered_catalog, after[key].answered_catalog) == (float(item.points), 5.0)


def test_a_score_policy_changed_in_the_catalog_counts_its_own_attempt(build):
    student = build.user("student")
    item = SAMPLE_QUIZ.items[0]
    for points in (0.0, 1.0):  # the first attempt wrong, the second right
        record_attempt(student, SAMPLE_QUIZ, {item.id: ({"choice": "a"}, points)}, utcnow())
    counted = {}
    for policy in ("highest", "first", "latest", "highest"):
        module = dataclasses.replace(SAMPLE_QUIZ, settings=SAMPLE_QUIZ.settings.model_copy(update={"score": policy}))
        counted[policy] = quiz_summaries([student.id], {module.id: module})[(student.id, module.id)].counted_points
    assert counted == {"highest": 1.0, "first": 0.0, "latest": 1.0}


@pytest.mark.parametrize(
    ("value", "listed", "found"),
    [
        ("it's", ["it's", "x"], True),
        ("a\\b", ["a\\b"], True),  # a backslash is no escape in either engine's string literals
        ("a\\'b", ["a'b", "a\\b"], False),
        ("m:i", [], False),  # an empty list: never true
    ],
)
def test_catalog_values_are_written_as_the_engine_reads_them(app, value, listed, found):
    assert db.session.scalar(select(in_catalog_values(literal(value), listed))) is found


def test_the_cache_builds_once_per_key_and_drops_the_least_recently_used():
    cache, built = StatementCache(size=2), []

    def build(name):
        built.append(name)
        return name

    assert [cache.get(k, lambda k=k: build(k)) for k in ("a", "a", "b", "c", "a")] == ["a", "a", "b", "c", "a"]
    assert built == ["a", "b", "c", "a"]  # "a" fell out when "c" came in
    for key in ("c", "d", "c", "e", "c"):  # "c" is read between newcomers: it stays
        cache.get(key, lambda key=key: build(key))
    assert built == ["a", "b", "c", "a", "d", "e"] and len(cache) == 2


def test_classes_assigning_the_same_modules_in_another_order_share_one_statement():
    first = {"m1": SAMPLE_QUIZ, "m2": None}
    second = {"m2": None, "m1": SAMPLE_QUIZ}
    assert modules_key(first) == modules_key(second)
