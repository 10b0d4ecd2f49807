"""Running headers, footers and page numbers: pure functions over lines with positions.

What ``pdf`` (a text layer) and OCR (a scan) read as lines is judged here, without a PDF, so
that the rules are unit-testable: a line in the top or bottom margin goes when it is a page
number or repeats at the same place on another page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Share of the page height, at the top and at the bottom, where running headers and
# footers live. Generous on purpose: a line there is only dropped if it is also repeated
# or a page number.
MARGIN_ZONE = 0.1
# Running headers sit at a fixed place; body lines that happen to repeat rarely do.
SAME_PLACE_TOLERANCE = 3.0  # pt

_DIGITS = r"[0-9０-９]+"
_DASH = r"[-－‐‑–—―−ー~～〜]"
_SLASH = r"[/／]"
_PAGE_NUMBER = re.compile(
    rf"""
      {_DASH}?{_DIGITS}{_DASH}?                              # 1  １  - 1 -  －１－
    | {_DASH}?{_DIGITS}{_SLASH}{_DIGITS}{_DASH}?             # 1/3  - 1 / 3 -
    | (?:page|p\.?){_DIGITS}(?:(?:of|{_SLASH}){_DIGITS})?    # Page 1  P.1  Page 1 of 3
    | 第?{_DIGITS}(?:ページ|頁)(?:{_SLASH}{_DIGITS}(?:ページ|頁)?)?  # １ページ  第1頁
    | {_DIGITS}{_SLASH}{_DIGITS}(?:ページ|頁)                # 1/3ページ
    """,
    re.VERBOSE | re.IGNORECASE,
)
# "(1)" is also how items are numbered, so it only counts as a page number alone in a footer.
_PARENTHESISED_NUMBER = re.compile(rf"[(（]{_DIGITS}[)）]")


@dataclass(frozen=True)
class TextLine:
    """One line of a page as extracted, with its vertical extent in points from the page top."""

    text: str
    top: float
    bottom: float
    # The page's length along the way this line's text stacks, when that is not the page height:
    # the width, for a column of 縦書き or a line turned 90° (top and bottom are then measured
    # from the edge its lines start at, so that its header and footer zones are found).
    extent: float | None = None


@dataclass(frozen=True)
class PageLines:
    height: float
    lines: tuple[TextLine, ...]
    ocr: bool = False  # the lines were read by OCR (digits in a footer may be misread)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# What OCR makes of a digit in a page number: "- 1 -" comes out as "-]-" or "- l -".
_OCR_DIGIT_LOOKALIKES = str.maketrans({"]": "1", "[": "1", "l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
# … and its dashes as anything ("- 3 -" as "回3回"): a short number between as many (at most
# two) characters on each side, neither kana nor digits, alone in an OCR'd footer
_OCR_PAGE_NUMBER = re.compile(rf"([^\u3040-\u30ff0-9０-９]{{0,2}}){_DIGITS}([^\u3040-\u30ff0-9０-９]{{0,2}})")


def is_page_number(text: str, *, alone_in_footer: bool = False, ocr: bool = False) -> bool:
    """Whether a header/footer line is a page number: "- 1 -", "－１－", "1", "1/3", "Page 1",
    "P.1", "１ページ" …; "(1)" only when ``alone_in_footer``; with ``ocr``, also a short line
    whose digits OCR misread as look-alikes ("-]-")."""
    squeezed = _squeeze(text)
    if ocr and alone_in_footer and len(squeezed) <= 7:
        squeezed = squeezed.translate(_OCR_DIGIT_LOOKALIKES)
        decorated = _OCR_PAGE_NUMBER.fullmatch(squeezed)
        if decorated and len(decorated[1]) == len(decorated[2]) and not squeezed.startswith("第"):
            return True
    if _PAGE_NUMBER.fullmatch(squeezed):
        return True
    return alone_in_footer and _PARENTHESISED_NUMBER.fullmatch(squeezed) is not None


def _masked(text: str) -> str:
    """The text as compared across pages: page numbers inside it masked, spacing ignored."""
    return re.sub(_DIGITS, "#", _squeeze(text))


@dataclass(frozen=True)
class _MarginLine:
    """A line in a header or footer zone, as compared across pages."""

    zone: str  # "header" | "footer"
    key: str  # the text with digits masked and spacing removed
    offset: float  # distance from the zone's page edge (top or bottom), pt

    def matches(self, other: _MarginLine) -> bool:
        return (
            (self.zone, self.key) == (other.zone, other.key)
            and abs(self.offset - other.offset) <= SAME_PLACE_TOLERANCE
        )


def _margin_line(line: TextLine, page_height: float, zone: float) -> _MarginLine | None:
    height = page_height if line.extent is None else line.extent
    if line.bottom <= height * zone:
        return _MarginLine("header", _masked(line.text), line.top)
    if line.top >= height * (1 - zone):
        return _MarginLine("footer", _masked(line.text), height - line.bottom)
    return None


def strip_running_lines(pages: Sequence[PageLines], zone: float = MARGIN_ZONE) -> list[list[str]]:
    """The texts of each page's lines without running headers, footers and page numbers.

    Only lines in the top or bottom ``zone`` (share of the page height, or of the line's
    ``extent`` when its text stacks across the page: 縦書き, turned text) can go. There a line
    goes if it is a page number, or if a line with the same text (digits masked, spacing
    ignored) sits at the same place in the same zone of another page. A line ending in 。 is
    a sentence, never a running header: it stays even when repeated.
    """
    margins = [[_margin_line(line, page.height, zone) for line in page.lines] for page in pages]

    def repeated_elsewhere(page_index: int, margin: _MarginLine) -> bool:
        return any(
            other is not None and margin.matches(other)
            for other_index, others in enumerate(margins)
            if other_index != page_index
            for other in others
        )

    kept_pages: list[list[str]] = []
    for page_index, (page, page_margins) in enumerate(zip(pages, margins)):
        footer_count = sum(1 for m in page_margins if m is not None and m.zone == "footer")
        kept: list[str] = []
        for line, margin in zip(page.lines, page_margins):
            if margin is not None and margin.key:
                alone_in_footer = margin.zone == "footer" and footer_count == 1
                if is_page_number(line.text, alone_in_footer=alone_in_footer, ocr=page.ocr):
                    continue
                is_sentence = line.text.rstrip().endswith("。")
                if not is_sentence and repeated_elsewhere(page_index, margin):
                    continue
            kept.append(line.text)
        kept_pages.append(kept)
    return kept_pages
