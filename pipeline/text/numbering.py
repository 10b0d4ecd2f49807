"""Label numerals: 12 / １２ / 十二 / イ (iroha) / ア (aiueo) / ① → int."""

from __future__ import annotations

import unicodedata

import kanjize

KANJI_DIGITS = "〇一二三四五六七八九十百千"
AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"


def parse_number(token: str) -> int:
    """Arabic (half- or full-width) or kanji numeral → int. Raises ValueError otherwise."""
    token = unicodedata.normalize("NFKC", token)
    if token.isascii() and token.isdigit():
        return int(token)
    if token and all(c in KANJI_DIGITS for c in token):
        if "十" in token or "百" in token or "千" in token:
            return int(kanjize.kanji2number(token))
        # positional style 一〇 / 二五 (no 十): read digit by digit
        return int("".join(str("〇一二三四五六七八九".index(c)) for c in token))
    raise ValueError(f"not a numeral: {token!r}")


def kana_positions(kana: str) -> list[tuple[str, int]]:
    """A single katakana label's possible (style, value): イ is iroha 1 or aiueo 2."""
    options = []
    if kana in AIUEO:
        options.append(("aiueo", AIUEO.index(kana) + 1))
    if kana in IROHA:
        options.append(("iroha", IROHA.index(kana) + 1))
    return options


def circled_number(char: str) -> int:
    return int(unicodedata.numeric(char))
