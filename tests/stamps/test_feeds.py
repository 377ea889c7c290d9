"""Every table a remembered page reads is a feed of crosscheck/stamps/triggers.py, or is named here with the
reason it need not be: a report or dashboard that starts reading a new table fails here until a trigger (or a
reason) covers it."""

import re

from crosscheck.stamps.remember import STORES
from crosscheck.stamps.triggers import FEEDS
from tests.conftest import counting_queries, login
from tests.sample_work import SAMPLE_LESSON, SAMPLE_QUIZ, assign, install_sample_catalog, record_attempt
from tests.stamps.test_fresh_pages import REPORTS

NOT_FEEDS = {
    "item_version": "content by its hash: written once, never changed (a new version is a new row a response names)",
    "work_stamp": "the stamps themselves",
    "class_stamp": "the stamps themselves",
    "user_session": "who is signed in, read before the page: not part of it",
    "content_generation": "the served content's generation is part of the key",
    "document": "which school content a reader sees is part of the key (the catalog's ids)",
    "document_editor": "the same",
    "document_version": "the same",
}
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def test_every_table_the_pages_read_moves_a_stamp(make_app, build):
    app = make_app(**dict.fromkeys(STORES.values(), 0))  # every request builds its page
    with app.app_context():
        install_sample_catalog(app)
        teacher, student = build.user("teacher"), build.user("student")
        classroom = build.classroom(teacher, [student])
        assign(classroom, "quiz", SAMPLE_QUIZ.id)
        assign(classroom, "lesson", SAMPLE_LESSON.id)
        record_attempt(student, SAMPLE_QUIZ, {SAMPLE_QUIZ.items[0].id: ({"choice": "a"}, 1.0)}, submitted_at=None)
        readers = {teacher.username: app.test_client(), student.username: app.test_client()}
        for username, client in readers.items():
            login(client, username)
        drill_downs = [f"students/{student.id}", f"students/{student.id}.csv"]
        pages = [(teacher.username, f"/reports/classes/{classroom.id}/{page}") for page in [*REPORTS, *drill_downs]]
        read = set()
        for username, url in [*pages, (student.username, "/")]:
            with counting_queries() as statements:
                assert readers[username].get(url).status_code == 200, url
            read |= {name for statement in statements for name in TABLE.findall(statement)}
    fed = {feed.table for feed in FEEDS}
    assert read - fed - set(NOT_FEEDS) == set(), "a page reads a table no trigger covers"
    assert {"response", "attempt", "enrollment", "assignment"} <= read  # the capture saw the real statements
