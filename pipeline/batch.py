"""The batch: every template under a folder → tables in data/processed.

Read as one list, the pipeline is ``STAGES``; each stage is a pure function and this
module is the thin wrapper that reads inputs, runs the stages per file, and writes.
A file that fails is recorded with its error and the batch goes on.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.extract import SUPPORTED_SUFFIXES, extract
from pipeline.model import SegmentedDocument, TokkiError
from pipeline.normalize import normalize_for_analysis
from pipeline.segment import segment
from pipeline.storage import write_parquet

log = logging.getLogger(__name__)

# path → Document → SegmentedDocument
STAGES = (extract, segment)

DOCUMENT_COLUMNS = ["source", "format", "sha256", "title", "pages", "articles", "clauses", "status", "error", "warnings"]
CLAUSE_COLUMNS = [
    "source", "title", "order", "id", "kind", "label", "heading", "text", "own_text", "parent", "page", "norm_text",
]


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)
    clauses: list[dict] = field(default_factory=list)

    @property
    def failures(self) -> list[dict]:
        return [d for d in self.documents if d["status"] != "ok"]


def discover(raw_dir: Path) -> list[Path]:
    """Every supported file below ``raw_dir`` (subfolders too), in a stable order."""
    files = [p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


def process_file(path: Path, name: str) -> tuple[dict, list[dict]]:
    """Run the stages on one file: (its documents row, its clause rows)."""
    row = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update(source=name, status="ok")
    try:
        document = extract(path)
        row.update(format=document.format, sha256=document.sha256, pages=len(document.pages))
        row["warnings"] = "\n".join(document.warnings) or None
        segmented: SegmentedDocument = segment(document)
    except TokkiError as error:
        row.update(status="error", error=error.problem)
        return row, []
    row.update(title=segmented.title, articles=len(segmented.articles()), clauses=len(segmented.clauses))
    clauses = []
    for order, record in enumerate(segmented.to_records()):
        record.update(source=name, order=order, norm_text=normalize_for_analysis(record["text"]))
        clauses.append({column: record[column] for column in CLAUSE_COLUMNS})
    return row, clauses


def run_batch(raw_dir: str | Path, out_dir: str | Path) -> BatchResult:
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    result = BatchResult()
    for path in discover(raw_dir):
        name = path.relative_to(raw_dir).as_posix()
        row, clauses = process_file(path, name)
        if row["status"] == "ok":
            log.info("%s: %s articles, %s clauses", name, row["articles"], row["clauses"])
        else:
            log.error("%s: %s", name, row["error"])
        result.documents.append(row)
        result.clauses.extend(clauses)
    documents = pd.DataFrame(result.documents, columns=DOCUMENT_COLUMNS).astype(
        {"pages": "Int64", "articles": "Int64", "clauses": "Int64"}
    )
    clauses = pd.DataFrame(result.clauses, columns=CLAUSE_COLUMNS).astype({"order": "int64", "page": "int64"})
    write_parquet(documents, out_dir / "documents.parquet")
    write_parquet(clauses, out_dir / "clauses.parquet")
    return result
