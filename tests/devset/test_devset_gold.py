"""The aligner development set (tests/devset/<case>/) is well formed.

Each case holds a.txt (reference template), b.txt (template under review), gold.tsv (hand-written
article-level correspondences) and README.md. These tests do not score an aligner; they check that
the gold still fits the texts as the segmenter reads them: every id in gold exists, every article
of A and of B appears in at least one row, statuses and reasons are from the agreed vocabulary,
and each template has a title, 6-15 articles and a heading on every article.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.model import REASON_DIMENSIONS
from pipeline.segment import segment

DEVSET = Path(__file__).resolve().parent
CASES = sorted(p.name for p in DEVSET.iterdir() if p.is_dir() and (p / "gold.tsv").exists())

STATUSES = {"equivalent", "divergent", "missing", "extra"}
REASONS = set(REASON_DIMENSIONS)
HEADER = ["a", "b", "status", "reasons"]


def read_gold(case: str) -> list[dict[str, str]]:
    with open(DEVSET / case / "gold.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == HEADER, f"{case}: gold.tsv header must be {HEADER}"
    for row in rows[1:]:
        assert len(row) == 4, f"{case}: gold.tsv row {row!r} must have 4 tab-separated fields"
    return [dict(zip(HEADER, row)) for row in rows[1:]]


def articles(case: str, side: str):
    document = segment(extract(DEVSET / case / f"{side}.txt"))
    return document, [c for c in document.clauses if c.kind == "article"]


def test_there_are_cases():
    assert len(CASES) >= 9


@pytest.mark.parametrize("case", CASES)
def test_case_files(case):
    for name in ("a.txt", "b.txt", "gold.tsv", "README.md"):
        assert (DEVSET / case / name).is_file(), f"{case}/{name} missing"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("side", ["a", "b"])
def test_templates_segment_cleanly(case, side):
    document, arts = articles(case, side)
    assert document.title, f"{case}/{side}.txt: no title"
    assert 6 <= len(arts) <= 15, f"{case}/{side}.txt: {len(arts)} articles"
    assert all(a.heading for a in arts), f"{case}/{side}.txt: an article has no heading"
    assert [a.id for a in arts] == [str(i) for i in range(1, len(arts) + 1)]


@pytest.mark.parametrize("case", CASES)
def test_gold_fits_the_texts(case):
    rows = read_gold(case)
    a_ids = [c.id for c in articles(case, "a")[1]]
    b_ids = [c.id for c in articles(case, "b")[1]]
    seen_pairs = set()
    paired_a, paired_b, missing, extra = set(), set(), set(), set()
    for row in rows:
        a, b, status, reasons = row["a"], row["b"], row["status"], row["reasons"]
        assert status in STATUSES, f"{case}: bad status {status!r}"
        assert a == "-" or a in a_ids, f"{case}: A has no article {a!r}"
        assert b == "-" or b in b_ids, f"{case}: B has no article {b!r}"
        assert (a, b) not in seen_pairs, f"{case}: duplicate row {a}/{b}"
        seen_pairs.add((a, b))
        if status == "missing":
            assert a != "-" and b == "-", f"{case}: missing row must be 'A-id  -'"
            missing.add(a)
        elif status == "extra":
            assert a == "-" and b != "-", f"{case}: extra row must be '-  B-id'"
            extra.add(b)
        else:
            assert a != "-" and b != "-", f"{case}: a pair row needs both ids"
            paired_a.add(a)
            paired_b.add(b)
        if status == "divergent":
            dims = reasons.split(",")
            assert reasons != "-" and set(dims) <= REASONS, f"{case}: bad reasons {reasons!r} for {a}/{b}"
            assert len(dims) == len(set(dims))
        else:
            assert reasons == "-", f"{case}: reasons only on divergent rows ({a}/{b})"
    assert not (missing & paired_a), f"{case}: an article of A is both missing and paired"
    assert not (extra & paired_b), f"{case}: an article of B is both extra and paired"
    assert set(a_ids) == paired_a | missing, f"{case}: articles of A not in gold: {set(a_ids) - paired_a - missing}"
    assert set(b_ids) == paired_b | extra, f"{case}: articles of B not in gold: {set(b_ids) - paired_b - extra}"
