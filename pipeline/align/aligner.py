"""Alignment: which clauses of template B carry the obligations of template A.

``ClauseAligner`` is a scikit-learn estimator (``BaseEstimator``: ``get_params``, ``clone``):
``__init__`` only stores parameters, ``fit(a, b)`` learns and returns self, learned attributes
end in ``_``. It says which units correspond and how likely that is (``matches_``); what their
obligations say is the judgement stage's business.

Similarity (``features.py``) is independent of order and numbering: TF-IDF over Sudachi terms
(with role folding: 甲 = 委託者), TF-IDF over character n-grams of the folded text, the
headings and the heading topics, over articles and their paragraphs and items, cross-references
removed. The article pairs' features become calibrated probabilities (``calibration.py``), and
the counterparts are chosen jointly (``matching.py``): a one-to-one assignment over both
templates, then left-over articles joining a matched one where one article is spread over
several. A pair less likely than not is no counterpart — the article is reported missing (in A)
or extra (in B) with its nearest unit named, never forced onto its least-bad match.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator

from pipeline.align.calibration import CALIBRATION_FILE, alignment_models
from pipeline.align.features import Unit, article_pairs, unit_similarity, units_of
from pipeline.align.matching import assign, rather_joined, spread
from pipeline.align.parts import align_parts
from pipeline.model import Match, Nearest, TokenizedDocument


class ClauseAligner(BaseEstimator):
    """Aligns the articles of two tokenized documents through their units.

    ``calibration``: the pairing model's file in pipeline/data, or None for the raw similarity
    against ``threshold`` (what the calibration tool itself uses).

    Learned: ``units_a_``, ``units_b_`` (the units), ``similarity_`` (units of A × units of B),
    ``article_similarity_`` (articles × articles: the best pair of units inside each two),
    ``probability_`` (articles × articles: P(corresponding)), ``features_`` (the article pairs'
    features), ``matches_`` (one Match per pair of corresponding articles, and per article with
    none)."""

    def __init__(self, threshold: float = 0.22, word_weight: float = 0.4, char_weight: float = 0.25,
                 heading_weight: float = 0.35, topic_weight: float = 0.3, max_df: float = 0.5,
                 other_party_factor: float = 0.7, other_topic_factor: float = 0.6,
                 calibration: str | None = CALIBRATION_FILE):
        self.threshold = threshold
        self.word_weight = word_weight
        self.char_weight = char_weight
        self.heading_weight = heading_weight
        self.topic_weight = topic_weight
        self.max_df = max_df
        self.other_party_factor = other_party_factor
        self.other_topic_factor = other_topic_factor
        self.calibration = calibration

    def fit(self, a: TokenizedDocument, b: TokenizedDocument) -> "ClauseAligner":
        self.units_a_ = units_of(a)
        self.units_b_ = units_of(b)
        self.documents_ = (a.document, b.document)
        self.articles_a_ = [c.id for c in a.document.articles()]
        self.articles_b_ = [c.id for c in b.document.articles()]
        similarity = unit_similarity(
            self.units_a_, self.units_b_, word_weight=self.word_weight, char_weight=self.char_weight,
            heading_weight=self.heading_weight, topic_weight=self.topic_weight, max_df=self.max_df,
            other_party_factor=self.other_party_factor, other_topic_factor=self.other_topic_factor)
        self.similarity_ = similarity.combined
        pairs = article_pairs(self.units_a_, self.units_b_, similarity, self.articles_a_, self.articles_b_)
        self.article_similarity_ = pairs.similarity
        self.best_units_ = pairs.best_units
        self.features_ = pairs.features
        self.pairs_ = pairs
        if self.calibration is None:  # the similarity itself, against ``threshold``
            self.probability_, self.threshold_ = pairs.similarity.copy(), self.threshold
        else:
            pairing = alignment_models(self.calibration).pairing
            self.probability_, self.threshold_ = pairing.probability(pairs.features), pairing.threshold
        self.matches_ = self._match()
        return self

    # -- the joint assignment ---------------------------------------------------------
    def _match(self) -> list[Match]:
        edges = {edge: tuple(int(k) for k in self.best_units_[edge]) for edge in assign(self.probability_, self.threshold_)}
        if self.calibration is not None:
            joining = alignment_models(self.calibration).joining
            edges = rather_joined(self.pairs_, edges, self.probability_, joining.probability)
            for edge, (i, j, p) in spread(self.pairs_, edges, joining.probability, joining.threshold).items():
                self.best_units_[edge] = (i, j)
                self.probability_[edge] = p
                edges[edge] = (i, j)
        return self._matches(set(edges))

    def repaired(self, decisions: Sequence[tuple[str | None, str | None]]) -> list[Match]:
        """The matches with a reader's decisions applied in order: ``(a, b)`` pairs article a of
        A with article b of B (and with nothing else), ``(a, None)`` and ``(None, b)`` leave
        one without counterpart. The rest stands; the scores stay the model's."""
        rows = {article: r for r, article in enumerate(self.articles_a_)}
        cols = {article: c for c, article in enumerate(self.articles_b_)}
        edges = {(rows[m.a], cols[m.b]) for m in self.matches_ if m.a is not None and m.b is not None}
        for a, b in decisions:
            if (a is not None and a not in rows) or (b is not None and b not in cols):
                raise KeyError(f"no article {a if a is not None and a not in rows else b} to pair")
            edges = {(r, c) for r, c in edges
                     if (a is None or r != rows[a]) and (b is None or c != cols[b])}
            if a is not None and b is not None:
                edges.add((rows[a], cols[b]))
        return self._matches(edges)

    def _share_out(self, units: list[Unit], article_of: np.ndarray, article: int, counterparts: list[int],
                   other_article_of: np.ndarray, axis: int) -> dict[int, tuple[str, ...]]:
        """counterpart → the parts of ``article`` most like it (clause ids, in order)."""
        S = self.similarity_ if axis == 0 else self.similarity_.T
        shares: dict[int, list[str]] = {}
        for k in _top_parts(units, [int(k) for k in np.flatnonzero(article_of == article)]):
            best = max(counterparts, key=lambda c: (S[k, other_article_of == c].max(), -c))
            shares.setdefault(best, []).append(units[k].clause.id)
        return {c: tuple(ids) for c, ids in shares.items()}

    def _matches(self, edges: set[tuple[int, int]]) -> list[Match]:
        per_row: dict[int, int] = {}
        per_col: dict[int, int] = {}
        for r, c in edges:
            per_row[r] = per_row.get(r, 0) + 1
            per_col[c] = per_col.get(c, 0) + 1
        # an article matched to one counterpart corresponds whole; one spread over several, by
        # its parts, each part going to the counterpart it is most like
        shares_a = {r: self._share_out(self.units_a_, self.pairs_.row_of, r, [c for rr, c in edges if rr == r],
                                       self.pairs_.col_of, axis=0) for r in per_row if per_row[r] > 1}
        shares_b = {c: self._share_out(self.units_b_, self.pairs_.col_of, c, [r for r, cc in edges if cc == c],
                                       self.pairs_.row_of, axis=1) for c in per_col if per_col[c] > 1}
        matches: list[Match] = []
        for r, article in enumerate(self.articles_a_):
            for c in sorted(c for rr, c in edges if rr == r):
                i, j = self.best_units_[r, c]
                units_a = (article,) if per_row[r] == 1 else shares_a[r].get(c) or (self.units_a_[i].clause.id,)
                units_b = (self.articles_b_[c],) if per_col[c] == 1 else shares_b[c].get(r) or (self.units_b_[j].clause.id,)
                whole = per_row[r] == 1 and per_col[c] == 1
                parts = align_parts(self.documents_[0], article, self.documents_[1], self.articles_b_[c]) if whole else ()
                matches.append(Match(article, self.articles_b_[c], round(float(self.probability_[r, c]), 3),
                                     units_a, units_b,
                                     similarity=round(float(self.article_similarity_[r, c]), 3), parts=parts))
            if r not in per_row:
                rows = [i for i, u in enumerate(self.units_a_) if u.article.id == article]
                matches.append(Match(article, None, None, nearest=_nearest(self.similarity_[rows, :].max(axis=0),
                                                                           self.units_b_)))
        for c, article in enumerate(self.articles_b_):
            if c not in per_col:
                cols = [j for j, u in enumerate(self.units_b_) if u.article.id == article]
                matches.append(Match(None, article, None, nearest=_nearest(self.similarity_[:, cols].max(axis=1),
                                                                           self.units_a_)))
        return matches


def _top_parts(units: list[Unit], article_units: list[int]) -> list[int]:
    """An article's parts, each a provision of its own: its items, and its paragraphs that have
    none (a lead 「次の措置を講じなければならない」 is read with each of its items)."""
    items = [k for k in article_units if units[k].clause.kind == "item"]
    has_items = {units[k].clause.parent for k in items}
    paragraphs = [k for k in article_units if units[k].clause.kind == "paragraph" and units[k].clause.id not in has_items]
    return sorted(items + paragraphs, key=lambda k: units[k].clause.start)


def _nearest(scores: np.ndarray, others: list[Unit]) -> Nearest | None:
    if not len(scores):
        return None
    k = int(np.argmax(scores))
    return Nearest(others[k].article.id, others[k].clause.id, float(scores[k]))
