"""The rows of a 新旧対照表: which article of the old version is which of the new, and how it
changed, unit by unit (pure functions)."""

from __future__ import annotations

from pipeline.model import Clause, SegmentedDocument, UnitChange, VersionRow
from pipeline.text.overlap import dice, held
from pipeline.versions.sequence import in_order, out_of_order
from pipeline.versions.texts import article_text, bigrams, change_kind, part_text

# Two articles at least this alike are one article, revised (in order).
IN_ORDER_SIMILARITY = 0.5
# Out of order, only a near-copy is the same article moved.
MOVED_SIMILARITY = 0.8
# A left-over article this much held by a matched one was split from it (or merged into it).
SPLIT_SHARE = 0.8


def parts(document: SegmentedDocument, article: Clause) -> list[Clause]:
    """An article's paragraphs (with lead text) and items, in order."""
    prefix = article.id + "."
    return [c for c in document.clauses if c.id.startswith(prefix) and (c.kind != "paragraph" or c.own_text.strip())]


def unit_changes(old: SegmentedDocument, new: SegmentedDocument, a: Clause, b: Clause) -> list[UnitChange]:
    """The paragraphs and items of two versions of an article, aligned in order."""
    parts_a, parts_b = parts(old, a), parts(new, b)
    grams_a = [bigrams(part_text(c)) for c in parts_a]
    grams_b = [bigrams(part_text(c)) for c in parts_b]
    similarity = [[dice(x, y) for y in grams_b] for x in grams_a]
    pairs = in_order(similarity, IN_ORDER_SIMILARITY) if parts_a and parts_b else []
    pairs += out_of_order(similarity, pairs, MOVED_SIMILARITY) if parts_a and parts_b else []
    of_b = {j: i for i, j in pairs}
    paired_a = {i for i, _ in pairs}
    out: list[UnitChange] = []
    next_a = 0  # A's unpaired parts go before the first B part paired after them
    for j, clause_b in enumerate(parts_b):
        if j in of_b:
            i = of_b[j]
            while next_a < i:
                if next_a not in paired_a:
                    out.append(UnitChange(parts_a[next_a].id, None, "deleted"))
                next_a += 1
            next_a = max(next_a, i + 1)
            clause_a = parts_a[i]
            same_number = clause_a.id.split(".", 1)[1:] == clause_b.id.split(".", 1)[1:]
            out.append(UnitChange(clause_a.id, clause_b.id, change_kind(part_text(clause_a), part_text(clause_b), same_number)))
        else:
            out.append(UnitChange(None, clause_b.id, "added"))
    for i in range(next_a, len(parts_a)):
        if i not in paired_a:
            out.append(UnitChange(parts_a[i].id, None, "deleted"))
    return out


def _row(old: SegmentedDocument, new: SegmentedDocument, a: Clause, b: Clause, *, moved: bool = False,
         split: bool = False) -> VersionRow:
    units = unit_changes(old, new, a, b)
    change = change_kind(article_text(a), article_text(b), a.id == b.id)
    if change in ("unchanged", "renumbered") and any(u.change not in ("unchanged", "renumbered") for u in units):
        change = "amended"  # never hide a unit's change behind the article's
    if split:
        change = "amended"  # a part of the article went elsewhere
    return VersionRow(a.id, b.id, change, units, moved=moved, split_or_merged=split)


def _share_units(rows_by_new: list[list[VersionRow]]) -> None:
    """In the rows of a split or merged article, a paragraph on one side only that another of
    its rows pairs is not added or deleted: it went to (came from) that row."""
    rows = [row for group in rows_by_new for row in group if row.split_or_merged]
    paired_old = {u.old for row in rows for u in row.units if u.old and u.new}
    paired_new = {u.new for row in rows for u in row.units if u.old and u.new}
    for row in rows:
        row.units = [u for u in row.units if (u.old and u.new) or (u.old and u.old not in paired_old)
                     or (u.new and u.new not in paired_new)]


def version_rows(old: SegmentedDocument, new: SegmentedDocument) -> list[VersionRow]:
    """Rows in the new version's order, deleted articles where they stood; every article of
    both versions in at least one row."""
    arts_a, arts_b = list(old.articles()), list(new.articles())
    grams_a = [bigrams(article_text(c)) for c in arts_a]
    grams_b = [bigrams(article_text(c)) for c in arts_b]
    similarity = [[dice(x, y) for y in grams_b] for x in grams_a]
    pairs = in_order(similarity, IN_ORDER_SIMILARITY) if arts_a and arts_b else []
    moved = out_of_order(similarity, pairs, MOVED_SIMILARITY) if arts_a and arts_b else []
    matched = pairs + moved
    matched_a, matched_b = {i for i, _ in matched}, {j for _, j in matched}
    # a left-over new article held by a matched old one: split from it; and the reverse: merged
    extra: list[tuple[int, int]] = []
    for j in range(len(arts_b)):
        if j not in matched_b:
            share, i = max(((held(grams_b[j], grams_a[i]), i) for i in matched_a), default=(0.0, -1))
            if share >= SPLIT_SHARE:
                extra.append((i, j))
    for i in range(len(arts_a)):
        if i not in matched_a:
            share, j = max(((held(grams_a[i], grams_b[j]), j) for j in matched_b), default=(0.0, -1))
            if share >= SPLIT_SHARE:
                extra.append((i, j))
    split_articles_a = {i for i, _ in extra}
    split_articles_b = {j for _, j in extra}
    all_pairs = matched + extra
    moved_set = set(moved)
    rows_of_b: dict[int, list[VersionRow]] = {}
    for i, j in sorted(all_pairs, key=lambda p: (p[1], p[0])):
        split = (i, j) in extra or i in split_articles_a or j in split_articles_b
        rows_of_b.setdefault(j, []).append(_row(old, new, arts_a[i], arts_b[j], moved=(i, j) in moved_set, split=split))
    paired_a = {i for i, _ in all_pairs}
    # where each deleted old article stood: after the row of the old article before it
    deleted_after: dict[int, list[int]] = {}
    new_of_a = {}
    for i, j in sorted(all_pairs):
        new_of_a.setdefault(i, j)
    for i in range(len(arts_a)):
        if i not in paired_a:
            before = [new_of_a[k] for k in range(i) if k in new_of_a]
            deleted_after.setdefault(max(before) if before else -1, []).append(i)
    _share_units(list(rows_of_b.values()))

    def deleted(i: int) -> VersionRow:
        return VersionRow(arts_a[i].id, None, "deleted", [UnitChange(c.id, None, "deleted") for c in parts(old, arts_a[i])])

    rows: list[VersionRow] = [deleted(i) for i in deleted_after.get(-1, [])]
    for j, article in enumerate(arts_b):
        rows += rows_of_b.get(j) or [VersionRow(None, article.id, "added",
                                                 [UnitChange(None, c.id, "added") for c in parts(new, article)])]
        rows += [deleted(i) for i in deleted_after.get(j, [])]
    return rows
