"""pdfium's reading of a page's characters: the second reader, for glyphs pdfminer cannot map.

The only module that calls pypdfium2 itself (pdfplumber renders pages through it for OCR).
pdfium decodes some fonts pdfminer cannot: a CID font whose CIDSystemInfo disagrees with its
Unicode CMap (pdfminer then looks for an Identity font file and gives (cid:N)), an ordering
given without the "Adobe" registry. Its characters come back as the dicts pdfplumber gives
(text, box in points from the top of the page as shown, matrix, size), so that the same layout
code orders them and ``margins`` strips the same running headers.
"""

from __future__ import annotations

import threading

import pypdfium2
import pypdfium2.raw as pdfium_c

from pipeline.extract.layout import apply_matrix, page_transform

# pdfium is not thread-safe: one call into it at a time, whichever thread reads a PDF
_LOCK = threading.Lock()


class PdfiumReader:
    """The PDF opened in pdfium once, when the first page needs it."""

    def __init__(self, data: bytes):
        self._data = data
        self._document = None

    def page_chars(self, index: int, height: float) -> tuple[list[dict], int]:
        """(the characters of page ``index`` (0-based) as pdfplumber gives them, how many of
        them pdfium could not map to Unicode either). ``height``: the page's height as shown,
        as pdfplumber measured it. Unmapped glyphs appear as "(cid:N)", N the glyph's code."""
        with _LOCK:
            if self._document is None:
                self._document = pypdfium2.PdfDocument(self._data)
            page = self._document[index]
            try:
                return self._read(page, height)
            finally:
                page.close()

    @staticmethod
    def _read(page, height: float) -> tuple[list[dict], int]:
        ctm = page_transform(page.get_rotation(), page.get_mediabox())
        textpage = page.get_textpage()
        chars: list[dict] = []
        unmapped = 0
        matrix = pdfium_c.FS_MATRIX()
        try:
            raw = textpage.raw
            for i in range(textpage.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:  # a space or line break pdfium inferred
                    continue
                code = pdfium_c.FPDFText_GetUnicode(raw, i)
                if pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1:
                    text = f"(cid:{code})"  # pdfium gives the glyph's code instead
                    unmapped += 1
                elif code < 0x20 or code == 0xFFFE:
                    continue  # a drawn line break; 0xFFFE: pdfium's mark for a hyphen it joined
                else:
                    text = chr(code)
                left, bottom, right, top = textpage.get_charbox(i, loose=True)
                corners = [apply_matrix(ctm, left, bottom), apply_matrix(ctm, right, top)]
                xs, ys = [x for x, _ in corners], [y for _, y in corners]
                pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
                a, b = apply_matrix(ctm[:4] + (0, 0), matrix.a, matrix.b)
                c, d = apply_matrix(ctm[:4] + (0, 0), matrix.c, matrix.d)
                size = pdfium_c.FPDFText_GetFontSize(raw, i)
                y_bottom, y_top = min(ys), max(ys)
                if abs(b) < 1e-6 <= a:  # upright: one em high from its descent, as pdfminer measures
                    y_top = y_bottom + size
                char_top = height - y_top
                chars.append({
                    "text": text, "x0": min(xs), "x1": max(xs), "top": char_top, "doctop": char_top,
                    "bottom": height - y_bottom, "width": max(xs) - min(xs), "height": y_top - y_bottom,
                    "size": size, "matrix": (a, b, c, d, 0.0, 0.0), "upright": 0 < a * d and b * c <= 0,
                })
        finally:
            textpage.close()
        return chars, unmapped

    def close(self) -> None:
        with _LOCK:
            if self._document is not None:
                self._document.close()
                self._document = None
