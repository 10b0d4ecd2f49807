"""Text a page holds outside its content stream: form fields and FreeText annotations.

A filled-in form keeps each field's value in the field (/V), drawn by the viewer; a FreeText
annotation draws its /Contents. pdfminer reads neither, so a clause typed into a field was
dropped without a word. Here they are read from the page's /Annots (pdfminer's objects, decoded
by hand: pdfplumber's ``page.annots`` raises on a string in neither UTF-8 nor UTF-16) and
placed by their rectangle. Other annotations with text (sticky notes, stamps …) are comments,
not the template's text: they are only counted, for a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from pipeline.extract.layout import apply_matrix, page_transform
from pipeline.extract.margins import TextLine

# A damaged or hostile file may chain /Parent without end or list a great many annotations.
MAX_PARENT_DEPTH = 32
MAX_ANNOTATIONS = 10_000
# Annotation flags (PDF 32000 12.5.3): Hidden, NoView
_NOT_SHOWN = 2 | 32
_WITHOUT_TEXT = {"Popup", "Link"}  # a Popup repeats its parent's text; a Link's is a tooltip


@dataclass(frozen=True)
class PageAnnotations:
    lines: tuple[TextLine, ...]  # field values and FreeText, one per line of their text
    comments: tuple[str, ...]  # the text of other annotations (sticky notes …), not placed


def _name(value) -> str:
    value = resolve1(value)
    return value.name if isinstance(value, PSLiteral) else ""


def _text(value) -> str:
    """A PDF text string (or a list of them: a choice field's selections) as str."""
    value = resolve1(value)
    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value[:100])
    return ""


def _inherited(field: dict, key: str):
    """A field's entry, or the one it inherits from its parent fields (/FT, /V …)."""
    for _ in range(MAX_PARENT_DEPTH):
        if key in field:
            return field[key]
        field = resolve1(field.get("Parent"))
        if not isinstance(field, dict):
            return None
    return None


def _placed_text(annotation: dict) -> str | None:
    """The text the viewer shows for a text field, choice field or FreeText annotation; None
    for the others."""
    subtype = _name(annotation.get("Subtype"))
    if subtype == "Widget":
        return _text(_inherited(annotation, "V")) if _name(_inherited(annotation, "FT")) in ("Tx", "Ch") else None
    if subtype == "FreeText":
        return _text(annotation.get("Contents"))
    return None


def read_annotations(page_obj, height: float) -> PageAnnotations:
    """The text of a pdfminer page's annotations; ``height``: the page's height as shown."""
    listed = resolve1(page_obj.annots)
    if not isinstance(listed, list):
        return PageAnnotations((), ())
    ctm = page_transform(int(page_obj.rotate or 0), page_obj.mediabox)
    lines: list[TextLine] = []
    comments: list[str] = []
    for item in listed[:MAX_ANNOTATIONS]:
        try:
            annotation = resolve1(item)
            if not isinstance(annotation, dict) or int(resolve1(annotation.get("F", 0)) or 0) & _NOT_SHOWN:
                continue
            text = _placed_text(annotation)
            if text is None:
                if _name(annotation.get("Subtype")) not in _WITHOUT_TEXT:
                    comment = _text(annotation.get("Contents")).strip()
                    if comment:
                        comments.append(comment)
                continue
            x0, y0, x1, y1 = (float(resolve1(v)) for v in resolve1(annotation.get("Rect"))[:4])
            ys = [apply_matrix(ctm, x, y)[1] for x, y in ((x0, y0), (x1, y1))]
            top, bottom = height - max(ys), height - min(ys)
            for offset, part in enumerate(re.split(r"\r\n|\r|\n", text)):
                if part.strip():
                    # the lines of one value in their order, at the top of its rectangle
                    lines.append(TextLine(part.rstrip(), top + offset * 1e-3, bottom))
        except Exception:  # a damaged annotation (no /Rect, a number that is not one …)
            continue
    return PageAnnotations(tuple(lines), tuple(comments))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def place(lines: tuple[TextLine, ...], extra: tuple[TextLine, ...]) -> tuple[tuple[TextLine, ...], int]:
    """``lines`` with each of ``extra`` inserted before the first line of the page's own flow
    (``extent`` None) that starts below it; (lines, how many were placed). A text already on
    the page (a form flattened into its content as well) is not added twice."""
    on_page = squeeze("".join(line.text for line in lines))
    merged = list(lines)
    placed = 0
    for line in sorted(extra, key=lambda line: line.top):
        if squeeze(line.text) in on_page:
            continue
        at = next((i for i, other in enumerate(merged) if other.extent is None and other.top > line.top), len(merged))
        merged.insert(at, line)
        placed += 1
    return tuple(merged), placed
