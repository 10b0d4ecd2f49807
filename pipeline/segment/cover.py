"""Where the template begins: a covering note numbered on its own (1 本仕様書は… / 2 受注者は…)
that stands before the document's title, after which the numbering starts again at 1, is no
part of the template — real files put such a note (an invitation to tender, a 留意事項) on the
template's first page."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.segment.labels import ARTICLE_STYLE, BARE_ARTICLE_STYLES, Line, read_label
from pipeline.segment.title import TITLE_MAX_LENGTH, names_document

# A note longer than this is no covering note: rather a contract with the template attached,
# which is left as it reads.
COVER_MAX_CHARS = 600
_NUMBERING_STYLES = (ARTICLE_STYLE, *BARE_ARTICLE_STYLES)


def _starts_numbering(line: Line) -> bool:
    label = read_label(line)
    return label is not None and any(style in _NUMBERING_STYLES and value == (1,) for style, value in label.options)


def _is_title_line(line: Line) -> bool:
    text = "".join(line.text.split())
    return len(text) <= TITLE_MAX_LENGTH and "。" not in text and read_label(line) is None and names_document(text)


def covering_note_end(lines: Sequence[Line]) -> int:
    """How many of ``lines`` are a covering note before the template (0 when there is none):
    a numbering starting at 1, a line naming the document, and the numbering starting at 1 again
    on the first labelled line after it. The note ends with its last sentence; what stands between
    it and the first article (別添, the title) stays the template's."""
    numbered = False
    for n, line in enumerate(lines):
        if not numbered:
            numbered = _starts_numbering(line)
            continue
        if not _is_title_line(line):
            continue
        following = next((other for other in lines[n + 1:] if read_label(other) is not None), None)
        if following is None or not _starts_numbering(following):
            continue
        if sum(len(other.text) for other in lines[:n]) > COVER_MAX_CHARS:
            return 0
        ends = [k for k in range(n) if lines[k].text.endswith("。") or read_label(lines[k]) is not None]
        return ends[-1] + 1
    return 0
