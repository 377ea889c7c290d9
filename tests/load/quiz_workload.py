"""Students answering quiz items through a real server: every acknowledged answer must be stored once, as sent."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from crosscheck.extensions import db
from crosscheck.items import item_type
from crosscheck.quizzes.forms import answer_form
from crosscheck.quizzes.models import Attempt, Response
from tests.load.forms import first_choices
from tests.load.webclient import WebClient
from tests.load.workloads import Ledger, SignupWorkload

ITEM_URL = re.compile(r"/quizzes/attempts/(\d+)/items/(\d+)(?:#[\w-]+)?$")  # the page may open at a place in it


class QuizWorkload(SignupWorkload):
    """Each student signs up, starts a module, answers every item (the first choice of each field), submits."""

    def __init__(self, module_id: str = "spot-unverified", submit: bool = True):
        super().__init__()
        self.module_id = module_id
        self.submit = submit
        self.items = 0

    def prepare(self, app: Flask) -> None:
        super().prepare(app)
        with app.app_context():
            from crosscheck.catalog_access import get_catalog

            self.items = len(get_catalog().quizzes[self.module_id].items)

    def student(self, client: WebClient, n: int, ledger: Ledger) -> None:
        name = self.username(n)
        client.get("/signup")
        data = {"join_code": self.join_code, "username": name, "display_name": f"Student {n}"}
        reply = client.post_form("/signup", {**data, "password": "load-test-password", "confirm": "load-test-password"})
        if reply.status != 302:
            ledger.error(f"{name}: sign-up answered {reply.status}")
            return
        ledger.ack("account", name)
        self.answer_from_start(client, name, ledger)

    def answer_from_start(
        self, client: WebClient, name: str, ledger: Ledger, first: int = 1, last: int | None = None
    ) -> None:
        """Start or resume the module and answer items `first`..`last` in order; submit after the last item."""
        client.get(f"/quizzes/{self.module_id}")
        reply = client.post_form(f"/quizzes/{self.module_id}/start")
        match = ITEM_URL.search(reply.location)
        if reply.status != 302 or not match:
            ledger.error(f"{name}: start answered {reply.status} {reply.location}")
            return
        attempt = int(match.group(1))
        for number in range(first, (last or self.items) + 1):
            url = f"/quizzes/attempts/{attempt}/items/{number}"
            answer = first_choices(client.get(url).body)
            reply = client.post_form(url, answer)
            if reply.status != 302:
                ledger.error(f"{name}: answer to item {number} answered {reply.status}")
                return
            ledger.ack("answer", name, attempt, number, tuple(sorted((k, tuple(v)) for k, v in answer.items())))
        if self.submit and (last or self.items) == self.items:
            self.hand_in(client, name, attempt, ledger)

    @staticmethod
    def hand_in(client: WebClient, name: str, attempt: int, ledger: Ledger) -> None:
        """Submit the attempt and open the results."""
        client.get(f"/quizzes/attempts/{attempt}/submit")
        reply = client.post_form(f"/quizzes/attempts/{attempt}/submit")
        if reply.status != 302 or client.get(reply.location).status != 200:
            ledger.error(f"{name}: submit answered {reply.status}")

    def verify(self, app: Flask, ledger: Ledger) -> list[str]:
        """Accounts as in SignupWorkload; every acknowledged answer stored exactly once, as the student sent it."""
        problems = super().verify(app, ledger)
        with app.app_context():
            from crosscheck.catalog_access import get_catalog

            module = get_catalog().quizzes[self.module_id]
            for record in ledger.acknowledged:
                if record[0] == "answer":
                    problems += self._check_answer(app, module, *record[1:])
            db.session.remove()
        return problems

    @staticmethod
    def _check_answer(app, module, name, attempt_id, number, sent) -> list[str]:
        """The one stored response to an acknowledged answer, compared with what the form sent."""
        item = module.items[number - 1]
        rows = db.session.scalars(
            select(Response).where(Response.attempt_id == attempt_id, Response.item_id == item.id)
        ).all()
        if len(rows) != 1:
            return [f"{name}: {len(rows)} stored answers to item {number}"]
        attempt = db.session.get(Attempt, attempt_id)
        kind = item_type(item.type)
        view = kind.view(item.content, attempt.order_seed, module.settings.shuffle_options)
        with app.test_request_context(method="POST", data={k: list(v) for k, v in sent}):
            expected = kind.answer_from_form(view, answer_form(kind, view).data)
        return [] if rows[0].answer == expected else [f"{name}: item {number} stored {rows[0].answer}, sent {expected}"]

    def resume(self, client: WebClient, n: int, ledger: Ledger) -> list[str]:
        """After a restart: sign in, resume the same attempt past every acknowledged answer, answer the next item."""
        name = self.username(n)
        problems = super().resume(client, n, ledger)
        answered = [r for r in ledger.acknowledged if r[0] == "answer" and r[1] == name]
        if problems or not answered:
            return problems
        client.get(f"/quizzes/{self.module_id}")
        reply = client.post_form(f"/quizzes/{self.module_id}/start")
        match = ITEM_URL.search(reply.location)
        attempt = answered[0][2]
        if not match or int(match.group(1)) != attempt:
            # Only a student whose submit went through before the kill may get a new attempt.
            return (
                [] if len(answered) == self.items else [f"{name}: did not resume attempt {attempt} ({reply.location})"]
            )
        done, number, retry = {r[3] for r in answered}, int(match.group(2)), Ledger()
        if len(done) == self.items:  # everything answered before the kill: only the hand-in is left
            self.hand_in(client, name, attempt, retry)
        elif number in done:
            return [f"{name}: sent back to item {number}, which was already answered"]
        else:
            self.answer_from_start(client, name, retry, first=number, last=number)
        return [f"{name}: {e}" for e in retry.errors]
