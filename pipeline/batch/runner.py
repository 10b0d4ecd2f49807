"""Running calls on worker processes, in order, with progress on a terminal."""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Iterator, Sequence

from pipeline.isolation import Bounds, BoundedPool

log = logging.getLogger("pipeline.batch")

# Calls go to the workers in about this many chunks per worker: few enough that a document
# shared by many calls (the reference, in REFERENCE mode) is pickled about once per chunk —
# pickle writes an object that recurs inside one message once — and enough to balance the load.
CHUNKS_PER_WORKER = 4


def _call_each(function: Callable, chunk: Sequence[tuple]) -> list:
    return [function(*args) for args in chunk]


def run_parallel(function: Callable, argument_tuples: Sequence[tuple], *, jobs: int, description: str,
                 progress: bool) -> list:
    """``[function(*args) for args in argument_tuples]`` on ``jobs`` processes (joblib/loky:
    each worker process keeps its own Sudachi tokenizer), results in order."""
    return list(iter_parallel(function, argument_tuples, jobs=jobs, description=description, progress=progress))


def iter_parallel(function: Callable, argument_tuples: Sequence[tuple], *, jobs: int, description: str,
                  progress: bool) -> Iterator:
    """``function(*args)`` for each of ``argument_tuples`` on ``jobs`` processes, yielded in
    order as the chunks come back, so the caller can work on the first results while the
    workers compute the rest."""
    if not argument_tuples:
        return
    total = len(argument_tuples)
    if jobs == 1 or total == 1:
        chunks = [[args] for args in argument_tuples]
        iterator = (_call_each(function, chunk) for chunk in chunks)
    else:
        from joblib import Parallel, delayed

        size = max(1, math.ceil(total / (jobs * CHUNKS_PER_WORKER)))
        chunks = [argument_tuples[i:i + size] for i in range(0, total, size)]
        iterator = Parallel(n_jobs=jobs, return_as="generator")(delayed(_call_each)(function, c) for c in chunks)
    yield from _reporting(iterator, total, description, progress, chunked=True)


def iter_bounded(function: Callable, argument_tuples: Sequence[tuple], sources: Sequence[str], *, jobs: int,
                 bounds: Bounds, description: str, progress: bool) -> Iterator:
    """``function(*args)`` for each of ``argument_tuples``, each call on a worker process within
    ``bounds`` (pipeline.isolation: memory cap, wall-clock kill), yielded in order; a call that
    a bound stopped yields its failure (a TokkiError naming its ``sources`` entry) instead."""
    if not argument_tuples:
        return
    with BoundedPool(jobs, bounds) as pool:
        results = ([result] for result in pool.imap(function, argument_tuples, sources))
        yield from _reporting(results, len(argument_tuples), description, progress, chunked=False)


def _reporting(chunks: Iterator[list], total: int, description: str, progress: bool, *, chunked: bool) -> Iterator:
    """The results of ``chunks`` one by one, with a progress bar on a terminal (else a log line
    per chunk, or per 10 % when there is one result a chunk)."""
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=description)
    with warnings.catch_warnings():
        # loky restarts a worker whose memory grew (Sudachi's dictionary) and says so; the work
        # is resubmitted and nothing is lost, so the user need not hear of it
        warnings.filterwarnings("ignore", message="A worker stopped while some jobs were given")
        done = 0
        for chunk_results in chunks:
            done += len(chunk_results)
            if bar is not None:
                bar.update(len(chunk_results))
            elif chunked or done == total or done % max(1, total // 10) == 0:
                log.info("%s %d/%d", description, done, total)
            yield from chunk_results
    if bar is not None:
        bar.close()
