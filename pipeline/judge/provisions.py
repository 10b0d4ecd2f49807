"""A clause as provisions: its sentences, each with its own subject (pure functions).

Obligations are read per provision, not per article: 「甲は…できる」 is a right of the client
and 「乙は…ならない」 a duty of the contractor even inside one paragraph. A ただし書 belongs to
the sentence it qualifies, and so does a 「…も、同様とする。」 that extends it (この契約が終了
した後においても、同様とする): neither is a provision of its own. A sentence without a subject
of its own (この場合において、…) speaks of the previous one's.
"""

from __future__ import annotations

import re

# 甲は / 乙が at the head, or after an opening condition (…ときは、乙は / …場合には、甲は)
_SUBJECT = re.compile(r"^(甲|乙)(?:は|が)")
_SUBJECT_AFTER_CONDITION = re.compile(r"^[^。]{0,80}?(?:とき|場合|際)(?:は|には|において)、(甲|乙)(?:は|が)")
_ATTACHED = re.compile(r"^(?:ただし|但し)|^[^。]{0,160}(?:も|についても)、?同様とする。?$")
_OPEN, _CLOSE = "（(「『【〔", "）)」』】〕"


def sentences(folded: str) -> list[str]:
    """Sentences: split after 。 and at line ends, but not inside brackets (a definition
    「（…子会社をいう。）」 or a quotation is part of its sentence)."""
    out, current, depth = [], [], 0
    for char in folded:
        if char == "\n" and depth == 0:
            out.append("".join(current))
            current = []
            continue
        current.append(char)
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif char == "。" and depth == 0:
            out.append("".join(current))
            current = []
    out.append("".join(current))
    return out


def split_provisions(folded: str) -> list[str]:
    """The provisions of a folded text: sentences, with ただし書 and 同様とする joined to theirs."""
    out: list[str] = []
    for sentence in sentences(folded):
        sentence = sentence.strip()
        if not sentence:
            continue
        if out and _ATTACHED.search(sentence):
            out[-1] += sentence
        else:
            out.append(sentence)
    return out


# a paragraph's or item's label at the head of its line (２ 乙は / (1) 乙は / ア 乙は)
_LEADING_LABEL = re.compile(r"^(?:[0-9]+|[一二三四五六七八九十]+|\([^()]{1,3}\)|[ア-ン])\s+")


def subject_of(provision: str) -> str | None:
    """甲 or 乙 (parties folded), or None if the sentence names neither at its head."""
    provision = _LEADING_LABEL.sub("", provision)
    m = _SUBJECT.match(provision) or _SUBJECT_AFTER_CONDITION.match(provision)
    return m.group(1) if m else None


def subjects(provisions: list[str], default: str | None = None) -> list[str | None]:
    """Each provision's subject; one without its own speaks of the previous one's."""
    out, current = [], default
    for provision in provisions:
        current = subject_of(provision) or current
        out.append(current)
    return out
