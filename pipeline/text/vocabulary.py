"""The domain's vocabulary of obligations: the official checklist's items and tokki's topics.

Both are data shipped in ``pipeline/data`` (see its README for the source). Alignment asks
which topics a clause speaks of; judgement checks a document against the items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.text.folds import fold_text


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    criteria: tuple[tuple[str, ...], ...]
    description: str = ""
    # what only touches the item (a clause on damages touches incident response): partial
    weak: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def evidence(self, folded: str) -> list[str] | None:
        """The keyword found for each group, or None if some group has none."""
        found = []
        for group in self.criteria:
            keyword = next((k for k in group if k in folded), None)
            if keyword is None:
                return None
            found.append(keyword)
        return found

    def weak_evidence(self, folded: str) -> list[str] | None:
        """The keywords of the first ``weak`` criteria the text meets, or None."""
        for criteria in self.weak:
            found = [next((k for k in group if k in folded), None) for group in criteria]
            if all(found):
                return found
        return None


def _load(name: str) -> tuple[dict, tuple[Item, ...]]:
    data = json.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))
    items = tuple(
        Item(i["id"], i["name"], tuple(tuple(g) for g in i["criteria"]), i.get("description", ""),
             (tuple(tuple(g) for g in i["weak"]),) if i.get("weak") else ())
        for i in data["items"]
    )
    return data["source"], items


# The yardsticks a template is checked against: the 番号法 list for templates that cover
# 特定個人情報, the 個人情報保護法 (行政機関等) list for the others (pipeline/data/README.md).
CHECKLISTS = {"mynumber": "checklist.json", "kojinjoho": "checklist-kojinjoho.json"}


@lru_cache(maxsize=4)
def checklist(checklist_id: str) -> tuple[dict, tuple[Item, ...]]:
    """A yardstick's source (with its ``id``) and items."""
    source, items = _load(CHECKLISTS[checklist_id])
    return {**source, "id": checklist_id}, items


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
