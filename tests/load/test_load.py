"""Thirty students at once against a real gunicorn with several workers: nothing lost, nothing doubled, no 500s."""

from __future__ import annotations

import threading
import time

import pytest

from crosscheck.extensions import db
from tests.load.integrity import integrity_problems
from tests.load.quiz_workload import QuizWorkload
from tests.load.webclient import WebClient
from tests.load.workloads import PASSWORD, SignupWorkload, run_students

pytestmark = pytest.mark.slow
STUDENTS = 30

# Each factory makes a fresh workload; add one per kind of write students make at once (quiz answers next).
WORKLOADS = {"sign-up and sign-in": lambda: SignupWorkload(rounds=1), "answering a quiz module": QuizWorkload}


@pytest.mark.parametrize("make_workload", WORKLOADS.values(), ids=WORKLOADS.keys())
def test_thirty_students_at_once(serve_workload, make_workload):
    workload = make_workload()
    app, server = serve_workload(workload)
    start = time.perf_counter()
    ledger = run_students(server.base_url, workload, STUDENTS, deadline=90)
    elapsed = time.perf_counter() - start
    assert ledger.errors == []
    assert ledger.server_errors == 0, ledger.statuses
    assert workload.verify(app, ledger) == []
    with app.app_context():
        assert integrity_problems() == []
        db.session.remove()
    assert len(server.serving_pids()) >= 2, "one worker served everything"
    print(f"{STUDENTS} students, {sum(ledger.statuses.values())} requests in {elapsed:.1f}s: {dict(ledger.statuses)}")


def test_one_username_claimed_at_once_gives_one_account(make_app, gunicorn):
    app = make_app()
    workload = SignupWorkload()
    workload.prepare(app)
    server = gunicorn(app, workers=3)
    claimants = [WebClient(server.base_url) for _ in range(8)]
    for client in claimants:
        client.get("/signup")
    barrier = threading.Barrier(len(claimants))
    replies = []

    def claim(client):
        barrier.wait(10)
        data = {"join_code": workload.join_code, "username": "popular", "display_name": "Popular"}
        replies.append(client.post_form("/signup", {**data, "password": PASSWORD, "confirm": PASSWORD}).status)

    threads = [threading.Thread(target=claim, args=(client,)) for client in claimants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(replies) == [302] + [400] * (len(claimants) - 1)
