"""Hard bounds on one file (pipeline.isolation): a memory bomb or a hang in C code ends as one
error naming the file, the process that read it is gone, and the next file is read."""

from __future__ import annotations

import re
import time

import pytest

from pipeline.isolation import Bounds, BoundedPool, run_bounded
from pipeline.model import ExtractionError, ResourceLimitExceeded, TimeLimitExceeded


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def backtrack(n: int) -> bool:
    """Catastrophic backtracking: C code (the re engine) that no signal handler interrupts."""
    return re.match(r"(a+)+$", "a" * n + "b") is not None


def refuse(source: str) -> None:
    raise ExtractionError(source, "the PDF is corrupt")


def test_a_memory_bomb_is_stopped_at_the_limit_and_named():
    with pytest.raises(ResourceLimitExceeded) as caught:
        run_bounded(allocate, (2048,), Bounds(memory_mb=200), source="bomb.pdf")
    assert str(caught.value).startswith("bomb.pdf: reading the file needs more than 200 MB")
    assert "--max-memory" in str(caught.value)
    assert run_bounded(allocate, (50,), Bounds(memory_mb=200), source="fine.pdf") == 50 * 1024 * 1024


def test_c_code_that_never_returns_is_killed_at_the_wall_clock_limit():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded) as caught:
        run_bounded(backtrack, (64,), Bounds(seconds=0.5, grace=0.5), source="loop.pdf")
    assert time.monotonic() - started < 10  # killed, not finished (2^64 steps)
    assert str(caught.value).startswith("loop.pdf: reading the file did not finish within the limit of 0.5 s")


def test_the_readings_own_error_comes_back_as_itself():
    with pytest.raises(ExtractionError) as caught:
        run_bounded(refuse, ("broken.pdf",), Bounds(), source="broken.pdf")
    assert type(caught.value) is ExtractionError and caught.value.problem == "the PDF is corrupt"


def test_a_pool_replaces_a_killed_worker_and_keeps_the_order():
    calls = [(allocate, (10,)), (backtrack, (64,)), (allocate, (4096,)), (allocate, (20,))]
    with BoundedPool(2, Bounds(memory_mb=300, seconds=0.5, grace=0.5)) as pool:
        results = list(pool.imap(_call, [(f, a) for f, a in calls], ["a", "b", "c", "d"]))
    assert results[0] == 10 * 1024 * 1024 and results[3] == 20 * 1024 * 1024
    assert isinstance(results[1], TimeLimitExceeded) and results[1].source == "b"
    assert isinstance(results[2], ResourceLimitExceeded) and results[2].source == "c"


def _call(function, args):
    return function(*args)
