"""Versions stage: two versions of one template → a VersionDiff (the rows of a 新旧対照表).

    version_rows         articles aligned in order (renumbering, insertions, deletions, moves,
                         splits and merges), each row's paragraphs and items aligned in turn
    reference_problems   the new version's cross-references that point at the wrong place
    metadata_changes     the title, revision lines, 別記 lines and notes that changed

The obligation reasons of amended rows come from the judgement stage (``pipeline.api``
composes them); this stage says what changed, not what it means.
"""

from __future__ import annotations

from pipeline.model import MetadataChange, SegmentedDocument, VersionDiff
from pipeline.versions.references import reference_problems
from pipeline.versions.rows import version_rows
from pipeline.versions.texts import exact_key


def metadata_changes(old: SegmentedDocument, new: SegmentedDocument) -> list[MetadataChange]:
    """Metadata lines (title, 別記, revision dates, notes) present on one side only, paired by
    kind where a kind has one line changed on each side."""
    kinds = ("page", "label")  # page numbers and unreadable labels are no content
    lines_a = [m for m in old.metadata if m.kind not in kinds]
    lines_b = [m for m in new.metadata if m.kind not in kinds]
    keys_b = [exact_key(m.text) for m in lines_b]
    keys_a = [exact_key(m.text) for m in lines_a]
    only_a = [m for m, k in zip(lines_a, keys_a) if k not in keys_b]
    only_b = [m for m, k in zip(lines_b, keys_b) if k not in keys_a]
    out = []
    for line in only_a:
        partner = next((m for m in only_b if m.kind == line.kind), None)
        if partner is not None:
            only_b.remove(partner)
        out.append(MetadataChange(line.text, partner.text if partner else None))
    out += [MetadataChange(None, line.text) for line in only_b]
    return out


def diff_versions(old: SegmentedDocument, new: SegmentedDocument) -> VersionDiff:
    rows = version_rows(old, new)
    return VersionDiff(old, new, rows, reference_problems(old, new, rows), metadata_changes(old, new))


__all__ = ["diff_versions", "metadata_changes"]
