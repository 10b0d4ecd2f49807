"""The HTML pages: one per comparison, and the batch's index.

Pure functions build a page (``comparison_page``, ``index_page`` → ``str``); the writer
``write_comparison_html`` puts a comparison page on disk atomically. A page is standalone:
no script, no external resource, the stylesheet inlined.

Safety: the Jinja2 environment autoescapes, and every piece of document text reaches the
templates as a plain ``str`` (the diff is a list of (kind, text) pieces the template wraps
in ``<del>``/``<ins>``), so a clause holding ``<script>`` is shown as text. The only
``Markup`` passed in is the project's own stylesheet; the only styles computed here (the
shades of the similarity map and the coverage's imposed-by row) are colours made from numbers.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.model import Comparison, Coverage, SegmentedDocument
from pipeline.report.heatmap import similarity_map
from pipeline.report.view import STATUS_HELP, STATUS_JA, STATUSES, comparison_rows
from pipeline.storage import write_text

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
INDEX_TITLE = "tokki — 特記事項の比較"


# -- templates ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from pipeline.text.normalize import visible

    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # file names shown as text: a bidi override or an ESC in a name is written out escaped
    environment.filters["visible"] = lambda value: visible(str(value)) if value is not None else value
    return environment


@lru_cache(maxsize=1)
def _stylesheet():
    from markupsafe import Markup

    # the project's own file, not document text: safe to put in <style> unescaped
    return Markup((STATIC_DIR / "report.css").read_text(encoding="utf-8"))


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(css=_stylesheet(), **context)


SAFE_SCHEMES = ("", "http", "https", "file")


def safe_href(href: str | None) -> str | None:
    """A link target that cannot run script: relative paths and http(s)/file URLs pass,
    anything else (javascript:, data: …) becomes "#"."""
    if href is None:
        return None
    text = str(href).strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return "#"
    # a Windows drive letter (C:\\…) parses as a one-letter scheme: a local path
    return text if scheme in SAFE_SCHEMES or len(scheme) == 1 else "#"


# -- the comparison page -------------------------------------------------------------------

def _document_summary(document: SegmentedDocument) -> dict:
    return {"source": document.source, "title": document.title, "articles": len(document.articles()),
            "ocr_pages": list(document.ocr_pages), "ocr_confidence": document.ocr_confidence,
            "warnings": list(document.warnings)}


def comparison_page(comparison: Comparison, *, index_href: str | None = None) -> str:
    """One standalone HTML page for a comparison: the alignments, then the similarity map.
    ``index_href``: a link back to the batch's index page, when there is one."""
    rows = comparison_rows(comparison)
    return _render(
        "comparison.html.j2",
        a=_document_summary(comparison.a),
        b=_document_summary(comparison.b),
        counts=comparison.counts(),
        statuses=STATUSES,
        status_ja=STATUS_JA,
        status_help=STATUS_HELP,
        rows=rows,
        heatmap=similarity_map(comparison, rows),
        index_href=safe_href(index_href),
    )


def write_comparison_html(comparison: Comparison, path: str | os.PathLike, *,
                          index_href: str | None = None) -> None:
    write_text(comparison_page(comparison, index_href=index_href), path)


# -- the index page ------------------------------------------------------------------------

# a document's obligation strength (pipeline.model.STRENGTH_LEVELS, "" = not imposed) → class
LEVEL_CLASSES = {"weak": "cov-weak", "present": "cov-present", "strong": "cov-strong", "unread": "cov-other",
                 "": "cov-missing"}


def _share_style(share: float) -> str:
    """A background for the imposed-by row, 0 → white, 1 → green."""
    x = min(max(share, 0.0), 1.0)
    r, g, b = (round(255 - (255 - c) * x) for c in (0x66, 0xBB, 0x6A))
    return f"background-color: #{r:02x}{g:02x}{b:02x}"


def coverage_view(coverage: Coverage | None) -> dict | None:
    """The coverage matrix as the index shows it: document cells coloured by their strength
    level ("" shown as なし), summary rows bold, the first (how many impose it) shaded by
    the share of documents that impose the obligation."""
    if coverage is None:
        return None
    table = coverage.table
    columns = [str(c) for c in table.columns]
    texts = table.to_numpy().tolist()
    # the document rows come first, in the order of ``levels``; then the summary rows
    levels = coverage.levels.reindex(columns=table.columns).to_numpy().tolist()
    share_row = coverage.summary_rows[0] if coverage.summary_rows else None
    rows = []
    for n, label in enumerate(table.index):
        if n < len(levels):
            cells = [{"text": str(text) or "なし", "cls": LEVEL_CLASSES[level], "style": None}
                     for text, level in zip(texts[n], levels[n])]
        elif label == share_row:
            cells = [{"text": str(text), "cls": "cov-score", "style": _share_style(coverage.imposed_share[column])}
                     for text, column in zip(texts[n], table.columns)]
        else:
            cells = [{"text": str(text), "cls": "cov-summary", "style": None} for text in texts[n]]
        rows.append({"key": str(label), "cells": cells, "summary": n >= len(levels)})
    key = str(table.index.name) if table.index.name is not None else "文書 document"
    return {"key": key, "columns": columns, "rows": rows}


DOCUMENT_FIELDS = ("source", "title", "issuer", "pages", "articles", "status", "error")


def _missing(value: Any) -> bool:
    """None, NaN, pd.NA, NaT: an empty cell of documents.parquet."""
    import pandas as pd

    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return False


def _present(value: Any) -> str:
    return "" if _missing(value) else str(value)


def _extraction_text(document: dict) -> str:
    """How the text was read, for the index: "" for a text layer, "OCR 87%" for OCR."""
    if document.get("extraction") != "ocr":
        return ""
    confidence = document.get("ocr_confidence")
    return "OCR" + ("" if _missing(confidence) else f" {float(confidence):.0%}")


def index_page(documents: list[dict], coverage: Coverage | None, comparisons: list[dict]) -> str:
    """The batch's index.html.

    ``documents``: one dict per input file (e.g. the rows of documents.parquet), with any of
    source, title, issuer, pages, articles, status ("ok" or anything else: an error row,
    shown in red with its ``error``), error, extraction ("ocr": marked with its
    ocr_confidence as less certain text), warnings (lines separated by "\\n").

    ``coverage``: the researcher's matrix (see ``coverage_view``), or None for no coverage
    section.

    ``comparisons``: one dict per comparison page: href (relative link), a, b (sources or
    titles), equivalent, divergent, missing, extra (counts)."""
    docs = []
    for document in documents:
        row = {key: _present(document.get(key)) for key in DOCUMENT_FIELDS}
        row["failed"] = bool(row["status"]) and row["status"] != "ok" or bool(row["error"])
        row["extraction"] = _extraction_text(document)
        row["warnings"] = [w for w in _present(document.get("warnings")).split("\n") if w]
        docs.append(row)
    comps = [{key: _present(c.get(key)) for key in ("href", "a", "b", *STATUSES)} for c in comparisons]
    for comp in comps:
        comp["href"] = safe_href(comp["href"])
    return _render(
        "index.html.j2",
        title=INDEX_TITLE,
        documents=docs,
        failed=sum(d["failed"] for d in docs),
        coverage=coverage_view(coverage),
        comparisons=comps,
        statuses=STATUSES,
        status_ja=STATUS_JA,
    )
