"""PDF → page texts in reading order, running headers, footers and page numbers removed.

The only module that imports pdfplumber. Characters are kept exactly as the PDF maps them
(full-width digits, U+3000, Kangxi radicals …): normalisation is another stage's job.

The work is split into a thin PDF-reading layer (``_read_page``) and pure functions over
lines with positions (``strip_running_lines``, ``is_page_number``) that are unit-testable
without a PDF.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import pdfminer.pdffont
import pdfminer.pdftypes
import pdfplumber
from pdfminer.pdftypes import resolve1

from pipeline.extract.limits import Deadline
from pipeline.model import ExtractionError, Page

# Share of the page height, at the top and at the bottom, where running headers and
# footers live. Generous on purpose: a line there is only dropped if it is also repeated
# or a page number.
MARGIN_ZONE = 0.1
# Running headers sit at a fixed place; body lines that happen to repeat rarely do.
SAME_PLACE_TOLERANCE = 3.0  # pt

# A page is unreadable when this share of its glyphs came out as (cid:N): below it, a few
# unmapped glyphs (a symbol font, a logo) among good text only earn a warning.
CID_SHARE_UNREADABLE = 0.2

OCR_HINT = "run tokki with --ocr to read it by OCR (tesseract; `make ocr` installs it)"

CID_GLYPH = re.compile(r"\(cid:\d+\)")
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


# -- a bound pdfminer lacks ------------------------------------------------------------------
# pdfminer expands a CID font's /W range "c_first c_last w" (/W2: "c_first c_last w1y v1x v1y")
# into one dict entry per CID, with no bound: one damaged number (26 → 10**40, found by fuzzing)
# makes it allocate until the machine runs out of memory, long before any time limit. CIDs are
# 0–65535 (Adobe-Japan1 uses ~23,000), so ranges are clipped to that before pdfminer sees them;
# pypdf bounds the same loop (py-pdf/pypdf#3946).
MAX_CID = 0xFFFF


def bounded_width_spec(spec, range_length: int) -> list:
    """A /W (``range_length`` 3) or /W2 (5) array with every "first last …" range clipped to
    CIDs 0–MAX_CID (a range that clips to nothing is dropped); the rest as it was."""
    bounded: list = []
    numbers: list = []
    for value in spec:
        value = resolve1(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append(value)
            if len(numbers) == range_length:
                first, last = numbers[0], numbers[1]
                if isinstance(first, int) and isinstance(last, int):
                    first, last = max(first, 0), min(last, MAX_CID)
                    numbers[:2] = [first, last]
                    if first > last:
                        numbers = []
                bounded.extend(numbers)
                numbers = []
        else:  # "c [w1 w2 …]": one entry per listed width, bounded by the file's size
            bounded.extend(numbers)
            bounded.append(value)
            numbers = []
    bounded.extend(numbers)
    return bounded


def _bounded(get_widths, range_length: int):
    def bounded_get_widths(spec):
        return get_widths(bounded_width_spec(spec, range_length))

    bounded_get_widths.unbounded = get_widths
    return bounded_get_widths




# pdfminer inflates every compressed stream whole, with no bound: a few KB of zeros become
# gigabytes (a "decompression bomb"). A 特記事項 page's content stream is a few KB, an embedded
# font or CMap a few MB; images are not inflated by pdfminer (OCR renders with pdfium).
MAX_STREAM_BYTES = 64 * 2**20


class StreamTooLarge(Exception):
    """A compressed stream unpacks to more than MAX_STREAM_BYTES."""


class _BoundedInflater:
    """zlib.decompressobj() that refuses to produce more than ``limit`` bytes in all."""

    def __init__(self, limit: int):
        self._inflater = zlib.decompressobj()
        self._left = limit

    @property
    def eof(self) -> bool:
        return self._inflater.eof

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        output = self._inflater.decompress(data, self._left + 1)
        self._left -= len(output)
        if self._left < 0 or self._inflater.unconsumed_tail:
            raise StreamTooLarge(f"a compressed stream unpacks to more than {MAX_STREAM_BYTES // 2**20} MB")
        return output

    def flush(self) -> bytes:
        return self._inflater.flush()


class _BoundedZlib:
    """What pdfminer.pdftypes sees as ``zlib``: the same, but no stream inflates past
    MAX_STREAM_BYTES."""

    error = zlib.error

    @staticmethod
    def decompressobj() -> _BoundedInflater:
        return _BoundedInflater(MAX_STREAM_BYTES)

    def decompress(self, data: bytes) -> bytes:
        inflater = self.decompressobj()
        output = inflater.decompress(data)
        if not inflater.eof:  # as zlib.decompress says: pdfminer then salvages what it can
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return output


def install_pdfminer_bounds() -> None:
    """Bound what pdfminer may allocate for one file: /W width ranges clipped, streams inflated
    to MAX_STREAM_BYTES at most. Process-wide and idempotent; ``read_pdf`` calls it first."""
    if not hasattr(pdfminer.pdffont.get_widths, "unbounded"):
        pdfminer.pdffont.get_widths = _bounded(pdfminer.pdffont.get_widths, 3)
        pdfminer.pdffont.get_widths2 = _bounded(pdfminer.pdffont.get_widths2, 5)
    if not isinstance(pdfminer.pdftypes.zlib, _BoundedZlib):
        pdfminer.pdftypes.zlib = _BoundedZlib()


@dataclass(frozen=True)
class TextLine:
    """One line of a page as extracted, with its vertical extent in points from the page top."""

    text: str
    top: float
    bottom: float


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
    if line.bottom <= page_height * zone:
        return _MarginLine("header", _masked(line.text), line.top)
    if line.top >= page_height * (1 - zone):
        return _MarginLine("footer", _masked(line.text), page_height - line.bottom)
    return None


def strip_running_lines(pages: Sequence[PageLines], zone: float = MARGIN_ZONE) -> list[list[str]]:
    """The texts of each page's lines without running headers, footers and page numbers.

    Only lines in the top or bottom ``zone`` (share of the page height) can go. There a line
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


@dataclass(frozen=True)
class _PageReading:
    lines: PageLines
    glyphs: int  # non-blank characters drawn
    cid_glyphs: int  # of which came out as (cid:N): no Unicode mapping
    images: int
    ocr_confidence: float | None = None  # set when the lines came from OCR
    doubtful_lines: tuple[str, ...] = ()  # OCR'd lines read with low confidence

    @property
    def unmapped(self) -> bool:
        """Whether too much of the page came out as (cid:N) to be read as text."""
        return bool(self.glyphs) and self.cid_glyphs / self.glyphs >= CID_SHARE_UNREADABLE

    @property
    def needs_ocr(self) -> bool:
        """No usable text layer: a scanned page (images, no glyphs) or unmapped glyphs."""
        return (not self.glyphs and self.images > 0) or self.unmapped


def has_doubled_glyphs(chars: Sequence[dict], tolerance: float = 1.0) -> bool:
    """Whether some glyph is drawn twice at (almost) the same place, as faux bold does."""
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    for char in chars:
        text, x, y = char["text"], char["x0"], char["top"]
        if text.isspace():
            continue
        cx, cy = int(x // tolerance), int(y // tolerance)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ox, oy in seen.get((text, cx + dx, cy + dy), ()):
                    if abs(ox - x) <= tolerance and abs(oy - y) <= tolerance:
                        return True
        seen.setdefault((text, cx, cy), []).append((x, y))
    return False


def _read_page(page) -> _PageReading:
    """Lines with positions and glyph counts of one pdfplumber page."""
    # faux bold: each glyph drawn twice, slightly apart. dedupe_chars costs as much as parsing
    # the page, so it runs only on pages that have such doubles.
    deduped = page.dedupe_chars() if has_doubled_glyphs(page.chars) else page
    try:
        chars = deduped.chars
        glyphs = sum(1 for c in chars if not c["text"].isspace())
        cid_glyphs = sum(1 for c in chars if CID_GLYPH.fullmatch(c["text"]))
        # keep_blank_chars: a drawn space (U+0020 or U+3000) stays the character it is,
        # instead of becoming a word break rendered as " ".
        raw_lines = deduped.extract_text_lines(
            keep_blank_chars=True, strip=False, return_chars=False
        )
        lines = tuple(
            TextLine(text=line["text"].rstrip(), top=line["top"], bottom=line["bottom"])
            for line in raw_lines
        )
        return _PageReading(
            lines=PageLines(height=float(page.height), lines=lines),
            glyphs=glyphs,
            cid_glyphs=cid_glyphs,
            images=len(page.images),
        )
    finally:
        if deduped is not page:
            deduped.close()


# Scans are usually 200–300 dpi; tesseract reads 10.5 pt Japanese best at 300.
OCR_RESOLUTION = 300
# A line OCR read with less confidence than this is quoted in a warning, to be checked by eye.
# On clean 300 dpi scans of the samples, lines score 0.80–0.97.
DOUBTFUL_LINE_CONFIDENCE = 0.7


def _ocr_page(source: str, page, reading: _PageReading, deadline: Deadline | None) -> _PageReading:
    """The page read again by OCR from its rendering (pypdfium2, through pdfplumber)."""
    from pipeline.extract.ocr import OcrTimeout, OcrUnavailable, ocr_image

    image = page.to_image(resolution=OCR_RESOLUTION).original
    remaining = deadline.remaining() if deadline is not None else None
    try:
        result = ocr_image(image, dpi=OCR_RESOLUTION, timeout=remaining)
    except OcrUnavailable as exc:
        raise ExtractionError(source, f"page {page.page_number} needs OCR, and OCR is not available here: {exc}") from None
    except OcrTimeout:
        if deadline is not None:
            raise deadline.error() from None
        raise ExtractionError(source, f"OCR of page {page.page_number} timed out") from None
    except Exception as exc:  # tesseract failed on the image (pytesseract.TesseractError …)
        raise ExtractionError(source, f"OCR of page {page.page_number} failed: {exc}") from exc
    lines = tuple(TextLine(line.text, line.top, line.bottom) for line in result.lines)
    return _PageReading(
        lines=PageLines(height=float(page.height), lines=lines, ocr=True),
        glyphs=sum(1 for line in lines for char in line.text if not char.isspace()),
        cid_glyphs=0,
        images=reading.images,
        ocr_confidence=result.confidence,
        doubtful_lines=tuple(line.text for line in result.lines if line.confidence < DOUBTFUL_LINE_CONFIDENCE),
    )


def _find_cause(exc: BaseException, names: tuple[str, ...]) -> BaseException | None:
    """The first exception named in ``names`` among ``exc``, its causes and wrapped args
    (pdfplumber wraps pdfminer's errors as PdfminerException(original))."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if type(current).__name__ in names:
            return current
        pending.extend(a for a in current.args if isinstance(a, BaseException))
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return None


def _describe_failure(data: bytes, exc: BaseException) -> str:
    too_large = _find_cause(exc, ("StreamTooLarge",))
    if too_large:
        return f"{too_large} (a decompression bomb?): no 特記事項 holds such a stream, so it is not read"
    if _find_cause(exc, ("PDFPasswordIncorrect",)):
        return "the PDF is encrypted and needs a password to open"
    encryption = _find_cause(exc, ("PDFEncryptionError",))
    if encryption:
        return f"the PDF is encrypted in a way that cannot be read ({encryption})"
    detail = str(exc) or type(exc).__name__
    hint = "; the file looks truncated (no %%EOF at its end)" if _looks_truncated(data) else ""
    return f"the PDF is corrupt or unreadable ({detail}){hint}"


def _looks_truncated(data: bytes) -> bool:
    return b"%%EOF" not in data[-1024:]


def read_pdf(
    data: bytes,
    source: str = "<pdf>",
    *,
    ocr: bool = False,
    max_pages: int | None = None,
    deadline: Deadline | None = None,
) -> tuple[list[Page], list[str]]:
    """Extract a PDF's text: (one Page per page in page order, warnings).

    Each page's text is its lines in reading order joined by "\\n", trailing whitespace
    stripped, faux-bold doubled glyphs merged, running headers, footers and page numbers
    removed. With ``ocr``, pages without a usable text layer (a scan, or glyphs without a
    Unicode mapping) are read by OCR and carry its confidence. Raises ExtractionError naming
    the file when it is not a readable PDF, is encrypted with a user password, has more than
    ``max_pages`` pages, has no text layer (a scan) and ``ocr`` is off, or its text comes out
    as (cid:N) glyph codes; ``deadline`` is checked between pages. ``data`` is the file's
    bytes (sniffed as a PDF by the caller); ``source`` names it in messages.
    """
    install_pdfminer_bounds()
    readings: list[_PageReading] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            # counting is cheap (the page tree only); reading is what costs time and memory
            if max_pages is not None and len(pdf.pages) > max_pages:
                raise ExtractionError(
                    source,
                    f"the PDF has {len(pdf.pages)} pages, more than the limit of {max_pages} "
                    "(--max-pages): a 特記事項 is a few pages — is this a whole contract bundle? "
                    "Raise the limit to read it anyway",
                )
            for page in pdf.pages:
                if deadline is not None:
                    deadline.check()
                reading = _read_page(page)
                if ocr and reading.needs_ocr:
                    reading = _ocr_page(source, page, reading, deadline)
                page.close()  # frees the page's parsed objects: memory stays flat over pages
                readings.append(reading)
    except ExtractionError:
        raise
    # pdfminer raises all kinds of errors on damaged files (syntax, KeyError, TypeError,
    # zlib …); whatever it is, the user needs to hear which file it is and that it is broken.
    except Exception as exc:
        raise ExtractionError(source, _describe_failure(data, exc)) from exc

    if not readings:
        raise ExtractionError(source, "the PDF has no pages")
    total_glyphs = sum(r.glyphs for r in readings)
    if total_glyphs == 0:
        if any(r.images for r in readings):
            raise ExtractionError(source, "no text layer: the PDF holds only images (a scan?); "
                                  "it needs OCR" + ("" if ocr else f": {OCR_HINT}"))
        raise ExtractionError(source, "no text: the PDF's pages are blank")

    unreadable = [number for number, r in enumerate(readings, 1) if r.unmapped]
    if unreadable:
        total_cid = sum(r.cid_glyphs for r in readings)
        raise ExtractionError(
            source,
            f"the font has no Unicode mapping (no ToUnicode): {total_cid} of {total_glyphs} "
            f"glyphs came out as (cid:N) codes (page {_page_list(unreadable)}), so the text "
            f"cannot be recovered; it needs OCR ({OCR_HINT}) or a PDF saved with embedded "
            "Unicode text",
        )

    kept = strip_running_lines([r.lines for r in readings])
    warnings: list[str] = []
    if _looks_truncated(data):  # pdfminer rebuilt what it could: say that something may be lost
        warnings.append("the file looks truncated (no %%EOF at its end): pages or text at its end may be missing")
    for number, r in enumerate(readings, 1):
        if r.cid_glyphs:
            warnings.append(
                f"page {number}: {r.cid_glyphs} glyph(s) have no Unicode mapping "
                "and appear as (cid:N)"
            )
        if not r.glyphs and r.images:
            warnings.append(f"page {number}: no text layer, only images (a scanned page?); its text "
                            f"is missing" + ("" if ocr else f" ({OCR_HINT})"))
        if r.ocr_confidence is not None:
            warnings.append(f"page {number}: read by OCR (no usable text layer), mean confidence "
                            f"{r.ocr_confidence:.0%}: check its text against the scan")
        doubtful = [text for text in r.doubtful_lines if text in kept[number - 1]]  # page numbers went
        if doubtful:
            shown = "、".join(f"「{text}」" for text in doubtful[:5])
            more = f" and {len(doubtful) - 5} more" if len(doubtful) > 5 else ""
            warnings.append(f"page {number}: {len(doubtful)} line(s) OCR read with less than "
                            f"{DOUBTFUL_LINE_CONFIDENCE:.0%} confidence: {shown}{more}")

    return [
        Page(number, "\n".join(lines), reading.ocr_confidence)
        for number, (lines, reading) in enumerate(zip(kept, readings), start=1)
    ], warnings


def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
