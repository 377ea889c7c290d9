"""Several app servers behind one load balancer, as docs/deploy.md describes: no sticky sessions needed.

Two gunicorn instances (each its own processes, as on two machines) serve one database; every student's
browser sends each request to the next server in turn. Sessions, CSRF tokens, attempts and answers must work
whichever server a request reaches: everything a request needs is in the shared database or in the signed
cookie (the servers share SECRET_KEY).
"""

from __future__ import annotations

import pytest

from crosscheck.extensions import db
from tests.load.integrity import integrity_problems
from tests.load.quiz_workload import QuizWorkload
from tests.load.webclient import BalancedClient
from tests.load.workloads import run_students

pytestmark = pytest.mark.slow
STUDENTS = 8


def test_students_work_through_two_app_servers_taking_turns(serve_workload, gunicorn):
    workload = QuizWorkload()
    app, first = serve_workload(workload, workers=1)
    second = gunicorn(app, workers=1)
    servers = [first.base_url, second.base_url]
    ledger = run_students(first.base_url, workload, STUDENTS, deadline=90, browser=lambda _: BalancedClient(servers))
    assert ledger.errors == []
    assert ledger.server_errors == 0, ledger.statuses
    assert workload.verify(app, ledger) == []  # every acknowledged answer stored once, as sent
    with app.app_context():
        assert integrity_problems() == []
        db.session.remove()
    assert first.serving_pids() and second.serving_pids(), "one server served everything"
