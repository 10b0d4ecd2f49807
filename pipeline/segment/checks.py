"""What the segmenter warns about: nothing is dropped or missed without a word.

A numbering that starts above 1 or skips numbers (an article deleted, or one whose label
could not be read), text before the first article that is no title or page chrome, and an
ending mid-sentence (a truncated download, a lost page) are said in the document's warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.segment.chrome import is_fragment
from pipeline.model import Clause, MetaLine

# Text before the first article longer than this is said: a covering note, or an article
# whose label could not be read.
UNASSIGNED_WARN_CHARS = 80
UNASSIGNED_BELOW_TWO_CHARS = 20
# A sentence ends so; a clause ending otherwise was cut off (items may be noun phrases).
_COMPLETE_END = re.compile(r"[。．.」』）)]$|以\s*上$")
ITEM_PHRASE_LENGTH = 40


def numbering_warnings(articles: Sequence[tuple[str, tuple[int, ...]]]) -> list[str]:
    """(label as printed, value) of each article in order → the gaps in their numbering."""
    warnings = []
    if articles and articles[0][1][0] > 1:
        warnings.append(f"the numbering starts at {articles[0][0]}, not at 1: an article before it may be "
                        "missing or its label unreadable")
    for (label_a, a), (label_b, b) in zip(articles, articles[1:]):
        if b[0] - a[0] > 1 and len(b) == 1:
            warnings.append(f"the numbering skips from {label_a} to {label_b}: an article deleted, or one whose "
                            "label could not be read")
    return warnings


def unassigned_warning(metadata: Sequence[MetaLine], first_label: str, *, starts_above_one: bool = False) -> str | None:
    preamble = [m for m in metadata if m.kind == "preamble"]
    size = sum(len(m.text) for m in preamble)
    # however short, a line that starts inside a sentence (ければならない。…) is a piece of a
    # clause whose beginning is lost, not a preamble; and where the numbering starts above 1,
    # a sentence before it is probably the first article, its label lost
    if size <= UNASSIGNED_WARN_CHARS and not (preamble and is_fragment(preamble[0].text)) and not (
            starts_above_one and size >= UNASSIGNED_BELOW_TWO_CHARS and any("。" in m.text for m in preamble)):
        return None
    return (f"{size} characters before the first article ({first_label}) belong to no clause (kept as "
            "metadata): a covering note or preamble — or an article whose label could not be read")


def covering_note_warning(metadata: Sequence[MetaLine], title: str | None) -> str | None:
    """A covering note set aside before the template (segment.cover) is said, with its size,
    where text before the first article would be."""
    size = sum(len(m.text) for m in metadata if m.kind == "cover")
    if size <= UNASSIGNED_WARN_CHARS:
        return None
    return (f"{size} characters before the title 「{title}」 are read as a covering note (numbered on their own; the "
            "numbering starts again after the title): kept as metadata, not compared")


def truncation_warning(clauses: Sequence[Clause], metadata: Sequence[MetaLine]) -> str | None:
    """The document's last clause breaks off mid-sentence, and nothing (a 注 block) follows."""
    if not clauses or any(m.kind == "note" for m in metadata):
        return None
    last = next((c for c in reversed(clauses) if c.own_text), None)
    if last is None:
        return None
    text = last.own_text.rstrip()
    if _COMPLETE_END.search(text) or (last.kind in ("item", "subitem") and len(text) <= ITEM_PHRASE_LENGTH):
        return None
    return (f"the text ends mid-sentence ({last.id}: 「…{text[-15:]}」): the file may be truncated or pages "
            "missing, so what follows is not checked")
