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
_ATTACHED = re.compile(r"^(?:ただし|但し)|^[^。]{0,60}(?:も|についても)、?同様とする。?$")
_SENTENCE_END = re.compile(r"(?<=。)|\n")


def split_provisions(folded: str) -> list[str]:
    """The provisions of a folded text: sentences, with ただし書 and 同様とする joined to theirs."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(folded):
        sentence = sentence.strip()
        if not sentence:
            continue
        if out and _ATTACHED.search(sentence):
            out[-1] += sentence
        else:
            out.append(sentence)
    return out


def subject_of(provision: str) -> str | None:
    """甲 or 乙 (parties folded), or None if the sentence names neither at its head."""
    m = _SUBJECT.match(provision) or _SUBJECT_AFTER_CONDITION.match(provision)
    return m.group(1) if m else None


def subjects(provisions: list[str], default: str | None = None) -> list[str | None]:
    """Each provision's subject; one without its own speaks of the previous one's."""
    out, current = [], default
    for provision in provisions:
        current = subject_of(provision) or current
        out.append(current)
    return out
