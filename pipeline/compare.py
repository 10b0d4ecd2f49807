"""The comparison stage: two segmented templates → aligned, checked obligations."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pipeline.align import Alignment, ClauseAligner
from pipeline.model import SegmentedDocument


@dataclass
class Comparison:
    a: SegmentedDocument
    b: SegmentedDocument
    alignments: list[Alignment]
    # article × article similarity (the best pair of units inside each two articles), rows in
    # A's article order, columns in B's: what the heatmap shows
    article_similarity: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))

    def to_json(self) -> dict:
        def side(document):
            summary = {"source": document.source, "title": document.title}
            if document.ocr_pages:
                summary["extraction"] = document.extraction_json()
            return summary

        return {
            "a": side(self.a),
            "b": side(self.b),
            "alignments": [record.to_json() for record in self.alignments],
        }

    def counts(self) -> dict[str, int]:
        counts = {"equivalent": 0, "divergent": 0, "missing": 0, "extra": 0}
        for record in self.alignments:
            counts[record.status] += 1
        return counts


def article_similarity(aligner: ClauseAligner, a: SegmentedDocument, b: SegmentedDocument) -> np.ndarray:
    rows = {c.id: n for n, c in enumerate(a.articles())}
    cols = {c.id: n for n, c in enumerate(b.articles())}
    matrix = np.zeros((len(rows), len(cols)))
    for i, unit_a in enumerate(aligner.units_a_):
        for j, unit_b in enumerate(aligner.units_b_):
            r, c = rows[unit_a.article.id], cols[unit_b.article.id]
            matrix[r, c] = max(matrix[r, c], aligner.similarity_[i, j])
    return matrix


def compare_documents(a: SegmentedDocument, b: SegmentedDocument, aligner: ClauseAligner | None = None) -> Comparison:
    aligner = (aligner or ClauseAligner()).fit(a, b)
    return Comparison(a, b, aligner.alignments_, article_similarity(aligner, a, b))
