"""The batch: every template under a folder → the tables and reports in data/processed.

The pipeline, read as one list (each stage a pure function; this module only reads, caches,
runs them in parallel and writes):

    path ─extract→ Document ─segment→ SegmentedDocument ─┬─ check / coverage (per document)
                                                        └─ compare (per pair, or against REFERENCE)

Incremental: a document's segmentation and a pair's comparison are cached under
``<out>/.cache`` keyed by the file's sha256 and the code version, so a rerun with nothing
changed extracts and tokenizes nothing, and one new file is processed and compared alone.
Both cores are used (joblib, one Sudachi tokenizer per worker process). A file that fails is
recorded with its error and the batch goes on. Outputs are staged and moved into place one
by one with atomic renames: an interrupted run leaves the previous outputs readable.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import warnings
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.extract import SUPPORTED_SUFFIXES, extract
from pipeline.limits import ExtractOptions
from pipeline.model import SegmentedDocument, TimeLimitExceeded, TokkiError
from pipeline.normalize import normalize_for_analysis
from pipeline.segment import segment
from pipeline.storage import atomic_path, interrupts_deferred, write_parquet, write_text

log = logging.getLogger(__name__)

STAGES = (extract, segment)  # per file; comparisons are per pair

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
]
CHECKLIST_COLUMNS = ["source", "issuer", "item", "name", "status", "clauses", "score"]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's code and data: a cache entry made by other code is not reused."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)
    clauses: list[dict] = field(default_factory=list)
    alignments: list[dict] = field(default_factory=list)
    checklist: list[dict] = field(default_factory=list)
    coverage: pd.DataFrame | None = None
    # work actually done this run (the rest came from the cache)
    extracted: int = 0
    compared: int = 0
    report_pages: set[str] = field(default_factory=set)

    @property
    def failures(self) -> list[dict]:
        return [d for d in self.documents if d["status"] != "ok"]


def discover(raw_dir: Path) -> list[Path]:
    """Every supported file below ``raw_dir`` (subfolders too), in a stable order."""
    files = [p for p in raw_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


class Cache:
    """JSON entries under ``<out>/.cache``, written atomically, keyed by content and code."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.json"

    def get(self, kind: str, key: str) -> dict | None:
        try:
            return json.loads(self._path(kind, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or unreadable: recompute

    def put(self, kind: str, key: str, value: dict) -> None:
        with atomic_path(self._path(kind, key)) as tmp:
            tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- per-document work (runs in worker processes) -------------------------------------
def process_document(path: str, options: ExtractOptions) -> dict:
    """Extract and segment one file: a cacheable record of the document (or of its error)."""
    from pipeline.coverage import obligation_strengths
    from pipeline.issuer import issuer_of

    try:
        document = extract(path, options)
        segmented = segment(document)
    except TokkiError as error:
        # a file over the time limit may pass with a higher one: that result is not cached
        return {"status": "error", "error": error.problem, "cache": not isinstance(error, TimeLimitExceeded)}
    checklist = _checklist_results(segmented)
    warnings = list(document.warnings)
    if not any(item["status"] == "present" for item in checklist):
        # numbered clauses, but none of what a 委託 contract's 特記事項 holds: an agenda, a notice …
        warnings.append(f"none of the {len(checklist)} checklist items is present: "
                        "the numbered text may not be a 特記事項")
    return {
        "status": "ok",
        "format": document.format,
        "pages": len(document.pages),
        "warnings": warnings,
        "segmented": segmented.to_dict(),
        "issuer": issuer_of(segmented),
        "strengths": obligation_strengths(segmented),
        "checklist": checklist,
        "norm_texts": [normalize_for_analysis(c.text) for c in segmented.clauses],
    }


def compare_pair(a: dict, b: dict) -> dict:
    """Compare two cached documents: the alignment records and the article similarity."""
    from pipeline.compare import compare_documents

    comparison = compare_documents(SegmentedDocument.from_dict(a), SegmentedDocument.from_dict(b))
    return {
        "alignments": [record.to_json() for record in comparison.alignments],
        "article_similarity": comparison.article_similarity.round(6).tolist(),
    }


def _parallel(jobs: int, calls: list, description: str, progress: bool) -> list:
    """Run delayed calls on ``jobs`` processes (in order), with a progress bar on a terminal."""
    if not calls:
        return []
    if jobs == 1 or len(calls) == 1:
        iterator = (function(*args) for function, args, _ in calls)
    else:
        from joblib import Parallel

        iterator = Parallel(n_jobs=jobs, return_as="generator")(calls)
    if progress:
        from tqdm import tqdm

        iterator = tqdm(iterator, total=len(calls), desc=description)
    results = []
    with warnings.catch_warnings():
        # loky restarts a worker whose memory grew (Sudachi's dictionary, matplotlib) and says
        # so; the work is resubmitted and nothing is lost, so the user need not hear of it
        warnings.filterwarnings("ignore", message="A worker stopped while some jobs were given")
        for n, result in enumerate(iterator, start=1):
            results.append(result)
            if not progress:
                log.info("%s %d/%d", description, n, len(calls))
    return results


def _delayed(function, *args):
    from joblib import delayed

    return delayed(function)(*args)


# -- the batch ---------------------------------------------------------------------------
def run_batch(raw_dir: str | Path, out_dir: str | Path, *, reference: str | Path | None = None,
              jobs: int | None = None, progress: bool | None = None, report: bool = True,
              options: ExtractOptions | None = None) -> BatchResult:
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    options = options or ExtractOptions()
    jobs = jobs or min(2, os.cpu_count() or 1)
    progress = sys.stderr.isatty() if progress is None else progress
    cache = Cache(out_dir / ".cache")
    version = code_version()
    result = BatchResult()

    # 1. documents: hash every file, extract and segment those the cache does not hold
    paths = discover(raw_dir)
    if reference is not None:
        reference = Path(reference)
        if reference.resolve() not in {p.resolve() for p in paths}:
            paths = [reference, *paths]
    names = {p: (p.relative_to(raw_dir).as_posix() if p.resolve().is_relative_to(raw_dir.resolve()) else str(p))
             for p in paths}
    records: dict[Path, dict] = {}
    keys: dict[Path, str] = {}
    todo = []
    for path in paths:
        try:
            keys[path] = f"{_sha256(path)}-{version}-{hashlib.sha256(options.cache_key().encode()).hexdigest()[:8]}"
        except OSError as error:
            records[path] = {"status": "error", "error": f"cannot be read: {error.strerror or error}"}
            continue
        cached = cache.get("documents", keys[path])
        if cached is not None:
            records[path] = cached
        else:
            todo.append(path)
    done = _parallel(jobs, [_delayed(process_document, str(p), options) for p in todo], "extract+segment", progress)
    for path, record in zip(todo, done):
        records[path] = record
        if record.pop("cache", True):
            cache.put("documents", keys[path], record)
    result.extracted = len(todo)

    # 2. per-document tables
    ok: dict[str, dict] = {}
    strengths: dict[str, dict] = {}
    for path in paths:
        name, record = names[path], records[path]
        row = dict.fromkeys(DOCUMENT_COLUMNS)
        row.update(source=name, sha256=keys.get(path, "").split("-")[0] or None, status=record["status"],
                   error=record.get("error"))
        if record["status"] == "ok":
            segmented = SegmentedDocument.from_dict(record["segmented"])
            segmented = replace(segmented, source=name)
            row.update(format=record["format"], title=segmented.title, issuer=record["issuer"], pages=record["pages"],
                       articles=len(segmented.articles()), clauses=len(segmented.clauses),
                       extraction=segmented.extraction, ocr_confidence=segmented.ocr_confidence,
                       warnings="\n".join(record["warnings"]) or None)
            ok[name] = {"document": segmented, "key": keys[path]}
            strengths[name] = record["strengths"]
            for order, (clause, norm_text) in enumerate(zip(segmented.to_records(), record["norm_texts"])):
                clause.update(order=order, norm_text=norm_text, ocr_confidence=segmented.ocr_confidence_of(clause["page"]))
                result.clauses.append({column: clause[column] for column in CLAUSE_COLUMNS})
            result.checklist += [{"source": name, "issuer": record["issuer"], **item} for item in record["checklist"]]
        else:
            log.error("%s: %s", name, record["error"])
        result.documents.append(row)

    # 3. comparisons: every pair, or each document against the reference
    if reference is not None:
        reference_name = names[reference]
        pairs = [(reference_name, n) for n in ok if n != reference_name] if reference_name in ok else []
    else:
        ordered = sorted(ok)
        pairs = [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]
    comparisons: dict[tuple[str, str], dict] = {}
    todo_pairs = []
    for a, b in pairs:
        key = f"{ok[a]['key']}--{ok[b]['key']}"
        cached = cache.get("pairs", hashlib.sha256(key.encode()).hexdigest())
        if cached is not None:
            cached["page_key"] = _page_key(key, a, b)
            comparisons[(a, b)] = cached
        else:
            todo_pairs.append((a, b, key))
    done = _parallel(jobs, [_delayed(compare_pair, ok[a]["document"].to_dict(), ok[b]["document"].to_dict())
                            for a, b, _ in todo_pairs], "compare", progress)
    for (a, b, key), record in zip(todo_pairs, done):
        cache.put("pairs", hashlib.sha256(key.encode()).hexdigest(), record)
        comparisons[(a, b)] = {**record, "page_key": _page_key(key, a, b)}
    result.compared = len(todo_pairs)
    for (a, b), record in sorted(comparisons.items()):
        confidences = [ok[n]["document"].ocr_confidence for n in (a, b) if ok[n]["document"].ocr_confidence is not None]
        for alignment in record["alignments"]:
            result.alignments.append({
                "a_source": a, "b_source": b, "a": alignment["a"], "b": alignment["b"], "score": alignment["score"],
                "status": alignment["status"], "reasons": "\n".join(alignment["reasons"]),
                "a_units": ",".join(alignment["a_units"]), "b_units": ",".join(alignment["b_units"]),
                "ocr_confidence": min(confidences, default=None),
            })

    # 4. coverage: issuers × obligations
    from pipeline.coverage import coverage_table

    labels = {name: (next(d["issuer"] for d in result.documents if d["source"] == name) or name) for name in ok}
    rows = {}
    for name in ok:
        label = labels[name] if list(labels.values()).count(labels[name]) == 1 else f"{labels[name]} ({name})"
        rows[label] = strengths[name]
    result.coverage = coverage_table(rows) if rows else None

    _write_outputs(out_dir, result, comparisons, ok, report, jobs, progress)
    return result


def _page_key(pair_key: str, a: str, b: str) -> str:
    """A comparison page's name: the same two files under the same names give the same page."""
    return hashlib.sha256(f"{pair_key}|{a}|{b}".encode()).hexdigest()[:16]


def _checklist_results(document: SegmentedDocument) -> list[dict]:
    from pipeline.checklist import check

    return [
        {"item": r.item.id, "name": r.item.name, "status": "present" if r.present else "missing",
         "clauses": ",".join(r.clauses), "score": round(r.score, 3)}
        for r in check(document)
    ]


def _write_outputs(out_dir: Path, result: BatchResult, comparisons: dict, ok: dict, report: bool, jobs: int,
                   progress: bool) -> None:
    """Write everything into a staging folder, then move each file into place atomically."""
    staging = out_dir / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    frames = {
        "documents.parquet": pd.DataFrame(result.documents, columns=DOCUMENT_COLUMNS).astype(
            {"pages": "Int64", "articles": "Int64", "clauses": "Int64", "ocr_confidence": "Float64"}),
        "clauses.parquet": pd.DataFrame(result.clauses, columns=CLAUSE_COLUMNS).astype(
            {"order": "int64", "page": "int64", "ocr_confidence": "Float64"}),
        "alignments.parquet": pd.DataFrame(result.alignments, columns=ALIGNMENT_COLUMNS).astype(
            {"score": "Float64", "ocr_confidence": "Float64"}),
        "checklist.parquet": pd.DataFrame(result.checklist, columns=CHECKLIST_COLUMNS),
    }
    for filename, frame in frames.items():
        write_parquet(frame, staging / filename)
    if result.coverage is not None:
        write_text(result.coverage.to_csv(), staging / "coverage.csv")
        from pipeline.coverage import write_coverage_xlsx

        write_coverage_xlsx(result.coverage, staging / "coverage.xlsx")
    if report:
        _write_report(staging / "report", result, comparisons, ok, jobs, progress, out_dir / "report")
    with interrupts_deferred():
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                target = out_dir / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        # pages of comparisons this run no longer makes (a file removed or changed, REFERENCE changed)
        if report:
            keep = {stem for href in result.report_pages for stem in (href, href.replace(".html", ".png"))}
            for stale in sorted((out_dir / "report").glob("compare-*")):
                if stale.name not in keep:
                    stale.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _write_comparison_page(a: dict, b: dict, record: dict, path: Path) -> None:
    """One comparison page and its heatmap (runs in a worker)."""
    import numpy as np

    from pipeline.align import Alignment
    from pipeline.compare import Comparison
    from pipeline.report import write_comparison_html

    a_doc, b_doc = SegmentedDocument.from_dict(a), SegmentedDocument.from_dict(b)
    similarity = np.array(record["article_similarity"]).reshape(len(a_doc.articles()), len(b_doc.articles()))
    comparison = Comparison(a_doc, b_doc, [Alignment(**r) for r in record["alignments"]], similarity)
    write_comparison_html(comparison, path, index_href="index.html")


def _write_report(folder: Path, result: BatchResult, comparisons: dict, ok: dict, jobs: int, progress: bool,
                  existing: Path) -> None:
    """index.html, and a page per comparison — drawn only when ``existing`` (the previous
    report) does not already hold it, since its name is a hash of everything it shows."""
    from pipeline.report import index_page

    links, calls = [], []
    for (a, b), record in sorted(comparisons.items()):
        href = f"compare-{record['page_key']}.html"
        if not ((existing / href).exists() and (existing / href).with_suffix(".png").exists()):
            calls.append(_delayed(_write_comparison_page, ok[a]["document"].to_dict(), ok[b]["document"].to_dict(),
                                  record, folder / href))
        counts = {"equivalent": 0, "divergent": 0, "missing": 0, "extra": 0}
        for alignment in record["alignments"]:
            counts[alignment["status"]] += 1
        links.append({"href": href, "a": a, "b": b, **counts})
    folder.mkdir(parents=True, exist_ok=True)
    _parallel(jobs, calls, "report", progress)
    write_text(index_page(result.documents, result.coverage, links), folder / "index.html")
    result.report_pages = {link["href"] for link in links}
