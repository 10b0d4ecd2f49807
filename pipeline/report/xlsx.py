"""The workbooks: the 新旧対照表 of a comparison, and the coverage matrix of a batch.

Every string cell that a spreadsheet would read as a formula (= + - @, or a leading
tab/CR) is neutralised by ``cells.safe_cell_text``. Same content → same bytes: both
workbooks get fixed created/modified properties (``_workbook``) and are zipped by
``storage.stable_zip`` (fixed entry times).
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from typing import Iterable

from pipeline.model import Comparison, Coverage
from pipeline.report.cells import safe_cell_text, set_text, xml_text
from pipeline.report.view import STATUS_COLOURS, STATUS_JA, STATUSES, Side, comparison_rows
from pipeline.storage import stable_zip, write_workbook

FIXED_TIMESTAMP = _dt.datetime(2000, 1, 1, 0, 0, 0)
XLSX_FILLS = {"equivalent": "E8F5E9", "divergent": "FFF3E0", "missing": "FFEBEE", "extra": "E3F2FD"}
XLSX_COLUMNS = ("A条項", "A本文", "対応", "B条項", "B本文", "相違点")
# Excel widths are in "0" characters; a Japanese character is about two.
XLSX_WIDTHS = (16, 62, 14, 16, 62, 38)


def _workbook(sheet_title: str):
    """A new workbook of one sheet, stamped with a fixed time (not the clock's)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = sheet_title
    workbook.properties.created = workbook.properties.modified = FIXED_TIMESTAMP
    return workbook


# -- the 新旧対照表 ---------------------------------------------------------------------------

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
        # the cell's text must not start like a formula either
        text = safe_cell_text(text) if first else xml_text(text)
        first = False
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


def _clause_cell(side: Side) -> str:
    lines = [side.title, f"p.{side.page}" + (f" OCR {side.ocr_confidence:.0%}" if side.ocr_confidence is not None else "")]
    if side.unit_id:
        lines.append(f"対応部分 {side.unit_id}" + (f" (p.{side.unit_page})" if side.unit_page != side.page else ""))
    return "\n".join(lines)


def comparison_workbook(comparison: Comparison):
    """The 新旧対照表 as an openpyxl Workbook (sheet 「新旧対照表」)."""
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Border, Font, PatternFill, Side as BorderSide
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = _workbook("新旧対照表")
    sheet = workbook.active
    a, b = comparison.a, comparison.b
    counts = comparison.counts()
    bold = Font(bold=True)
    wrap_top = CellAlignment(wrap_text=True, vertical="top")
    thin = BorderSide(style="thin", color="BDBDBD")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    set_text(sheet.cell(1, 1), "A（基準）")
    set_text(sheet.cell(1, 2), f"{a.source} — {a.title or '(no title)'}（{len(a.articles())} 条）")
    set_text(sheet.cell(2, 1), "B（審査対象）")
    set_text(sheet.cell(2, 2), f"{b.source} — {b.title or '(no title)'}（{len(b.articles())} 条）")
    set_text(sheet.cell(3, 1), "件数")
    set_text(sheet.cell(3, 2), "、".join(f"{STATUS_JA[s]} {s} {counts.get(s, 0)}" for s in STATUSES))
    header_row = 4
    for letter, document in (("A", a), ("B", b)):
        if document.ocr_note:  # OCR'd text: say so above the table, in the warning colour
            set_text(sheet.cell(header_row, 1), f"{letter} 注意")
            set_text(sheet.cell(header_row, 2), document.ocr_note)
            sheet.cell(header_row, 2).font = Font(color="B26A00", bold=True)
            header_row += 1
    for row in range(1, header_row):
        sheet.cell(row, 1).font = bold
    for col, name in enumerate(XLSX_COLUMNS, start=1):
        cell = sheet.cell(header_row, col)
        set_text(cell, name)
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
            "\n".join(row.reasons + ([f"提案文（suggested wording）: {row.suggestion}"] if row.suggestion else [])),
        ]
        fill = PatternFill("solid", fgColor=XLSX_FILLS.get(row.status, "FFFFFF"))
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(n, col)
            set_text(cell, value)  # CellRichText passes as is: its first block is neutralised
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
    properties.lastModifiedBy = "tokki"
    return workbook


def comparison_xlsx_bytes(comparison: Comparison) -> bytes:
    """The 新旧対照表 workbook as bytes, as ``write_comparison_xlsx`` writes them."""
    buffer = io.BytesIO()
    comparison_workbook(comparison).save(buffer)
    return stable_zip(buffer.getvalue())


def write_comparison_xlsx(comparison: Comparison, path: str | os.PathLike) -> None:
    write_workbook(comparison_workbook(comparison), path)


# -- the coverage matrix -------------------------------------------------------------------

def coverage_workbook(coverage: Coverage):
    """The matrix as a workbook (sheet 「coverage」): imposed cells green, not imposed red,
    summary rows in bold."""
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = _workbook("coverage")
    sheet = workbook.active
    table = coverage.table
    sheet.append([str(table.index.name), *[str(c) for c in table.columns]])
    imposed, missing = PatternFill("solid", fgColor="D9EAD3"), PatternFill("solid", fgColor="F4CCCC")
    # the document rows come first, in the order of ``levels``; then the summary rows
    levels = coverage.levels.reindex(columns=table.columns).to_numpy().tolist()
    for n, (label, values) in enumerate(zip(table.index, table.to_numpy().tolist())):
        sheet.append([safe_cell_text(str(label)), *[safe_cell_text(str(v)) for v in values]])
        cells = sheet[n + 2][1:]  # not sheet.max_row: it scans every cell, quadratic
        if n < len(levels):
            for cell, level in zip(cells, levels[n]):
                cell.fill = imposed if level else missing
        else:
            for cell in cells:
                cell.font = Font(bold=True)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 24
    return workbook


def write_coverage_xlsx(coverage: Coverage, path: str | os.PathLike) -> None:
    write_workbook(coverage_workbook(coverage), path)
