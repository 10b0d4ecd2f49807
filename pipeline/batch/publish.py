"""Publishing a run: every output written into a staging folder, then moved into place.

Each move is an atomic rename, and Ctrl-C / SIGTERM are held while they happen, so an
interrupted run leaves the previous outputs as they were (a killed one leaves every file
whole, old or new; the next run puts them right). Report pages are named by a hash of what
they show, so a page the previous run drew is not drawn again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path

from pipeline.batch.runner import run_parallel
from pipeline.model import Comparison, Coverage
from pipeline.storage import interrupts_deferred, write_parquet, write_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


STAGING = ".tokki-staging"
# A page takes about 13 ms to draw; a worker process about 0.7 s to start (a fresh interpreter
# and its imports): on 2 processes, fewer pages than this are drawn sooner in this one.
PAGES_WORTH_WORKERS = 150


@dataclass(frozen=True)
class ReportPage:
    """One comparison page of the report: its file name, and what it shows."""

    href: str  # compare-<hash>.html
    a: str
    b: str
    comparison: Comparison


def write_comparison_page(comparison: Comparison, path: Path) -> None:
    """One comparison page (in a worker when there are many)."""
    from pipeline.report.html import write_comparison_html

    write_comparison_html(comparison, path, index_href="index.html")


def write_report(folder: Path, documents: list[dict], coverage: Coverage | None, pages: list[ReportPage], *,
                 existing: Path, jobs: int, progress: bool) -> None:
    """index.html, and the comparison pages ``existing`` (the previous report) lacks."""
    from pipeline.report.html import index_page

    folder.mkdir(parents=True, exist_ok=True)
    todo = [(page.comparison, folder / page.href) for page in pages if not (existing / page.href).exists()]
    run_parallel(write_comparison_page, todo, jobs=jobs if len(todo) >= PAGES_WORTH_WORKERS else 1,
                 description="report", progress=progress)
    links = [{"href": page.href, "a": page.a, "b": page.b, **page.comparison.counts()} for page in pages]
    write_text(index_page(documents, coverage, links), folder / "index.html")


def safe_csv(table: "pd.DataFrame") -> str:
    """The table as CSV with every text cell and label neutralised as the workbooks' are: a
    file name or issuer starting with = + - @ must not run as a formula when the CSV is opened."""
    from pipeline.report.cells import safe_cell_text

    guard = lambda value: safe_cell_text(value) if isinstance(value, str) else value  # noqa: E731
    safe = table.map(guard)
    safe.index = [guard(label) for label in table.index]
    safe.columns = [guard(label) for label in table.columns]
    safe.index.name = guard(table.index.name) if table.index.name else table.index.name
    return safe.to_csv()


def publish_outputs(out_dir: Path, tables: Mapping[str, "pd.DataFrame"], coverage: Coverage | None,
            documents: list[dict], pages: list[ReportPage] | None, *, jobs: int, progress: bool) -> None:
    """Write the tables, the coverage matrix and (unless ``pages`` is None) the report into
    ``out_dir``; report pages of comparisons this run no longer makes are removed — only pages
    tokki wrote (``compare-*.html``), never a file of the user's that happens to sit there."""
    # tokki's own staging folder (a killed run's is ours to clear: the batch holds the folder's
    # lock); a folder of the user's such as .staging is never touched
    staging = out_dir / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        _publish(out_dir, staging, tables, coverage, documents, pages, jobs=jobs, progress=progress)
    finally:  # a run that fails half-way (disk full) leaves nothing of its own behind
        shutil.rmtree(staging, ignore_errors=True)


def _publish(out_dir: Path, staging: Path, tables: Mapping[str, "pd.DataFrame"], coverage: Coverage | None,
             documents: list[dict], pages: list[ReportPage] | None, *, jobs: int, progress: bool) -> None:
    for filename, frame in tables.items():
        write_parquet(frame, staging / filename)
    if coverage is not None:
        from pipeline.report.xlsx import write_coverage_xlsx

        write_text(safe_csv(coverage.table), staging / "coverage.csv")
        write_coverage_xlsx(coverage, staging / "coverage.xlsx")
    if pages is not None:
        write_report(staging / "report", documents, coverage, pages, existing=out_dir / "report", jobs=jobs,
                     progress=progress)
    with interrupts_deferred():
        for path in sorted(staging.rglob("*")):
            if path.is_file():
                target = out_dir / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        if pages is not None:
            keep = {page.href for page in pages}
            for stale in sorted((out_dir / "report").glob("compare-*.html")):
                if stale.name not in keep and stale.is_file():
                    stale.unlink()
