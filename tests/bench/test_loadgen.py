"""The benchmark's load generator (bench/loadgen.py): the Zipf mix and the open loop's count."""

from __future__ import annotations

import importlib
import sys
from collections import Counter

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
loadgen = importlib.import_module("loadgen")  # bench/ is scripts, not a package


def test_zipf_visits_fall_with_rank_as_one_over_rank_to_the_s():
    paths = [f"/p{n}" for n in range(1, 1001)]
    zipf = loadgen.Zipf(paths, s=1.1, seed=7)

    visits = Counter(zipf() for _ in range(50_000))

    # rank 1 against rank 10: 10 ** 1.1 = 12.6 times as many visits, within sampling noise
    assert 9 < visits["/p1"] / visits["/p10"] < 17
    assert set(visits) <= set(paths)
    assert len(visits) > 500  # the long tail is visited too


def test_zipf_share_of_top_adds_up():
    zipf = loadgen.Zipf([f"/p{n}" for n in range(100)], s=1.1)

    assert zipf.share_of_top(100) == pytest.approx(1.0)
    assert 0 < zipf.share_of_top(1) < zipf.share_of_top(10) < 1


@pytest.mark.parametrize(("rate", "duration", "due"), [(1.3, 5, 6), (0.1, 1, 1), (200, 2.5, 500)])
def test_open_loop_counts_the_requests_due(rate, duration, due):
    assert loadgen.due_count(rate, duration) == due
