"""Page chrome in text that lost its pages: a running header repeated where the pages broke,
and the closing formula and signature block of a contract after its last clause."""

from __future__ import annotations

import re

from pipeline.text.normalize import squeeze_cjk_spaces

# A running header names the document (…特記事項 / …特約条項 / …仕様書 / …委託基準) and is
# short; a clause never repeats word for word.
_NAMES_DOCUMENT = re.compile(r"特記事項|特約条項|特記仕様書|仕様書|委託基準")
RUNNING_LINE_LENGTH = 60


def _key(text: str) -> str:
    return "".join(squeeze_cjk_spaces(text).split())


def _names_document(text: str) -> bool:
    key = _key(text)
    return bool(key) and len(key) <= RUNNING_LINE_LENGTH and "。" not in key and bool(_NAMES_DOCUMENT.search(key))


_PAGE_NUMBER = re.compile(r"[-－‐–—―−]?\s*[0-9０-９]+\s*(?:[/／]\s*[0-9０-９]+)?\s*[-－‐–—―−]?")
_BARE_NUMBER = re.compile(r"[0-9０-９]{1,3}")
# labels repeat by nature (２, (1), 一, ア …), and so do wrapped lines that start with one
# (「ア 乙」): never chrome by repetition
_BRACKET = re.compile(r"[（）()「」【】]")
# a name with a bracketed part (業務委託契約書（標準様式）): whole, so not a piece of a wrapped heading
_NAMED_IN_BRACKETS = re.compile(r"[^（）()「」【】]+[（(][^（）()]+[）)]")
_STARTS_LIKE_A_LABEL = re.compile(r"[0-9０-９()（）.．一二三四五六七八九十ア-ンa-zA-Z第]")
SHORT_LINE = 40
# A sentence's start with its subject (受託者は、 / 乙は、 / 市は、): after a number, the number is a
# paragraph's label (an item 「…場合」 ends without 。 before 「2 受託者は、…」), not a page's.
_STARTS_A_SENTENCE = re.compile(r"[^\s、。「」()（）]{1,12}?は[、,]")
# An article's label at a line's start (第１, 第1条, 1.): the template's articles have begun. (A bare 「1」
# may number a covering note's points as well: running_repeats waits for a second page top there.)
_ARTICLE_LABEL = re.compile(r"^(?:第[0-9０-９一二三四五六七八九十百]+|[0-9０-９]+[.．](?![0-9０-９]))")
# What ends a sentence or a lead (…次の各号に掲げる事項：): a number after it may be a label.
_ENDS_SENTENCE = re.compile(r"[。：:]$")
# What may follow a template's last article: its appendix (別表), supplementary provisions, notes.
APPENDIX_START = re.compile(r"^(?:別表|別記様式|[附付]\s*則|備考)[0-9０-９一二三四五六七八九十]*(?:\s|[(（]|$)")


def _line_before(keys: list[str], index: int) -> int | None:
    """The nearest line before ``index`` that is not a page number (- 5 -, 1/3)."""
    return next((k for k in range(index - 1, -1, -1) if not _PAGE_NUMBER.fullmatch(keys[k])), None)


def _text_before(keys: list[str], index: int) -> str | None:
    return None if (k := _line_before(keys, index)) is None else keys[k]


# An item that is a noun phrase (（４）再委託先における安全管理措置の内容) is complete without 。
_ITEM_LABEL = re.compile(r"[(（][0-9０-９一二三四五六七八九十ア-ン]{1,2}[)）]|[ア-ン](?=\s|$)|[①-⑳]")
_NOUN_PHRASE_END = re.compile(r"^[^、。,，:：]{2,40}[\u4e00-\u9fff々\u30a0-\u30ff]$")


def _after_noun_phrase_item(keys: list[str], index: int) -> bool:
    k = _line_before(keys, index)
    if k is None:
        return False
    item = _ITEM_LABEL.match(keys[k])
    phrase = keys[k][item.end():] if item else keys[k]
    return bool(_NOUN_PHRASE_END.match(phrase)) and (
        item is not None or (k > 0 and _ITEM_LABEL.fullmatch(keys[k - 1]) is not None))


# A label standing alone (（２）, ア, 3.): it repeats by nature, and an item's label follows a
# lead that does not end a sentence (「次に掲げる措置」… 「（２）」).
_LABEL_ALONE = re.compile(r"[(（]?[0-9０-９一二三四五六七八九十ア-ンａ-ｚa-zA-Z]{1,3}[)）.．]?")


def _interrupts_sentence(keys: list[str], index: int) -> bool:
    """Whether line ``index`` stands between a sentence's unfinished piece and its rest."""
    before = _text_before(keys, index)
    return (index + 1 < len(keys) and before is not None and not _ENDS_SENTENCE.search(before)
            and not _STARTS_LIKE_A_LABEL.match(keys[index + 1]))


# 「2」「(3)」「（２）」 alone as a page's last line: a page number when it counts the pages —
# each one is its page's number plus one offset (a cover page before the count) — and there are
# two or more; a label alone on a line (a 特記仕様書 article's 「2」 before its heading, an item's
# 「(1)」) does not count the pages. Counted, a page's number goes even where a label follows it
# (「【監督及び調査】」「2」, a form feed, 「第 12 条 …」).
_COUNTED_NUMBER = re.compile(r"[(（]([0-9０-９]{1,3})[)）]|([0-9０-９]{1,3})")


def _counted_page_numbers(lines: list[tuple[int, str]], keys: list[str]) -> set[int]:
    page_ends = [index for index, (page, _) in enumerate(lines)
                 if index == len(lines) - 1 or lines[index + 1][0] != page]
    found = [(index, lines[index][0], int(m[1] or m[2]))
             for index in page_ends if (m := _COUNTED_NUMBER.fullmatch(keys[index]))]
    # in step: each number its page's plus one offset, or further ahead where a page was lost
    # (1, 2, 4 ending pages 1, 2, 3: a page between 2 and 4 is missing from the file)
    in_step = len(found) >= 2 and all(
        n2 - n1 >= p2 - p1 > 0 for (_, p1, n1), (_, p2, n2) in zip(found, found[1:])) and found[0][2] - found[0][1] in (0, 1)
    return {index for index, _, _ in found} if in_step else set()


def running_repeats(lines: list[tuple[int, str]]) -> set[int]:
    """Indexes of the (page, text) lines that are page chrome a text export kept:
    - a short line naming the document, seen before or heading a page after the first (the
      first occurrence on the first page stays: it may be the title);
    - any short line without a sentence end repeated where the pages break (next to a page
      number or at a page's edge: 別記 / an issuer's name on every page), or three times;
    - a short line from above the first article seen again at a page's edge or inside a
      sentence (a header, also where a text export lost the page break);
    - a bare number between two pieces of one sentence, or ending the text: a page number
      (「…書面を村」 / 「1」 / 「に提出し…」), not a paragraph label;
    - 「n」「(n)」 ending pages in step with the page count (``_counted_page_numbers``)."""
    keys = [_key(text) for _, text in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    seen: set[str] = set()
    repeats: set[int] = _counted_page_numbers(lines, keys)
    article_seen = False
    before_articles: set[str] = set()  # short lines above the first article (a form's number, 別記)
    for index, (page, text) in enumerate(lines):
        key = keys[index]
        edge = (index == 0 or lines[index - 1][0] != page or index == len(lines) - 1 or lines[index + 1][0] != page
                or (index > 0 and _PAGE_NUMBER.fullmatch(keys[index - 1]))
                or (index + 1 < len(lines) and _PAGE_NUMBER.fullmatch(keys[index + 1])))
        if _names_document(text) and not _ARTICLE_LABEL.match(key):  # 「第 10 町は、…この特記事項に…」 is a clause
            # heading a later page, it is a running header once the articles have begun (a title
            # after a one-page covering letter stands where it is)
            # (or, where bare numerals 1 2 … tell no article from a covering note's points, once
            # it heads a later page again)
            if key in seen or (page > 1 and (index == 0 or lines[index - 1][0] != page)
                               and (article_seen or counts[key] >= 2)):
                repeats.add(index)
        elif (key in before_articles and article_seen and not _LABEL_ALONE.fullmatch(key)
              and (edge or _interrupts_sentence(keys, index))):
            # a line that stood above the template's first article, seen again at a page's edge
            # or inside a sentence (「…甲から提供され」「（別記様式第５号）」「た個人情報が…」):
            # the page's header, brackets or not. (A line of a narrow column may recur word for
            # word in a long text: only one from before the articles counts.)
            repeats.add(index)
        elif (len(key) >= 2 and len(key) <= SHORT_LINE and "。" not in key and not _STARTS_LIKE_A_LABEL.match(key)
              and not (_BRACKET.search(key) and not _NAMED_IN_BRACKETS.fullmatch(key))  # a （heading） wrapped over two lines
              and counts[key] >= 2 and (edge or (counts[key] >= 3 and key in seen))):
            repeats.add(index)
        elif _BARE_NUMBER.fullmatch(key) and (index == len(lines) - 1 or (
                index + 1 < len(lines) and (before := _text_before(keys, index)) is not None
                and not _ENDS_SENTENCE.search(before) and not _after_noun_phrase_item(keys, index)
                and (is_fragment(lines[index + 1][1]) or not (_STARTS_LIKE_A_LABEL.match(keys[index + 1])
                                                              or _STARTS_A_SENTENCE.match(keys[index + 1]))))
                or (index + 1 < len(lines) and APPENDIX_START.match(keys[index + 1]))):
            repeats.add(index)
        seen.add(key)
        article_seen = article_seen or bool(_ARTICLE_LABEL.match(key))
        if not article_seen and len(key) <= SHORT_LINE and "。" not in key:
            before_articles.add(key)
    return repeats


# The contract's closing formula (本書２通を作成し、…記名押印の上…, 遵守することを約します) and the
# signatures after it; a blank date (令和　年　月　日); a web page's footer.
_CLOSING = re.compile(r"締結を証するため|本書[0-9０-９一二三四]+通を作成|記名押印|署名押印|を約します|ことを誓約|^(?:令和|平成)年月日$"
                      r"|このページに関する|お問い合わせ|このページの先頭|アンケート")
# what may stand after a template's last sentence: a revision date, the issuer's name
TRAILING_DATE = re.compile(r"^(?:令和|平成|昭和)[0-9０-９元]+年[0-9０-９]+月[0-9０-９]+日(?:改定|改正|施行|制定|作成)?$")
# A web page's footer after the template (ダウンロード, the PDF reader notice, このページの情報は役に立ちましたか)
WEB_FOOTER = re.compile(r"Adobe|Acrobat|ダウンロード|役に立(?:ち|っ|た)|お問い?合わせ|ページの先頭|このページ|PDF(?:形式|ファイル)")
# …of which these may end with 。 and still be no sentence of the last clause
WEB_FOOTER_SENTENCE = re.compile(r"(?:Acrobat|Reader)[^。]*必要です。$|を閲覧するには")
TRAILING_ISSUER = re.compile(r"^[^、。,，\s]{1,20}(?:都|道|府|県|市|町|村|区|局|組合|連合|法人|機構|財団|協会|事務所|課|部)$")


def closing_formula_start(fragments: list[str]) -> int | None:
    """Where the closing formula starts among a last clause's lines, if it does: with the lines
    between the clause's last sentence end and it (a web page's ダウンロード / a file link, the
    first piece of a wrapped formula), which belong to no sentence of the clause."""
    found = next((n for n, text in enumerate(fragments) if n and _CLOSING.search(_key(text))), None)
    if found is None:
        return None
    while found > 1 and "。" not in fragments[found - 1]:
        found -= 1
    return found


# A line that starts inside a word or sentence (ければならない。…, を講じ…): a fragment, not a
# preamble or a covering note, whatever it says (この…, また… start sentences: they are not).
_CONTINUATION = re.compile(r"^(?:ければ|なけれ|[がで]なければ|ならな|ない[。、]|とする|ものと|こと[。、]|する[。、]|した[。、]|し[、。]|れば|られ|させ|ついて[はも]?、"
                           r"|[をはがへにでとのも][^ぁ-ゖ]|[、。])")


def is_fragment(text: str) -> bool:
    return bool(_CONTINUATION.match(_key(text)))
