"""Run wrk against 127.0.0.1 with bench/requests.lua and read its figures (requests/s, p50, p95)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from bench.cpu import CpuWatch

SCRIPT = Path(__file__).with_name("requests.lua")
THREADS, CONNECTIONS = 2, 16
BENCH_LINE = re.compile(r"^BENCH (.*)$", re.M)
RATE_LINE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
LATENCY_LINE = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


class WrkMissing(RuntimeError):
    """wrk is not installed."""


@dataclass(frozen=True)
class Measure:
    """One wrk run: throughput and latency, and what went wrong (if anything)."""

    name: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors_status: int
    errors_socket: int
    exhausted: int
    latency_table: dict[str, float]  # wrk --latency's own distribution, for the record
    others_cpu: float = 0.0  # share of the machine other processes used meanwhile
    tries: int = 1  # runs made to find one with little other load (the quietest is kept)
    # The bare route measured just before this figure (req/s, p95 ms): the machine's speed drifts within a run
    # (the bare route at its start and end have differed by a fifth), so the ratio to the run beside it
    # follows the figure's own moment.
    beside: tuple[float, float] | None = None

    @property
    def clean(self) -> bool:
        """No error statuses, no socket errors, no request past the end of a send-once list."""
        return not (self.errors_status or self.errors_socket or self.exhausted)


def require_wrk() -> str:
    """The wrk executable, or WrkMissing with how to install it."""
    path = shutil.which("wrk")
    if path is None:
        raise WrkMissing("wrk is not installed: `apt-get install wrk` (Debian/Ubuntu), then run `make bench` again")
    return path


def write_requests(path: Path, lines: list[tuple[str, str, str, str]]) -> Path:
    """The request file requests.lua reads: METHOD, PATH, COOKIE, BODY separated by tabs."""
    for line in lines:
        if any("\t" in part or "\n" in part for part in line):
            raise ValueError(f"a request field holds a tab or newline: {line[:2]}")
    path.write_text("".join("\t".join(line) + "\n" for line in lines))
    return path


def run_wrk(
    name: str,
    base_url: str,
    requests_file: Path,
    seconds: int,
    server_pids: list[int],
    mode: str = "cycle",
    acks: Path | None = None,
) -> Measure:
    """One bounded wrk run (-t2 -c16 --latency) on 127.0.0.1; its parsed figures and the machine's other load."""
    if not base_url.startswith("http://127.0.0.1:"):
        raise ValueError("the benchmark only ever loads 127.0.0.1")
    command = [
        require_wrk(),
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(SCRIPT),
        base_url + "/",
        "--",
        str(requests_file),
        mode,
        str(THREADS),
        str(acks) if acks else "",
    ]
    watch = CpuWatch(server_pids)
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    return replace(parse(name, result.stdout), others_cpu=watch.others_share())


def parse(name: str, output: str) -> Measure:
    """Figures from wrk's output: the script's BENCH line (p95 included) and wrk's own --latency table."""
    match = BENCH_LINE.search(output)
    if match is None:
        raise RuntimeError(f"no BENCH line in wrk's output:\n{output}")
    values = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    seconds = values["duration_us"] / 1e6
    table = {f"p{p}": float(v) * UNITS_MS[unit] for p, v, unit in LATENCY_LINE.findall(output)}
    rate = RATE_LINE.search(output)
    return Measure(
        name=name,
        requests=values["requests"],
        seconds=round(seconds, 2),
        rps=float(rate.group(1)) if rate else values["requests"] / seconds,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000,
        errors_status=values["errors_status"],
        errors_socket=values["errors_socket"],
        exhausted=values["exhausted"],
        latency_table=table,
    )
