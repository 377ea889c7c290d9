"""After the answering run: the stored responses must be exactly the answers the server acknowledged.

Every acknowledged answer (a 302 back to its item) must be in the database with the answer that was sent;
any other stored answer from the pool must be one whose acknowledgement wrk cut off when the time ran out
(at most one per connection), and must hold the answer that was sent too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from bench.answer_pool import Pool
from crosscheck.extensions import db
from crosscheck.quizzes.models import Response

ITEM_PATH = re.compile(r"/quizzes/attempts/(\d+)/items/(\d+)$")


@dataclass
class Verification:
    """What the comparison found; `ok` only when nothing is missing, wrong or unexplained."""

    acknowledged: int = 0
    stored: int = 0
    other_statuses: dict[str, int] = field(default_factory=dict)
    missing: list = field(default_factory=list)  # acknowledged but not stored
    wrong: list = field(default_factory=list)  # stored with another answer than the one sent
    unacknowledged: int = 0  # stored, acknowledgement not received before wrk stopped
    repeated: int = 0  # the same item acknowledged twice
    in_flight_limit: int = 16

    @property
    def ok(self) -> bool:
        """Every acknowledged answer stored as sent, nothing else but answers in flight at the end."""
        return not (
            self.missing
            or self.wrong
            or self.other_statuses
            or self.repeated
            or self.unacknowledged > self.in_flight_limit
            or self.acknowledged == 0
        )

    def summary(self) -> str:
        """One line for the results."""
        state = "PASS" if self.ok else "FAIL"
        return (
            f"{state}: {self.acknowledged} answers acknowledged, {self.stored} stored "
            f"({self.unacknowledged} in flight at the end), {len(self.missing)} missing, {len(self.wrong)} "
            f"stored differently, {self.repeated} repeated, other statuses {self.other_statuses or 'none'}"
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
    acked: set[tuple[int, str]] = set()
    for status, location in acks:
        match = ITEM_PATH.search(location)
        key = (int(match.group(1)), pool.item_at.get((int(match.group(1)), int(match.group(2))))) if match else None
        if status != "302" or key is None or key[1] is None:
            result.other_statuses[status] = result.other_statuses.get(status, 0) + 1
            continue
        if key in acked:
            result.repeated += 1
        acked.add(key)
    result.acknowledged = len(acked)
    attempts = sorted({attempt_id for attempt_id, _ in pool.expected})
    stored = {}
    for start in range(0, len(attempts), 500):
        query = select(Response.attempt_id, Response.item_id, Response.answer).where(
            Response.attempt_id.in_(attempts[start : start + 500])
        )
        stored.update({(a, i): answer for a, i, answer in db.session.execute(query) if (a, i) in pool.expected})
    result.stored = len(stored)
    result.missing = sorted(acked - stored.keys())[:10]
    result.wrong = [key for key, answer in stored.items() if answer != pool.expected[key]][:10]
    result.unacknowledged = len(stored.keys() - acked)
    return result
