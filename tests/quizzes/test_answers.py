"""Answers are stored once per (attempt, item) with the item version they were graded against."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import delete, event, insert

from crosscheck.content.quizzes import content_hash
from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt, ItemVersion, Response
from crosscheck.quizzes.service import KeptVersions, SavedAnswer, save_answer, start_or_resume
from tests.conftest import Builders, counting_queries, csrf_token, login
from tests.quizzes.conftest import make_content_root
from tests.quizzes.helpers import answer, attempts, catalog, start, submit


def test_a_double_click_stores_one_answer_and_keeps_the_first(client, signed_in):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    first = answer(client, attempt, 1, correct=True)
    second = answer(client, attempt, 1, correct=False)  # the retried POST carries another answer
    assert first.status_code == second.status_code == 302
    (response,) = Response.query.all()
    assert response.answer == {"choice": "a"} and response.points == 1
    page = client.get(second.location).get_data(as_text=True)
    assert "your first answer is kept" in page


@contextmanager
def lost_race(model, do):
    """Run `do` on another connection just before this app first inserts a `model` row: a lost race."""
    fired = []
    insert_into = f"INSERT INTO {model.__tablename__} ".upper()

    def before_cursor_execute(_conn, _cursor, statement, *_args):
        if not fired and statement.lstrip().upper().startswith(insert_into):
            fired.append(True)
            with db.engine.begin() as other:
                do(other)

    event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield
    finally:
        event.remove(db.engine, "before_cursor_execute", before_cursor_execute)
    assert fired, "the race was never staged"


def test_a_request_that_loses_the_answer_race_reads_the_winners_row(app, build):
    student = build.user("student")
    module = catalog().quizzes["sample-module"]
    attempt = start_or_resume(student, module)
    item = module.items[0]
    row = {"attempt_id": attempt.id, "item_id": item.id, "item_hash": item.hash, "points": 1.0, "max_points": 1.0}
    with lost_race(Response, lambda other: other.execute(insert(Response).values(answer={"choice": "a"}, **row))):
        response, created = save_answer(attempt, item, {"choice": "b"})
    assert not created and response.answer == {"choice": "a"} and response.points == 1
    assert Response.query.count() == 1


def test_two_starts_at_once_give_one_open_attempt(app, build):
    student = build.user("student")
    module = catalog().quizzes["sample-module"]
    row = {"user_id": student.id, "module_id": module.id, "number": 1, "order_seed": 7}
    with lost_race(Attempt, lambda other: other.execute(insert(Attempt).values(**row))):
        attempt = start_or_resume(student, module)
    assert attempt.order_seed == 7  # the other request's attempt, not a second one
    assert Attempt.query.count() == 1


def test_the_item_version_is_stored_as_the_contract_says(client, signed_in):
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    for number in range(1, 5):
        answer(client, attempt, number)
    answers = {r.item_id: r.answer for r in Response.query.all()}
    assert answers["hngn-verify"] == {"choice": "a"}
    module = catalog().quizzes["sample-module"]
    shown = item_type("multi").view(module.items[1].content, attempt.order_seed, module.settings.shuffle_options)
    assert answers["kp-nis-statements"] == {"choices": [i for i in shown["tokens"].values() if i in {"a", "b"}]}
    assert answers["kp-soldier-said"] == {"sentences": ["p12s1", "p12s2", "p12s3"]}
    assert answers["who-gave-figure"] == {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}
    versions = {v.item_id: v for v in ItemVersion.query.all()}
    for item in catalog().quizzes["sample-module"].items:
        version = versions[item.id]
        assert version.hash == item.hash == content_hash(version.content) and version.module_id == "sample-module"
        assert version.skill == item.skill == version.content["skill"]  # kept beside the JSON, for the reports
    choice = versions["hngn-verify"].content
    assert {k: choice["options"][1][k] for k in ("id", "correct", "misconception")} == {
        "id": "b",
        "correct": False,
        "misconception": "relay-taken-for-source",
    }
    assert choice["options"][0]["text"] == "However, HNGN cannot independently verify the claims."
    highlight = versions["kp-soldier-said"].content
    assert highlight["correct_sentences"] == ["p12s1", "p12s2", "p12s3"]
    assert highlight["sentences"][3] == {
        "id": "p12s4",
        "text": "He did not give details of the locations he visited.",
        "paragraph": "p12",
        "furniture": False,
    }
    match = versions["who-gave-figure"].content
    assert match["rights"][-1] == {"id": "r4", "text": "The White House"}
    points = {item.id: item.points for item in catalog().quizzes["sample-module"].items}
    for response in Response.query.all():
        assert response.max_points == points[response.item_id]


def one_answer_submitted(make_app, root):
    """A student answers the first sample item correctly and submits: (app, username, attempt)."""
    app = make_app(CONTENT_DIR=str(root))
    with app.app_context():
        username = Builders().user("student").username
        client = app.test_client()
        login(client, username)
        start(client)
        (attempt,) = attempts_of_user(username)
        answer(client, attempt, 1, given={"choice": "a"})
        submit(client, attempt)
    return app, username, attempt


def restarted(make_app, root, app, username):
    """The app started again on the same database after the YAML changed, and the student signed in."""
    again = make_app(CONTENT_DIR=str(root), SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    client = again.test_client()
    login(client, username)
    return again, client


def results_text(client, attempt) -> str:
    """The results page with its white space collapsed."""
    return " ".join(client.get(f"/quizzes/attempts/{attempt.id}/results").get_data(as_text=True).split())


def test_a_later_yaml_edit_never_changes_a_past_score(make_app, tmp_path):
    root = make_content_root(tmp_path / "content")
    first_app, username, attempt = one_answer_submitted(make_app, root)
    path = root / "quizzes" / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("        correct: true\n        feedback: HNGN says", "        feedback: HNGN says", 1)
    text = text.replace(
        "        feedback: This names who", "        correct: true\n        feedback: This names who", 1
    )
    text = text.replace("Only one sentence speaks about verification", "The key changed")
    path.write_text(text, encoding="utf-8")
    second_app, client = restarted(make_app, root, first_app, username)
    page = results_text(client, attempt)
    assert "1 of 5 points (20%)" in page
    assert "Only one sentence speaks about verification" in page and "The key changed" not in page
    with second_app.app_context():
        start(client)
        _, new_attempt = attempts_of_user(username)
        answer(client, new_attempt, 1, given={"choice": "a"})
        points = {r.attempt_id: r.points for r in Response.query.all()}
        assert points == {attempt.id: 1.0, new_attempt.id: 0.0}  # the new key grades only the new attempt
        assert ItemVersion.query.count() == 2


def test_an_answered_item_removed_from_the_file_stays_in_the_results(make_app, tmp_path):
    root = make_content_root(tmp_path / "content")
    first_app, username, attempt = one_answer_submitted(make_app, root)
    path = root / "quizzes" / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: hngn-verify", "id: hngn-verify-2"), encoding="utf-8")
    _, client = restarted(make_app, root, first_app, username)
    page = results_text(client, attempt)
    assert "A question since removed from the module" in page and "HNGN says in its own voice" in page
    assert "1 of 6 points (17%)" in page  # the renamed item is a new, unanswered item


def attempts_of_user(username: str) -> list[Attempt]:
    """A user's sample-module attempts, by username."""
    from crosscheck.accounts.service import find_user

    return attempts(find_user(username).id)


def _statements_answering(client, attempt, number: int) -> list[str]:
    """The SQL statements one answer POST runs (the CSRF token is read before counting)."""
    module = catalog().quizzes[attempt.module_id]
    content = module.items[number - 1].content
    kind = item_type(content["type"])
    view = kind.view(content, attempt.order_seed, module.settings.shuffle_options)
    data = {"csrf_token": csrf_token(client), **kind.form_data(view, kind.answer_key(content))}
    with counting_queries() as statements:
        reply = client.post(f"/quizzes/attempts/{attempt.id}/items/{number}", data=data)
    assert reply.status_code == 302
    return [" ".join(s.replace('"', "").split()[:3]) for s in statements]  # PostgreSQL quotes "user"


def test_answering_runs_only_the_statements_it_needs(client, signed_in):
    """The busiest write: the user, the attempt with its answered items, the item's version, then the answer.

    No look for a stored answer before the insert (the unique constraint refuses a repeat), and the user is
    not loaded a second time after the commit for the response headers.
    """
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    first = _statements_answering(client, attempt, 1)
    assert first == [
        "SELECT user.id, user.username,",
        "SELECT attempt.id, attempt.user_id,",  # with the ids of the items it has answered
        "SELECT item_version.hash FROM",
        "INSERT INTO item_version",  # the first answer to this version of the item stores it
        "INSERT INTO response",
    ]
    again = _statements_answering(client, attempts(student.id)[0], 1)  # a repeat: refused before any write
    assert again == first[:2]


def test_an_item_version_once_seen_stored_is_not_asked_for_again(client, signed_in, app, build):
    """Versions are only ever added, so the app remembers the hashes it has seen stored: the next answer to
    the same version of the item runs one statement fewer, and still points at the stored version."""
    first = signed_in("student")
    start(client)
    assert "SELECT item_version.hash FROM" in _statements_answering(client, attempts(first.id)[0], 1)
    other, second = app.test_client(), build.user("student")
    login(other, second.username)
    start(other)
    assert _statements_answering(other, attempts(second.id)[0], 1) == [
        "SELECT user.id, user.username,",
        "SELECT attempt.id, attempt.user_id,",
        "INSERT INTO response",
    ]
    hashes = {r.item_hash for r in Response.query.all()}
    assert len(hashes) == 1 and ItemVersion.query.filter(ItemVersion.hash.in_(hashes)).count() == 1


def test_each_app_remembers_the_versions_of_its_own_database(make_app, sample_catalog, quiz_root):
    """A new app asks its own database for the item's version, whatever another app has seen (on PostgreSQL
    the two apps share one database, on SQLite each has its own)."""
    for n in range(2):
        app = make_app(sample_catalog, CONTENT_DIR=str(quiz_root))
        with app.app_context():
            client, student = app.test_client(), Builders().user("student", username=f"student-of-app-{n}")
            login(client, student.username)
            start(client)
            (attempt,) = attempts(student.id)
            statements = _statements_answering(client, attempt, 1)
            assert "SELECT item_version.hash FROM" in statements and statements[-1] == "INSERT INTO response"


def test_an_answer_after_the_versions_were_emptied_stores_its_version_again(client, signed_in):
    """A remembered version whose row is gone (a restore, or tables emptied under a running app) is stored
    again by the next answer, not lost with a failed insert."""
    student = signed_in("student")
    start(client)
    (attempt,) = attempts(student.id)
    assert answer(client, attempt, 1).status_code == 302
    db.session.execute(delete(Response))
    db.session.execute(delete(ItemVersion))
    db.session.commit()
    assert answer(client, attempt, 1).status_code == 302
    (response,) = Response.query.all()
    assert ItemVersion.query.filter_by(hash=response.item_hash).count() == 1


def test_remembered_versions_start_afresh_past_their_bound():
    """Past its size the set empties (the next answers ask the database again) instead of growing."""
    kept = KeptVersions(size=2)
    kept.add("a")
    kept.add("b")
    assert "a" in kept and "b" in kept
    kept.add("c")
    assert "c" in kept and "a" not in kept and "b" not in kept


def test_save_answer_returns_the_stored_row_first_time_and_on_a_repeat(app, build):
    """What save_answer returns is what the database holds, whether it wrote the row or found it there."""
    student = build.user("student")
    module = catalog().quizzes["sample-module"]
    attempt = start_or_resume(student, module)
    item = module.items[0]
    saved, created = save_answer(attempt, item, {"choice": "a"})
    again, created_again = save_answer(attempt, item, {"choice": "b"})
    (row,) = Response.query.all()
    assert (created, created_again) == (True, False)
    assert saved == again == SavedAnswer.of(row)
    assert (saved.answer, saved.points, saved.item_hash) == ({"choice": "a"}, row.max_points, item.hash)
