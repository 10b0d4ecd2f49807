"""What is judged of one document: its checklist findings, obligation strengths, the batch record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from pipeline.model.documents import SegmentedDocument, TokenizedDocument

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


# weak: best effort or discretion; present: a duty or prohibition; strong: one that is also
# immediate or needs written consent; unread: a deadline or consent without a readable modality
STRENGTH_LEVELS = ("weak", "present", "strong", "unread")


@dataclass(frozen=True)
class Strength:
    """How strictly a document words one obligation: ``text`` as a reader sees it
    (しなければならない・直ちに・書面による承諾), ``level`` for colouring it."""

    text: str
    level: str  # one of STRENGTH_LEVELS


@dataclass(frozen=True)
class Coverage:
    """The researcher's matrix: documents (by issuer) × obligations.

    ``table`` holds strings, as coverage.csv has them: each cell the wording strength, ""
    where the document does not impose the obligation, then the ``summary_rows`` (how many
    impose it, n/N; its usual wording). ``levels`` has the document rows' cells as
    STRENGTH_LEVELS values ("" where not imposed); ``imposed_share`` each obligation's n/N."""

    table: "pd.DataFrame"
    levels: "pd.DataFrame"
    imposed_share: Mapping[str, float]
    summary_rows: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistFinding:
    """One checklist item for one document: present (with the clauses that say it), partial (a
    clause only touches it: liability without a duty to report), or missing."""

    item: str
    name: str
    present: bool
    clauses: tuple[str, ...]
    score: float  # share of the item's keyword groups the best clause satisfies (1.0 when present)
    partial: bool = False
    checklist: str = "mynumber"  # the yardstick applied (CHECKLISTS in pipeline.text.vocabulary)

    @property
    def status(self) -> str:
        return "present" if self.present else "partial" if self.partial else "missing"


@dataclass(frozen=True)
class DocumentRecord:
    """Everything the batch keeps of one input file: its analysis, or the reason it failed.

    ``cacheable`` is False for a failure that may pass another time (the time limit)."""

    source: str
    sha256: str | None
    status: str  # "ok" | "error"
    error: str | None = None
    format: str | None = None
    pages: int | None = None
    tokenized: TokenizedDocument | None = None
    issuer: str | None = None
    checklist: tuple[ChecklistFinding, ...] = ()  # the items of the checklist that applies to it
    strengths: Mapping[str, Strength | None] = field(default_factory=dict)  # obligation name → strength
    cacheable: bool = True

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def document(self) -> SegmentedDocument | None:
        return self.tokenized.document if self.tokenized is not None else None

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.document.warnings if self.document is not None else ()

    def to_dict(self) -> dict:
        """Everything, for the cache; ``from_dict`` reads it back."""
        return {
            "source": self.source, "sha256": self.sha256, "status": self.status, "error": self.error,
            "format": self.format, "pages": self.pages,
            "tokenized": self.tokenized.to_dict() if self.tokenized is not None else None,
            "issuer": self.issuer,
            "checklist": [asdict(f) for f in self.checklist],
            "strengths": {k: (asdict(v) if v is not None else None) for k, v in self.strengths.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentRecord":
        return cls(
            data["source"], data["sha256"], data["status"], data["error"], data["format"], data["pages"],
            TokenizedDocument.from_dict(data["tokenized"]) if data["tokenized"] is not None else None,
            data["issuer"],
            tuple(ChecklistFinding(f["item"], f["name"], f["present"], tuple(f["clauses"]), f["score"],
                                   f.get("partial", False), f.get("checklist", "mynumber"))
                  for f in data["checklist"]),
            {k: (Strength(**v) if v is not None else None) for k, v in data["strengths"].items()},
        )

__all__ = ["STRENGTH_LEVELS", "Strength", "Coverage", "ChecklistFinding", "DocumentRecord"]
