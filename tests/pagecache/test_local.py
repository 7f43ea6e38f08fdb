"""Each worker's own memory of pages: least recently used first out, within its byte budget."""

from citypartners.pagecache.entries import Entry
from citypartners.pagecache.local import LocalEntries


def _entry(size: int) -> Entry:
    return Entry((1, None), 200, (), b"x" * size, False, '"e"')


def test_keeps_entries_within_the_budget_dropping_the_least_recently_used():
    local = LocalEntries(budget=250)
    local.put("a", _entry(100))
    local.put("b", _entry(100))
    assert local.get("a") is not None  # a is now the most recently used
    local.put("c", _entry(100))
    assert (local.get("a"), local.get("b"), local.get("c")) == (_entry(100), None, _entry(100))
    assert len(local) == 2


def test_an_entry_larger_than_the_budget_is_not_kept():
    local = LocalEntries(budget=50)
    local.put("big", _entry(51))
    assert local.get("big") is None and len(local) == 0


def test_replacing_and_discarding_keep_the_size_right():
    local = LocalEntries(budget=200)
    local.put("a", _entry(150))
    local.put("a", _entry(150))  # the same page again: counted once
    local.put("b", _entry(50))
    assert len(local) == 2
    local.discard("a")
    local.put("c", _entry(150))
    assert local.get("b") is not None and local.get("c") is not None
