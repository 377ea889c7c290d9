"""Students driving a real server at the same time, and what the server acknowledged to each.

A Workload says what the students need (`prepare`), what one student does (`student`, recording in the
Ledger every write the server acknowledged), how to check the database afterwards (`verify`), and what a
returning student checks after a restart (`resume`). `run_students` starts them all at once, bounded in
time. The load and fault tests take any Workload, so a new one (students answering quiz items) is a class.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import func, select

from crosscheck.accounts.models import User
from crosscheck.classes.models import Enrollment
from crosscheck.extensions import db
from tests.conftest import Builders
from tests.load.webclient import WebClient

PASSWORD = "load-test-password"


@dataclass
class Ledger:
    """What the server acknowledged, every status it sent, and every error a student met (thread-safe)."""

    acknowledged: list[tuple] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, *record) -> None:
        with self.lock:
            self.acknowledged.append(record)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def count(self, client: WebClient) -> None:
        with self.lock:
            self.statuses.update(client.statuses)

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status."""
        return sum(n for status, n in self.statuses.items() if status >= 500)


class SignupWorkload:
    """Each student signs up with the class's join code, then signs out and in again `rounds` times."""

    def __init__(self, rounds: int = 1):
        self.rounds = rounds
        self.join_code = ""

    def prepare(self, app: Flask) -> None:
        with app.app_context():
            build = Builders()
            self.join_code = build.classroom(teacher=build.user("teacher"), name="Load class").join_code

    @staticmethod
    def username(n: int) -> str:
        return f"load{n:02d}"

    def student(self, client: WebClient, n: int, ledger: Ledger) -> None:
        name = self.username(n)
        client.get("/signup")
        data = {"join_code": self.join_code, "username": name, "display_name": f"Student {n}"}
        reply = client.post_form("/signup", {**data, "password": PASSWORD, "confirm": PASSWORD})
        if reply.status != 302:
            ledger.error(f"{name}: sign-up answered {reply.status}")
            return
        ledger.ack("account", name)
        for _ in range(self.rounds):
            client.get("/")
            client.post_form("/logout")
            client.get("/login")
            reply = client.post_form("/login", {"username": name, "password": PASSWORD})
            if reply.status != 302:
                ledger.error(f"{name}: sign-in answered {reply.status}")
                return
            ledger.ack("signin", name)
            if client.get("/articles/").status != 200:
                ledger.error(f"{name}: the library did not open after signing in")

    def verify(self, app: Flask, ledger: Ledger) -> list[str]:
        """Every acknowledged account exists once, enrolled once."""
        names = sorted({record[1] for record in ledger.acknowledged if record[0] == "account"})
        with app.app_context():
            counts = dict(
                db.session.execute(
                    select(User.username, func.count(Enrollment.id))
                    .join(Enrollment, Enrollment.student_id == User.id)
                    .where(User.username.in_(names))
                    .group_by(User.username)
                ).all()
            )
            db.session.remove()
        return [f"{name}: {counts.get(name, 0)} enrolment(s)" for name in names if counts.get(name) != 1]

    def resume(self, client: WebClient, n: int, ledger: Ledger) -> list[str]:
        """A student whose account was acknowledged signs in and sees their name."""
        name = self.username(n)
        if ("account", name) not in ledger.acknowledged:
            return []
        client.get("/login")
        reply = client.post_form("/login", {"username": name, "password": PASSWORD})
        if reply.status != 302:
            return [f"{name}: cannot sign in after the restart ({reply.status})"]
        return [] if f"Student {n}" in client.get("/").body else [f"{name}: home page does not show their name"]


def run_students(
    base_url: str, workload, count: int = 30, deadline: float = 90, ledger: Ledger | None = None, browser=WebClient
) -> Ledger:
    """`count` students start together (a barrier), each in its own thread and browser; wait at most `deadline`.

    `browser(base_url)` makes each student's client (a BalancedClient spreads its requests over several servers).
    """
    ledger = ledger if ledger is not None else Ledger()
    barrier = threading.Barrier(count)

    def one(n: int) -> None:
        client = browser(base_url)
        try:
            barrier.wait(10)
            workload.student(client, n, ledger)
        except Exception as exc:  # a refused or cut connection: recorded, the test decides if it is allowed
            ledger.error(f"student {n}: {type(exc).__name__}: {exc}")
        finally:
            ledger.count(client)

    stuck = _in_threads(one, count, deadline)
    if stuck:
        ledger.error(f"{stuck} student(s) still running after {deadline}s")
    return ledger


def resume_students(base_url: str, workload, ledger: Ledger, count: int = 30, deadline: float = 90) -> list[str]:
    """After a restart, every student comes back at once (`workload.resume`); the problems they meet."""
    problems: list[str] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        try:
            found = workload.resume(WebClient(base_url), n, ledger)
        except Exception as exc:  # reported like any other problem
            found = [f"student {n}: {type(exc).__name__}: {exc}"]
        with lock:
            problems.extend(found)

    stuck = _in_threads(one, count, deadline)
    return problems + ([f"{stuck} student(s) still resuming after {deadline}s"] if stuck else [])


def _in_threads(one, count: int, deadline: float) -> int:
    """Run one(0) .. one(count - 1) in threads, wait at most `deadline` seconds; how many are still running."""
    threads = [threading.Thread(target=one, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    until = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(0.0, until - time.monotonic()))
    return sum(thread.is_alive() for thread in threads)
