"""The district run's wrk figures, measured interleaved: the school's and the district's gunicorn run at once, and
each figure is measured on one and then on the other, back to back, before the next figure.

Measured one database after the other, a quiet machine drifted between the two phases (the bare route, which
never touches the database, was 1.19x slower at the start of the district's phase than at the school's, 1.46x
at its end), and that drift fell on the district alone. Back to back, the two runs of a figure are about 12 s
apart instead of minutes. The side measured first alternates figure by figure (school first for the bare route
at the start, district first for it at the end, `interleaved`): a drift within a pair then favours neither side
over the run. An idle server costs nothing (sync workers wait in accept()).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import targets
from bench.run import BASELINE, FLOOR, WORK, Server, answering, dashboard_students, mean_baseline, read_run, say
from bench.school import PASSWORD
from bench.server import start_server, worker_pids
from bench.sessions import sign_in, sign_in_all
from bench.wrk import Measure, run_wrk

BASELINE_START, BASELINE_END = f"{BASELINE}, start", f"{BASELINE}, end"
ANSWER_REQUEST = "POST /quizzes/attempts/<id>/items/<n>"


@dataclass
class Side:
    """One database of the run: its pages, its in-process figures, then its server and wrk figures."""

    label: str
    summary: object
    url: str
    app: object  # the bench app on this database (answering and the dashboard's students read it)
    pages: list[tuple[str, str | None, str]]  # (name, username or None, path), the bare route first
    cpu: dict = field(default_factory=dict)
    cpu_built: dict = field(default_factory=dict)  # the same with every request building its page
    plans: list = field(default_factory=list)
    measures: list[tuple[str, Measure]] = field(default_factory=list)  # (request, Measure), in figure order
    verification: str = ""
    live: Server | None = None
    clients: dict = field(default_factory=dict)  # "teacher" -> a client, "students" -> clients

    @property
    def baseline(self) -> Measure:
        """The mean of this side's bare-route runs at the start and at the end."""
        return mean_baseline(self.measures[0][1], self.measures[-1][1])


@dataclass
class LiveServer(Server):
    """A server whose processes are read again before each wrk run: PostgreSQL starts a backend for each new
    connection, and every process serving either side is part of what is measured, not other load."""

    processes: Callable[[], list[int]] = list

    def wrk(self, name: str, requests: Path, seconds: int, **options) -> Measure:
        """One wrk run against this server, the CPU of the processes serving both sides excluded from other load."""
        return run_wrk(name, self.base_url, requests, seconds, self.processes(), **options)


def figures(pages: list[tuple[str, str | None, str]]) -> list[str]:
    """The figures in the order of the table: the read pages (bare route first), answering, the bare route again."""
    return [BASELINE_START, *(name for name, _, _ in pages[1:]), targets.ANSWER, BASELINE_END]


def interleaved(names: list[str], sides: tuple[str, str]) -> list[tuple[str, str]]:
    """(figure, side) in the order measured: each figure on both sides back to back, the first side alternating."""
    order = []
    for n, name in enumerate(names):
        pair = sides if n % 2 == 0 else sides[::-1]
        order += [(name, side) for side in pair]
    return order


def measure_interleaved(sides: list[Side], postgres_pids: Callable[[], list[int]]) -> None:
    """Serve every side at once and fill in each side's wrk figures and answers check, interleaved."""
    servers = []

    def processes() -> list[int]:
        return [pid for g in servers for pid in (g.process.pid, *worker_pids(g))] + postgres_pids()

    try:
        for side in sides:
            servers.append(start_server(side.url, WORK / f"gunicorn-{side.label}.log"))
            side.live = LiveServer(servers[-1].base_url, [], lambda: [], processes=processes)
        for side in sides:
            with side.app.app_context():
                sign_in_clients(side)
        by_label = {side.label: side for side in sides}
        for name, label in interleaved(figures(sides[0].pages), tuple(by_label)):
            side = by_label[label]
            say(f"{label}: {name} ...")
            with side.app.app_context():
                side.measures.append(measure_figure(side, name))
    finally:
        for server in servers:
            server.stop()


def sign_in_clients(side: Side) -> None:
    """The report class's teacher and the dashboard's students, signed in through the real form."""
    base_url, summary = side.live.base_url, side.summary
    side.clients["teacher"] = sign_in(base_url, summary.report_teacher, PASSWORD)
    side.clients["students"] = sign_in_all(base_url, dashboard_students(summary.report_class_id), PASSWORD)


def measure_figure(side: Side, name: str) -> tuple[str, Measure]:
    """(request, Measure) of one figure on one side."""
    if name == targets.ANSWER:
        measure, side.verification = answering(side.live, side.app.extensions["crosscheck.catalog"], side.summary)
        return ANSWER_REQUEST, measure
    page = BASELINE if name in (BASELINE_START, BASELINE_END) else name
    _, who, path = next(p for p in side.pages if p[0] == page)
    if who is None:
        clients = []
    elif who == side.summary.report_teacher:
        clients = [side.clients["teacher"]]
    else:  # a student's page: the floor page as one student, the dashboard cycling through all of them
        clients = side.clients["students"][:1] if name == FLOOR else side.clients["students"]
    return path, read_run(side.live, name, path, clients)
