"""What counts as a change between two versions (pure functions).

A line break or a space the PDF put between glyphs is never a change: texts are compared with
all white space removed. A change that is only spelling (取り扱い/取扱い, き損/毀損), width or
punctuation is ``wording`` (表記のみ): still shown and underlined, but marked as such.
"""

from __future__ import annotations

import re

from pipeline.model import Clause
from pipeline.text.folds import SPELLING_VARIANTS
from pipeline.text.normalize import normalize_for_analysis
from pipeline.text.overlap import char_bigrams

_PUNCTUATION = re.compile(r"[、。，．,.・:：;；「」『』（）()\[\]【】〔〕\s]")


def exact_key(text: str) -> str:
    """The text without white space: what ``unchanged`` compares."""
    return "".join(text.split())


def wording_key(text: str) -> str:
    """The text with width, spelling variants and punctuation folded: what ``wording`` compares."""
    folded = normalize_for_analysis(text)
    for pattern, replacement in SPELLING_VARIANTS:
        folded = pattern.sub(replacement, folded)
    return _PUNCTUATION.sub("", folded)


def bigrams(text: str) -> frozenset[str]:
    return char_bigrams(wording_key(text))


def change_kind(old_text: str, new_text: str, same_number: bool) -> str:
    if exact_key(old_text) == exact_key(new_text):
        return "unchanged" if same_number else "renumbered"
    if wording_key(old_text) == wording_key(new_text):
        return "wording"
    return "amended"


def article_text(article: Clause) -> str:
    """An article as the diff compares it: its heading and its text (the number apart)."""
    return f"（{article.heading}）\n{article.text}" if article.heading else article.text


def part_text(clause: Clause) -> str:
    """A paragraph's own lead (without its items), an item whole."""
    return clause.own_text if clause.kind == "paragraph" else clause.text
