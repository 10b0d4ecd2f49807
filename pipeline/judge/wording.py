"""Suggested wording for an obligation the reviewed template lacks (pure functions).

For an article of the reference with no counterpart, the reviewer's next step is to draft
one: the reference's text with its party words rewritten into the reviewed template's own
(甲/乙 → 委託者/受託者, 県 → 市 …), so that it can be pasted in as it stands. Each side's words
are the ones its text uses most for each role.
"""

from __future__ import annotations

import re
from collections import Counter

# The words a template calls each party by, longest first (受託者 before 託者-like overlaps).
CLIENT_WORDS = ("委託者", "発注者", "委託元", "甲", "本県", "本市", "県", "市", "町", "村", "区", "都", "府")
CONTRACTOR_WORDS = ("指定管理者", "受託者", "受注者", "乙")
# An issuer's one-character self-name is a party only before a particle, not inside a word
# (県民, 市町村): 県は、 / 市の承諾 / 町に報告.
_PARTICLE = r"(?=は|が|の|に|へ|を|と|から|より|又は|及び|、)"
_KANJI = r"[\u4e00-\u9fff々]"


def _pattern(word: str) -> re.Pattern:
    if len(word) == 1 and word not in ("甲", "乙"):
        return re.compile(rf"(?<!{_KANJI}){re.escape(word)}{_PARTICLE}")
    if word in ("本県", "本市"):
        return re.compile(rf"{re.escape(word)}{_PARTICLE}")
    return re.compile(rf"(?<!再){re.escape(word)}")  # a 再委託者 is neither party


def party_words(text: str) -> tuple[str | None, str | None]:
    """The words a text uses most for the client and for the contractor."""
    def most(words: tuple[str, ...]) -> str | None:
        counts = Counter({w: len(_pattern(w).findall(text)) for w in words})
        word, n = max(counts.items(), key=lambda wn: (wn[1], len(wn[0])))
        return word if n else None

    return most(CLIENT_WORDS), most(CONTRACTOR_WORDS)


def rewrite_parties(text: str, source: tuple[str | None, str | None], target: tuple[str | None, str | None]) -> str:
    """``text`` with the source's party words replaced by the target's, role by role (both
    roles at once, so 甲 → 乙 and 乙 → 甲 never run into each other)."""
    pairs = [(s, t) for s, t in zip(source, target) if s and t and s != t]
    if not pairs:
        return text
    combined = re.compile("|".join(f"(?P<r{n}>{_pattern(s).pattern})" for n, (s, _) in enumerate(pairs)))
    return combined.sub(lambda m: pairs[int(m.lastgroup[1:])][1], text)


def suggestion(reference_text: str, reference_document_text: str, reviewed_document_text: str) -> str:
    """The reference's clause in the reviewed template's party words."""
    return rewrite_parties(reference_text, party_words(reference_document_text), party_words(reviewed_document_text))
