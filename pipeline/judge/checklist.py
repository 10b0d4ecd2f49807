"""A document against the official checklist (個人情報保護委員会 guideline), item by item.

An item (``pipeline.text.vocabulary``) is satisfied by a clause whose folded text holds,
for every keyword group of the item's criteria, at least one keyword — so the reason is a
list of words a lawyer can find.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import ChecklistFinding, SegmentedDocument
from pipeline.text.folds import fold_text
from pipeline.text.vocabulary import Item, official_checklist


@dataclass
class CheckResult:
    item: Item
    clauses: list[str]  # ids of the clauses that satisfy it, most specific first
    evidence: dict[str, list[str]]  # clause id → keywords found

    @property
    def present(self) -> bool:
        return bool(self.clauses)

    def to_json(self) -> dict:
        return {
            "id": self.item.id,
            "name": self.item.name,
            "status": "present" if self.present else "missing",
            "clauses": self.clauses,
            "score": round(self.score, 3),
            "evidence": self.evidence,
        }

    @property
    def score(self) -> float:
        """Share of the item's keyword groups the best clause satisfies (1.0 when present)."""
        return 1.0 if self.present else self._partial

    _partial: float = 0.0

    def finding(self) -> ChecklistFinding:
        """The result as the model keeps it (what the batch tables and caches)."""
        return ChecklistFinding(self.item.id, self.item.name, self.present, tuple(self.clauses), round(self.score, 3))


def check(document: SegmentedDocument, items: tuple[Item, ...] | None = None) -> list[CheckResult]:
    """For each official checklist item (or each of ``items``), the clauses that satisfy it.

    Articles, paragraphs and items are tested; a clause is listed only if no clause inside
    it already satisfies the item (the most specific evidence), so a lawyer is pointed at
    the paragraph that says it.
    """
    if items is None:
        _, items = official_checklist()
    folded = {c.id: fold_text(c.text) for c in document.units()}
    results = []
    for item in items:
        satisfied = {cid: ev for cid, text in folded.items() if (ev := item.evidence(text)) is not None}
        specific = [cid for cid in satisfied if not any(o != cid and o.startswith(cid + ".") for o in satisfied)]
        result = CheckResult(item, specific, {cid: satisfied[cid] for cid in specific})
        if not specific:
            result._partial = max(
                (sum(any(k in text for k in group) for group in item.criteria) / len(item.criteria)
                 for text in folded.values()),
                default=0.0,
            )
        results.append(result)
    return results
