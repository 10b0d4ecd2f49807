"""Hard bounds on one input file: each read runs in a child process with a memory limit
(RLIMIT_AS) and is killed at a wall-clock limit.

The limits inside the reading (``extract.limits``: the page limit, SIGALRM between bytecodes,
checks between pages) cannot stop C code that never returns (pdfium, zlib, a regex) nor an
allocation that takes the machine's memory before Python sees it. A child process can be
killed and its address space capped, so a memory bomb or a hang ends as one error naming the
file, and the batch (or the CLI, or the server) goes on.

    run_bounded(function, args, bounds)     one call in a child (the CLI reads each file so)
    BoundedPool(jobs, bounds).imap(...)     many calls on worker processes, results in order,
                                            a killed worker replaced (the batch)

The children come from a fork of this process when it has only the one thread (cheap: the
imports are shared), else from a fork server, never a fork of a threaded process.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from pipeline.extract.limits import DEFAULT_MAX_MEMORY_MB, ExtractOptions
from pipeline.model import ResourceLimitExceeded, TimeLimitExceeded

# Past the reading's own time limit (which stops Python code and says so), the grace before the
# process is killed: only C code that never returns is still running then.
KILL_GRACE = 5.0
# What the worker imports before its address space is capped (then measured as its baseline).
WARM_MODULES = ("pipeline.api", "pipeline.extract", "pipeline.segment", "pipeline.tokens", "pipeline.judge.checklist",
                "pipeline.judge.coverage", "pipeline.judge.issuer", "pdfplumber", "pypdfium2", "docx")


@dataclass(frozen=True)
class Bounds:
    """``memory_mb``: the address space one file's reading may add to a warm worker (None: no
    cap); ``seconds``: the reading's time limit, after which (plus KILL_GRACE) it is killed."""

    memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    seconds: float | None = None
    grace: float = KILL_GRACE

    @classmethod
    def of(cls, options: ExtractOptions) -> Bounds:
        return cls(memory_mb=options.max_memory_mb, seconds=options.timeout)

    @property
    def kill_after(self) -> float | None:
        return None if self.seconds is None else self.seconds + self.grace


def _virtual_size() -> int:
    """This process's address space now, in bytes (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize in /proc/self/status")


def cap_memory(memory_mb: int | None) -> None:
    """Cap this process's address space at its present size plus ``memory_mb`` (soft limit: a
    MemoryError in Python, a failed malloc in C). Called in a worker, after its imports."""
    if memory_mb is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _virtual_size() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


WORKER_NICENESS = 5


def _warm_worker(memory_mb: int | None) -> None:
    import importlib

    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional reader that is not installed: it is not used either
            pass
    from pipeline.tokens import tokenizer

    tokenizer()  # Sudachi's dictionary, mapped before the cap
    cap_memory(memory_mb)
    # The process taking the results works on each as it comes (the batch compares them with
    # the reference, the server answers): it is the one the others wait for, so the workers,
    # which run ahead of it, yield the CPU to it.
    os.nice(WORKER_NICENESS)


def _context() -> multiprocessing.context.BaseContext:
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WARM_MODULES))
    return context


def failure(source: str, error: BaseException, bounds: Bounds) -> Exception:
    """The TokkiError that says why a bounded call produced nothing; ``error`` if it says so
    already (an exception of the reading itself, not of its bounds)."""
    from pebble import ProcessExpired

    if isinstance(error, FutureTimeout):
        return TimeLimitExceeded(source, f"reading the file did not finish within the limit of {bounds.seconds:g} s "
                                         "per file (--timeout), and its process was stopped: the file is unusually "
                                         "heavy or damaged; raise the limit to try harder")
    if isinstance(error, MemoryError):
        return ResourceLimitExceeded(source, f"reading the file needs more than {bounds.memory_mb} MB of memory, the "
                                             "limit per file (--max-memory): the file is unusually heavy or damaged "
                                             "(a decompression bomb, millions of drawn objects?); raise the limit "
                                             "to try harder")
    if isinstance(error, ProcessExpired):
        how = f"signal {-error.exitcode}" if error.exitcode and error.exitcode < 0 else f"exit code {error.exitcode}"
        limit = f" (memory limit {bounds.memory_mb} MB per file, --max-memory)" if bounds.memory_mb else ""
        return ResourceLimitExceeded(source, f"the process reading the file died ({how}){limit}: the file is "
                                             "damaged in a way that crashes the reader, or needs more memory "
                                             "than the limit")
    return error if isinstance(error, Exception) else RuntimeError(str(error))


def _bounded_call(memory_mb: int | None, function: Callable, args: tuple):
    cap_memory(memory_mb)
    return function(*args)


def run_bounded(function: Callable, args: tuple, bounds: Bounds, *, source: str):
    """``function(*args)`` in a child process within ``bounds``; what it returns, or raises
    what it raised, or the failure (a TokkiError naming ``source``) when a bound stopped it."""
    from pebble import concurrent

    call = concurrent.process(timeout=bounds.kill_after, context=_context())(_bounded_call)
    future = call(bounds.memory_mb, function, args)
    try:
        return future.result()
    except BaseException as error:  # noqa: BLE001 — every way a child can end is turned into words
        if isinstance(error, KeyboardInterrupt):
            future.cancel()
            raise
        raise failure(source, error, bounds) from None


class BoundedPool:
    """Worker processes that each read one file at a time within ``bounds``; a worker that is
    killed (time) or dies (memory, a crash in C) is replaced and the rest goes on."""

    def __init__(self, jobs: int, bounds: Bounds):
        from pebble import ProcessPool

        self.bounds = bounds
        self._pool = ProcessPool(max_workers=jobs, initializer=_warm_worker, initargs=(bounds.memory_mb,),
                                 context=_context())
        # Calls in flight. The caller takes the results one by one and may work on each (the
        # batch compares each document with the reference as it comes, the first time after a
        # second of imports): the workers must be able to run that far ahead of it. A call in
        # flight costs a reference to bytes the caller holds anyway (pebble pickles a call only
        # when a worker takes it).
        self._window = 16 * jobs
        self._futures: set = set()  # in flight, so that closing the pool ends every wait on one

    def imap(self, function: Callable, argument_tuples: Sequence[tuple], sources: Sequence[str]) -> Iterator:
        """``function(*args)`` for each of ``argument_tuples``, in order; where a bound stopped
        a call, the failure (see ``failure``) in its place, as a value, not raised."""
        todo = iter(zip(argument_tuples, sources))
        running: deque = deque()

        def submit() -> None:
            for args, source in todo:
                future = self._pool.schedule(function, args=args, timeout=self.bounds.kill_after)
                self._futures.add(future)
                future.add_done_callback(self._futures.discard)
                running.append((source, future))
                return

        for _ in range(self._window):
            submit()
        while running:
            source, future = running.popleft()
            try:
                yield future.result()
            except Exception as error:  # noqa: BLE001 — a bound, or the reading's own error
                yield failure(source, error, self.bounds)
            submit()

    def close(self) -> None:
        self._pool.stop()
        self._pool.join()
        # a call whose worker was stopped may be left pending by pebble: a thread waiting on
        # it (a server's job) would wait for ever, and hold the interpreter's exit
        for future in list(self._futures):
            if not future.done() and not future.cancel():
                try:
                    future.set_exception(RuntimeError("the reading was stopped: the server is shutting down"))
                except Exception:  # noqa: BLE001 — it finished meanwhile
                    pass

    def __enter__(self) -> BoundedPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
