"""Content ids are bounded by the database's columns: the longest id the content check allows is stored."""

from __future__ import annotations

from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.models import Attempt, Response
from crosscheck.quizzes.service import save_answer
from tests.conftest import Builders, login, post_form
from tests.quizzes.conftest import make_content_root


def test_ids_of_the_longest_length_allowed_are_stored(make_app, tmp_path):
    """The id rule's limit is the database's: a module and an item id of 100 characters take an answer."""
    root = make_content_root(tmp_path / "content")
    module_id, item_id = "m" * 100, "i" * 100
    (root / "quizzes" / "long.yaml").write_text(
        f"id: {module_id}\ntitle: Long ids\nskills: [unverified_claim]\nitems:\n"
        f"  - id: {item_id}\n    type: choice\n    skill: unverified_claim\n    articles: [nk-pow-hngn]\n"
        "    prompt: Which sentence says HNGN did not verify the claims?\n    options:\n"
        '      - quote: "However, HNGN cannot independently verify the claims."\n        correct: true\n'
        "      - text: None of them.\n",
        encoding="utf-8",
    )
    app = make_app(CONTENT_DIR=str(root))
    assert not app.extensions["crosscheck.catalog"].broken_files()
    client = app.test_client()
    with app.app_context():
        student = Builders().user("student")
        login(client, student.username)
        assert post_form(client, f"/quizzes/{module_id}/start").status_code == 302
        attempt = db.session.scalar(select(Attempt))
        item = app.extensions["crosscheck.catalog"].quizzes[module_id].items[0]
        _, stored = save_answer(attempt, item, item_type(item.type).answer_key(item.content))
        assert stored and db.session.scalar(select(Response.item_id)) == item_id
