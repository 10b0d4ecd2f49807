"""The view model of a comparison: one ``Row`` per alignment record, each side an article
with the part that matched and, on divergent rows, the character diff. The page, the
similarity map and the workbook all read these rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import ALIGNMENT_STATUSES, Alignment, Clause, Comparison, SegmentedDocument
from pipeline.report.diff import char_diff

STATUSES = ALIGNMENT_STATUSES
STATUS_JA = {"equivalent": "一致", "divergent": "相違", "missing": "欠落", "extra": "追加"}
STATUS_HELP = {
    "equivalent": "A と B が同じ義務を定める",
    "divergent": "対応する条項があるが義務の内容が異なる（理由と相違箇所を表示）",
    "missing": "A の条項に対応するものが B にない",
    "extra": "B の条項に対応するものが A にない",
}
# The same palette in the page, the similarity map's outlines and the workbook.
STATUS_COLOURS = {"equivalent": "#2e7d32", "divergent": "#e65100", "missing": "#c62828", "extra": "#1565c0"}


@dataclass
class Side:
    """One side (A or B) of a row: the article, the unit that matched, the text in pieces."""

    article_id: str
    title: str  # 第４（安全管理義務）
    page: int
    unit_id: str | None  # the matched clause(s) when not the whole article
    unit_page: int | None
    before: str  # article text before the matched unit
    pieces: list[tuple[str, str]]  # the matched unit's text (diffed on divergent rows)
    after: str  # article text after the matched unit
    ocr_confidence: float | None = None  # the clause's page was read by OCR, with this confidence

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
    suggestion: str | None = None  # wording for the missing clause, in B's party words


def _matched(document: SegmentedDocument, article: Clause, units: list[str]) -> tuple[int, int, Clause | None]:
    """Where the compared text lies in the article's text: (start, end, first unit), the unit
    None when it is the whole article. The aligner matches one unit a side; several are read
    as the stretch from the first to the end of the last, so the part is always verbatim."""
    if not units or units == [article.id]:
        return 0, len(article.text), None
    clauses = [document.by_id(u) for u in units]
    return min(c.start for c in clauses), max(c.start + len(c.text) for c in clauses), clauses[0]


def _side(document: SegmentedDocument, article_id: str, units: list[str],
          diff: list[tuple[str, str]] | None = None) -> Side:
    article = document.by_id(article_id)
    start, end, unit = _matched(document, article, units)
    return Side(
        article_id=article.id, title=article.title, page=article.page,
        unit_id=", ".join(units) if unit is not None else None,
        unit_page=unit.page if unit is not None else None,
        before=article.text[:start], pieces=diff if diff is not None else [("eq", article.text[start:end])],
        after=article.text[end:], ocr_confidence=document.ocr_confidence_of(article.page),
    )


def _compared_text(document: SegmentedDocument, article_id: str, units: list[str]) -> str:
    article = document.by_id(article_id)
    start, end, _ = _matched(document, article, units)
    return article.text[start:end]


def _row_id(record: Alignment) -> str:
    if record.a is not None and record.b is not None:
        return f"r-a{record.a}-b{record.b}"
    if record.a is not None:
        return f"r-a{record.a}-missing"
    return f"r-b{record.b}-extra"


def comparison_rows(comparison: Comparison) -> list[Row]:
    """One ``Row`` per alignment record, in order, with the diff of divergent pairs."""
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for record in comparison.alignments:
        side_a = side_b = None
        if record.a is not None and record.b is not None:
            diff_a = diff_b = None
            # every pair whose texts differ is diffed, not only the divergent ones: a wording
            # change or an added paragraph must be seen even where the obligations agree
            if record.status == "divergent" or record.identical is False:
                diff_a, diff_b = char_diff(_compared_text(comparison.a, record.a, record.a_units),
                                           _compared_text(comparison.b, record.b, record.b_units))
            side_a = _side(comparison.a, record.a, record.a_units, diff_a)
            side_b = _side(comparison.b, record.b, record.b_units, diff_b)
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
            suggestion=record.suggestion,
        ))
    return rows
