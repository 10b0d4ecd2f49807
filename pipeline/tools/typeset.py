"""Typeset a template's text as a realistic municipal PDF (for samples and test fixtures).

Municipal 特記事項 are mostly Word documents printed to PDF: A4, a character grid of a fixed
number of characters per line and lines per page, continuation lines back at the left margin,
lines broken wherever the grid is full (mid-word: Japanese has no hyphenation), the title
centred, page numbers "- N -" in the footer. This module draws the same with reportlab and
the IPAexGothic font shipped in ``japanize_matplotlib``, embedded as a subset.

reportlab and japanize_matplotlib are dev dependencies, so they are imported inside the
functions that need them; ``wrap_line`` is pure and needs neither.

Output is deterministic: the same input gives a byte-identical PDF.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# An input line holding only this character starts a new page.
PAGE_BREAK = "\f"

FONT_NAME = "IPAexGothic"
# Adobe's standard Japanese font, which reportlab can reference without embedding it, as
# older Japanese PDFs do: a file of a few KB instead of ~400 bytes per distinct glyph.
REFERENCED_FONT_NAME = "HeiseiKakuGo-W5"

MM = 72 / 25.4  # points per millimetre
A4_WIDTH = 210 * MM
A4_HEIGHT = 297 * MM

# Word's standard kinsoku (禁則) sets: characters that may not begin a line ...
NO_LINE_START = frozenset(
    "!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕゛゜ゝゞ・ヽヾ！％），．：；？］｝｡｣､･ﾞﾟ￠"
)
# ... characters that may not end one ...
NO_LINE_END = frozenset("$([{£¥‘“〈《「『【〔＄（［｛｢￡￥")
# ... and the punctuation Word lets hang into the right margin (ぶら下げ) instead.
HANGING = frozenset("、。，．､｡")

# Word's faux bold for a font without a bold face: each glyph drawn twice, slightly apart.
FAUX_BOLD_OFFSET = 0.3  # pt


@dataclass(frozen=True)
class Layout:
    """Page geometry, in points unless named otherwise."""

    chars_per_line: int = 40  # Word's 文字数: full-width cells per line
    lines_per_page: int = 36  # Word's 行数
    font_size: float = 10.5
    title_size: float = 14.0
    margin: float = 25 * MM
    page_width: float = A4_WIDTH
    page_height: float = A4_HEIGHT

    @property
    def text_width(self) -> float:
        return self.page_width - 2 * self.margin

    @property
    def text_height(self) -> float:
        return self.page_height - 2 * self.margin

    @property
    def cell(self) -> float:
        """Width of one grid cell. Word spreads the glyphs evenly over the text width; past
        ~10 % extra spacing we keep them together and leave the line short instead, as a
        narrow column does (wide gaps would read as word breaks)."""
        return min(self.text_width / self.chars_per_line, self.font_size * 1.1)

    @property
    def block_width(self) -> float:
        """Width of the text block: the grid's cells (at most the text width)."""
        return self.chars_per_line * self.cell

    @property
    def line_pitch(self) -> float:
        return self.text_height / self.lines_per_page


def char_cells(char: str) -> float:
    """Grid cells a character takes: 1 for full-width (CJK, full-width forms), ½ otherwise."""
    return 1.0 if unicodedata.east_asian_width(char) in ("F", "W") else 0.5


def wrap_line(text: str, chars_per_line: int) -> list[str]:
    """Break one logical line into display lines the way Word fills a character grid.

    A line holds ``chars_per_line`` full-width cells; half-width characters take half a cell
    and may overrun the grid by half a cell (so "第１ 乙は…" keeps 40 full-width characters
    after its half-width space, as Word's grid does). Lines break anywhere, mid-word, with
    Word's standard kinsoku: 、。 hang into the margin; other closing marks pull the
    preceding character down with them; opening brackets never end a line.
    """
    lines: list[str] = []
    start = 0
    width = 0.0
    i = 0
    limit = chars_per_line + 0.5
    while i < len(text):
        cells = char_cells(text[i])
        if i > start and width + cells > limit:
            next_starts_ok = i + 1 == len(text) or text[i + 1] not in NO_LINE_START
            if text[i] in HANGING and next_starts_ok:
                cut = i + 1
            else:
                cut = i
                while cut - 1 > start and (
                    text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END
                ):
                    cut -= 1
            lines.append(text[start:cut])
            start = i = cut
            width = 0.0
            continue
        width += cells
        i += 1
    if start < len(text) or not lines:
        lines.append(text[start:])
    return lines


def font_path() -> str:
    """The IPAexGothic TTF inside the japanize_matplotlib package."""
    import japanize_matplotlib

    return os.path.join(os.path.dirname(japanize_matplotlib.__file__), "fonts", "ipaexg.ttf")


def _register_font(embed: bool) -> str:
    """Register the font with reportlab; return its name."""
    from reportlab.pdfbase import pdfmetrics

    if embed:
        from reportlab.pdfbase.ttfonts import TTFont

        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_NAME, font_path()))
        return FONT_NAME
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if REFERENCED_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(REFERENCED_FONT_NAME))
    return REFERENCED_FONT_NAME


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("（") and stripped.endswith("）")


def _is_item(line: str) -> bool:
    """An item 号 of a clause: "一 管理責任者の選定"."""
    return re.match(r"[一二三四五六七八九十]+[ \u3000]", line) is not None


def typeset_pdf(
    lines: Sequence[str],
    out_path: str | os.PathLike,
    *,
    title_index: int | None = None,
    header: str | None = None,
    faux_bold: bool = False,
    faux_bold_headings: bool = False,
    page_numbers: bool = True,
    chars_per_line: int = 40,
    item_indent: int = 0,
    lines_per_page: int = 36,
    title_size: float = 14.0,
    embed_font: bool = True,
) -> int:
    """Typeset ``lines`` to a PDF at ``out_path``; return the number of pages.

    ``lines`` are logical lines: one per title line, heading （…）, numbered clause ("第１ 乙は、…",
    "２ 乙は…", "一 管理責任者の選定"), 別記, 注 line. Each is wrapped on the character grid;
    continuation lines start at the left margin. Leading spaces are drawn as they are (an
    indent). An empty line leaves a blank grid line; a line holding only ``PAGE_BREAK``
    starts a new page.

    - ``title_index``: index in ``lines`` of the title, drawn larger (``title_size`` pt, on
      one grid line) and centred over the text block; it also becomes the PDF's /Title.
    - ``header``: running header text drawn top right on every page.
    - ``faux_bold``: draw every glyph twice, 0.3 pt apart (Word's faux bold);
      ``faux_bold_headings`` does so only for the title and the （…） headings.
    - ``page_numbers``: "- N -" centred in the footer.
    - ``chars_per_line`` / ``lines_per_page``: Word's character grid (文字数 / 行数).
    - ``item_indent``: left indent, in grid cells, of item lines (一 二 …) and their
      continuation lines (a paragraph indent: the indent is space, not characters).
    - ``embed_font``: embed IPAexGothic as a subset (the default, as Word does). False
      references HeiseiKakuGo-W5 without embedding it (tiny files; text decoded through
      Adobe-Japan1, so Kangxi radicals come back as the unified ideographs).
    """
    from reportlab.pdfgen.canvas import Canvas

    font_name = _register_font(embed_font)
    layout = Layout(
        chars_per_line=chars_per_line, lines_per_page=lines_per_page, title_size=title_size
    )
    canvas = Canvas(
        os.fspath(out_path),
        pagesize=(layout.page_width, layout.page_height),
        invariant=1,  # fixed dates and document ID: byte-identical output
        pageCompression=1,
    )
    canvas.setCreator("tokki pipeline.tools.typeset")
    if title_index is not None:
        canvas.setTitle(lines[title_index].strip())

    page_number = 1
    row = 0  # grid line on the current page

    def draw(text: str, x: float, y: float, size: float, bold: bool, char_space: float) -> None:
        for dx in (0.0, FAUX_BOLD_OFFSET) if bold else (0.0,):
            text_object = canvas.beginText(x + dx, y)
            text_object.setFont(font_name, size)
            text_object.setCharSpace(char_space)
            text_object.textOut(text)
            canvas.drawText(text_object)

    def draw_page_furniture() -> None:
        if header:
            size = 9.0
            width = canvas.stringWidth(header, font_name, size)
            y = layout.page_height - layout.margin / 2
            draw(header, layout.page_width - layout.margin - width, y, size, False, 0.0)
        if page_numbers:
            label = f"- {page_number} -"
            width = canvas.stringWidth(label, font_name, layout.font_size)
            x = (layout.page_width - width) / 2
            draw(label, x, layout.margin / 2, layout.font_size, False, 0.0)

    def new_page() -> None:
        nonlocal page_number, row
        draw_page_furniture()
        canvas.showPage()
        page_number += 1
        row = 0

    def baseline(grid_row: int) -> float:
        top = layout.page_height - layout.margin - grid_row * layout.line_pitch
        # centre a font-size-high glyph box in the grid line; IPAexGothic's ascent is ~0.88 em
        return top - (layout.line_pitch - layout.font_size) / 2 - 0.88 * layout.font_size

    for index, line in enumerate(lines):
        if line == PAGE_BREAK:
            new_page()
            continue
        if row >= layout.lines_per_page:
            new_page()
        if index == title_index:
            text = line.strip()
            width = canvas.stringWidth(text, font_name, layout.title_size)
            x = layout.margin + (layout.block_width - width) / 2
            bold = faux_bold or faux_bold_headings
            draw(text, x, baseline(row), layout.title_size, bold, 0.0)
            row += 1
            continue
        bold = faux_bold or (faux_bold_headings and _is_heading(line))
        char_space = layout.cell - layout.font_size
        indent = item_indent if _is_item(line) else 0
        x = layout.margin + indent * layout.cell
        display_lines = wrap_line(line.rstrip(), chars_per_line - indent) if line.strip() else [""]
        for display_line in display_lines:
            if row >= layout.lines_per_page:
                new_page()
            if display_line:
                draw(display_line, x, baseline(row), layout.font_size, bold, char_space)
            row += 1

    draw_page_furniture()
    canvas.showPage()
    canvas.save()
    return page_number
