"""The segmenter's lines: a page's text as the lines labels are read from.

Lines are stripped; blank ones go. A template that arrives without line breaks (copied from
a web page, a text export: one long line of many sentences) is cut at every run of white
space: its clause labels, headings and sentences stood on lines of their own, and the
segmenter rejoins what belongs together (Japanese needs no space between two pieces).
"""

from __future__ import annotations

import re

from pipeline.text.normalize import squeeze_cjk_spaces

# A line this long in which several sentences end followed by a space is flowed text, not a
# line of a page: a PDF line holds 30–50 characters, and Japanese prose puts no space after 。.
FLOWED_LINE_LENGTH = 150
FLOWED_SENTENCES = 3
_SENTENCE_END = re.compile(r"。\s")

# A heading on the number's line is a short noun phrase: no sentence punctuation, no topic or
# object particle, ending in a noun (秘密の保持, 再委託の禁止, 個人情報の取扱い).
HEADING_MAX_LENGTH = 25
# A sentence announcing a list (次に掲げる措置を講じなければならない。 / 次の各号に…：)
ITEMS_LEAD = re.compile(r"次(?:に掲げる|の各号|の)[^。]*(?:。|：|:)$")
_NOT_IN_HEADING = re.compile(r"[、。,，.．「」:：;；]|(?<!又)は|を(?![じ])")  # 複写又は複製の禁止 is one
_HEADING_END = re.compile(r"[\u4e00-\u9fff々\u30a0-\u30ffいしきけめみりれ等]$")  # 受入れ, 預り, 払込み


# A line that is only a page number, decorated as page numbers are (- 2 -, －２－, 2/5, Page 2,
# ２ページ): page chrome that a text export kept. A bare "2" may be a label: it stays.
_DASH = r"[-－‐‑–—―−~～〜]"
PAGE_NUMBER_LINE = re.compile(
    rf"{_DASH} ?[0-9０-９]+ ?{_DASH}|[0-9０-９]+ ?[/／] ?[0-9０-９]+|(?:page|p\.) ?[0-9０-９]+|[0-9０-９]+ ?(?:ページ|頁)",
    re.IGNORECASE,
)


def is_page_number_line(text: str) -> bool:
    return PAGE_NUMBER_LINE.fullmatch(text.strip()) is not None


# 「（秘密の保持）第２条　乙は…」: a heading in brackets with the article's label right after it
# on one line — two lines, the heading's and the article's.
_ARTICLE_LABEL = r"第[ \u3000]*[0-9０-９一二三四五六七八九十百]+(?:条)?[ \u3000]"
_BRACKETED_HEADING = r"[（(【〔][^（）()【】〔〕。]{1,30}[）)】〕]"
# A text export with neither line breaks nor spaces between clauses
# (「…ならない。【守秘義務】第２条　…。２　…。（１）　…」): clauses start at a bracketed heading
# before an article's label, and right after a sentence's end at a label and its space.
_HEADED_ARTICLE = re.compile(rf"({_BRACKETED_HEADING})\s*(?={_ARTICLE_LABEL})")  # also at a line's start
_LABEL_AFTER_SENTENCE = re.compile(
    rf"(?<=。)(?:{_ARTICLE_LABEL}|[0-9０-９]{{1,2}}[ \u3000]|[（(][0-9０-９]{{1,2}}[）)]|[ア-ン][ \u3000])")


def _unspaced_clause_starts(text: str) -> list[int]:
    cuts = {m.start() for m in _LABEL_AFTER_SENTENCE.finditer(text)}
    for m in _HEADED_ARTICLE.finditer(text):
        cuts |= {m.start(), m.end(1)}
    return sorted(cut for cut in cuts if 0 < cut < len(text))


def page_lines(page_text: str) -> list[str]:
    lines = []
    for raw in page_text.split("\n"):
        text = raw.strip()
        if not text:
            continue
        if len(text) >= FLOWED_LINE_LENGTH and len(_SENTENCE_END.findall(text)) >= FLOWED_SENTENCES:
            lines += _flowed_pieces(text)
        elif len(text) >= FLOWED_LINE_LENGTH and len(cuts := _unspaced_clause_starts(text)) >= FLOWED_SENTENCES:
            bounds = [0, *cuts, len(text)]
            lines += [piece for a, b in zip(bounds, bounds[1:]) for piece in _flowed_pieces(text[a:b])]
        elif m := _HEADED_ARTICLE.match(text):
            lines += [m.group(1), text[m.end():]]
        else:
            lines.append(text)
    return lines


def is_heading_like(text: str) -> bool:
    squeezed = squeeze_cjk_spaces(text.strip())
    return (2 <= len(squeezed) <= HEADING_MAX_LENGTH and not _NOT_IN_HEADING.search(squeezed)
            and bool(_HEADING_END.search(squeezed)))


def heading_text(text: str) -> str:
    """A heading as a reader names it: stripped, spaced glyphs rejoined (秘密等の保 持 → 秘密等の保持)."""
    return squeeze_cjk_spaces(text.strip())


# Two-character words printed letter-spaced (附　則, 以　上, 備　考): one piece, as a line of
# their own would read, so that what closes the last article is seen as such.
_SPACED_WORDS = frozenset({("附", "則"), ("付", "則"), ("以", "上"), ("備", "考")})
# the number of a label printed 「第 5」 or 「第 5 条」 (the 条 may stay with the number)
_SPACED_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百]+条?")


def _flowed_pieces(text: str) -> list[str]:
    """A flowed line cut at every run of white space, a page number kept whole (- 2 -), a
    letter-spaced 附 則 and a spaced label (第 5) too."""
    tokens, pieces = text.split(), []
    i = 0
    while i < len(tokens):
        three = " ".join(tokens[i:i + 3])
        if i + 2 < len(tokens) and is_page_number_line(three):
            pieces.append(three)
            i += 3
        elif i + 1 < len(tokens) and (tokens[i], tokens[i + 1]) in _SPACED_WORDS:
            pieces.append(f"{tokens[i]}　{tokens[i + 1]}")
            i += 2
        elif i + 1 < len(tokens) and tokens[i] == "第" and _SPACED_NUMBER.fullmatch(tokens[i + 1]):
            pieces.append(f"{tokens[i]} {tokens[i + 1]}")  # 「第 5」: one label, as printed
            i += 2
        else:
            pieces.append(tokens[i])
            i += 1
    return pieces
