"""A .docx's styles looked up by id from a dict built once.

python-docx's ``styles.get_by_id`` and ``base_style`` search every style element on each call;
a file with 20,000 styles and 3,000 paragraphs took two minutes that way (issue: hostile
inputs). Word's own rules are kept: an unknown style id means the default paragraph style,
and a broken file may base styles on each other in a loop (or 20,000 deep: the chain
is followed 100 styles at most)."""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn

MAX_DEPTH = 100  # styles based on styles: Word's own files go a few deep; a hostile one 20,000


class StyleIndex:
    def __init__(self, styles_element):
        self._by_id: dict[str, object] = {}
        self.default_paragraph = None
        for style in styles_element.iterchildren(qn("w:style")) if styles_element is not None else ():
            style_id = style.get(qn("w:styleId"))
            if style_id is not None:
                self._by_id.setdefault(style_id, style)  # the first of two with one id, as Word
            if (self.default_paragraph is None and style.get(qn("w:type")) == "paragraph"
                    and style.get(qn("w:default")) in ("1", "true", "on")):
                self.default_paragraph = style

    def get(self, style_id: str | None):
        return self._by_id.get(style_id) if style_id else None

    def chain(self, style_id: str | None) -> Iterator:
        """The style (the default paragraph style when there is none, or it is unknown), then
        the styles it is based on."""
        style = self.get(style_id)
        if style is None:
            style = self.default_paragraph
        seen: set[str | None] = set()
        while style is not None and style.get(qn("w:styleId")) not in seen and len(seen) < MAX_DEPTH:
            seen.add(style.get(qn("w:styleId")))
            yield style
            based_on = style.find(qn("w:basedOn"))
            style = self.get(based_on.get(qn("w:val"))) if based_on is not None else None
