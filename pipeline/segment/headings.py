"""One heading line standing over several articles (real-conventions.md: both take it): which
articles without a heading line of their own take the one above them."""

from __future__ import annotations

import re

from pipeline.text.folds import fold_text

_CONJUNCTION = re.compile(r"及び|並びに|又は|・")
_HEADING_TAIL = re.compile(r"(?:の(?:禁止|制限|管理|義務)|等)$")
_HEADING_WORD = re.compile(r"[\u4e00-\u9fff々]{2,}")
_GENERIC_HEADING_WORDS = frozenset({"禁止", "制限", "管理", "義務", "措置", "個人情報", "事項", "取扱"})


def _node_text(node) -> str:
    return "".join(node.fragments) + "".join(_node_text(child) for child in node.children)


def share_headings(articles: list) -> None:
    """One heading line over two articles, each of which takes up one of its subjects:
    （持出し及び複写の禁止） above 第９ (持ち出し) and 第１０ (複写, no heading of its own)
    heads both. A heading whose subjects the first article covers alone stays its own."""
    # where every other article has a heading line of its own, one without stands under the last
    headed_alike = len(articles) >= 5 and sum(a.heading_line for a in articles) >= 0.9 * (len(articles) - 1)
    inherited: set[int] = set()  # articles that took the heading above them: it may go on (6., 7., 8.)
    for previous, article in zip(articles, articles[1:]):
        if (article.heading is not None or not (previous.heading_line or id(previous) in inherited)
                or not previous.heading or article.after_structure):
            continue
        if headed_alike:
            # …when it carries on from that article on what the heading names (資料等の返還等 over
            # 第１３: 「前条の規定にかかわらず、…当該資料等を廃棄」)
            words = {w for w in _HEADING_WORD.findall(fold_text(previous.heading)) if w not in _GENERIC_HEADING_WORDS}
            text = fold_text(_node_text(article))
            # 前条, or the previous article by its number (「7.の承諾を得て」, 「第７の規定により」)
            number = previous.value[0] if previous.value else None
            names_it = re.search(r"前[0-9０-９二三]?条", text) or (
                number is not None and re.search(rf"(?<![0-9])(?:{number}\.|第{number}条?)の", text))
            if names_it and any(w in text for w in words):
                article.heading = previous.heading
                inherited.add(id(article))
                continue
        subjects = [fold_text(_HEADING_TAIL.sub("", part)) for part in _CONJUNCTION.split(previous.heading)]
        if len(subjects) < 2:
            continue
        if headed_alike:
            # a heading naming two subjects over two articles, where every other article is headed
            # (（秘密の保持及び目的外利用の禁止） over 3. and 4.): the second is under it too, in
            # whatever words it puts its subject (目的以外の目的に利用)
            article.heading = previous.heading
            inherited.add(id(article))
            continue
        first, second = fold_text(_node_text(previous)), fold_text(_node_text(article))
        if any(s and s in second and s not in first for s in subjects):
            article.heading = previous.heading
            inherited.add(id(article))
