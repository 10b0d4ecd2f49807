"""The batch: every template under a folder → the tables and reports in ``<out>``.

Named steps, each reading the previous one's values (``pipeline.model``):

    1. documents     each file read once and hashed once; extract → segment → tokens → judge
                     (checklist, strengths, issuer) on a worker, or from the cache
    2. comparisons   every pair (or each against REFERENCE): align → judge, or from the cache
    3. tables        documents / clauses / alignments / checklist rows, the coverage matrix
    4. report        index.html and one page per comparison (only pages not drawn before)
    5. publish       everything staged, then moved into place atomically

Incremental: a document's record and a pair's comparison are cached under ``<out>/.cache``,
keyed by the file's sha256 and the code version. Both cores are used (joblib; one Sudachi
tokenizer per worker process, and only the documents step needs it). A file that fails is
recorded with its error and the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from dataclasses import dataclass, field, replace
from typing import Protocol
from pathlib import Path

import numpy as np

from pipeline.api import analyse_document, compare_documents
from pipeline.batch import tables
from pipeline.batch.cache import Cache, code_version
from pipeline.batch.publish import ReportPage, publish_outputs
from pipeline.batch.runner import iter_bounded, run_parallel
from pipeline.isolation import Bounds
from pipeline.storage import exclusive_lock, refuse_out_dir_over_inputs
from pipeline.batch.tables import ALIGNMENT_COLUMNS, CHECKLIST_COLUMNS, CLAUSE_COLUMNS, DOCUMENT_COLUMNS  # noqa: F401
from pipeline.extract import SUPPORTED_SUFFIXES, read_source
from pipeline.extract.limits import ExtractOptions
from pipeline.model import Alignment, Comparison, Coverage, DocumentRecord, TokenizedDocument, TokkiError

log = logging.getLogger(__name__)


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)  # the rows of documents.parquet …
    clauses: list[dict] = field(default_factory=list)
    alignments: list[dict] = field(default_factory=list)
    checklist: list[dict] = field(default_factory=list)
    coverage: Coverage | None = None
    # work actually done this run (the rest came from the cache)
    extracted: int = 0
    compared: int = 0
    report_pages: set[str] = field(default_factory=set)

    @property
    def failures(self) -> list[dict]:
        return [d for d in self.documents if d["status"] != "ok"]


def discover(raw_dir: Path, unreadable: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Every supported file below ``raw_dir`` (subfolders too), in a stable order. A folder
    that cannot be listed is not skipped in silence: it goes into ``unreadable`` with the
    reason, and the batch reports it as a failure."""
    files = []

    def cannot_list(error: OSError) -> None:
        if unreadable is not None:
            unreadable.append((Path(error.filename), f"the folder cannot be read: {error.strerror or error}"))

    for folder, _, names in os.walk(raw_dir, onerror=cannot_list):
        files += [Path(folder) / name for name in names
                  if Path(name).suffix.lower() in SUPPORTED_SUFFIXES and (Path(folder) / name).is_file()]
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


# -- 1. documents ------------------------------------------------------------------------------
def _document_key(sha256: str, options: ExtractOptions) -> str:
    return f"{sha256}-{code_version()}-{hashlib.sha256(options.cache_key().encode()).hexdigest()[:8]}"


def _named(record: DocumentRecord, name: str) -> DocumentRecord:
    """The record under the name this batch gives the file (the cache holds it by content)."""
    if record.tokenized is None:
        return replace(record, source=name)
    document = replace(record.document, source=name)
    return replace(record, source=name, tokenized=replace(record.tokenized, document=document))


def document_step(paths: list[Path], names: dict[Path, str], cache: Cache, options: ExtractOptions, *,
                  jobs: int, progress: bool, first: Path | None = None,
                  arrived: RecordSink | None = None,
                  ) -> tuple[dict[str, DocumentRecord], dict[str, str], int]:
    """(name → record in ``paths`` order, name → cache key, how many were analysed this run).
    ``first`` is read before the others; ``arrived`` hears of each record as soon as it is
    known (cached ones first, then as the workers return them)."""
    records: dict[str, DocumentRecord] = {}
    keys: dict[str, str] = {}
    todo = []

    def known(name: str, record: DocumentRecord) -> None:
        records[name] = _named(record, name)
        if arrived is not None:
            arrived(name, records[name], keys.get(name))

    for path in sorted(paths, key=lambda p: p != first):  # stable: the rest keep their order
        name = names[path]
        try:
            source = read_source(path)
        except TokkiError as error:
            known(name, DocumentRecord(name, None, "error", error.problem))
            continue
        keys[name] = _document_key(source.sha256, options)
        cached = cache.get("documents", keys[name])
        if cached is not None:
            known(name, DocumentRecord.from_dict(cached))
        else:
            todo.append((name, source))
    done = iter_bounded(analyse_document, [(source, options) for _, source in todo], [name for name, _ in todo],
                        jobs=jobs, bounds=Bounds.of(options), description="extract+segment", progress=progress)
    for (name, source), record in zip(todo, done):
        if isinstance(record, Exception):  # stopped by a bound, or a bug: not cached, the next run tries again
            problem = record.problem if isinstance(record, TokkiError) else (
                f"tokki failed on this file ({type(record).__name__}: {record}); please report it with the file")
            record = DocumentRecord(source.name, source.sha256, "error", problem, cacheable=False)
        if record.cacheable:
            cache.put("documents", keys[name], record.to_dict())
        known(name, record)
    return {name: records[name] for name in (names[p] for p in paths)}, keys, len(todo)


class RecordSink(Protocol):
    """What document_step tells of its records as they come (ReferenceComparisons)."""

    def __call__(self, name: str, record: DocumentRecord, key: str | None) -> None:
        """``record`` is known, under ``name``, with its cache key (None: the file was unreadable)."""


# -- 2. comparisons ----------------------------------------------------------------------------
def _pair_key(keys: dict[str, str], a: str, b: str) -> str:
    return f"{keys[a]}--{keys[b]}"


def _cached_comparison(records: dict[str, DocumentRecord], keys: dict[str, str], cache: Cache, a: str,
                       b: str) -> Comparison | None:
    cached = cache.get("pairs", hashlib.sha256(_pair_key(keys, a, b).encode()).hexdigest())
    return None if cached is None else _comparison_from_cache(records[a], records[b], cached)


def _keep_comparison(records: dict[str, DocumentRecord], keys: dict[str, str], cache: Cache, a: str, b: str,
                     entry: dict) -> Comparison:
    cache.put("pairs", hashlib.sha256(_pair_key(keys, a, b).encode()).hexdigest(), entry)
    return _comparison_from_cache(records[a], records[b], entry)


class ReferenceComparisons:
    """REFERENCE mode: each document compared with the reference in this (main) process as soon
    as both are read, while the workers read the rest. The main process is otherwise idle in
    the documents step, and only it then needs scikit-learn: an import of about a second that
    each worker would pay again. It is imported by the first comparison, in this thread: a
    thread importing it while the pool starts would make the pool use a fork server (no fork
    of a threaded process), whose start costs more than the import. Used as document_step's
    ``arrived``."""

    def __init__(self, reference: str, cache: Cache):
        self.reference, self.cache = reference, cache
        self.records: dict[str, DocumentRecord] = {}
        self.keys: dict[str, str] = {}
        self.comparisons: dict[tuple[str, str], Comparison] = {}
        self.compared = 0
        self._waiting: list[str] = []

    def __call__(self, name: str, record: DocumentRecord, key: str | None) -> None:
        self.records[name] = record
        if key is not None:
            self.keys[name] = key
        if record.ok and name != self.reference:
            self._waiting.append(name)
        reference = self.records.get(self.reference)
        if reference is None:
            return
        for other in self._waiting if reference.ok else ():
            pair = (self.reference, other)
            comparison = _cached_comparison(self.records, self.keys, self.cache, *pair)
            if comparison is None:
                entry = compare_tokenized(reference.tokenized, self.records[other].tokenized)
                comparison = _keep_comparison(self.records, self.keys, self.cache, *pair, entry)
                self.compared += 1
            self.comparisons[pair] = comparison
        self._waiting = []


def compare_step(records: dict[str, DocumentRecord], pairs: list[tuple[str, str]], keys: dict[str, str],
                 cache: Cache, *, jobs: int, progress: bool,
                 done: dict[tuple[str, str], Comparison] | None = None,
                 ) -> tuple[dict[tuple[str, str], Comparison], dict, int]:
    """(pair → comparison, pair → its cache key, how many were compared this run); the pairs
    in ``done`` were compared already (ReferenceComparisons)."""
    done = done or {}
    comparisons: dict[tuple[str, str], Comparison] = {}
    todo = []
    for a, b in pairs:
        comparison = done.get((a, b)) or _cached_comparison(records, keys, cache, a, b)
        if comparison is not None:
            comparisons[(a, b)] = comparison
        else:
            todo.append((a, b))
    results = run_parallel(compare_tokenized, [(records[a].tokenized, records[b].tokenized) for a, b in todo],
                           jobs=jobs, description="compare", progress=progress)
    for (a, b), entry in zip(todo, results):
        comparisons[(a, b)] = _keep_comparison(records, keys, cache, a, b, entry)
    return comparisons, {pair: _pair_key(keys, *pair) for pair in pairs}, len(todo)


def compare_tokenized(a: TokenizedDocument, b: TokenizedDocument) -> dict:
    """One comparison, as the cache keeps it (runs in a worker; the main process has the
    documents already, so only the alignments and the similarity come back)."""
    comparison = compare_documents(a, b)
    return {
        "alignments": [record.to_json() for record in comparison.alignments],
        "article_similarity": comparison.article_similarity.round(6).tolist(),
    }


def _comparison_from_cache(a: DocumentRecord, b: DocumentRecord, cached: dict) -> Comparison:
    similarity = np.array(cached["article_similarity"]).reshape(len(a.document.articles()), len(b.document.articles()))
    return Comparison(a.document, b.document, [Alignment.from_json(r) for r in cached["alignments"]], similarity)


def _pairs(names: list[str], reference: str | None) -> list[tuple[str, str]]:
    if reference is not None:
        return [(reference, n) for n in names if n != reference] if reference in names else []
    ordered = sorted(names)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]


# -- 3. tables ---------------------------------------------------------------------------------
def coverage_step(records: dict[str, DocumentRecord]) -> Coverage | None:
    """Issuers × obligations; a document is labelled by its issuer, or by its name as well
    when two documents have the same issuer."""
    from pipeline.judge.coverage import coverage_table

    ok = [r for r in records.values() if r.ok]
    labels = {r.source: r.issuer or r.source for r in ok}
    rows = {}
    for record in ok:
        label = labels[record.source]
        rows[label if list(labels.values()).count(label) == 1 else f"{label} ({record.source})"] = record.strengths
    return coverage_table(rows) if rows else None


def _page_key(pair_key: str, a: str, b: str) -> str:
    """A comparison page's name: the same two files under the same names give the same page."""
    return hashlib.sha256(f"{pair_key}|{a}|{b}".encode()).hexdigest()[:16]


# -- the batch -----------------------------------------------------------------------------------
def run_batch(raw_dir: str | Path, out_dir: str | Path, *, reference: str | Path | None = None,
              jobs: int | None = None, progress: bool | None = None, report: bool = True,
              options: ExtractOptions | None = None) -> BatchResult:
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    refuse_out_dir_over_inputs(out_dir, raw_dir, reference)  # before anything is read or written
    with exclusive_lock(out_dir):
        return _run_batch(raw_dir, out_dir, reference=reference, jobs=jobs, progress=progress, report=report,
                          options=options)


def _run_batch(raw_dir: Path, out_dir: Path, *, reference, jobs, progress, report, options) -> BatchResult:
    options = options or ExtractOptions()
    jobs = jobs or min(2, os.cpu_count() or 1)
    progress = sys.stderr.isatty() if progress is None else progress
    cache = Cache(out_dir / ".cache")

    unreadable: list[tuple[Path, str]] = []
    paths = discover(raw_dir, unreadable)
    if reference is not None:
        reference = Path(reference)
        if reference.resolve() not in {p.resolve() for p in paths}:
            paths = [reference, *paths]
    names = {p: (p.relative_to(raw_dir).as_posix() if p.resolve().is_relative_to(raw_dir.resolve()) else str(p))
             for p in paths}

    reference_path = next((p for p in paths if p.resolve() == reference.resolve()), None) if reference else None
    reference_name = names[reference_path] if reference_path is not None else None
    streamed = ReferenceComparisons(reference_name, cache) if reference_name is not None else None
    records, keys, extracted = document_step(paths, names, cache, options, jobs=jobs, progress=progress,
                                             first=reference_path, arrived=streamed)
    for folder, problem in unreadable:  # listed among the documents, in red on the index
        name = folder.relative_to(raw_dir).as_posix() + "/" if folder.is_relative_to(raw_dir) else str(folder)
        records[name] = DocumentRecord(name, None, "error", problem, cacheable=False)
    ok = [name for name, record in records.items() if record.ok]
    pairs = _pairs(ok, reference_name)
    comparisons, pair_keys, compared = compare_step(records, pairs, keys, cache, jobs=jobs, progress=progress,
                                                    done=streamed.comparisons if streamed else None)
    compared += streamed.compared if streamed else 0

    result = BatchResult(extracted=extracted, compared=compared)
    for name, record in records.items():
        result.documents.append(tables.document_row(record))
        if record.ok:
            result.clauses += tables.clause_rows(record)
            result.checklist += tables.checklist_rows(record)
        else:
            log.error("%s: %s", name, record.error)
    for (a, b), comparison in sorted(comparisons.items()):
        result.alignments += tables.alignment_rows(a, b, comparison)
    result.coverage = coverage_step(records)

    pages = None
    if report:
        pages = [ReportPage(f"compare-{_page_key(pair_keys[(a, b)], a, b)}.html", a, b, comparison)
                 for (a, b), comparison in sorted(comparisons.items())]
        result.report_pages = {page.href for page in pages}
    publish_outputs(out_dir, tables.frames(result.documents, result.clauses, result.alignments, result.checklist),
            result.coverage, result.documents, pages, jobs=jobs, progress=progress)
    return result
