"""A comparison of two documents: what alignment matched and what judgement said of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.model.documents import SegmentedDocument

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


ALIGNMENT_STATUSES = ("equivalent", "divergent", "missing", "extra")


@dataclass(frozen=True)
class Nearest:
    """For an article with no counterpart: the closest unit of the other document."""

    article: str  # its article id
    unit: str  # its clause id
    similarity: float


@dataclass(frozen=True)
class PartMatch:
    """Inside two matched articles: paragraph or item ``a`` of A corresponds to ``b`` of B, or
    one side is None (a part on one side only). ``new``: a one-sided part that is a provision
    the other article lacks — the other parts pair up closely and the other article does not
    say its words elsewhere (two paragraphs merged into one, or a reworded article whose
    paragraphs are cut differently, add nothing)."""

    a: str | None
    b: str | None
    similarity: float | None = None  # the two parts' overlap (bigram Dice) when paired
    new: bool = False


@dataclass(frozen=True)
class Match:
    """What alignment says: article ``a`` of A corresponds to article ``b`` of B through the
    units ``a_units`` ↔ ``b_units`` (the article itself, or the paragraph/item that matched);
    or, with one side None, that the article has no counterpart."""

    a: str | None
    b: str | None
    score: float | None  # P(the two correspond), calibrated; None without a counterpart
    a_units: tuple[str, ...] = ()
    b_units: tuple[str, ...] = ()
    nearest: Nearest | None = None
    similarity: float | None = None  # the best unit pair's similarity in [0, 1]
    parts: tuple[PartMatch, ...] = ()  # the paragraphs and items of two whole articles, aligned


CHANGE_KINDS = ("added", "removed", "changed")
# What a reason ("<dimension>: <A's value> → <B's value>") can be about, in the order reasons
# are given (README: Reasons).
REASON_DIMENSIONS = ("paragraph", "modality", "deadline", "consent", "exception", "survival", "scope", "form",
                     "encryption", "certificate", "subsidiaries", "multi-tier", "risk", "method", "trigger",
                     "periodic", "ppc")


@dataclass
class Change:
    """A paragraph or item of a matched pair whose text differs (folded for width, spacing and
    line breaks): present in B only (``added``), in A only (``removed``), or on both sides."""

    a: str | None
    b: str | None
    kind: str  # one of CHANGE_KINDS
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "kind": self.kind, "reasons": self.reasons}


@dataclass
class Alignment:
    """One record of a comparison, as scripts read it (the ``tokki compare`` JSON contract):
    a Match with the judgement of its obligations."""

    a: str | None  # article id in A
    b: str | None  # article id in B
    score: float | None  # P(the two articles correspond), calibrated (pipeline/data/alignment-calibration.json)
    status: str  # one of ALIGNMENT_STATUSES
    reasons: list[str] = field(default_factory=list)
    a_units: list[str] = field(default_factory=list)  # the clause ids that matched
    b_units: list[str] = field(default_factory=list)
    similarity: float | None = None  # the matched units' similarity; ``score`` is P(they correspond)
    # the matched texts are the same once width, spacing and line breaks are folded (None: no pair)
    identical: bool | None = None
    changes: list[Change] = field(default_factory=list)
    # for an article of A missing from B: A's text in B's party words, to draft the missing clause
    suggestion: str | None = None

    def to_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "score": self.score,
            "similarity": self.similarity,
            "status": self.status,
            "reasons": self.reasons,
            "a_units": self.a_units,
            "b_units": self.b_units,
            "identical": self.identical,
            "changes": [change.to_json() for change in self.changes],
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Alignment":
        fields = dict(data)
        fields["changes"] = [Change(**c) for c in data.get("changes", [])]
        return cls(**fields)


@dataclass
class Comparison:
    a: SegmentedDocument
    b: SegmentedDocument
    alignments: list[Alignment]
    # article × article similarity (the best pair of units inside each two articles), rows in
    # A's article order, columns in B's: what the similarity map shows
    article_similarity: "np.ndarray"

    def to_json(self) -> dict:
        def side(document: SegmentedDocument) -> dict:
            summary = {"source": document.source, "title": document.title, "warnings": list(document.warnings)}
            if document.ocr_pages:
                summary["extraction"] = document.extraction_json()
            return summary

        return {
            "a": side(self.a),
            "b": side(self.b),
            "alignments": [record.to_json() for record in self.alignments],
        }

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ALIGNMENT_STATUSES, 0)
        for record in self.alignments:
            counts[record.status] += 1
        return counts

__all__ = ["ALIGNMENT_STATUSES", "Nearest", "PartMatch", "Match", "CHANGE_KINDS", "REASON_DIMENSIONS", "Change", "Alignment", "Comparison"]
