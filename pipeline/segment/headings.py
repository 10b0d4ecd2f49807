"""One heading line standing over several articles (real-conventions.md: both take it): which
articles without a heading line of their own take the one above them."""

from __future__ import annotations

import re

from pipeline.text.folds import fold_text

_CONJUNCTION = re.compile(r"及び|並びに|又は|・")
_HEADING_TAIL = re.compile(r"(?:の(?:禁止|制限|管理|義務)|等)$")
# Headings above the articles are the document's rule when at least this share of the articles
# (less the first) stand under a heading line of their own.
HEADED_SHARE = 0.5
_HEADING_WORD = re.compile(r"[\u4e00-\u9fff々]{2,}")
_GENERIC_HEADING_WORDS = frozenset({"禁止", "制限", "管理", "義務", "措置", "個人情報", "事項", "取扱"})
_DELETED = re.compile(r"\s*削除\s*$")


def _node_text(node) -> str:
    return "".join(node.fragments) + "".join(_node_text(child) for child in node.children)


def share_headings(articles: list) -> None:
    """A heading line over several articles (共通見出し): where headings stand above the articles
    (on their own line, or before the label: 「（再委託の禁止等）第7条」) as the document's rule,
    an article without one stands under the heading above it, and so do those after it up to the
    next heading (（資料の管理） over 5., 6. and 7.) — 法制執務: when consecutive articles
    provide for one matter, the heading is put before the first of them only. A deleted article
    (第九条　削除) takes none. Elsewhere, one heading over two articles each of which takes up
    one of its subjects: （持出し及び複写の禁止） above 第９ (持ち出し) and 第１０ (複写) heads
    both; a heading whose subjects the first article covers alone stays its own."""
    headed_alike = (len(articles) >= 5
                    and sum(a.heading_line for a in articles) >= HEADED_SHARE * (len(articles) - 1))
    inherited: set[int] = set()  # articles that took the heading above them: it may go on (6., 7., 8.)
    for previous, article in zip(articles, articles[1:]):
        if (article.heading is not None or not (previous.heading_line or id(previous) in inherited)
                or not previous.heading or article.after_structure):
            continue
        if _stands_under(previous, article, headed_alike):
            article.heading = previous.heading
            inherited.add(id(article))


def _stands_under(previous, article, headed_alike: bool) -> bool:
    """Whether ``article`` (no heading of its own) stands under the heading of ``previous``."""
    text = fold_text(_node_text(article))
    if headed_alike:
        return not _DELETED.match(text)
    # elsewhere, an article that carries on from the headed one on what its heading names
    # (（再委託） over 5. and 6.: 「前条ただし書の承諾を得て再委託する場合には」)
    words = {w for w in _HEADING_WORD.findall(fold_text(previous.heading)) if w not in _GENERIC_HEADING_WORDS}
    number = previous.value[0] if previous.value else None
    names_it = re.search(r"前[0-9０-９二三]?条", text) or (
        number is not None and re.search(rf"(?<![0-9])(?:{number}\.|第{number}条?)(?:第[0-9]+項)?の", text))
    if names_it and any(w in text for w in words):
        return True
    # or one that takes up a subject of a heading naming two, which the first does not
    subjects = [fold_text(_HEADING_TAIL.sub("", part)) for part in _CONJUNCTION.split(previous.heading)]
    first = fold_text(_node_text(previous))
    return len(subjects) >= 2 and any(s and s in text and s not in first for s in subjects)
