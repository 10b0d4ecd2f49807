"""A document against the checklist that applies to it, item by item.

Which yardstick (``applicable_checklist``): the 番号法 list (特定個人情報の適正な取扱いに関する
ガイドライン（行政機関等編）) for a template that covers 特定個人情報; for the others — most
templates, about 保有個人情報 in general under 個人情報保護法 第66条 — the PPC's list for
行政機関等. A check says which it applied and why, and never reports 番号法 items as plainly
missing from a template that is not about 特定個人情報.

An item (``pipeline.text.vocabulary``) is satisfied by a clause whose folded text holds,
for every keyword group of the item's criteria, at least one keyword — so the reason is a
list of words a lawyer can find. A clause that only touches it (a damages clause, for the
duty to report an incident) makes it ``partial``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import ChecklistFinding, SegmentedDocument
from pipeline.text.folds import fold_text
from pipeline.text.vocabulary import Item, checklist, official_checklist

# What shows a template covers 特定個人情報 (My Number).
_MY_NUMBER = re.compile(r"特定個人情報|個人番号|番号法|マイナンバー|番号の利用等に関する法律")


def applicable_checklist(document: SegmentedDocument) -> tuple[str, str]:
    """The yardstick's id, and why it applies (the words a reader can find)."""
    text = "\n".join(fold_text(c.text) for c in document.articles())
    if m := _MY_NUMBER.search(text):
        return "mynumber", f"the template covers 特定個人情報 (it says 「{m.group(0)}」)"
    return "kojinjoho", "the template does not mention 特定個人情報, so the 番号法 list does not apply"


@dataclass
class CheckResult:
    item: Item
    clauses: list[str]  # ids of the clauses that satisfy it, most specific first
    evidence: dict[str, list[str]]  # clause id → keywords found

    partial_clauses: list[str] | None = None  # clauses that only touch the item, when not present
    checklist_id: str = "mynumber"

    @property
    def present(self) -> bool:
        return bool(self.clauses)

    @property
    def status(self) -> str:
        return "present" if self.present else "partial" if self.partial_clauses else "missing"

    def to_json(self) -> dict:
        return {
            "id": self.item.id,
            "name": self.item.name,
            "status": self.status,
            "clauses": self.clauses or list(self.partial_clauses or []),
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
        return ChecklistFinding(self.item.id, self.item.name, self.present,
                                tuple(self.clauses or self.partial_clauses or ()), round(self.score, 3),
                                bool(self.partial_clauses) and not self.present, self.checklist_id)


def check(document: SegmentedDocument, items: tuple[Item, ...] | None = None,
          checklist_id: str = "mynumber") -> list[CheckResult]:
    """For each item of the 番号法 checklist (or each of ``items``), the clauses that satisfy it.

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
        result = CheckResult(item, specific, {cid: satisfied[cid] for cid in specific}, checklist_id=checklist_id)
        if not specific:
            touched = {cid: ev for cid, text in folded.items() if (ev := item.weak_evidence(text)) is not None}
            if touched:
                result.partial_clauses = [cid for cid in touched
                                          if not any(o != cid and o.startswith(cid + ".") for o in touched)]
                result.evidence = {cid: touched[cid] for cid in result.partial_clauses}
            result._partial = max(
                (sum(any(k in text for k in group) for group in item.criteria) / len(item.criteria)
                 for text in folded.values()),
                default=0.0,
            )
        results.append(result)
    return results


def check_applicable(document: SegmentedDocument, checklist_id: str | None = None) -> tuple[dict, str, list[CheckResult]]:
    """The document against its yardstick (``checklist_id`` to choose one): the checklist's
    source, why it applies, and the results."""
    if checklist_id is None:
        checklist_id, why = applicable_checklist(document)
    else:
        why = "chosen by the user"
    source, items = checklist(checklist_id)
    return source, why, check(document, items, checklist_id)
