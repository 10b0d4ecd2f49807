"""The 新旧対照表 of two versions: its rows as legal staff file them (text and Word).

Conventions (public guides and office practice): **改正後 (new) on the left, 改正前 (old) on the
right** (``old_left`` for offices that put them the other way); changed characters underlined
(傍線) on both sides; where text was added the other side shows a gap of the same length, so
the reader sees where the change sits; a new provision has （新設） on the old side and is
underlined whole, a deleted one （削除） on the new side; a moved or renumbered provision's
number has a double underline (二重傍線); unchanged provisions shown, omitted, or （略）; the
note 「（傍線部分は改正部分）」 under the table. Texts are diffed character by character with
line breaks removed first, so a line break never makes a change.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

from pipeline.model import Clause, VersionDiff, VersionRow
from pipeline.report.diff import char_diff

CHANGE_JA = {"unchanged": "変更なし", "renumbered": "番号変更", "wording": "表記のみ", "amended": "改正",
             "added": "新設", "deleted": "削除"}
NOTE = "（傍線部分は改正部分）"
DOUBLE_NOTE = "（二重傍線部分は条項の移動又は番号の変更）"
GAP = "\u3000"  # what stands where the other side has text: a full-width space per character


@dataclass(frozen=True)
class Run:
    text: str
    underline: bool = False  # 傍線: changed
    double: bool = False  # 二重傍線: a renumbered or moved number


def _flat(text: str) -> str:
    return "".join(text.split())


def _label(clause: Clause | None) -> str:
    return clause.title if clause is not None else ""


def side_runs(row: VersionRow, diff: VersionDiff) -> tuple[list[Run], list[Run]]:
    """(new side, old side) as runs: the article's number and heading, then its text."""
    old = diff.old.by_id(row.old) if row.old else None
    new = diff.new.by_id(row.new) if row.new else None
    if old is None:
        return [Run(_label(new) + " ", True), Run(_flat(new.text), True)], [Run("（新設）")]
    if new is None:
        return [Run("（削除）")], [Run(_label(old) + " ", True), Run(_flat(old.text), True)]
    renumbered = old.label != new.label and (row.moved or row.change == "renumbered" or old.id != new.id)
    head_new = [Run(new.label, double=renumbered), Run((f"（{new.heading}）" if new.heading else "") + " ")]
    head_old = [Run(old.label, double=renumbered), Run((f"（{old.heading}）" if old.heading else "") + " ")]
    if row.change in ("unchanged", "renumbered"):
        return head_new + [Run(_flat(new.text))], head_old + [Run(_flat(old.text))]
    pieces_old, pieces_new = char_diff(_flat(old.text), _flat(new.text))
    return head_new + _with_gaps(pieces_new, pieces_old), head_old + _with_gaps(pieces_old, pieces_new)


def _segments(pieces: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """(changes, equals): the changed text before each shared piece and after the last."""
    changes, equals = [""], []
    for kind, text in pieces:
        if kind == "eq":
            equals.append(text)
            changes.append("")
        else:
            changes[-1] += text
    return changes, equals


def _with_gaps(mine: list[tuple[str, str]], theirs: list[tuple[str, str]]) -> list[Run]:
    """My pieces as runs, changed ones underlined, with an underlined gap where the other side
    has text I lack."""
    my_changes, equals = _segments(mine)
    their_changes, _ = _segments(theirs)
    runs: list[Run] = []
    for k, change in enumerate(my_changes):
        if change:
            runs.append(Run(change, True))
        elif their_changes[k]:
            runs.append(Run(GAP * len(their_changes[k]), True))
        if k < len(equals):
            runs.append(Run(equals[k]))
    return runs


def shown_rows(diff: VersionDiff, unchanged: str) -> list[tuple[VersionRow, bool]]:
    """(row, abbreviated) for the rows a table shows: ``unchanged`` is show, omit or 略."""
    out = []
    for row in diff.rows:
        if row.change == "unchanged" and unchanged == "omit":
            continue
        out.append((row, row.change == "unchanged" and unchanged == "略"))
    return out


# -- text ---------------------------------------------------------------------------------------

def render_text(diff: VersionDiff, unchanged: str = "show") -> str:
    counts = diff.counts()
    lines = [
        f"OLD: {diff.old.source} — {diff.old.title or '(no title)'} ({len(diff.old.articles())} articles)",
        f"NEW: {diff.new.source} — {diff.new.title or '(no title)'} ({len(diff.new.articles())} articles)",
        ", ".join(f"{n} {kind}" for kind, n in counts.items()),
        "",
    ]
    marks = {"unchanged": "=", "renumbered": "#", "wording": "~", "amended": "≠", "added": "+", "deleted": "−"}
    for row, abbreviated in shown_rows(diff, unchanged):
        old = diff.old.by_id(row.old).title if row.old else "—"
        new = diff.new.by_id(row.new).title if row.new else "—"
        lines.append(f"{marks[row.change]} {old} → {new}  {row.change}（{CHANGE_JA[row.change]}）"
                     + ("  moved" if row.moved else ""))
        if abbreviated:
            continue
        for unit in row.units:
            if unit.change not in ("unchanged", "renumbered"):
                lines.append(f"      {unit.old or '—'} → {unit.new or '—'}  {unit.change}")
        lines += [f"      {reason}" for reason in row.reasons]
    if diff.references:
        lines += ["", "Cross-references:"]
        for ref in diff.references:
            fix = f" → should be 「{ref.should_be}」" if ref.should_be else ""
            lines.append(f"  {ref.in_} 「{ref.text}」: {ref.problem}{fix}")
    if diff.metadata:
        lines += ["", "Outside the articles:"]
        lines += [f"  {m.old or '—'} → {m.new or '—'}" for m in diff.metadata]
    return "\n".join(lines) + "\n"


# -- HTML ---------------------------------------------------------------------------------------

def _row_id(row: VersionRow) -> str:
    return f"r-old{row.old or 'none'}-new{row.new or 'none'}"


def shinkyu_page(diff: VersionDiff, *, unchanged: str = "show", old_left: bool = False) -> str:
    """The 新旧対照表 as one self-contained page (no script): 傍線 and 二重傍線 drawn, a filter
    for the changed rows."""
    from pipeline.report.html import _render

    rows = []
    for row, abbreviated in shown_rows(diff, unchanged):
        new_runs, old_runs = ([Run("（略）")], [Run("（略）")]) if abbreviated else side_runs(row, diff)
        rows.append({"id": _row_id(row), "change": row.change, "reasons": row.reasons,
                     "sides": [old_runs, new_runs] if old_left else [new_runs, old_runs]})
    return _render("shinkyu.html.j2", old=diff.old, new=diff.new, counts=diff.counts(), labels=CHANGE_JA,
                   headers=["改正前", "改正後"] if old_left else ["改正後", "改正前"], rows=rows, note=NOTE,
                   double_note=DOUBLE_NOTE if any(r.old and r.new and r.old != r.new for r in diff.rows) else "",
                   references=diff.references, metadata=diff.metadata)


# -- Word ---------------------------------------------------------------------------------------

def shinkyu_docx(diff: VersionDiff, *, unchanged: str = "show", old_left: bool = False):
    """The 新旧対照表 as a python-docx Document: one table, A4 landscape, the note under it."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_UNDERLINE
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    style.font.name = "MS Mincho"
    document.add_paragraph(f"{diff.new.title or diff.new.source} 新旧対照表")
    headers = ["改正前", "改正後"] if old_left else ["改正後", "改正前"]
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    for row, abbreviated in shown_rows(diff, unchanged):
        new_runs, old_runs = ([Run("（略）")], [Run("（略）")]) if abbreviated else side_runs(row, diff)
        cells = table.add_row().cells
        for cell, runs in zip(cells, [old_runs, new_runs] if old_left else [new_runs, old_runs]):
            paragraph = cell.paragraphs[0]
            for run in runs:
                if not run.text:
                    continue
                written = paragraph.add_run(run.text)
                if run.double:
                    written.font.underline = WD_UNDERLINE.DOUBLE
                elif run.underline:
                    written.font.underline = True
    document.add_paragraph(NOTE)
    if any(row.old and row.new and row.old != row.new for row in diff.rows):
        document.add_paragraph(DOUBLE_NOTE)
    for ref in diff.references:  # 条項ズレ, for the drafter to mend
        fix = f" → 「{ref.should_be}」" if ref.should_be else ""
        document.add_paragraph(f"条項ズレ {ref.in_}「{ref.text}」: {ref.problem}{fix}")
    properties = document.core_properties
    properties.author = properties.last_modified_by = "tokki"
    properties.title = f"新旧対照表 {diff.new.title or diff.new.source}"
    return document


# -- Excel --------------------------------------------------------------------------------------

def shinkyu_workbook(diff: VersionDiff, *, unchanged: str = "show", old_left: bool = False):
    """The same rows as a workbook: rich text with single and double underlines."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Font

    from pipeline.report.cells import set_text
    from pipeline.report.xlsx import _workbook

    workbook = _workbook("新旧対照表")
    sheet = workbook.active
    headers = ["改正前", "改正後"] if old_left else ["改正後", "改正前"]
    for col, name in enumerate([*headers, "区分", "理由 reasons"], start=1):
        set_text(sheet.cell(1, col), name)
        sheet.cell(1, col).font = Font(bold=True)
    for letter, width in zip("ABCD", (70, 70, 12, 40)):
        sheet.column_dimensions[letter].width = width

    def rich(runs: list[Run]):
        blocks = []
        for run in runs:
            if run.text:
                underline = "double" if run.double else "single" if run.underline else None
                blocks.append(TextBlock(InlineFont(u=underline), run.text) if underline else run.text)
        return CellRichText(blocks)

    for n, (row, abbreviated) in enumerate(shown_rows(diff, unchanged), start=2):
        new_runs, old_runs = ([Run("（略）")], [Run("（略）")]) if abbreviated else side_runs(row, diff)
        sides = [old_runs, new_runs] if old_left else [new_runs, old_runs]
        for col, value in enumerate([rich(sides[0]), rich(sides[1]), f"{CHANGE_JA[row.change]}（{row.change}）",
                                     "\n".join(row.reasons)], start=1):
            cell = sheet.cell(n, col)
            set_text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    set_text(sheet.cell(sheet.max_row + 2, 1), NOTE)
    return workbook


def write_shinkyu_xlsx(diff: VersionDiff, path: str | os.PathLike, **options) -> None:
    from pipeline.storage import write_workbook

    write_workbook(shinkyu_workbook(diff, **options), path)


def shinkyu_docx_bytes(diff: VersionDiff, **options) -> bytes:
    """The .docx as bytes, reproducible: the same diff gives the same bytes."""
    from pipeline.storage import stable_zip

    buffer = io.BytesIO()
    document = shinkyu_docx(diff, **options)
    from datetime import datetime, timezone

    fixed = datetime(2000, 1, 1, tzinfo=timezone.utc)  # no clock in the output
    document.core_properties.created = document.core_properties.modified = fixed
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def write_shinkyu_docx(diff: VersionDiff, path: str | os.PathLike, **options) -> None:
    from pipeline.storage import atomic_path

    data = shinkyu_docx_bytes(diff, **options)
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
