"""Labels read as tokens: the number at the start of a line, in every shape templates print.

A line is given a *key* (``label_key``: same length, full-width digits and brackets folded,
U+3000 a space) and its label is matched on the key, so the label is shown as printed:
第１ / 第 1 / 第　１２条 / 第三十六条の二 (articles), 1 / 1. / １　(bare numerals), (1) / （１）,
一 / (一), ア / (ア), a / (a), (i), ①. What a label *means* — article, paragraph, item — is
decided by the segmenter from the numbering in force, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text.numbering import circled_number, kana_positions, parse_number

NUMERAL = r"[0-9]+|[〇一二三四五六七八九十百千]+"
# 第 N [条] [の M …]: spaces may stand inside and around the number (第 1 / 第　１２ 条), but
# not when a counter word follows the number (第 2 項, 第 3 号 are references in running text)
_ARTICLE = re.compile(
    rf"第 ?(?P<num>{NUMERAL}) ?(?P<jo>条)?(?P<branches>(?:の(?:{NUMERAL}))*)(?![ ]?(?:の|項|号|章|節|款|目(?!的)|者|条))(?=[\s(]|$)"
)
_BRANCH = re.compile(rf"の({NUMERAL})")
# A number followed by a counter word is running text a line break cut (…第\n2 項の規定)
_COUNTER = r"(?!\s*(?:(?:項|号|条|章|節|款)(?![\u4e00-\u9fff])|頁|ページ|%|％|円|か月|箇月))"
_ARABIC = re.compile(rf"(?P<num>[0-9]+)(?=\s|$){_COUNTER}")
_DOTTED = re.compile(r"(?P<num>[0-9]+)\.(?![0-9])")
_PAREN_ARABIC = re.compile(r"\( ?(?P<num>[0-9]+) ?\)")
_KANJI = re.compile(rf"(?P<num>[一二三四五六七八九十]+)(?=\s|$){_COUNTER}")
_PAREN_KANJI = re.compile(r"\((?P<num>[一二三四五六七八九十]+)\)")
_KANA = re.compile(r"(?P<kana>[ア-ン])(?:\.|(?=\s)|$)")
_PAREN_KANA = re.compile(r"\((?P<kana>[ア-ン])\)")
_CIRCLED = re.compile(r"(?P<circ>[\u2460-\u2473])")
# the fourth and fifth levels of a deep outline: a / (a), and (i) (ii) … in roman numerals
_LATIN = re.compile(r"(?P<letter>[a-z])(?:\.|(?=\s))")
_PAREN_LATIN = re.compile(r"\((?P<letter>[a-z]+)\)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}

ARTICLE_STYLE = "article"
PARAGRAPH_STYLE = "arabic"  # 項 are numbered ２, ３ … under a 第N article
# styles that may number the articles of a template without 第 (１ / (1) / 一 …)
BARE_ARTICLE_STYLES = (PARAGRAPH_STYLE, "dotted", "paren_arabic", "kanji", "paren_kanji", "circled")


@dataclass(frozen=True)
class Line:
    index: int
    page: int
    text: str  # display text, stripped
    key: str  # label_key(text)


@dataclass(frozen=True)
class Label:
    """A label read at the start of a line, before we know whether it is accepted."""

    options: tuple[tuple[str, tuple[int, ...]], ...]  # (style, value) readings
    label: str  # as printed
    rest: str  # display text after the label and its separator


def read_label(line: Line) -> Label | None:
    try:
        return _read_label_numbers(line)
    except ValueError:
        # looks like a numeral but reads as none: 十十 / 百百 (kanjize refuses them) or more
        # digits than int() converts (4,300): text, not a label
        return None


def _read_label_numbers(line: Line) -> Label | None:
    key, text = line.key, line.text

    def made(options, end: int) -> Label | None:
        if not options:  # バ, ヴ: katakana that number nothing
            return None
        rest = text[end:].lstrip()
        return Label(tuple(options), text[:end].rstrip(), rest)

    if m := _ARTICLE.match(key):
        value = (parse_number(m["num"]), *(parse_number(b) for b in _BRANCH.findall(m["branches"])))
        return made([(ARTICLE_STYLE, value)], m.end())
    for pattern, style in ((_PAREN_ARABIC, "paren_arabic"), (_PAREN_KANJI, "paren_kanji")):
        if m := pattern.match(key):
            return made([(style, (parse_number(m["num"]),))], m.end())
    if m := _ARABIC.match(key):
        return made([(PARAGRAPH_STYLE, (int(m["num"]),))], m.end())
    if m := _DOTTED.match(key):
        # "1." numbers articles where bare "２" numbers their paragraphs; under 第N, "２．" is a 項
        return made([("dotted", (int(m["num"]),)), (PARAGRAPH_STYLE, (int(m["num"]),))], m.end())
    if m := _KANJI.match(key):
        return made([("kanji", (parse_number(m["num"]),))], m.end())
    if m := _PAREN_KANA.match(key):
        return made([(f"paren_{s}", (v,)) for s, v in kana_positions(m["kana"])], m.end())
    if m := _KANA.match(key):
        return made([(s, (v,)) for s, v in kana_positions(m["kana"])], m.end())
    if m := _CIRCLED.match(key):
        return made([("circled", (circled_number(m["circ"]),))], m.end())
    if m := _PAREN_LATIN.match(key):
        letters = m["letter"]
        options = [("paren_roman", (_ROMAN[letters],))] if letters in _ROMAN else []
        if len(letters) == 1:
            options.append(("paren_latin", (ord(letters) - ord("a") + 1,)))
        return made(options, m.end()) if options else None
    if m := _LATIN.match(key):
        return made([("latin", (ord(m["letter"]) - ord("a") + 1,))], m.end())
    return None
