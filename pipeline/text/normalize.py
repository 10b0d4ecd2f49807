"""Character normalisation: one place decides which code points mean the same thing.

Two levels:
- ``label_key`` is *length-preserving*, so a regex match on the key maps back to the same
  offsets of the display text (labels are shown as printed, matched as normalised);
- ``normalize_for_analysis`` is the full fold used for comparing texts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cjkfold import fold as fold_lookalikes

# Full-width ASCII (Ｆ０１–Ｆ５Ｅ), half-width katakana (FF61–FF9F) and the ideographic space:
# the ranges where NFKC maps one character to one character.
_LABEL_FOLD: dict[int, str] = {}
for _cp in list(range(0xFF01, 0xFF5F)) + list(range(0xFF61, 0xFFA0)):
    _folded = unicodedata.normalize("NFKC", chr(_cp))
    if len(_folded) == 1:
        _LABEL_FOLD[_cp] = _folded
_LABEL_FOLD[0x3000] = " "
# headings in lenticular or tortoise-shell brackets (【基本的事項】, 〔秘密の保持〕) read as （…）
_LABEL_FOLD.update({0x3010: "(", 0x3011: ")", 0x3014: "(", 0x3015: ")"})
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


# Kana, kanji and CJK punctuation: a space between two of them is a PDF's spaced glyphs
# (受注 者は、こ の契約), not a word break — Japanese has none.
# (not the combining voiced marks U+3099/309A: joined to a kana, NFKC would make a new letter)
_CJK = "\u3001-\u303f\u3040-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
# …except the spaces around a label that stands between two spaces or starts the text
# ("一 管理責任者の選定", "…講じること。 二 取扱場所"): they separate the number from its text.
_LABEL = r"(?:第?[0-9〇一二三四五六七八九十百千]+条?|[ア-ン]|[①-⑳]|\([^()\s]{1,4}\))"
_LABEL_BEFORE = re.compile(rf"(?:^|[\s。]){_LABEL}$")
_LABEL_AFTER = re.compile(rf"{_LABEL}\s")
# …but 第三者 spaced as 「第三 者」 or 「第 三 者」 is the word third party, never a label and its text
_THIRD_PARTY = re.compile(r"第[ \t\u3000]*([〇一二三四五六七八九十])[ \t\u3000]*者")


def squeeze_cjk_spaces(text: str) -> str:
    """``text`` without the spaces between two Japanese characters (kept between Latin words
    or digits, and around a label)."""

    def keep_label_space(match: re.Match) -> str:
        around_label = _LABEL_BEFORE.search(text, 0, match.start()) or _LABEL_AFTER.match(text, match.end())
        return match.group() if around_label else ""

    text = _THIRD_PARTY.sub(lambda m: f"第{m.group(1)}者", text)
    return _CJK_SPACE.sub(keep_label_space, text)


# Characters that show nothing: zero-width spaces and joiners, bidi controls, the soft hyphen,
# the BOM, variation selectors. One inside 努​めなければならない must not hide a weakened duty,
# nor make two identical texts differ.
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f"
                       "\U000e0100-\U000e01ef]")


def invisible_characters(text: str) -> list[str]:
    """The invisible characters a text holds, as code points (U+200B …), once each, in order."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in INVISIBLE.findall(text)))


@lru_cache(maxsize=65536)  # pure; a batch reads the reference's clauses in every pair
def normalize_for_analysis(text: str) -> str:
    """NFKC after folding look-alike radicals (the CJK Radicals Supplement, U+2E80, which
    NFKC leaves alone) and dropping invisible characters, spaced Japanese glyphs rejoined,
    every other run of white space collapsed to one space."""
    folded = unicodedata.normalize("NFKC", fold_lookalikes(INVISIBLE.sub("", text)))
    return squeeze_cjk_spaces(_SPACES.sub(" ", INVISIBLE.sub("", folded)).strip())


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


# What a terminal or a page would act on rather than show: C0/C1 controls (ESC sequences),
# bidi overrides and the other invisible characters. Shown escaped (\u202e), so a file named
# 「hofu\u202etxt.pdf」 cannot pass for hofu-txt.pdf.
_NOT_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]|" + INVISIBLE.pattern[1:-1].join("[]"))


def visible(text: str) -> str:
    """``text`` with every control and invisible character written as its escape."""
    return _NOT_SHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF else f"\\U{ord(m.group()):08x}", text)
