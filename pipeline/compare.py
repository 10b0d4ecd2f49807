"""The comparison stage: two segmented templates → aligned, checked obligations."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.align import Alignment, ClauseAligner
from pipeline.model import SegmentedDocument


@dataclass
class Comparison:
    a: SegmentedDocument
    b: SegmentedDocument
    alignments: list[Alignment]

    def to_json(self) -> dict:
        return {
            "a": {"source": self.a.source, "title": self.a.title},
            "b": {"source": self.b.source, "title": self.b.title},
            "alignments": [record.to_json() for record in self.alignments],
        }

    def counts(self) -> dict[str, int]:
        counts = {"equivalent": 0, "divergent": 0, "missing": 0, "extra": 0}
        for record in self.alignments:
            counts[record.status] += 1
        return counts


def compare_documents(a: SegmentedDocument, b: SegmentedDocument, aligner: ClauseAligner | None = None) -> Comparison:
    aligner = (aligner or ClauseAligner()).fit(a, b)
    return Comparison(a, b, aligner.alignments_)
