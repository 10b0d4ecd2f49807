"""Templates in the layouts of other issuers, written from real-conventions.md by people who
had not seen the segmenter (tests/realistic*/: NAME.txt and NAME.gold.json beside it), read
exactly: ids, kinds, headings, own texts (white space aside), title, and the warnings a
careful reader expects (a numbering gap, text before the first article, a truncated end).
``make eval`` prints the same figures per document."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.tools.score_segmentation import gold_files, score_document

SETS = sorted(p for p in Path(__file__).parent.glob("realistic*") if p.is_dir())
CASES = [pytest.param(t, g, id=f"{t.parent.name}/{t.stem}") for folder in SETS for t, g in gold_files(folder)]


def test_there_are_realistic_sets():
    assert len(CASES) >= 14


@pytest.mark.parametrize("template, gold", CASES)
def test_realistic_template_reads_exactly(template: Path, gold: Path):
    score = score_document(template, gold)
    assert score.exact and score.warnings_found == score.warnings_expected, "\n".join(score.problems)
