"""Choosing counterparts jointly, from the article pairs' probabilities (pure functions).

1. ``assign``: a maximum-weight one-to-one matching of articles over the pairs more likely than
   not (``scipy.optimize.linear_sum_assignment``) — a generic article cannot be everyone's best
   match, as a greedy best-match rule lets it be.
2. ``spread``: an article the assignment left over may then join an already matched article of
   the other side (防府市 第４ ↔ 福岡県 第２, 第３, 第１０, 第１１): the joining model decides,
   best candidate first, from the best unit pair of the two articles — preferring a paragraph
   or item the matched pair does not use — and whether it shares a part with a pair already made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pipeline.align.features import (FEATURE_NAMES, JOIN_FEATURE_NAMES, ArticlePairs, Unit, first_best, heading_parts,
                                     states_purpose)
from pipeline.text.folds import fold_text

Edge = tuple[int, int]  # (row: article of A, column: article of B)


def assign(probability: np.ndarray, threshold: float) -> set[Edge]:
    from scipy.optimize import linear_sum_assignment

    if not probability.size:
        return set()
    likely = probability >= threshold
    rows, cols = linear_sum_assignment(np.where(likely, probability, 0.0), maximize=True)
    return {(int(r), int(c)) for r, c in zip(rows, cols) if likely[r, c]}


@dataclass(frozen=True)
class JoinCandidate:
    edge: Edge
    units: tuple[int, int]  # unit of A, unit of B
    features: np.ndarray  # JOIN_FEATURE_NAMES


def _covers(part: Unit, used: list[Unit]) -> bool:
    return part.clause.kind == "article" or any(part.overlaps(u) for u in used)


def _used_parts(pairs: ArticlePairs, edges: dict[Edge, tuple[int, int]]) -> tuple[dict[int, list[Unit]], dict[int, list[Unit]]]:
    used_a: dict[int, list[Unit]] = {}
    used_b: dict[int, list[Unit]] = {}
    for (r, c), (i, j) in edges.items():
        used_a.setdefault(r, []).append(pairs.units_a[i])
        used_b.setdefault(c, []).append(pairs.units_b[j])
    return used_a, used_b


def says_something_of_its_own(pairs: ArticlePairs, edges: dict[Edge, tuple[int, int]], r: int, c: int) -> bool:
    """Whether the left-over article of (r, c) shares with the matched one some wording that the
    matched one's present counterparts do not also hold. When all they share is what the
    counterparts hold too (従事者の教育 and 従事者の監督 on one side, 監督 alone on the other:
    「この契約による業務に従事する者に対し、個人情報の…」), the matched article tells nothing
    about the left-over one, however similar the two read."""
    if r in {row for row, _ in edges}:  # A's article is matched, B's left over
        matched = pairs.article_bigrams("a", r)
        left_over = pairs.article_bigrams("b", c)
        partners = [pairs.article_bigrams("b", col) for row, col in edges if row == r]
    else:
        matched = pairs.article_bigrams("b", c)
        left_over = pairs.article_bigrams("a", r)
        partners = [pairs.article_bigrams("a", row) for row, col in edges if col == c]
    return bool((left_over & matched) - frozenset().union(*partners))


def heads_a_part(pairs: ArticlePairs, edges: dict[Edge, tuple[int, int]], r: int, c: int) -> bool:
    """The shape of two articles merged into one: a part of a compound heading (報告及び調査)
    stands for the other article of (r, c) and for none of the matched article's present
    counterparts. Either the matched article's heading is compound and a part heads the left-over
    article (報告 in 遵守状況の報告, the counterpart being 調査), or the left-over article's heading
    is compound and a part is said in the matched article's text but not in its counterparts'
    (指示及び報告 ↔ 実地調査等 「…必要な指示をすることができる」, the counterpart being 調査)."""
    def article(side: str, k: int):
        units, members = (pairs.units_a, pairs.units_of_row) if side == "a" else (pairs.units_b, pairs.units_of_col)
        return units[int(members[k][0])].article

    if r in {row for row, _ in edges}:
        matched, left_over = article("a", r), article("b", c)
        partners = [article("b", col) for row, col in edges if row == r]
    else:
        matched, left_over = article("b", c), article("a", r)
        partners = [article("a", row) for row, col in edges if col == c]
    head = fold_text(left_over.heading or "")
    partner_heads = [fold_text(p.heading or "") for p in partners]
    if any(part in head and not any(part in h for h in partner_heads) for part in heading_parts(matched.heading or "")):
        return True
    said = fold_text(matched.text)
    partner_texts = [fold_text(p.text) for p in partners]
    return any(part in said and not any(part in t for t in partner_texts) for part in heading_parts(left_over.heading or ""))


def join_candidates(pairs: ArticlePairs, edges: dict[Edge, tuple[int, int]]) -> list[JoinCandidate]:
    """Every (matched article, left-over article) pair that says something of its own (above),
    through its best unit pair: the best among parts the matched side does not use yet, or, if
    none is as good, the best overall."""
    used_a, used_b = _used_parts(pairs, edges)
    matched_rows, matched_cols = {r for r, _ in edges}, {c for _, c in edges}
    S = pairs.unit_similarity.combined
    out = []
    for r, c in np.ndindex(*pairs.similarity.shape):
        if (r in matched_rows) == (c in matched_cols):
            continue  # both matched already, or neither (the assignment kept them apart)
        if not says_something_of_its_own(pairs, edges, r, c):
            continue
        if states_purpose(pairs.units_a[int(pairs.units_of_row[r][0])].article) or \
                states_purpose(pairs.units_b[int(pairs.units_of_col[c][0])].article):
            continue  # a 趣旨/目的 article carries no obligation to spread
        rows, cols = pairs.units_of_row[r], pairs.units_of_col[c]
        block = S[rows][:, cols]
        i, j = first_best(block, rows, cols)
        shares = 1.0
        # the parts the matched side does not use yet
        if r in matched_rows:
            free = np.array([not _covers(pairs.units_a[u], used_a[r]) for u in rows])[:, None]
        else:
            free = np.array([not _covers(pairs.units_b[u], used_b[c]) for u in cols])[None, :]
        if free.any():
            fi, fj = first_best(np.where(free, block, -np.inf), rows, cols)
            if S[fi, fj] >= S[i, j]:
                i, j, shares = fi, fj, 0.0
        f = dict(zip(FEATURE_NAMES, pairs.features_of(i, j)))
        left_over, matched = ("column_margin", "row_margin") if r in matched_rows else ("row_margin", "column_margin")
        features = [f["similarity"], f["topic"], f["other_topic"], f[left_over], f[matched], shares,
                    float(heads_a_part(pairs, edges, int(r), int(c)))]
        out.append(JoinCandidate((int(r), int(c)), (i, j), np.array(features)))
    return out


def rather_joined(pairs: ArticlePairs, edges: dict[Edge, tuple[int, int]], probability: np.ndarray,
                  join_probability: Callable[[np.ndarray], float]) -> dict[Edge, tuple[int, int]]:
    """The assigned pairs, less those whose article would more probably join a pair already
    made: 第６ (持出しの禁止) assigned to 第5条 (作業場所の特定) at 0.68 while its text is 第7条
    第２項 of an article the assignment gave to 第５ (複写の禁止). Only a pair whose best unit
    pair is not each other's best (a negative margin) is reconsidered, least probable first;
    its articles are then left over, for ``spread`` to join or leave without counterpart."""
    kept = dict(edges)
    margins = [FEATURE_NAMES.index("row_margin"), FEATURE_NAMES.index("column_margin")]
    doubtful = [e for e in edges if (pairs.features[e][margins] < 0).any()]
    for edge in sorted(doubtful, key=lambda e: (float(probability[e]), e)):
        trial = {e: units for e, units in kept.items() if e != edge}
        r, c = edge
        joins = [float(join_probability(k.features)) for k in join_candidates(pairs, trial)
                 if k.edge[0] == r or k.edge[1] == c]
        if joins and max(joins) > probability[edge]:
            kept = trial
    return kept


def spread(pairs: ArticlePairs, edges: dict[Edge, tuple[int, int]], join_probability: Callable[[np.ndarray], float],
           threshold: float) -> dict[Edge, tuple[int, int, float]]:
    """The joins, one at a time, most probable first (each join changes what is left over)."""
    joined: dict[Edge, tuple[int, int, float]] = {}
    current = dict(edges)
    while True:
        scored = [(float(join_probability(k.features)), k) for k in join_candidates(pairs, current)]
        scored = [(p, k) for p, k in scored if p >= threshold]
        if not scored:
            return joined
        p, best = max(scored, key=lambda pk: (pk[0], -pk[1].edge[0], -pk[1].edge[1]))
        current[best.edge] = best.units
        joined[best.edge] = (*best.units, p)
