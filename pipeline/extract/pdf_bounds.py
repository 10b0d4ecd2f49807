"""Bounds pdfminer lacks: what one damaged or hostile PDF may make it allocate.

With ``pdf``, the only module that touches pdfminer. Nothing is patched at import:
``install_pdfminer_bounds`` (called by ``read_pdf`` before it opens a file) installs the
bounds process-wide, once, so that importing tokki changes no other user of pdfminer.
"""

from __future__ import annotations

import threading
import zlib

import pdfminer.converter
import pdfminer.pdffont
import pdfminer.pdftypes
from pdfminer.pdftypes import resolve1

# -- /W width ranges ---------------------------------------------------------------------------
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

    bounded_get_widths.unbounded = get_widths  # also marks pdfminer as already patched
    return bounded_get_widths


# -- compressed streams ------------------------------------------------------------------------
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
    MAX_STREAM_BYTES (read when a stream is inflated, so tests can lower it)."""

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


# -- objects drawn on one page ---------------------------------------------------------------
# pdfminer and pdfplumber keep every glyph, path and image of a page as an object (about 3 KB
# each, all told): 2 million tiny rectangles in a 180 KB file take 5.6 GB. A dense 特記事項 page
# draws 2,000–4,000 glyphs and a few hundred rules; a page that draws more than this is vector
# art or built to exhaust memory, and is refused before it does.
MAX_PAGE_OBJECTS = 100_000


class PageTooBusy(Exception):
    """A page draws more than MAX_PAGE_OBJECTS glyphs, paths and images."""


def _counting(method):
    def counted(self, *args, **kwargs):
        drawn = getattr(self, "_tokki_drawn", 0) + 1
        if drawn > MAX_PAGE_OBJECTS:
            raise PageTooBusy(f"the page draws more than {MAX_PAGE_OBJECTS:,} glyphs, paths and images")
        self._tokki_drawn = drawn
        return method(self, *args, **kwargs)

    counted.uncounted = method
    return counted


def _counting_from_zero(begin_page):
    def begin(self, *args, **kwargs):
        self._tokki_drawn = 0
        return begin_page(self, *args, **kwargs)

    begin.uncounted = begin_page
    return begin


_INSTALLING = threading.Lock()  # two threads reading their first PDFs must not both patch


def install_pdfminer_bounds() -> None:
    """Bound what pdfminer may allocate for one file: /W width ranges clipped, streams inflated
    to MAX_STREAM_BYTES at most, pages of more than MAX_PAGE_OBJECTS objects refused. Process-wide and idempotent; ``read_pdf`` calls it first."""
    with _INSTALLING:
        if not hasattr(pdfminer.pdffont.get_widths, "unbounded"):
            pdfminer.pdffont.get_widths = _bounded(pdfminer.pdffont.get_widths, 3)
            pdfminer.pdffont.get_widths2 = _bounded(pdfminer.pdffont.get_widths2, 5)
        if not isinstance(pdfminer.pdftypes.zlib, _BoundedZlib):
            pdfminer.pdftypes.zlib = _BoundedZlib()
        analyzer = pdfminer.converter.PDFLayoutAnalyzer
        if not hasattr(analyzer.begin_page, "uncounted"):
            analyzer.begin_page = _counting_from_zero(analyzer.begin_page)
            for name in ("paint_path", "render_char", "render_image"):
                setattr(analyzer, name, _counting(getattr(analyzer, name)))
