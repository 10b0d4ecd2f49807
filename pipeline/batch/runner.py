"""Running calls on worker processes, in order, with progress on a terminal."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence

log = logging.getLogger("pipeline.batch")


def run_parallel(function: Callable, argument_tuples: Sequence[tuple], *, jobs: int, description: str,
                 progress: bool) -> list:
    """``[function(*args) for args in argument_tuples]`` on ``jobs`` processes (joblib/loky:
    each worker process keeps its own Sudachi tokenizer), results in order."""
    if not argument_tuples:
        return []
    if jobs == 1 or len(argument_tuples) == 1:
        iterator = (function(*args) for args in argument_tuples)
    else:
        from joblib import Parallel, delayed

        iterator = Parallel(n_jobs=jobs, return_as="generator")(delayed(function)(*args) for args in argument_tuples)
    if progress:
        from tqdm import tqdm

        iterator = tqdm(iterator, total=len(argument_tuples), desc=description)
    results = []
    with warnings.catch_warnings():
        # loky restarts a worker whose memory grew (Sudachi's dictionary) and says so; the work
        # is resubmitted and nothing is lost, so the user need not hear of it
        warnings.filterwarnings("ignore", message="A worker stopped while some jobs were given")
        for n, result in enumerate(iterator, start=1):
            results.append(result)
            if not progress:
                log.info("%s %d/%d", description, n, len(argument_tuples))
    return results
