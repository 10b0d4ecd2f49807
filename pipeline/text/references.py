"""Cross-references: words that point at another provision rather than speak of a topic.

「第５の規定により再委託する場合を除き」 in a take-out clause says nothing about
subcontracting: it points at the subcontracting article. For alignment such phrases are no
evidence of what a clause is about (a 持出し clause paired with 再委託 because it names it was
a real failure), so ``without_cross_references`` removes them before terms and topics are read.
The obligation reader keeps the full text: there the reference is part of the exception.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER = r"[0-9０-９一二三四五六七八九十百]+"
# 第５ / 第8条 / 第２条第３項 / 第1の2 / 前条 / 前項 / 次条 / 同項 / 4(1) / 前各号
_REFERENCE = (rf"(?:第{_NUMBER}(?:条)?(?:の{_NUMBER})?(?:第{_NUMBER}項)?(?:第{_NUMBER}号)?"
              rf"|前(?:各)?(?:条|項|号)|次(?:条|項)|同(?:条|項)|{_NUMBER}[(（]{_NUMBER}[)）])")
_REFERENCE_VERB = r"(?:の規定|に規定する|に定める|の定め|で定める)?(?:により|による|に基づき|に基づく|に従い|において)?"
# an act the reference unlocks, inside an exception: 再委託する / 提供する / 持ち出す …
_ACT = r"[^、。]{0,24}?"
_PATTERNS = (
    # 承諾を得た場合又は第８条の規定により再委託する場合を除き → 承諾を得た場合を除き
    re.compile(rf"(?<=場合)(?:又は|若しくは|及び){_REFERENCE}{_REFERENCE_VERB}{_ACT}場合(?=を除)"),
    # 第5の規定により再委託する場合を除き、 → (gone)
    re.compile(rf"{_REFERENCE}{_REFERENCE_VERB}{_ACT}(?:場合|とき)を除(?:き|いて|くほか)、?"),
    # 再委託する場合を除き: the subcontracting article's business, named from another one
    re.compile(r"(?<=場合)(?:又は|若しくは)再委託(?:する|をする|先に[^、。]{0,12}する)場合(?=を除)"),
    re.compile(r"再委託(?:する|をする|先に[^、。]{0,12}する)場合を除(?:き|いて)、?"),
    # 前項の規定により / 第３条に定める: the pointer itself
    re.compile(rf"{_REFERENCE}(?:の規定|に規定する|に定める|の定め)(?:により|による|に基づき|に基づく|に従い)?"),
)


@lru_cache(maxsize=65536)
def without_cross_references(text: str) -> str:
    """``text`` with the phrases that refer to other provisions removed (pure, cached)."""
    for pattern in _PATTERNS:
        text = pattern.sub("", text)
    return text
