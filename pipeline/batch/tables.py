"""The batch's tables: their schemas, and their rows built from the model's records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pipeline.model import Comparison, DocumentRecord

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# extraction: "text" (a text layer, .txt, .docx) or "ocr"; ocr_confidence: tesseract's mean
# confidence (0–1) wherever OCR'd text is involved, null otherwise
DOCUMENT_COLUMNS = [
    "source", "format", "sha256", "title", "issuer", "pages", "articles", "clauses", "extraction", "ocr_confidence",
    "status", "error", "warnings",
]
CLAUSE_COLUMNS = [
    "source", "title", "order", "id", "kind", "label", "heading", "text", "own_text", "parent", "page", "norm_text",
    "ocr_confidence",
]
ALIGNMENT_COLUMNS = [
    "a_source", "b_source", "a", "b", "score", "status", "reasons", "a_units", "b_units", "ocr_confidence",
    "similarity", "identical", "changes",
]
# "checklist": the yardstick applied to the document (mynumber: 番号法, kojinjoho: 個人情報保護法)
CHECKLIST_COLUMNS = ["source", "issuer", "item", "name", "status", "clauses", "score", "checklist"]


def document_row(record: DocumentRecord) -> dict:
    row = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update(source=record.source, sha256=record.sha256, status=record.status, error=record.error)
    document = record.document
    if document is not None:
        row.update(format=record.format, title=document.title, issuer=record.issuer, pages=record.pages,
                   articles=len(document.articles()), clauses=len(document.clauses),
                   extraction=document.extraction, ocr_confidence=document.ocr_confidence,
                   warnings="\n".join(document.warnings) or None)
    return row


def clause_rows(record: DocumentRecord) -> list[dict]:
    document, tokenized = record.document, record.tokenized
    return [
        {"source": document.source, "title": document.title, "order": order, "id": clause.id, "kind": clause.kind,
         "label": clause.label, "heading": clause.heading, "text": clause.text, "own_text": clause.own_text,
         "parent": clause.parent, "page": clause.page, "norm_text": tokenized.analysis_texts[clause.id],
         "ocr_confidence": document.ocr_confidence_of(clause.page)}
        for order, clause in enumerate(document.clauses)
    ]


def checklist_rows(record: DocumentRecord) -> list[dict]:
    return [
        {"source": record.source, "issuer": record.issuer, "checklist": finding.checklist, "item": finding.item,
         "name": finding.name, "status": finding.status, "clauses": ",".join(finding.clauses), "score": finding.score}
        for finding in record.checklist
    ]


def alignment_rows(a_source: str, b_source: str, comparison: Comparison) -> list[dict]:
    confidences = [d.ocr_confidence for d in (comparison.a, comparison.b) if d.ocr_confidence is not None]
    return [
        {"a_source": a_source, "b_source": b_source, "a": record.a, "b": record.b, "score": record.score,
         "status": record.status, "reasons": "\n".join(record.reasons), "a_units": ",".join(record.a_units),
         "b_units": ",".join(record.b_units), "ocr_confidence": min(confidences, default=None),
         "similarity": record.similarity, "identical": record.identical,
         "changes": json.dumps([c.to_json() for c in record.changes], ensure_ascii=False) if record.changes else ""}
        for record in comparison.alignments
    ]


def frames(documents: list[dict], clauses: list[dict], alignments: list[dict],
           checklist: list[dict]) -> Mapping[str, "pd.DataFrame"]:
    """The four tables, typed as they are written (file name → frame)."""
    import pandas as pd  # here: the batch's worker processes import this package and need no pandas

    return {
        "documents.parquet": pd.DataFrame(documents, columns=DOCUMENT_COLUMNS).astype(
            {"pages": "Int64", "articles": "Int64", "clauses": "Int64", "ocr_confidence": "Float64"}),
        "clauses.parquet": pd.DataFrame(clauses, columns=CLAUSE_COLUMNS).astype(
            {"order": "int64", "page": "int64", "ocr_confidence": "Float64"}),
        "alignments.parquet": pd.DataFrame(alignments, columns=ALIGNMENT_COLUMNS).astype(
            {"score": "Float64", "ocr_confidence": "Float64", "similarity": "Float64", "identical": "boolean"}),
        "checklist.parquet": pd.DataFrame(checklist, columns=CHECKLIST_COLUMNS),
    }
