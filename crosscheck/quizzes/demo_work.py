"""Demo quiz work: a few submitted attempts and one in progress, so the pages and reports have something
to show. Made through the same service a student's clicks go through; safe to run twice."""

from __future__ import annotations

from crosscheck.content.catalog import Catalog
from crosscheck.items import item_type
from crosscheck.quizzes.service import attempts_of, save_answer, start_or_resume, submit

# (student index, module index, submit?, miss every n-th item (0 = none), share of the items answered)
PLANS = [
    (0, 0, True, 0, 1.0),
    (1, 0, True, 3, 1.0),
    (1, 1, True, 2, 1.0),
    (3, 2, True, 4, 1.0),
    (2, 0, False, 2, 0.5),
]


def load_demo_quiz_work(students: list, content: Catalog) -> None:
    """Give some demo students attempts at the demo's modules; a student who already has attempts at a module is
    left alone."""
    modules = list(content.quizzes.values())
    if not modules:
        return
    for student_index, module_index, finish, miss_every, share in PLANS:
        student, module = students[student_index % len(students)], modules[module_index % len(modules)]
        if attempts_of(student.id, module.id):
            continue
        attempt = start_or_resume(student, module)
        answered = module.items[: max(1, round(len(module.items) * share))]
        for n, item in enumerate(answered, start=1):
            kind = item_type(item.type)
            wrong = miss_every and n % miss_every == 0
            save_answer(attempt, item, kind.wrong_answer(item.content) if wrong else kind.answer_key(item.content))
        if finish:
            submit(attempt)
