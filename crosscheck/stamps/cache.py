"""A worker's remembered pages: each kept with the stamp it was built under and the moment it stops holding.

Pure (no Flask, no database): the caller reads the stamp and the time. A value is given back only for the
same key, the same stamp, and a time before its `until`; anything else is a miss, and a stale entry goes.
The least recently used entry leaves first once `capacity` entries are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from threading import Lock
from typing import Any, NamedTuple


class Kept(NamedTuple):
    """One remembered value and what it holds for."""

    stamp: tuple
    until: datetime | None  # None: no moment ends it (only a write does)
    value: Any


class RememberedPages:
    """Values by key, each valid for one stamp and until a moment; at most `capacity` of them."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._kept: OrderedDict[tuple, Kept] = OrderedDict()
        self._lock = Lock()  # the development server runs requests in threads
        self.hits = self.misses = 0

    def get(self, key: tuple, stamp: tuple, now: datetime):
        """The value kept for this key if it was built under this stamp and still holds at `now`; else None."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is None or kept.stamp != stamp or (kept.until is not None and now >= kept.until):
                if kept is not None:
                    del self._kept[key]
                self.misses += 1
                return None
            self._kept.move_to_end(key)
            self.hits += 1
            return kept.value

    def put(self, key: tuple, stamp: tuple, value, until: datetime | None) -> None:
        """Keep a value built under `stamp`, valid until `until` (None: until a write moves the stamp)."""
        if self.capacity <= 0:
            return
        with self._lock:
            self._kept[key] = Kept(stamp, until, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self.capacity:
                self._kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self._kept)
