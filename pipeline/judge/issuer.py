"""Which prefecture or municipality issued a template, where its text names one."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.model import SegmentedDocument
from pipeline.text.normalize import normalize_for_analysis

# A place name ending in 都/道/府/県/市/町/村/区, not preceded by another kanji (so 保有個人情報
# does not yield 人情報…); generic words are not issuers.
_PLACE = re.compile(r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{1,5}(?:都|道|府|県|市|町|村|区))")
_GENERIC = {"都道府県", "市町村", "市区町村", "本市", "当市", "本県", "当県", "同市", "同県", "各市", "全市", "都市",
            "市", "県", "町", "村", "区", "都", "府", "道", "地区", "区市", "他県", "他市", "国道", "市道", "県道", "政府", "行政府"}


def issuer_of(document: SegmentedDocument) -> str | None:
    """The place name the template mentions most (title, clauses, notes), or None."""
    texts = [document.title or ""] + [c.own_text for c in document.clauses] + [m.text for m in document.metadata]
    names = Counter(
        name for text in texts for name in _PLACE.findall(normalize_for_analysis(text)) if name not in _GENERIC
    )
    if not names:
        return None
    # most mentions first, then the earliest-sorted name, so the choice is stable
    return sorted(names.items(), key=lambda item: (-item[1], item[0]))[0][0]
