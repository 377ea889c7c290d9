"""The server killed with SIGKILL in the middle of thirty students' work, then started again.

Afterwards the database is consistent, everything the server acknowledged before the kill is there exactly
once, and every student whose work was acknowledged carries on where they were.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from crosscheck.extensions import db
from tests.load.integrity import integrity_problems
from tests.load.quiz_workload import QuizWorkload
from tests.load.workloads import Ledger, SignupWorkload, resume_students, run_students

pytestmark = pytest.mark.slow
STUDENTS = 30

# Each factory makes a fresh workload, long enough for the kill to land in the middle of it.
WORKLOADS = {"sign-up and sign-in": lambda: SignupWorkload(rounds=6), "answering a quiz module": QuizWorkload}


def wait_for(condition, seconds: float) -> bool:
    """Poll `condition` until it holds or `seconds` pass."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if condition():
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("make_workload", WORKLOADS.values(), ids=WORKLOADS.keys())
def test_sigkill_mid_load_loses_nothing_acknowledged(serve_workload, make_workload):
    workload = make_workload()
    app, server = serve_workload(workload)
    ledger = Ledger()
    students = threading.Thread(target=run_students, args=(server.base_url, workload, STUDENTS, 60, ledger))
    students.start()
    # Kill once a good part of the work is acknowledged (every student has an account; many have done more).
    assert wait_for(lambda: len(ledger.acknowledged) >= 3 * STUDENTS, 60), "the load never got going"
    server.kill()
    with ledger.lock:
        acknowledged_before_kill = len(ledger.acknowledged)
    students.join(60)
    assert not students.is_alive()
    assert ledger.errors, "every student had finished: the kill did not land mid-load"
    assert ledger.server_errors == 0, ledger.statuses

    server.start()
    with app.app_context():
        assert integrity_problems() == []
        db.session.remove()
    assert workload.verify(app, ledger) == []
    assert resume_students(server.base_url, workload, ledger, STUDENTS) == []
    kinds = Counter(record[0] for record in ledger.acknowledged)
    print(f"killed after {acknowledged_before_kill} acknowledged writes {dict(kinds)}; {len(ledger.errors)} cut off")
