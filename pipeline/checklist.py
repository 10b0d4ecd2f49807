"""The official checklist (個人情報保護委員会 guideline) and obligation topics.

Both are data shipped in ``pipeline/data`` (see its README for the source). An item is
satisfied by a clause whose folded text holds, for every keyword group of the item's
criteria, at least one keyword — so the reason is a list of words a lawyer can find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.model import SegmentedDocument
from pipeline.obligations import fold_text


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    criteria: tuple[tuple[str, ...], ...]
    description: str = ""

    def evidence(self, folded: str) -> list[str] | None:
        """The keyword found for each group, or None if some group has none."""
        found = []
        for group in self.criteria:
            keyword = next((k for k in group if k in folded), None)
            if keyword is None:
                return None
            found.append(keyword)
        return found


def _load(name: str) -> tuple[dict, tuple[Item, ...]]:
    data = json.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))
    items = tuple(
        Item(i["id"], i["name"], tuple(tuple(g) for g in i["criteria"]), i.get("description", ""))
        for i in data["items"]
    )
    return data["source"], items


@lru_cache(maxsize=1)
def official_checklist() -> tuple[dict, tuple[Item, ...]]:
    return _load("checklist.json")


@lru_cache(maxsize=1)
def topic_items() -> tuple[Item, ...]:
    return official_checklist()[1] + _load("topics.json")[1]


@lru_cache(maxsize=16384)
def topics(text: str) -> frozenset[str]:
    """The obligation topics a clause speaks of (checklist items and tokki's own topics)."""
    folded = fold_text(text)
    return frozenset(item.id for item in topic_items() if item.evidence(folded) is not None)


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
