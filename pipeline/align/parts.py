"""Inside two matched articles: which paragraph or item corresponds to which (pure functions).

An article that gained a paragraph (「２ …消去し、又は廃棄したときは、その日時及び方法を記載
した書面を委託者に提出しなければならない」) matches its old self almost perfectly as a whole;
only part by part does the new duty show. The parts of an article are its paragraphs (their
lead text) and its items, in order. Two articles' parts are paired by a one-to-one assignment
on character-bigram overlap (Dice) of their folded texts, ties going to the same position. A
part left over is ``new`` — a provision the other article lacks — when the other parts pair
closely (versions of one text) and the other article does not say its words elsewhere.
"""

from __future__ import annotations

import numpy as np

from pipeline.model import Clause, PartMatch, SegmentedDocument
from pipeline.text.overlap import folded_bigrams, dice

# Below this overlap two parts are not versions of one text (one reworded keeps about half its
# bigrams; two unrelated clauses of one template share their boilerplate, about a fifth).
PAIRING_OVERLAP = 0.35
# A one-sided part whose bigrams the other article holds to this share says nothing new.
CONTAINED_SHARE = 0.85


def parts_of(document: SegmentedDocument, article_id: str) -> list[Clause]:
    """An article's paragraphs (with lead text) and items, in document order."""
    prefix = article_id + "."
    return [c for c in document.clauses
            if c.id.startswith(prefix) and (c.kind != "paragraph" or c.own_text.strip())]


def part_text(clause: Clause) -> str:
    """What a part says itself: a paragraph's lead without its items, an item whole."""
    return clause.own_text if clause.kind == "paragraph" else clause.text




def align_parts(a: SegmentedDocument, article_a: str, b: SegmentedDocument, article_b: str) -> tuple[PartMatch, ...]:
    """The parts of two matched articles, paired one to one (as many as the shorter side has),
    then those on one side only, in A's order (B's unpaired parts after the A part they follow)."""
    from scipy.optimize import linear_sum_assignment

    parts_a, parts_b = parts_of(a, article_a), parts_of(b, article_b)
    grams_a = [folded_bigrams(part_text(c)) for c in parts_a]
    grams_b = [folded_bigrams(part_text(c)) for c in parts_b]
    overlap = np.array([[dice(x, y) for y in grams_b] for x in grams_a]).reshape(len(parts_a), len(parts_b))
    # the same position breaks a tie between equal overlaps (numbered paragraphs stay in order)
    position = np.array([[-abs(i / max(1, len(parts_a)) - j / max(1, len(parts_b))) for j in range(len(parts_b))]
                         for i in range(len(parts_a))]).reshape(overlap.shape)
    pairs: dict[int, int] = {}
    if overlap.size:
        rows, cols = linear_sum_assignment(overlap + 1e-6 * position, maximize=True)
        assigned = {int(i): int(j) for i, j in zip(rows, cols)}
        # two paragraphs as unlike as two different clauses are not one paragraph revised (items,
        # short phrases, are reworded out of recognition more easily: they stay paired)
        pairs = {i: j for i, j in assigned.items()
                 if overlap[i, j] >= PAIRING_OVERLAP or len(parts_a) == len(parts_b) == 1
                 or not (parts_a[i].kind == parts_b[j].kind == "paragraph")}
    # a one-sided part may be new only where the rest pairs up as one text's versions do
    close = bool(pairs) and all(overlap[i, j] >= PAIRING_OVERLAP for i, j in pairs.items())
    whole_a = frozenset().union(*grams_a) if grams_a else frozenset()
    whole_b = frozenset().union(*grams_b) if grams_b else frozenset()

    def new(grams: frozenset[str], other: frozenset[str]) -> bool:
        return close and bool(grams) and len(grams & other) / len(grams) < CONTAINED_SHARE

    out: list[PartMatch] = []
    pending_b = [j for j in range(len(parts_b)) if j not in set(pairs.values())]
    for i, clause in enumerate(parts_a):
        if i in pairs:
            j = pairs[i]
            while pending_b and pending_b[0] < j:  # B's one-sided parts before this pair's B part
                k = pending_b.pop(0)
                out.append(PartMatch(None, parts_b[k].id, None, new(grams_b[k], whole_a)))
            out.append(PartMatch(clause.id, parts_b[j].id, round(float(overlap[i, j]), 3)))
        else:
            out.append(PartMatch(clause.id, None, None, new(grams_a[i], whole_b)))
    for k in pending_b:
        out.append(PartMatch(None, parts_b[k].id, None, new(grams_b[k], whole_a)))
    return tuple(out)
