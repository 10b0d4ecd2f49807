"""Character normalisation: one place decides which code points mean the same thing.

Two levels:
- ``label_key`` is *length-preserving*, so a regex match on the key maps back to the same
  offsets of the display text (labels are shown as printed, matched as normalised);
- ``normalize_for_analysis`` is the full fold used for comparing texts.
"""

from __future__ import annotations

import re
import unicodedata

from cjkfold import fold as fold_lookalikes

# Full-width ASCII (Ｆ０１–Ｆ５Ｅ), half-width katakana (FF61–FF9F) and the ideographic space:
# the ranges where NFKC maps one character to one character.
_LABEL_FOLD: dict[int, str] = {}
for _cp in list(range(0xFF01, 0xFF5F)) + list(range(0xFF61, 0xFFA0)):
    _folded = unicodedata.normalize("NFKC", chr(_cp))
    if len(_folded) == 1:
        _LABEL_FOLD[_cp] = _folded
_LABEL_FOLD[0x3000] = " "
_LABEL_FOLD[0x00A0] = " "
_LABEL_FOLD[0x0009] = " "

_SPACES = re.compile(r"\s+")


def label_key(text: str) -> str:
    """Fold look-alike radicals (⼀→一, ⻑→長), full-width digits and brackets, U+3000.

    Same length as ``text``: a position in the key is the same position in ``text``.
    """
    key = fold_lookalikes(text).translate(_LABEL_FOLD)
    assert len(key) == len(text)
    return key


def normalize_for_analysis(text: str) -> str:
    """NFKC after folding look-alike radicals (the CJK Radicals Supplement, U+2E80, which
    NFKC leaves alone), with every run of white space collapsed to one space."""
    folded = unicodedata.normalize("NFKC", fold_lookalikes(text))
    return _SPACES.sub(" ", folded).strip()


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2e80-\u2fdf\uff66-\uff9f]")


_HIRAGANA = re.compile(r"[\u3041-\u309f]")


def _share(text: str, pattern: re.Pattern) -> float:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if pattern.match(c)) / len(chars)


def japanese_share(text: str) -> float:
    """Share of non-space characters that are kana or kanji (0.0 for empty text)."""
    return _share(text, _JAPANESE)


def hiragana_share(text: str) -> float:
    """Share of non-space characters that are hiragana (0.0 for empty text). Japanese prose
    is 30–45 % hiragana (particles, okurigana); mojibake made of kanji — UTF-8 or EUC-JP read
    as Shift_JIS — has almost none."""
    return _share(text, _HIRAGANA)
