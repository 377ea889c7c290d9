"""After the answering run: the stored responses must be exactly the answers the server acknowledged.

An acknowledgement is a 302 to a page of the same attempt: the answered item when the module shows feedback
after each item, else the next unanswered item or the submit page (the reveal policy), so it names the
attempt, not always the item. Every attempt must hold at least as many of the pool's answers as it had
acknowledgements, every stored answer must be the one that was sent, and the stored answers beyond the
acknowledged ones must be those whose acknowledgement wrk cut off when the time ran out (at most one per
connection). A 302 anywhere else (the results page: the attempt was submitted meanwhile) is not an
acknowledgement.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from bench.answer_pool import Pool
from crosscheck.extensions import db
from crosscheck.quizzes.models import Response

ATTEMPT_PAGE = re.compile(r"/quizzes/attempts/(\d+)/(?:items/\d+|submit)(?:#[\w-]+)?$")  # a page, maybe at a place


@dataclass
class Verification:
    """What the comparison found; `ok` only when nothing is missing, wrong or unexplained."""

    acknowledged: int = 0
    stored: int = 0
    other_statuses: dict[str, int] = field(default_factory=dict)
    missing: list = field(default_factory=list)  # (attempt, acknowledged answers it does not hold)
    wrong: list = field(default_factory=list)  # stored with another answer than the one sent
    unacknowledged: int = 0  # stored, acknowledgement not received before wrk stopped
    in_flight_limit: int = 16

    @property
    def ok(self) -> bool:
        """Every acknowledged answer stored as sent, nothing else but answers in flight at the end."""
        return not (
            self.missing
            or self.wrong
            or self.other_statuses
            or self.unacknowledged > self.in_flight_limit
            or self.acknowledged == 0
        )

    def summary(self) -> str:
        """One line for the results."""
        state = "PASS" if self.ok else "FAIL"
        return (
            f"{state}: {self.acknowledged} answers acknowledged, {self.stored} stored "
            f"({self.unacknowledged} in flight at the end), {len(self.missing)} missing, {len(self.wrong)} "
            f"stored differently, other statuses {self.other_statuses or 'none'}"
        )


def read_acks(folder: Path, prefix: str) -> list[tuple[str, str]]:
    """(status, location) of every response the wrk threads saw."""
    acks = []
    for path in sorted(folder.glob(f"{prefix}*.txt")):
        for line in path.read_text().splitlines():
            status, _, location = line.partition(" ")
            acks.append((status, location))
    return acks


def verify(pool: Pool, acks: list[tuple[str, str]], in_flight_limit: int) -> Verification:
    """Compare the database with the pool's answers and the acknowledgements."""
    result = Verification(in_flight_limit=in_flight_limit)
    attempts = sorted({attempt_id for attempt_id, _ in pool.expected})
    acked: Counter[int] = Counter()
    for status, location in acks:
        match = ATTEMPT_PAGE.search(location)
        if status != "302" or match is None or int(match.group(1)) not in attempts:
            result.other_statuses[status] = result.other_statuses.get(status, 0) + 1
            continue
        acked[int(match.group(1))] += 1
    result.acknowledged = sum(acked.values())
    stored = {}
    for start in range(0, len(attempts), 500):
        query = select(Response.attempt_id, Response.item_id, Response.answer).where(
            Response.attempt_id.in_(attempts[start : start + 500])
        )
        stored.update({(a, i): answer for a, i, answer in db.session.execute(query) if (a, i) in pool.expected})
    result.stored = len(stored)
    held = Counter(attempt_id for attempt_id, _ in stored)
    result.missing = [(a, acked[a] - held[a]) for a in attempts if held[a] < acked[a]][:10]
    result.wrong = [key for key, answer in stored.items() if answer != pool.expected[key]][:10]
    result.unacknowledged = sum(max(held[a] - acked[a], 0) for a in attempts)
    return result
