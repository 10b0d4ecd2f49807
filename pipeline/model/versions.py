"""Two versions of one template: what changed, row by row (the ``tokki diff`` JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model.documents import SegmentedDocument

# unchanged: the same text; renumbered: the same text under a new number; wording (表記のみ): only
# spelling variants, width, punctuation or line breaks differ; amended; added; deleted
VERSION_CHANGES = ("unchanged", "renumbered", "wording", "amended", "added", "deleted")


@dataclass
class UnitChange:
    """A paragraph or item of a row: its id in each version (None where it is absent)."""

    old: str | None
    new: str | None
    change: str  # one of VERSION_CHANGES

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new, "change": self.change}


@dataclass
class VersionRow:
    """An article in the old and the new version (one side None if added or deleted)."""

    old: str | None
    new: str | None
    change: str  # one of VERSION_CHANGES
    units: list[UnitChange] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # the obligation reasons of an amended row
    moved: bool = False  # found out of order (a move), not only renumbered in place
    split_or_merged: bool = False  # one of several rows an article was split into, or merged from

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new, "change": self.change,
                "units": [u.to_json() for u in self.units], "reasons": self.reasons}


@dataclass
class ReferenceProblem:
    """A cross-reference inside the new version (第５, 前条, 第３条第２項 …) and where it points."""

    in_: str  # clause id in NEW holding it
    text: str  # the reference as printed
    points_to: str | None  # the clause id it names in NEW, None if none
    should_be: str | None  # what it should say, if it points at the wrong place
    problem: str

    def to_json(self) -> dict:
        return {"in": self.in_, "text": self.text, "points_to": self.points_to, "should_be": self.should_be,
                "problem": self.problem}


@dataclass
class MetadataChange:
    old: str | None
    new: str | None

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new}


@dataclass
class VersionDiff:
    old: SegmentedDocument
    new: SegmentedDocument
    rows: list[VersionRow]
    references: list[ReferenceProblem] = field(default_factory=list)
    metadata: list[MetadataChange] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "old": {"source": self.old.source, "title": self.old.title},
            "new": {"source": self.new.source, "title": self.new.title},
            "rows": [row.to_json() for row in self.rows],
            "references": [r.to_json() for r in self.references],
            "metadata": [m.to_json() for m in self.metadata],
        }

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(VERSION_CHANGES, 0)
        for row in self.rows:
            counts[row.change] += 1
        return counts


__all__ = ["VERSION_CHANGES", "UnitChange", "VersionRow", "ReferenceProblem", "MetadataChange", "VersionDiff"]
