"""The pages a worker process answered lately, kept in its own memory.

A page fetched from the shared cache is a large value (the home page of a national register is
hundreds of kilobytes); fetching it from Redis for every request costs more than the rest of the
answer. So each process keeps the entries it served, up to a byte budget, and asks the shared
cache only for the registry version, a few bytes, to know whether they are still current.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from citypartners.pagecache.entries import Entry


class LocalEntries:
    """Least recently used entries up to `budget` bytes of body; safe for threaded servers."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if entry.size > self.budget:
            return
        with self._lock:
            self._discard(key)
            self._entries[key] = entry
            self._size += entry.size
            while self._size > self.budget:
                _oldest, dropped = self._entries.popitem(last=False)
                self._size -= dropped.size

    def discard(self, key: str) -> None:
        with self._lock:
            self._discard(key)

    def _discard(self, key: str) -> None:
        dropped = self._entries.pop(key, None)
        if dropped is not None:
            self._size -= dropped.size

    def __len__(self) -> int:
        return len(self._entries)
