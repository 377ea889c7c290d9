"""When work is late: the due moment is a whole second, and everything before the next midnight is on time."""

from datetime import datetime, timedelta

from crosscheck.progress.states import state_of

DUE = datetime(2026, 11, 21, 23, 59, 59)


def test_work_handed_in_during_the_last_second_of_the_day_is_on_time():
    assert state_of(True, DUE + timedelta(microseconds=999_999), DUE, DUE) == ("done", False)
    assert state_of(True, DUE + timedelta(seconds=1), DUE, DUE) == ("done", True)  # midnight: late
    assert state_of(True, DUE - timedelta(hours=1), DUE, DUE) == ("done", False)


def test_unfinished_work_turns_late_at_midnight():
    assert state_of(True, None, DUE, DUE + timedelta(microseconds=500_000)) == ("in_progress", False)
    assert state_of(False, None, DUE, DUE + timedelta(seconds=1)) == ("late", False)
    assert state_of(False, None, None, DUE + timedelta(days=9)) == ("not_started", False)
