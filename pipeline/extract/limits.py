"""Bounds on the work one input file may cost: a page limit and a per-file time limit.

Templates arrive from hundreds of issuers in every state; one pathological file (a 500-page
bundle, a PDF whose content stream makes the parser crawl, a scan sent through OCR) must not
hold a batch up or eat its memory. The page limit is checked before any page is read; the
time limit is enforced by SIGALRM where the work runs on a process's main thread (the CLI, a
batch worker) — pdfminer is pure Python, so the alarm interrupts it between two bytecodes —
and, everywhere, by checks between pages (``Deadline.check``).
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.model import TimeLimitExceeded

# A 特記事項 is 1–10 pages; 100 leaves room for one bundled with its contract.
DEFAULT_MAX_PAGES = 100
# A 10-page PDF takes ~1 s; OCR ~1–3 s a page (tesseract, one thread, 300 dpi).
DEFAULT_TIMEOUT = 120.0
# A 10-page 特記事項 needs 100–250 MB to read; a file that needs more than 1 GB is a bomb.
DEFAULT_MAX_MEMORY_MB = 1024
# How soon the alarm comes again if its exception was swallowed (raised in a gc callback or a
# __del__, it goes to sys.unraisablehook): long enough for the hook to report the first one
# undisturbed — 0.1 s once interrupted pytest's hook in a cold-started run.
ALARM_REPEAT = 1.0


@dataclass(frozen=True)
class ExtractOptions:
    """How a file is read: OCR for pages without a text layer, and the bounds on the work.

    ``max_pages`` / ``timeout`` / ``max_memory_mb`` of None mean no limit. The memory limit is
    applied where the file is read in a child process (``pipeline.isolation``: the CLI, the
    batch), not by the library's in-process readers."""

    ocr: bool = False
    max_pages: int | None = DEFAULT_MAX_PAGES
    timeout: float | None = DEFAULT_TIMEOUT
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB

    def cache_key(self) -> str:
        """What changes a file's result (the time limit only decides whether there is one)."""
        return f"ocr={int(self.ocr)};max_pages={self.max_pages}"


class _DeadlineExceeded(BaseException):
    """Raised by the alarm. A BaseException, so that the ``except Exception`` around a parser
    that raises anything on damaged input does not take it for a corrupt file."""


@dataclass
class Deadline:
    """The time left for one file."""

    source: str
    seconds: float | None
    started: float

    def remaining(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (time.monotonic() - self.started)

    def check(self) -> None:
        remaining = self.remaining()
        if remaining is not None and remaining <= 0:
            raise self.error()

    def error(self) -> TimeLimitExceeded:
        return TimeLimitExceeded(
            self.source,
            f"reading the file took longer than the limit of {self.seconds:g} s per file "
            "(--timeout): the file is unusually heavy or damaged; raise the limit to try harder",
        )


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(source: str, seconds: float | None) -> Iterator[Deadline]:
    """Run the block with at most ``seconds`` of wall time; past it, ExtractionError naming
    ``source``. The previous SIGALRM handler and timer are restored afterwards."""
    deadline = Deadline(str(source), seconds, time.monotonic())
    if seconds is None or not _alarm_usable():
        yield deadline
        return
    if seconds <= 0 or not math.isfinite(seconds):
        raise ValueError(f"the time limit must be a positive number of seconds, not {seconds}")

    armed = True

    def on_alarm(signum, frame):
        if armed:  # not once the block has finished, on its way out
            raise _DeadlineExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # The alarm repeats: raised inside a gc callback or a __del__, the exception is swallowed
    # ("Exception ignored in …"), so it fires again until the block is left.
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
    try:
        yield deadline
        armed = False
    except _DeadlineExceeded:
        raise deadline.error() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay:  # someone else's timer was running: it goes on, less the time spent here
            elapsed = time.monotonic() - deadline.started
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - elapsed, 1e-6), outer_interval)
