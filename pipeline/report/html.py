"""Reports for people: an HTML page and a 新旧対照表 workbook per comparison, a heatmap, the
batch's index page.

Pure functions build the content (``comparison_page``, ``index_page`` → ``str``;
``similarity_heatmap_png``, ``comparison_xlsx_bytes`` → ``bytes``); the thin writers
(``write_comparison_html``, ``write_comparison_xlsx``, ``write_index_html``) put it on disk
atomically.

Safety: the Jinja2 environment autoescapes, and every piece of document text reaches the
templates as a plain ``str`` (the diff is a list of (kind, text) pieces the template wraps
in ``<del>``/``<ins>``), so a clause holding ``<script>`` is shown as text. The only
``Markup`` passed in is the project's own stylesheet. In the workbook every string cell that
a spreadsheet would read as a formula (= + - @, or a leading tab/CR) is neutralised by
``safe_cell_text``.

Everything is deterministic: same comparison → same HTML, same PNG bytes, same XLSX bytes.
"""

from __future__ import annotations

import base64
import datetime as _dt
import difflib
import io
import math
import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import quote

from pipeline.storage import atomic_path, write_text

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from pipeline.align import Alignment
    from pipeline.judge.compare import Comparison
    from pipeline.model import Clause, SegmentedDocument

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

STATUSES = ("equivalent", "divergent", "missing", "extra")
STATUS_JA = {"equivalent": "一致", "divergent": "相違", "missing": "欠落", "extra": "追加"}
STATUS_HELP = {
    "equivalent": "A と B が同じ義務を定める",
    "divergent": "対応する条項があるが義務の内容が異なる（理由と相違箇所を表示）",
    "missing": "A の条項に対応するものが B にない",
    "extra": "B の条項に対応するものが A にない",
}
# The same palette in the page, the heatmap outlines and the workbook.
STATUS_COLOURS = {"equivalent": "#2e7d32", "divergent": "#e65100", "missing": "#c62828", "extra": "#1565c0"}
XLSX_FILLS = {"equivalent": "E8F5E9", "divergent": "FFF3E0", "missing": "FFEBEE", "extra": "E3F2FD"}

# Equal runs this short between two changes are folded into the change, so a diff reads as
# phrases rather than confetti of single shared particles (の、は、を).
DIFF_MIN_EQUAL = 3
DIFF_MAX_COST = 4_000_000

FIXED_TIMESTAMP = _dt.datetime(2000, 1, 1, 0, 0, 0)


# -- templates ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


@lru_cache(maxsize=1)
def _stylesheet():
    from markupsafe import Markup

    # the project's own file, not document text: safe to put in <style> unescaped
    return Markup((STATIC_DIR / "report.css").read_text(encoding="utf-8"))


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(css=_stylesheet(), **context)


# -- character diff ----------------------------------------------------------------------

def char_diff(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A character-level diff of two texts: (pieces of a, pieces of b), each piece
    ``("eq" | "del" | "ins", text)``; the ``eq`` pieces of both sides are the same
    sequence, ``del`` is only in a, ``ins`` only in b. Joining a side's pieces gives its text
    back unchanged."""
    # autojunk would treat the commonest characters (の、は) as junk in texts over 200
    # characters; keep them unless the texts are so long that the quadratic cost shows
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=len(a) * len(b) > DIFF_MAX_COST)
    chunks: list[list] = []  # [equal?, a_text, b_text]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        chunks.append([tag == "equal", a[i1:i2], b[j1:j2]])
    # fold short equal runs lying between two changes into the change
    for k in range(1, len(chunks) - 1):
        equal, text, _ = chunks[k]
        if equal and len(text) < DIFF_MIN_EQUAL and not chunks[k - 1][0] and not chunks[k + 1][0]:
            chunks[k][0] = False
    merged: list[list] = []
    for chunk in chunks:
        if merged and not chunk[0] and not merged[-1][0]:
            merged[-1][1] += chunk[1]
            merged[-1][2] += chunk[2]
        else:
            merged.append(list(chunk))
    pieces_a: list[tuple[str, str]] = []
    pieces_b: list[tuple[str, str]] = []
    for equal, text_a, text_b in merged:
        if equal:
            pieces_a.append(("eq", text_a))
            pieces_b.append(("eq", text_b))
        else:
            if text_a:
                pieces_a.append(("del", text_a))
            if text_b:
                pieces_b.append(("ins", text_b))
    return pieces_a, pieces_b


# -- view model of a comparison ------------------------------------------------------------

def article_title(clause: "Clause") -> str:
    return clause.label + (f"（{clause.heading}）" if clause.heading else "")


@dataclass
class Side:
    """One side (A or B) of a row: the article, the unit that matched, the text in pieces."""

    article_id: str
    label: str
    heading: str | None
    page: int
    unit_id: str | None  # the matched clause when it is not the whole article
    unit_page: int | None
    before: str  # article text before the matched unit
    pieces: list[tuple[str, str]]  # the matched unit's text (diffed on divergent rows)
    after: str  # article text after the matched unit
    unit_apart: bool = False  # the unit text could not be located in the article text
    ocr_confidence: float | None = None  # the clause's page was read by OCR, with this confidence

    @property
    def title(self) -> str:
        return self.label + (f"（{self.heading}）" if self.heading else "")

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.pieces)

    @property
    def changed(self) -> bool:
        return any(kind != "eq" for kind, _ in self.pieces)


@dataclass
class Row:
    id: str
    status: str
    status_ja: str
    score: float | None
    reasons: list[str]
    a: Side | None
    b: Side | None
    many: bool = False  # the record compares a part of an article, not the whole


def _unit_text(document: "SegmentedDocument", units: list[str], article: "Clause") -> tuple[str, "Clause | None"]:
    """The text that was compared: the matched units' text (the article's when it is the unit)."""
    if not units or units == [article.id]:
        return article.text, None
    clauses = [document.by_id(u) for u in units]
    return "\n".join(c.text for c in clauses), clauses[0]


def _side(document: "SegmentedDocument", article_id: str, units: list[str], pieces=None) -> Side:
    article = document.by_id(article_id)
    text, unit = _unit_text(document, units, article)
    pieces = pieces if pieces is not None else [("eq", text)]
    before, after, apart = "", "", False
    if unit is not None:
        start = article.text.find(text)
        if start >= 0:
            before, after = article.text[:start], article.text[start + len(text):]
        else:  # not a verbatim part of the article: show the article whole beside the unit
            before, apart = article.text, True
    return Side(
        article_id=article.id, label=article.label, heading=article.heading, page=article.page,
        unit_id=", ".join(units) if unit is not None else None,
        unit_page=unit.page if unit is not None else None,
        before=before, pieces=pieces, after=after, unit_apart=apart,
        ocr_confidence=document.ocr_confidence_of(article.page),
    )


def _row_id(record: "Alignment") -> str:
    if record.a is not None and record.b is not None:
        return f"r-a{record.a}-b{record.b}"
    if record.a is not None:
        return f"r-a{record.a}-missing"
    return f"r-b{record.b}-extra"


def comparison_rows(comparison: "Comparison") -> list[Row]:
    """One ``Row`` per alignment record, in order, with the diff of divergent pairs."""
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for record in comparison.alignments:
        side_a = side_b = None
        if record.a is not None and record.b is not None:
            article_a, article_b = comparison.a.by_id(record.a), comparison.b.by_id(record.b)
            text_a, _ = _unit_text(comparison.a, record.a_units, article_a)
            text_b, _ = _unit_text(comparison.b, record.b_units, article_b)
            pieces_a = pieces_b = None
            if record.status == "divergent":
                pieces_a, pieces_b = char_diff(text_a, text_b)
            side_a = _side(comparison.a, record.a, record.a_units, pieces_a)
            side_b = _side(comparison.b, record.b, record.b_units, pieces_b)
        elif record.a is not None:
            side_a = _side(comparison.a, record.a, [])
        else:
            side_b = _side(comparison.b, record.b, [])
        row_id = _row_id(record)
        if row_id in seen:  # never expected, but ids must stay unique
            seen[row_id] += 1
            row_id = f"{row_id}-{seen[row_id]}"
        else:
            seen[row_id] = 1
        rows.append(Row(
            id=row_id, status=record.status, status_ja=STATUS_JA.get(record.status, record.status),
            score=record.score, reasons=list(record.reasons), a=side_a, b=side_b,
            many=bool((side_a and side_a.unit_id) or (side_b and side_b.unit_id)),
        ))
    return rows


SAFE_SCHEMES = ("", "http", "https", "file")


def safe_href(href: str | None, *, allow_png_data: bool = False) -> str | None:
    """A link target that cannot run script: relative paths and http(s)/file URLs pass,
    ``data:image/png;base64,`` only where an image is expected; anything else becomes "#"."""
    if href is None:
        return None
    from urllib.parse import urlsplit

    text = str(href).strip()
    if allow_png_data and text.startswith("data:image/png;base64,"):
        return text
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return "#"
    # a Windows drive letter (C:\\…) parses as a one-letter scheme: a local path
    return text if scheme in SAFE_SCHEMES or len(scheme) == 1 else "#"


def _document_summary(document: "SegmentedDocument") -> dict:
    return {"source": document.source, "title": document.title, "articles": len(document.articles()),
            "ocr_pages": list(document.ocr_pages), "ocr_confidence": document.ocr_confidence}


# -- the comparison page -------------------------------------------------------------------

def comparison_page(comparison: "Comparison", *, heatmap_href: str | None = None,
                    index_href: str | None = None) -> str:
    """One standalone HTML page (no external resources, no script) for a comparison.

    ``heatmap_href``: where the heatmap image is (a relative file name, or a ``data:`` URI
    for a self-contained page); no image when None. ``index_href``: a link back to the
    batch's index page, when there is one."""
    counts = comparison.counts()
    return _render(
        "comparison.html.j2",
        a=_document_summary(comparison.a),
        b=_document_summary(comparison.b),
        counts=counts,
        statuses=STATUSES,
        status_ja=STATUS_JA,
        status_help=STATUS_HELP,
        rows=comparison_rows(comparison),
        heatmap_href=safe_href(heatmap_href, allow_png_data=True),
        index_href=safe_href(index_href),
    )


def heatmap_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def write_comparison_html(comparison: "Comparison", path: str | os.PathLike, *,
                          index_href: str | None = None) -> Path:
    """Write the page to ``path`` and its heatmap beside it as ``<stem>.png``; returns the PNG path."""
    path = Path(path)
    png_path = path.with_suffix(".png")
    png = similarity_heatmap_png(comparison)
    with atomic_path(png_path) as tmp:
        tmp.write_bytes(png)
    write_text(comparison_page(comparison, heatmap_href=quote(png_path.name), index_href=index_href), path)
    return png_path


# -- heatmap -------------------------------------------------------------------------------

def _short(text: str, width: int = 10) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _axis_labels(document: "SegmentedDocument") -> list[str]:
    return [c.label + (f" {_short(c.heading)}" if c.heading else "") for c in document.articles()]


def _japanese_font() -> str:
    with warnings.catch_warnings():  # japanize_matplotlib still uses distutils' LooseVersion
        warnings.simplefilter("ignore")
        import japanize_matplotlib

        japanize_matplotlib.japanize()  # registers IPAexGothic (idempotent)
    return "IPAexGothic"


def similarity_heatmap_png(comparison: "Comparison", *, dpi: int = 100) -> bytes:
    """``comparison.article_similarity`` as a PNG heatmap: rows A's articles, columns B's,
    the aligned pairs outlined in their status colour. Same comparison → same bytes."""
    import matplotlib
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    font = _japanese_font()
    matrix = np.asarray(comparison.article_similarity, dtype=float)
    rows, cols = _axis_labels(comparison.a), _axis_labels(comparison.b)
    if matrix.shape != (len(rows), len(cols)):  # a hand-built Comparison without the matrix
        matrix = np.zeros((len(rows), len(cols)))
    with matplotlib.rc_context({"font.family": font, "svg.hashsalt": "tokki", "axes.unicode_minus": False}):
        width = min(30.0, 3.2 + 0.42 * max(len(cols), 4))
        height = min(30.0, 2.8 + 0.38 * max(len(rows), 4))
        figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        if matrix.size:
            vmax = max(float(matrix.max()), 0.5)
            image = ax.imshow(matrix, cmap="Blues", vmin=0.0, vmax=vmax, aspect="auto", interpolation="nearest")
            colorbar = figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
            colorbar.set_label("類似度 similarity")
            row_of = {c.id: n for n, c in enumerate(comparison.a.articles())}
            col_of = {c.id: n for n, c in enumerate(comparison.b.articles())}
            for record in comparison.alignments:
                if record.a in row_of and record.b in col_of:
                    ax.add_patch(Rectangle((col_of[record.b] - 0.5, row_of[record.a] - 0.5), 1, 1, fill=False,
                                           edgecolor=STATUS_COLOURS.get(record.status, "black"), linewidth=2.2))
        else:
            ax.text(0.5, 0.5, "条項なし (no articles)", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        ax.set_xticks(range(len(cols)), cols, fontsize=8, rotation=90)
        ax.set_ylabel(f"A: {_short(comparison.a.title or comparison.a.source, 24)}")
        ax.set_xlabel(f"B: {_short(comparison.b.title or comparison.b.source, 24)}")
        ax.xaxis.set_label_position("top")
        ax.xaxis.tick_top()
        ax.set_title("条項の類似度（枠: 対応付けられた組 — 緑 一致 / 橙 相違）", fontsize=10, pad=12, loc="left")
        buffer = io.BytesIO()
        # no Software / creation metadata: the bytes depend only on the comparison
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


# -- the index page ------------------------------------------------------------------------

COVERAGE_CLASSES = {
    "present": ("present", "yes", "true", "ok", "✓", "○", "あり", "有", "記載あり"),
    "missing": ("missing", "absent", "no", "false", "✗", "×", "なし", "無", "欠落"),
    "strong": ("strong", "stronger", "strict", "強", "強い"),
    "weak": ("weak", "weaker", "partial", "lenient", "弱", "弱い", "一部"),
}
# "3/5": how many of the documents impose an obligation (the coverage matrix's summary row)
_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
# rows styled as summaries (not a document) unless coverage.attrs["summary_rows"] says otherwise:
# the two pipeline.judge.coverage.coverage_table appends
SUMMARY_ROWS = ("imposed by", "usual wording")


# A wording strength as pipeline.judge.coverage.strength writes it: modality[・deadline][・consent].
STRONG_MARKERS = ("直ちに", "書面による承諾")
DUTY_MODALITIES = ("しなければならない", "してはならない")
WEAK_MODALITIES = ("努めなければならない", "努める", "することができる")


def _strength_class(text: str) -> str | None:
    if text.startswith(WEAK_MODALITIES):
        return "cov-weak"
    if text.startswith(DUTY_MODALITIES):
        return "cov-strong" if any(marker in text for marker in STRONG_MARKERS) else "cov-present"
    return None


def _fraction(value: Any) -> float | None:
    m = _FRACTION.match(value) if isinstance(value, str) else None
    if m and int(m.group(2)) > 0:
        return int(m.group(1)) / int(m.group(2))
    return None


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def coverage_class(value: Any) -> str:
    """The CSS class of a coverage cell:

    - cov-na: no value (None, NaN, pd.NA) — not applicable, shown as —;
    - cov-missing: "" (the obligation is not imposed) or a word for missing (missing, no, ✗, なし …);
    - cov-present / cov-strong / cov-weak: the words in ``COVERAGE_CLASSES`` (case-insensitive);
    - a wording strength (modality[・deadline][・consent], as ``pipeline.judge.coverage.strength``
      writes it): cov-present for a duty or prohibition (しなければならない, してはならない・承諾),
      cov-strong when it is also immediate or needs written consent (直ちに, 書面による承諾),
      cov-weak for best effort or discretion (努めなければならない, することができる);
    - cov-score: a number in [0, 1] or a fraction "3/5", shaded by its value;
    - cov-other: any other string."""
    if isinstance(value, bool):
        return "cov-present" if value else "cov-missing"
    if _is_empty(value):
        return "cov-na"
    if isinstance(value, (int, float)) or type(value).__module__.startswith("numpy"):
        try:
            float(value)
            return "cov-score"
        except (TypeError, ValueError):
            return "cov-other"
    text = str(value).strip()
    if not text:
        return "cov-missing"
    if _fraction(text) is not None:
        return "cov-score"
    lowered = text.lower()
    for name, words in COVERAGE_CLASSES.items():
        if lowered in words:
            return f"cov-{name}"
    return _strength_class(text) or "cov-other"


def _cell_text(value: Any) -> str:
    cls = coverage_class(value)
    if cls == "cov-na":
        return "—"
    if cls == "cov-missing" and not str(value).strip():
        return "なし"
    if cls == "cov-score" and not isinstance(value, str):
        return f"{float(value):.2f}"
    return str(value)


def _score_style(value: Any) -> str:
    """A background for a numeric cell, 0 → white, 1 → green (our own CSS, not document text)."""
    fraction = _fraction(value)
    x = fraction if fraction is not None else float(value)
    x = min(max(x, 0.0), 1.0)
    r, g, b = (round(255 - (255 - c) * x) for c in (0x66, 0xBB, 0x6A))
    return f"background-color: #{r:02x}{g:02x}{b:02x}"


def coverage_table(coverage: "pd.DataFrame | None") -> dict | None:
    """The view model of the coverage matrix (see ``index_page``)."""
    if coverage is None:
        return None
    import pandas as pd

    index = coverage.index
    if isinstance(index, pd.MultiIndex):
        header = [str(n) if n is not None else "" for n in index.names]
        keys = [[str(v) for v in key] for key in index]
    else:
        header = [str(index.name) if index.name is not None else "文書 document"]
        keys = [[str(v)] for v in index]
    columns = [str(c) for c in coverage.columns]
    summary_rows = {str(r) for r in coverage.attrs.get("summary_rows", SUMMARY_ROWS)}
    body = []
    for key, (label, values) in zip(keys, coverage.iterrows()):
        summary = (str(label) if not isinstance(label, tuple) else str(label[-1])) in summary_rows
        cells = []
        for value in values.tolist():
            cls = coverage_class(value)
            if summary and cls != "cov-score":
                cls = "cov-summary" if cls != "cov-na" else cls
            cells.append({"text": "—" if cls == "cov-na" else (str(value) if summary else _cell_text(value)),
                          "cls": cls, "style": _score_style(value) if cls == "cov-score" else None})
        body.append({"keys": key, "cells": cells, "summary": summary})
    caption = coverage.attrs.get("caption") if hasattr(coverage, "attrs") else None
    return {"header": header, "columns": columns, "rows": body, "caption": caption}


DOCUMENT_FIELDS = ("source", "title", "issuer", "pages", "articles", "status", "error")


def _extraction_text(document: dict) -> str:
    """How the text was read, for the index: "" for a text layer, "OCR 87%" for OCR."""
    if document.get("extraction") != "ocr":
        return ""
    confidence = document.get("ocr_confidence")
    return "OCR" + ("" if _is_empty(confidence) else f" {float(confidence):.0%}")


def _present(value: Any) -> str:
    if value is None:
        return ""
    try:
        if isinstance(value, float) and math.isnan(value):
            return ""
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except Exception:  # pragma: no cover
        pass
    return str(value)


def index_page(documents: list[dict], coverage: "pd.DataFrame | None", comparisons: list[dict], *,
               title: str = "tokki — 特記事項の比較") -> str:
    """The batch's index.html.

    ``documents``: one dict per input file, with any of source, title, issuer, pages,
    articles, status ("ok" or anything else: an error row, shown in red with its ``error``),
    error, extraction ("ocr": marked with its ocr_confidence as less certain text), warnings
    (lines separated by "\\n") (other keys are ignored) — e.g. the rows of documents.parquet.

    ``coverage``: a DataFrame, or None for no coverage section (``pipeline.judge.coverage.coverage_table``
    gives one). Index = one row per document (its source, or its issuer); a MultiIndex gives one
    header column per level (e.g. (issuer, source)); the index names head those columns.
    Columns = obligation names, in display order. Values (see ``coverage_class``):
    "present" / "missing" (also yes/no, ✓/✗, あり/なし …); "" = not imposed (missing);
    "strong" / "weak" (強/弱, partial); a wording strength 「しなければならない・直ちに」
    (coloured by how strict it is: duty, strict duty, best effort or discretion); any other
    string (shown as is in a neutral colour); a number in [0, 1] or a
    fraction "3/5" (shaded green by its value); None/NaN = not applicable (—).
    Summary rows — the index labels in ``coverage.attrs["summary_rows"]``, by default
    "imposed by" and "usual wording" as coverage_table appends them — are shown bold and
    uncoloured (fractions still shaded). Other extra rows and columns are rendered like any
    other. ``coverage.attrs["caption"]`` is shown above the table.

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
        title=title,
        documents=docs,
        failed=sum(d["failed"] for d in docs),
        coverage=coverage_table(coverage),
        comparisons=comps,
        statuses=STATUSES,
        status_ja=STATUS_JA,
    )


def write_index_html(documents: list[dict], coverage: "pd.DataFrame | None", comparisons: list[dict],
                     path: str | os.PathLike) -> None:
    write_text(index_page(documents, coverage, comparisons), path)


# -- the 新旧対照表 workbook ------------------------------------------------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell_text(value: str) -> str:
    """A string a spreadsheet will show as text, never run as a formula (CSV/formula
    injection): one starting with = + - @ (or their full-width forms, which some spreadsheets
    fold) or a tab/CR/LF gets a leading apostrophe, the OWASP-recommended neutraliser that
    survives copy-paste and CSV export. Characters XML cannot hold are dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _set(cell, value) -> None:
    """Assign a value; strings are neutralised and kept as strings (never formulas)."""
    if isinstance(value, str):
        cell.value = safe_cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def _rich(pieces: Iterable[tuple[str, str]], before: str = "", after: str = "", *, unit_prefix: str = ""):
    """The article text as rich text: changed spans red and bold (A: struck through), the
    matched unit underlined, context grey. Plain ``str`` when nothing is marked."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    pieces = [(kind, text) for kind, text in pieces if text]
    marked = bool(before or after or unit_prefix) or any(kind != "eq" for kind, _ in pieces)
    plain = unit_prefix + before + "".join(t for _, t in pieces) + after
    if not marked:
        return safe_cell_text(plain)
    blocks: list = []
    parts: list[tuple[str, str]] = [("prefix", unit_prefix), ("ctx", before), *pieces, ("ctx", after)]
    first = True
    for kind, text in parts:
        if not text:
            continue
        if first:  # the cell's text must not start like a formula either
            text = safe_cell_text(text)
            first = False
        else:
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            text = ILLEGAL_CHARACTERS_RE.sub("", text)
        if kind == "del":
            blocks.append(TextBlock(InlineFont(color="C62828", b=True, strike=True), text))
        elif kind == "ins":
            blocks.append(TextBlock(InlineFont(color="C62828", b=True, u="single"), text))
        elif kind == "ctx":
            blocks.append(TextBlock(InlineFont(color="808080"), text))
        elif kind == "prefix":
            blocks.append(TextBlock(InlineFont(color="1565C0", b=True), text))
        else:
            blocks.append(text)
    return CellRichText(blocks)


XLSX_COLUMNS = ("A条項", "A本文", "対応", "B条項", "B本文", "相違点")
# Excel widths are in "0" characters; a Japanese character is about two.
XLSX_WIDTHS = (16, 62, 14, 16, 62, 38)


def _clause_cell(side: Side) -> str:
    lines = [side.title, f"p.{side.page}" + (f" OCR {side.ocr_confidence:.0%}" if side.ocr_confidence is not None else "")]
    if side.unit_id:
        lines.append(f"対応部分 {side.unit_id}" + (f" (p.{side.unit_page})" if side.unit_page != side.page else ""))
    return "\n".join(lines)


def comparison_workbook(comparison: "Comparison"):
    """The 新旧対照表 as an openpyxl Workbook (sheet 「新旧対照表」)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Border, Font, PatternFill, Side as BorderSide
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "新旧対照表"
    a, b = comparison.a, comparison.b
    counts = comparison.counts()
    bold = Font(bold=True)
    wrap_top = CellAlignment(wrap_text=True, vertical="top")
    thin = BorderSide(style="thin", color="BDBDBD")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    _set(sheet.cell(1, 1), "A（基準）")
    _set(sheet.cell(1, 2), f"{a.source} — {a.title or '(no title)'}（{len(a.articles())} 条）")
    _set(sheet.cell(2, 1), "B（審査対象）")
    _set(sheet.cell(2, 2), f"{b.source} — {b.title or '(no title)'}（{len(b.articles())} 条）")
    _set(sheet.cell(3, 1), "件数")
    _set(sheet.cell(3, 2), "、".join(f"{STATUS_JA[s]} {s} {counts.get(s, 0)}" for s in STATUSES))
    header_row = 4
    for letter, document in (("A", a), ("B", b)):
        if document.ocr_note:  # OCR'd text: say so above the table, in the warning colour
            _set(sheet.cell(header_row, 1), f"{letter} 注意")
            _set(sheet.cell(header_row, 2), document.ocr_note)
            sheet.cell(header_row, 2).font = Font(color="B26A00", bold=True)
            header_row += 1
    for row in range(1, header_row):
        sheet.cell(row, 1).font = bold
    for col, name in enumerate(XLSX_COLUMNS, start=1):
        cell = sheet.cell(header_row, col)
        _set(cell, name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="37474F")
        cell.alignment = CellAlignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for col, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + col - 1)].width = width

    for n, row in enumerate(comparison_rows(comparison), start=header_row + 1):
        score = f"{row.score:.2f}" if row.score is not None else "—"
        values: list = [
            _clause_cell(row.a) if row.a else "",
            _rich(row.a.pieces, row.a.before, row.a.after) if row.a else "（対応なし）",
            f"{row.status_ja}（{row.status}）\n{score}",
            _clause_cell(row.b) if row.b else "",
            _rich(row.b.pieces, row.b.before, row.b.after) if row.b else "（対応なし）",
            "\n".join(row.reasons),
        ]
        fill = PatternFill("solid", fgColor=XLSX_FILLS.get(row.status, "FFFFFF"))
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(n, col)
            if isinstance(value, str):
                _set(cell, value)
            else:
                cell.value = value  # CellRichText: a string cell whose first block is neutralised
            cell.alignment = wrap_top
            cell.border = border
            if col in (1, 3, 4, 6):
                cell.fill = fill
        sheet.cell(n, 3).font = Font(bold=True, color=STATUS_COLOURS.get(row.status, "#000000").lstrip("#"))

    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.auto_filter.ref = f"A{header_row}:F{max(header_row, sheet.max_row)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4

    properties = workbook.properties
    properties.creator = "tokki"
    properties.title = f"新旧対照表 {a.title or a.source} / {b.title or b.source}"
    properties.created = FIXED_TIMESTAMP
    properties.modified = FIXED_TIMESTAMP
    properties.lastModifiedBy = "tokki"
    return workbook


def comparison_xlsx_bytes(comparison: "Comparison") -> bytes:
    """The 新旧対照表 workbook as bytes; same comparison → same bytes (fixed created/modified
    properties and zip entry times: ``storage.stable_zip``)."""
    from pipeline.storage import stable_zip

    buffer = io.BytesIO()
    comparison_workbook(comparison).save(buffer)
    return stable_zip(buffer.getvalue())


def write_comparison_xlsx(comparison: "Comparison", path: str | os.PathLike) -> None:
    data = comparison_xlsx_bytes(comparison)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
