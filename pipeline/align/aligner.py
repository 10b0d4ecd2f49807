"""Alignment: which clauses of template B carry the obligations of template A.

``ClauseAligner`` is a scikit-learn estimator (``BaseEstimator``: ``get_params``, ``clone``):
``__init__`` only stores parameters, ``fit(a, b)`` learns and returns self, learned attributes
end in ``_``. It says which units correspond and how similar they are (``matches_``); what
their obligations say is the judgement stage's business.

Similarity is independent of order and numbering: TF-IDF over Sudachi terms (with role
folding: 甲 = 委託者), TF-IDF over character n-grams of the folded text, and the headings,
weighted. Units are articles *and* their paragraphs and items, so one article can be found
spread over several articles of the other template (防府市 第４ 安全管理義務 ↔ 福岡県 第２,
第３, 第１０, 第１１): an article of B is aligned to the article of A that holds its best
matching unit, and vice versa. A best match below ``threshold`` is no counterpart — the
article is reported missing (in A) or extra (in B), never forced onto its least-bad match.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator

from pipeline.model import Clause, Match, Nearest, TokenizedDocument
from pipeline.text.folds import fold_text
from pipeline.text.vocabulary import topics

# An item that is a short noun phrase (一 管理責任者の選定) names its topic like a heading.
TOPIC_ITEM_LENGTH = 40


@dataclass(frozen=True)
class Unit:
    """A clause as an alignment unit: an article, or a paragraph/item inside one, with its terms."""

    clause: Clause
    article: Clause
    terms: tuple[str, ...]
    heading_terms: tuple[str, ...]

    @property
    def heading(self) -> str:
        if self.clause.kind == "article":
            return self.clause.heading or ""
        if self.clause.kind in ("item", "subitem") and len(self.clause.text) <= TOPIC_ITEM_LENGTH:
            return self.clause.text
        return ""


def units_of(tokenized: TokenizedDocument) -> list[Unit]:
    document = tokenized.document
    articles = {c.id: c for c in document.articles()}
    units = []
    for clause in document.units():
        terms = tokenized.terms[clause.id]
        if clause.kind == "article":
            heading_terms = tokenized.heading_terms[clause.id]
        elif clause.kind in ("item", "subitem") and len(clause.text) <= TOPIC_ITEM_LENGTH:
            heading_terms = terms  # the item is its own heading
        else:
            heading_terms = ()
        units.append(Unit(clause, articles[clause.id.split(".")[0]], terms, heading_terms))
    return units


def _term_features(terms: tuple[str, ...]) -> list[str]:
    """What the word vectorizer counts: the terms and adjacent term bigrams."""
    return list(terms) + [f"{a} {b}" for a, b in zip(terms, terms[1:])]


_SUBJECT = re.compile(r"^(甲|乙)(?:は|が)")


def _subject(unit: Unit) -> str | None:
    """The party a clause speaks of first (甲は… / 乙は…), from the unit or its article."""
    for text in (unit.clause.text, unit.article.text):
        if m := _SUBJECT.match(fold_text(text)):
            return m.group(1)
    return None


def _cosine(rows_a, rows_b) -> np.ndarray:
    # TF-IDF rows are L2-normalised: the dot product is the cosine
    return np.asarray((rows_a @ rows_b.T).todense())


class ClauseAligner(BaseEstimator):
    """Aligns the articles of two tokenized documents through their units.

    Learned: ``units_a_``, ``units_b_`` (the units), ``similarity_`` (units of A × units of B),
    ``article_similarity_`` (articles × articles: the best pair of units inside each two),
    ``matches_`` (one Match per pair of corresponding articles, and per article with none)."""

    def __init__(self, threshold: float = 0.22, word_weight: float = 0.4, char_weight: float = 0.25,
                 heading_weight: float = 0.35, topic_weight: float = 0.3, max_df: float = 0.5,
                 other_party_factor: float = 0.7, other_topic_factor: float = 0.6):
        self.threshold = threshold
        self.word_weight = word_weight
        self.char_weight = char_weight
        self.heading_weight = heading_weight
        self.topic_weight = topic_weight
        self.max_df = max_df
        self.other_party_factor = other_party_factor
        self.other_topic_factor = other_topic_factor

    # -- similarity ------------------------------------------------------------------
    def _similarity(self, units_a: list[Unit], units_b: list[Unit]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [u.clause.text for u in units_a + units_b]
        folded = [fold_text(t) for t in texts]
        headings = [fold_text(u.heading) for u in units_a + units_b]
        n = len(units_a)

        # max_df drops what nearly every clause says (乙, 契約, 個人情報 …): it tells nothing apart
        words = TfidfVectorizer(analyzer=_term_features, sublinear_tf=True,
                                max_df=self.max_df).fit_transform([u.terms for u in units_a + units_b])
        chars = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True, max_df=self.max_df).fit_transform(folded)
        word_sim = _cosine(words[:n], words[n:])
        char_sim = _cosine(chars[:n], chars[n:])
        combined = self.word_weight * word_sim + self.char_weight * char_sim
        weight = np.full(combined.shape, self.word_weight + self.char_weight)
        if any(headings[:n]) and any(headings[n:]):
            heads = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform(headings)
            has_a = np.array([bool(h) for h in headings[:n]])[:, None]
            has_b = np.array([bool(h) for h in headings[n:]])[None, :]
            both = has_a & has_b
            combined = combined + self.heading_weight * _cosine(heads[:n], heads[n:]) * both
            weight = weight + self.heading_weight * both
        topic = self._topic_coverage(units_a, units_b)
        combined = combined + self.topic_weight * topic
        weight = weight + self.topic_weight
        # A right of the client (甲は…できる) is not a duty of the contractor (乙は…ならない).
        subjects_a = np.array([_subject(u) for u in units_a], dtype=object)[:, None]
        subjects_b = np.array([_subject(u) for u in units_b], dtype=object)[None, :]
        other_party = (subjects_a != subjects_b) & (subjects_a != None) & (subjects_b != None)  # noqa: E711
        combined = np.where(other_party, combined * self.other_party_factor, combined)
        # Two clauses about recognisably different obligations (返還 vs 複写の禁止) share only
        # boilerplate, however much of it.
        topics_a = [topics(u.clause.text) for u in units_a]
        topics_b = [topics(u.clause.text) for u in units_b]
        other_topic = np.array([[bool(ta) and bool(tb) and not (ta & tb) for tb in topics_b] for ta in topics_a])
        combined = np.where(other_topic, combined * self.other_topic_factor, combined)
        return np.clip(combined / weight, 0.0, 1.0)

    def _topic_coverage(self, units_a: list[Unit], units_b: list[Unit]) -> np.ndarray:
        """How much of one unit's heading the other unit's text speaks of (idf-weighted),
        the larger of the two directions: 従事者への研修 is covered by 業務従事者に…教育."""
        texts_a = [set(u.terms) for u in units_a]
        texts_b = [set(u.terms) for u in units_b]
        n = len(texts_a) + len(texts_b)
        frequency: dict[str, int] = {}
        for text_terms in texts_a + texts_b:
            for term in text_terms:
                frequency[term] = frequency.get(term, 0) + 1

        def head_terms(unit: Unit) -> dict[str, float]:
            weights = {}
            for term in unit.heading_terms:
                df = frequency.get(term, 0)
                if df <= self.max_df * n:  # a word most clauses say names no topic
                    weights[term] = math.log((1 + n) / (1 + df)) + 1  # smooth idf, as TfidfVectorizer
            return weights

        def coverage(head: dict[str, float], text: set[str]) -> float:
            total = sum(head.values())
            return sum(w for t, w in head.items() if t in text) / total if total else 0.0

        heads_a, heads_b = [head_terms(u) for u in units_a], [head_terms(u) for u in units_b]
        out = np.zeros((len(units_a), len(units_b)))
        for i in range(len(units_a)):
            for j in range(len(units_b)):
                out[i, j] = max(coverage(heads_a[i], texts_b[j]), coverage(heads_b[j], texts_a[i]))
        return out

    # -- fit ---------------------------------------------------------------------------
    def fit(self, a: TokenizedDocument, b: TokenizedDocument) -> "ClauseAligner":
        self.units_a_ = units_of(a)
        self.units_b_ = units_of(b)
        self.similarity_ = self._similarity(self.units_a_, self.units_b_)
        self.article_similarity_ = self._article_similarity(a, b)
        self.matches_ = self._match(a, b)
        return self

    def _article_similarity(self, a: TokenizedDocument, b: TokenizedDocument) -> np.ndarray:
        rows = {c.id: n for n, c in enumerate(a.document.articles())}
        cols = {c.id: n for n, c in enumerate(b.document.articles())}
        matrix = np.zeros((len(rows), len(cols)))
        for i, unit_a in enumerate(self.units_a_):
            for j, unit_b in enumerate(self.units_b_):
                r, c = rows[unit_a.article.id], cols[unit_b.article.id]
                matrix[r, c] = max(matrix[r, c], self.similarity_[i, j])
        return matrix

    def _match(self, a: TokenizedDocument, b: TokenizedDocument) -> list[Match]:
        S = self.similarity_
        ua, ub = self.units_a_, self.units_b_
        article_rows = [i for i, u in enumerate(ua) if u.clause.kind == "article"]
        article_cols = [j for j, u in enumerate(ub) if u.clause.kind == "article"]
        # (article A, article B) → (score, unit index in A, unit index in B)
        edges: dict[tuple[str, str], tuple[float, int, int]] = {}

        def add(i: int, j: int) -> None:
            key = (ua[i].article.id, ub[j].article.id)
            if key not in edges or S[i, j] > edges[key][0]:
                edges[key] = (float(S[i, j]), i, j)

        for j in article_cols:  # each article of B: the A unit that holds it best
            i = int(np.argmax(S[:, j]))
            if S[i, j] >= self.threshold:
                add(i, j)
        for i in article_rows:  # each article of A: the B unit that holds it best
            j = int(np.argmax(S[i, :]))
            if S[i, j] >= self.threshold:
                add(i, j)

        matches: list[Match] = []
        matched_a = {key[0] for key in edges}
        matched_b = {key[1] for key in edges}
        order_b = {c.id: n for n, c in enumerate(b.document.articles())}
        edges_of_a: dict[str, int] = {}
        edges_of_b: dict[str, int] = {}
        for key in edges:
            edges_of_a[key[0]] = edges_of_a.get(key[0], 0) + 1
            edges_of_b[key[1]] = edges_of_b.get(key[1], 0) + 1
        row_of = {ua[i].clause.id: i for i in article_rows}
        col_of = {ub[j].clause.id: j for j in article_cols}
        for article in a.document.articles():
            pairs = sorted((key for key in edges if key[0] == article.id), key=lambda k: order_b[k[1]])
            for key in pairs:
                score, i, j = edges[key]
                # an article matched to one counterpart corresponds whole; one spread over
                # several, by the part that matched each
                unit_a = ua[i].article if edges_of_a[key[0]] == 1 else ua[i].clause
                unit_b = ub[j].article if edges_of_b[key[1]] == 1 else ub[j].clause
                matches.append(Match(key[0], key[1], round(score, 3), (unit_a.id,), (unit_b.id,)))
            if article.id not in matched_a:
                matches.append(Match(article.id, None, None, nearest=_nearest(S[row_of[article.id], :], ub)))
        for article in b.document.articles():
            if article.id not in matched_b:
                matches.append(Match(None, article.id, None, nearest=_nearest(S[:, col_of[article.id]], ua)))
        return matches


def _nearest(scores: np.ndarray, others: list[Unit]) -> Nearest | None:
    if not len(scores):
        return None
    k = int(np.argmax(scores))
    return Nearest(others[k].article.id, others[k].clause.id, float(scores[k]))
