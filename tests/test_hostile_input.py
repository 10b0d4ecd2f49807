"""Hostile and unlucky inputs (issue "Nothing lost"): small files that would cost a reader
unbounded memory or time. Every file in tests/cases/hostile is a case (made by its
make_cases.py), with its ``<case>.expected`` beside it (format: tests/util.py; an ``options``
section gives the command-line options it runs with). Each runs as a whole ``tokki segment``
process, bounded here by wall time and by the peak memory of its largest process; all of them
then go through one batch, which must go on past every one and list it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from tests.util import bad_input_cases, expectation_path, read_expectation

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "hostile"
CASE_FILES, _ = bad_input_cases(CASES, not_cases=frozenset({"make_cases.py"}))
EXPECTED = {path.name: read_expectation(expectation_path(path)) for path in CASE_FILES}
# The bounds the issue sets: 1 GB a file, and no file longer than its limit (here: tokki's
# default limits, a process start and the bounded reader's own start)
PEAK_MB = 1024
SECONDS = 60


def test_every_case_has_its_expectation():
    assert len(EXPECTED) >= 5
    assert all(expectation_path(p).exists() for p in CASE_FILES)


def _bounded_run(arguments: list[str]) -> tuple[int, str, float, float]:
    """(exit code, stderr, wall seconds, peak RSS in MB of the largest process of the run)."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", *arguments], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)  # ru_maxrss: the largest of it and its children
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, stderr, time.monotonic() - started, usage.ru_maxrss / 1024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_hostile_file_ends_as_one_error_line_within_its_bounds(name):
    expected = EXPECTED[name]
    path = CASES / name
    code, stderr, seconds, peak_mb = _bounded_run(["segment", str(path), *expected.options])
    assert seconds < SECONDS, f"{name}: {seconds:.0f} s"
    assert peak_mb < PEAK_MB, f"{name}: {peak_mb:.0f} MB"
    errors = [line for line in stderr.splitlines() if line.startswith("tokki: error:")]
    if expected.ok:
        assert code == 0 and not errors, stderr
        return
    assert code == 1 and len(errors) == 1, stderr
    assert errors[0].startswith(f"tokki: error: {path}: ")
    for words in expected.error:
        assert words in errors[0], errors[0]
    assert "Traceback" not in stderr


def test_the_batch_goes_on_past_every_hostile_file(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in EXPECTED:
        shutil.copyfile(CASES / name, raw / name)
    shutil.copyfile(ROOT / "data" / "raw" / "hofu-city.txt", raw / "hofu-city.txt")
    out = tmp_path / "out"
    assert main(["batch", str(raw), "--out", str(out), "--no-progress"]) == 1
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    assert documents.loc["hofu-city.txt", "status"] == "ok"
    for name, expected in EXPECTED.items():
        if expected.options:  # read with other options than the batch's: only listed
            assert name in documents.index
            continue
        if expected.ok:
            assert documents.loc[name, "status"] == "ok", (name, documents.loc[name, "error"])
            continue
        assert documents.loc[name, "status"] == "error", name
        for words in expected.error:
            assert words in documents.loc[name, "error"], (name, documents.loc[name, "error"])


def test_math_markup_in_a_title_is_shown_as_written(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(CASES / "math-text-names.txt", raw / "math-text-names.txt")
    shutil.copyfile(ROOT / "data" / "raw" / "hofu-city.txt", raw / "hofu-city.txt")
    out = tmp_path / "out"
    assert main(["batch", str(raw), "--out", str(out), "--no-progress"]) == 0
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    assert documents.loc["math-text-names.txt", "title"] == "重要情報資産・個人情報取扱特記事項 $x^^$"
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted((out / "report").glob("*.html")))
    assert "$x^^$" in pages and "秘密の保持 $\\frac{a}{$" in pages
