"""How much of the machine other processes used during a measurement (a shared machine skews every figure).

Busy CPU time of the whole machine (/proc/stat) minus what the server's processes, wrk and the benchmark
itself used, as a share of all cores over the same wall-clock time.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _machine_busy_seconds() -> float:
    """CPU seconds every core spent not idle since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS


def _process_seconds(pids: list[int]) -> float:
    """CPU seconds the processes used so far (those that are gone count nothing)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return total


def _own_seconds() -> float:
    """CPU seconds of this process and its finished children (wrk)."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


class CpuWatch:
    """Start before a measurement, read `others_share` after it."""

    def __init__(self, server_pids: list[int]):
        self.pids = server_pids
        self.start = (time.monotonic(), _machine_busy_seconds(), _process_seconds(server_pids), _own_seconds())

    def others_share(self) -> float:
        """Share of all cores used by other processes since the start (0 to 1)."""
        wall, busy, server, own = self.start
        elapsed = time.monotonic() - wall
        others = (_machine_busy_seconds() - busy) - (_process_seconds(self.pids) - server) - (_own_seconds() - own)
        return max(0.0, others / (elapsed * (os.cpu_count() or 1)))
