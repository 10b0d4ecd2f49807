"""The researcher's matrix: which issuer imposes which obligation, and how strictly.

An obligation is a checklist item or one of tokki's topics (``vocabulary.topic_items``); a
document imposes it when a clause satisfies the item's criteria, and the *wording strength*
is read from that clause's obligation profile (modality, deadline, consent).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from pipeline.judge.checklist import CheckResult
from pipeline.judge.obligations import MODALITIES, Obligation, obligation_text, profile
from pipeline.model import Coverage, SegmentedDocument, Strength
from pipeline.text.vocabulary import topic_items

IMPOSED_BY = "imposed by"
USUAL_WORDING = "usual wording"
SUMMARY_ROWS = (IMPOSED_BY, USUAL_WORDING)

_WEAK_MODALITIES = ("best_effort", "discretion")
_BINDING_MODALITIES = ("duty", "prohibition")
_STRICT = ("直ちに", "書面による承諾")


def strength(obligation: Obligation) -> Strength:
    """How strictly a clause words its obligation: しなければならない・直ちに・書面による承諾."""
    parts = []
    if obligation.modality:
        parts.append(MODALITIES[obligation.modality][0])
    if obligation.deadline:
        parts.append(obligation.deadline)
    if obligation.consent:
        parts.append(obligation.consent)
    if not parts:
        return Strength("記載あり", "present")  # imposed, in words no dimension reads
    if obligation.modality in _WEAK_MODALITIES:
        level = "weak"
    elif obligation.modality in _BINDING_MODALITIES:
        level = "strong" if obligation.deadline in _STRICT or obligation.consent in _STRICT else "present"
    else:
        level = "unread"
    return Strength("・".join(parts), level)


def obligation_strengths(document: SegmentedDocument, results: Sequence[CheckResult]) -> dict[str, Strength | None]:
    """Obligation name → the strength of the first clause that imposes it, or None; ``results``
    are the document checked against ``topic_items()``."""
    out: dict[str, Strength | None] = {}
    for result in results:
        if result.present:
            clause = document.by_id(result.clauses[0])
            out[result.item.name] = strength(profile(obligation_text(document, clause)))
        else:
            out[result.item.name] = None
    return out


def coverage_table(rows: Mapping[str, Mapping[str, Strength | None]]) -> Coverage:
    """Issuers × obligations, followed by two summary rows: how many issuers impose each
    obligation and its usual (majority) wording."""
    import pandas as pd  # here, not at import: a batch worker reading documents needs no pandas

    names = [item.name for item in topic_items()]

    def cells(attribute: str) -> list[list[str]]:
        return [[getattr(row[name], attribute) if row.get(name) else "" for name in names] for row in rows.values()]

    table = pd.DataFrame(cells("text"), index=list(rows), columns=names)
    levels = pd.DataFrame(cells("level"), index=list(rows), columns=names)
    total = len(rows)
    imposed, usual, share = {}, {}, {}
    for name in names:
        values = [v for v in table[name] if v]
        imposed[name] = f"{len(values)}/{total}"
        share[name] = len(values) / total if total else 0.0
        usual[name] = Counter(values).most_common(1)[0][0] if values else ""
    summary = pd.DataFrame([imposed, usual], index=list(SUMMARY_ROWS), columns=names)
    matrix = pd.concat([table, summary])
    matrix.index.name = levels.index.name = "issuer"
    return Coverage(matrix, levels, share, SUMMARY_ROWS)

