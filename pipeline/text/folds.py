"""Folds: one place decides which spellings, party names and words mean the same thing.

Three levels, applied by every stage that reads meaning (tokens, alignment, judgement):
- ``SPELLING_VARIANTS``: okurigana and kana/kanji variants of one word (漏えい = 漏洩,
  取扱い = 取り扱い), folded in the text before any keyword or pattern is applied (the
  checklist criteria in ``pipeline/data`` are written in these folded forms);
- the parties are roles, not words: ``CLIENT_NAMES`` (甲, 委託者 …) and ``CONTRACTOR_NAMES``
  (乙, 受託者 …), folded in the text by ``fold_parties`` and recognised as tokens by
  ``CLIENT_WORDS`` / ``CONTRACTOR_WORDS``;
- ``CONCEPTS``: different words for one obligation (研修 = 教育, 返却 = 返還), folded on
  the terms the tokenizer produces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.normalize import normalize_for_analysis

SPELLING_VARIANTS = (
    (re.compile(r"漏えい|漏せつ"), "漏洩"),
    (re.compile(r"き損"), "毀損"),
    (re.compile(r"取扱い|取り扱い|取扱"), "取り扱"),
    (re.compile(r"持出し|持ち出し|持出"), "持ち出"),
    (re.compile(r"引渡し|引き渡し"), "引き渡"),
)

# What a template calls the client and the contractor besides 甲 and 乙 (a 再委託者 is neither).
CLIENT_NAMES = ("委託者", "発注者", "委託元")
CONTRACTOR_NAMES = ("指定管理者", "受託者", "受注者")
# The issuer names itself as the client: 県は、 / 本市 …
ISSUER_SELF_NAMES = ("県", "市", "町", "村", "区", "都", "道", "府", "本市", "本県", "当市", "当県")

PARTY_FOLDS = (
    (re.compile(rf"(?<!再)(?:{'|'.join(CLIENT_NAMES)})"), "甲"),
    (re.compile(rf"(?<!再)(?:{'|'.join(CONTRACTOR_NAMES)})"), "乙"),
    # the issuer named as the client at the head of a sentence: 県は、 / 市は、
    (re.compile(r"(?:^|(?<=[。\n]))(?:県|市|町|村|区|都|府)(?=は、|が、)"), "甲"),
)

# Tokens that name a party (after ``fold_parties``, and as Sudachi may still split them).
CLIENT_WORDS = frozenset({"甲", *CLIENT_NAMES, *ISSUER_SELF_NAMES})
CONTRACTOR_WORDS = frozenset({"乙", *CONTRACTOR_NAMES, "委託先", "受託業者"})

# Words that name the same obligation in different templates (a small domain thesaurus,
# applied to terms after the tokenizer's kana fold): 研修 = 教育, 返却 = 返還, 監査/検査 = 調査.
CONCEPTS = {
    "研修": "教育",
    "返却": "返還",
    "監査": "調査",
    "検査": "調査",
    "事案": "事故",
    "漏ら": "漏洩",
    "持込": "持ち込",
    "持出": "持ち出",
    "取扱": "取り扱",
    "従業者": "従事者",
    "業務従事者": "従事者",
}


def fold_parties(text: str) -> str:
    for pattern, party in PARTY_FOLDS:
        text = pattern.sub(party, text)
    return text


@lru_cache(maxsize=65536)  # pure, and a batch folds the reference's clauses for every pair
def fold_text(text: str) -> str:
    """Normalised text with spelling variants and party names folded."""
    folded = normalize_for_analysis(text)
    for pattern, replacement in SPELLING_VARIANTS:
        folded = pattern.sub(replacement, folded)
    return fold_parties(folded)
