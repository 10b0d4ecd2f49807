"""Bounds on one file's work: the per-file time limit and the page limit, from the API and the CLI."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extract import extract
from pipeline.extract.limits import ExtractOptions, time_limit
from pipeline.model import ExtractionError, TimeLimitExceeded

CASES = Path(__file__).resolve().parent / "cases" / "bad-input"
THREE_PAGES = Path(__file__).resolve().parent / "fixtures" / "pdf" / "footer-page-numbers.pdf"


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_time_limit_interrupts_work_and_names_the_file():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded) as caught:
        with time_limit("slow.pdf", 0.05):
            _busy(5)
    assert time.monotonic() - started < 1
    assert caught.value.source == "slow.pdf"
    assert "longer than the limit of 0.05 s" in caught.value.problem and "--timeout" in caught.value.problem


def test_time_limit_restores_the_previous_alarm_handler_and_timer():
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with time_limit("a.pdf", 10):
            pass
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        signal.setitimer(signal.ITIMER_REAL, 100, 100)  # an outer timer goes on afterwards
        with time_limit("b.pdf", 10):
            pass
        delay, interval = signal.getitimer(signal.ITIMER_REAL)
        assert 99 < delay <= 100 and interval == 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_the_deadline_is_checked_between_pages():
    errors = []

    def work():
        try:
            with time_limit("threaded.pdf", 0.01) as deadline:
                _busy(0.05)
                deadline.check()
        except TimeLimitExceeded as error:
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert len(errors) == 1 and errors[0].source == "threaded.pdf"


def test_page_limit_is_checked_before_reading():
    with pytest.raises(ExtractionError, match="3 pages, more than the limit of 2"):
        extract(THREE_PAGES, ExtractOptions(max_pages=2))
    assert len(extract(THREE_PAGES, ExtractOptions(max_pages=3)).pages) == 3


def test_a_500_page_pdf_is_refused_quickly_by_default():
    started = time.monotonic()
    with pytest.raises(ExtractionError, match="500 pages"):
        extract(CASES / "500-pages.pdf")
    assert time.monotonic() - started < 5  # counted, not read (generous bound: slow CI machines)


# hypothesis's gc callback is loaded in the suite: an alarm that lands in it is swallowed (and
# reported as unraisable), and its repeat a second later does the job
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_cli_timeout_gives_up_on_a_slow_file(capsys):
    path = CASES / "500-pages.pdf"
    assert main(["segment", str(path), "--max-pages", "0", "--timeout", "0.3"]) == 1
    err = capsys.readouterr().err
    assert f"tokki: error: {path}: reading the file took longer than the limit of 0.3 s" in err


def test_cli_limits_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("TOKKI_MAX_PAGES", "2")
    assert main(["segment", str(THREE_PAGES)]) == 1
    assert "more than the limit of 2 (--max-pages)" in capsys.readouterr().err
    assert main(["segment", str(THREE_PAGES), "--max-pages", "3"]) == 0  # the option wins


def test_cli_rejects_a_negative_limit(capsys):
    assert main(["segment", str(THREE_PAGES), "--timeout", "-1"]) == 2
    assert "--timeout" in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the lost alarm, on purpose
def test_an_alarm_swallowed_where_exceptions_are_ignored_comes_again():
    import gc

    swallowed = []

    def callback(phase, info):  # exceptions raised in gc callbacks are reported, then ignored
        if phase == "start" and not swallowed:
            swallowed.append(True)
            _busy(0.2)  # the first alarm lands here and is lost

    started = time.monotonic()
    gc.callbacks.append(callback)
    try:
        with pytest.raises(TimeLimitExceeded):
            with time_limit("gc.pdf", 0.05):
                gc.collect()
                _busy(5)
    finally:
        gc.callbacks.remove(callback)
    assert swallowed and time.monotonic() - started < 3  # the limit, the lost alarm, one repeat
