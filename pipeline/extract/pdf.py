"""PDF → page texts in reading order, running headers, footers and page numbers removed.

The only module that reads PDFs with pdfplumber (``pdf_bounds`` bounds its pdfminer).
Characters are kept exactly as the PDF maps them (full-width digits, U+3000, Kangxi
radicals …): normalisation is another stage's job.

This is the thin PDF-reading layer: each page's lines with positions (``_read_page``, or OCR
for a scan), then ``margins.strip_running_lines``, pure and unit-testable without a PDF. A page
costs more only when it needs it: turned text or 縦書き is ordered by ``layout``, glyphs pdfminer
cannot map are read again by pdfium (``pdfium``), form fields and FreeText annotations are read
by ``annotations``.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTImage
from pdfminer.pdftypes import resolve1
from pdfplumber.utils import dedupe_chars
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.text import chars_to_textmap

from pipeline.extract.annotations import place, read_annotations
from pipeline.extract.layout import extract_lines, flows, read_lines
from pipeline.extract.limits import Deadline
from pipeline.extract.margins import PageLines, TextLine, strip_running_lines
from pipeline.extract.pdf_bounds import install_pdfminer_bounds
from pipeline.model import ExtractionError, Page

# A page is unreadable when this share of its glyphs came out as (cid:N): below it, a few
# unmapped glyphs (a symbol font, a logo) among good text only earn a warning.
CID_SHARE_UNREADABLE = 0.2

OCR_HINT = "run tokki with --ocr to read it by OCR (tesseract; `make ocr` installs it)"

CID_GLYPH = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class _PageReading:
    lines: PageLines
    glyphs: int  # non-blank characters drawn
    cid_glyphs: int  # of which came out as (cid:N): no Unicode mapping
    images: int
    ocr_confidence: float | None = None  # set when the lines came from OCR
    doubtful_lines: tuple[str, ...] = ()  # OCR'd lines read with low confidence
    by_pdfium: bool = False  # pdfminer could not map the glyphs; pdfium could
    annotated: int = 0  # lines read from form fields and FreeText annotations
    ocr_resolution: int | None = None  # the dpi a page too large for OCR_RESOLUTION was rendered at
    comments: tuple[str, ...] = ()  # other annotations' text, not read as the page's

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


def _lines(chars: Sequence[dict], width: float, height: float) -> tuple[TextLine, ...] | None:
    """The lines of a page that is not upright horizontal text only (turned, 縦書き), in
    reading order; None for an ordinary page."""
    labels = flows(chars)
    return None if labels is None else read_lines(chars, labels, width, height)


def page_chars(page) -> tuple[list[dict], int]:
    """(the page's characters as pdfplumber's ``page.chars`` gives them, less colours and
    marked-content tags; how many images it holds), read from pdfplumber's ``page.layout``.

    ``page.chars`` turns every layout object into a dict of all its attributes, resolving each
    value: half the cost of reading a typeset page, spent on what no stage reads. The values
    are pdfplumber's own formulas; tests/test_pdf_chars.py holds them equal."""
    height, initial_doctop = page.height, page.initial_doctop
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[dict] = []
    images = 0
    pending = [iter(page.layout._objs)]
    while pending:
        for obj in pending[-1]:
            if isinstance(obj, LTChar):
                x0, x1 = (obj.x0 + mb_x0, obj.x1 + mb_x0) if mb_x0 != 0 else (obj.x0, obj.x1)
                top = (height - obj.y1) + mb_top
                fontname = obj.fontname
                if isinstance(fontname, bytes):  # as pdfplumber does, for (rare) byte-encoded names
                    fontname = fix_fontname_bytes(fontname)
                chars.append({
                    "object_type": "char", "page_number": page.page_number, "text": obj.get_text(),
                    "fontname": fontname, "size": obj.size, "adv": obj.adv, "upright": obj.upright,
                    "x0": x0, "y0": obj.y0, "x1": x1, "y1": obj.y1, "width": obj.width, "height": obj.height,
                    "top": top, "bottom": (height - obj.y0) + mb_top, "doctop": initial_doctop + top,
                    "matrix": obj.matrix,
                })
            elif isinstance(obj, LTContainer):  # a figure: its children in place, depth first
                pending.append(iter(obj._objs))
                break
            elif isinstance(obj, LTImage):
                images += 1
        else:
            pending.pop()
    return chars, images


def _read_page(page) -> _PageReading:
    """Lines with positions and glyph counts of one pdfplumber page."""
    chars, images = page_chars(page)
    # faux bold: each glyph drawn twice, slightly apart. dedupe_chars costs as much as parsing
    # the page, so it runs only on pages that have such doubles.
    if has_doubled_glyphs(chars):
        chars = dedupe_chars(chars, tolerance=1, extra_attrs=("fontname", "size"))
    glyphs = sum(1 for c in chars if not c["text"].isspace())
    cid_glyphs = sum(1 for c in chars if CID_GLYPH.fullmatch(c["text"]))
    lines = _lines(chars, float(page.width), float(page.height))
    if lines is None:
        # keep_blank_chars: a drawn space (U+0020 or U+3000) stays the character it is,
        # instead of becoming a word break rendered as " ". The text map is page.extract_text_lines's.
        textmap = chars_to_textmap(chars, layout_bbox=page.bbox, layout_width=page.width,
                                   layout_height=page.height, keep_blank_chars=True)
        lines = tuple(
            TextLine(text=line["text"].rstrip(), top=line["top"], bottom=line["bottom"])
            for line in textmap.extract_text_lines(strip=False, return_chars=False)
        )
    return _PageReading(
        lines=PageLines(height=float(page.height), lines=lines),
        glyphs=glyphs,
        cid_glyphs=cid_glyphs,
        images=images,
    )


def _pdfium_page(reader, page, reading: _PageReading) -> _PageReading:
    """The page read by pdfium when it maps more of its glyphs than pdfminer did, enough to be
    read as text; else ``reading`` as it was (the OCR path and its messages stay). On the
    samples pdfium's lines are pdfminer's, but for spacing on 2 pages of 194."""
    try:
        chars, unmapped = reader.page_chars(page.page_number - 1, float(page.height))
    except Exception:  # pdfium refuses a file pdfminer read: pdfminer's reading stands
        return reading
    glyphs = sum(1 for c in chars if not c["text"].isspace())
    if not glyphs or unmapped >= reading.cid_glyphs or unmapped / glyphs >= CID_SHARE_UNREADABLE:
        return reading
    if has_doubled_glyphs(chars):
        chars = dedupe_chars(chars, extra_attrs=("size",))
    lines = _lines(chars, float(page.width), float(page.height))
    if lines is None:
        lines = tuple(TextLine(line["text"].rstrip(), line["top"], line["bottom"]) for line in extract_lines(chars))
    return _PageReading(
        lines=PageLines(height=float(page.height), lines=lines),
        glyphs=glyphs,
        cid_glyphs=unmapped,
        images=reading.images,
        by_pdfium=True,
    )


def _with_annotations(page, reading: _PageReading) -> _PageReading:
    """The page's form field values and FreeText placed among its lines (pages with /Annots)."""
    found = read_annotations(page.page_obj, float(page.height))
    if not found.lines and not found.comments:
        return reading
    lines, placed = place(reading.lines.lines, found.lines)
    return replace(reading, lines=replace(reading.lines, lines=lines), annotated=placed, comments=found.comments)


# Scans are usually 200–300 dpi; tesseract reads 10.5 pt Japanese best at 300.
OCR_RESOLUTION = 300
# Pixels one page may be rendered to for OCR: an A3 page at 300 dpi is 17 million. A larger page
# (a drawing, or a 5 m page built to take 10 GB as an image) is rendered at a lower resolution.
MAX_OCR_PIXELS = 36_000_000


def ocr_resolution(width_pt: float, height_pt: float) -> int:
    """OCR_RESOLUTION, or less where the page would render to more than MAX_OCR_PIXELS."""
    square_inches = max(width_pt, 1.0) / 72 * max(height_pt, 1.0) / 72
    return max(1, min(OCR_RESOLUTION, int((MAX_OCR_PIXELS / square_inches) ** 0.5)))
# A line OCR read with less confidence than this is quoted in a warning, to be checked by eye.
# On clean 300 dpi scans of the samples, lines score 0.80–0.97.
DOUBTFUL_LINE_CONFIDENCE = 0.7


def _ocr_page(source: str, page, reading: _PageReading, deadline: Deadline | None) -> _PageReading:
    """The page read again by OCR from its rendering (pypdfium2, through pdfplumber)."""
    from pipeline.extract.ocr import OcrTimeout, OcrUnavailable, ocr_image

    resolution = ocr_resolution(float(page.width), float(page.height))
    image = page.to_image(resolution=resolution).original
    remaining = deadline.remaining() if deadline is not None else None
    try:
        result = ocr_image(image, dpi=resolution, timeout=remaining)
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
        ocr_resolution=resolution if resolution < OCR_RESOLUTION else None,
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
    busy = _find_cause(exc, ("PageTooBusy",))
    if busy:
        return f"{busy} (vector art, or a file built to exhaust memory): no 特記事項 page does; it is not read"
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


class _Opened:
    """A pdfplumber PDF, closed without pdfplumber's ``close()``, which builds every page to
    close it: 30 s for a refused tree of 100,000 pages. Each page read is closed after it; the
    stream is a BytesIO of ours."""

    def __init__(self, pdf):
        self.pdf = pdf

    def close(self) -> None:
        self.pdf.flush_cache()


def _declared_pages(pdf) -> int:
    """The page count the page tree's root declares (0 when it declares none that can be read)."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:  # no /Pages, no /Count, a broken reference: the walk will tell
        return 0
    return count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else 0


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
    removed. Turned text and 縦書き are read in their own direction; text form fields and
    FreeText annotations are placed among the lines (with a warning); a page whose glyphs
    pdfminer cannot map is read again with pdfium (with a warning). With ``ocr``, pages still
    without a usable text layer (a scan, or glyphs neither reader maps) are read by OCR and
    carry its confidence. Raises ExtractionError naming the file when it is not a readable
    PDF, is encrypted with a user password, has more than ``max_pages`` pages, has no text
    layer (a scan) and ``ocr`` is off, or its text comes out as (cid:N) glyph codes in both
    readers; ``deadline`` is checked between pages. ``data`` is the file's
    bytes (sniffed as a PDF by the caller); ``source`` names it in messages.
    """
    install_pdfminer_bounds()
    readings: list[_PageReading] = []
    pdfium = None  # opened on the first page whose glyphs pdfminer cannot map
    try:
        with contextlib.closing(_Opened(pdfplumber.open(io.BytesIO(data)))) as opened:
            pdf = opened.pdf
            # the page tree's own /Count first: walking a tree of 100,000 pages to count them
            # costs seconds and hundreds of MB; then the pages themselves (a /Count may lie)
            pages = _declared_pages(pdf) if max_pages is not None else 0
            if max_pages is not None and pages <= max_pages:
                pages = len(pdf.pages)
            if max_pages is not None and pages > max_pages:
                raise ExtractionError(
                    source,
                    f"the PDF has {pages} pages, more than the limit of {max_pages} "
                    "(--max-pages): a 特記事項 is a few pages — is this a whole contract bundle? "
                    "Raise the limit to read it anyway",
                )
            for page in pdf.pages:
                if deadline is not None:
                    deadline.check()
                reading = _read_page(page)
                if reading.unmapped:  # a page OCR would otherwise need: pdfium may map its font
                    if pdfium is None:
                        from pipeline.extract.pdfium import PdfiumReader

                        pdfium = PdfiumReader(data)
                    reading = _pdfium_page(pdfium, page, reading)
                if ocr and reading.needs_ocr:
                    reading = _ocr_page(source, page, reading, deadline)
                if page.page_obj.annots:
                    reading = _with_annotations(page, reading)
                page.close()  # frees the page's parsed objects: memory stays flat over pages
                readings.append(reading)
    except ExtractionError:
        raise
    # pdfminer raises all kinds of errors on damaged files (syntax, KeyError, TypeError,
    # zlib …); whatever it is, the user needs to hear which file it is and that it is broken.
    except Exception as exc:
        if _find_cause(exc, ("MemoryError",)):  # out of memory is not a broken file: the caller's limit says so
            raise MemoryError(f"reading {source}") from exc
        raise ExtractionError(source, _describe_failure(data, exc)) from exc
    finally:
        if pdfium is not None:
            pdfium.close()

    if not readings:
        raise ExtractionError(source, "the PDF has no pages")
    total_glyphs = sum(r.glyphs for r in readings)
    if total_glyphs == 0 and not any(r.annotated for r in readings):  # a form's fields may hold it all
        if any(r.images for r in readings):
            if ocr:
                raise ExtractionError(source, "no text: the PDF holds only images, and OCR found no text in them")
            raise ExtractionError(source, f"no text layer: the PDF holds only images (a scan?); it needs OCR: {OCR_HINT}")
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
        if r.by_pdfium:
            warnings.append(f"page {number}: read with pdfium: the font has no Unicode map for pdfminer")
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
        if r.ocr_resolution is not None:
            warnings.append(f"page {number}: the page is {r.lines.height / 72 * 25.4 / 1000:.1f} m high; it was rendered "
                            f"for OCR at {r.ocr_resolution} dpi, not {OCR_RESOLUTION}, to stay within "
                            f"{MAX_OCR_PIXELS // 1_000_000} million pixels: small print may be misread")
        if r.annotated:
            warnings.append(f"page {number}: text from a form field/annotation was read ({r.annotated} line(s), "
                            "placed where it stands on the page): it is not part of the page's own text")
        if r.comments:
            shown = "、".join(f"「{text[:40]}」" for text in r.comments[:3])
            warnings.append(f"page {number}: {len(r.comments)} annotation(s) hold comments that were not read "
                            f"as the template's text: {shown}")
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
