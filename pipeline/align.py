"""Alignment: which clauses of template B carry the obligations of template A.

``ClauseAligner`` follows scikit-learn's conventions: ``__init__`` only stores parameters,
``fit(a, b)`` learns and returns self, learned attributes end in ``_``.

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
from dataclasses import dataclass, field

import numpy as np

from pipeline.checklist import topics
from pipeline.model import Clause, SegmentedDocument
from pipeline.obligations import compare, fold_text, obligation_text, profile


@dataclass(frozen=True)
class Unit:
    """A clause as an alignment unit: an article, or a paragraph/item inside one."""

    clause: Clause
    article: Clause

    # An item that is a short noun phrase (一 管理責任者の選定) names its topic like a heading.
    TOPIC_ITEM_LENGTH = 40

    @property
    def heading(self) -> str:
        if self.clause.kind == "article":
            return self.clause.heading or ""
        if self.clause.kind in ("item", "subitem") and len(self.clause.text) <= self.TOPIC_ITEM_LENGTH:
            return self.clause.text
        return ""


@dataclass
class Alignment:
    a: str | None  # article id in A
    b: str | None  # article id in B
    score: float | None
    status: str  # equivalent | divergent | missing | extra
    reasons: list[str] = field(default_factory=list)
    a_units: list[str] = field(default_factory=list)  # the clause ids that matched
    b_units: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "score": self.score,
            "status": self.status,
            "reasons": self.reasons,
            "a_units": self.a_units,
            "b_units": self.b_units,
        }


def units_of(document: SegmentedDocument) -> list[Unit]:
    articles = {c.id: c for c in document.articles()}
    return [Unit(clause, articles[clause.id.split(".")[0]]) for clause in document.units()]


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


class ClauseAligner:
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

        from pipeline.morph import analyzer

        texts = [u.clause.text for u in units_a + units_b]
        folded = [fold_text(t) for t in texts]
        headings = [fold_text(u.heading) for u in units_a + units_b]
        n = len(units_a)

        # max_df drops what nearly every clause says (乙, 契約, 個人情報 …): it tells nothing apart
        words = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, max_df=self.max_df).fit_transform(texts)
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
        from pipeline.morph import terms

        texts_a = [set(terms(u.clause.text)) for u in units_a]
        texts_b = [set(terms(u.clause.text)) for u in units_b]
        n = len(texts_a) + len(texts_b)
        frequency: dict[str, int] = {}
        for text_terms in texts_a + texts_b:
            for term in text_terms:
                frequency[term] = frequency.get(term, 0) + 1

        def head_terms(unit: Unit) -> dict[str, float]:
            weights = {}
            for term in terms(unit.heading):
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
    def fit(self, a: SegmentedDocument, b: SegmentedDocument) -> "ClauseAligner":
        self.units_a_ = units_of(a)
        self.units_b_ = units_of(b)
        self.similarity_ = self._similarity(self.units_a_, self.units_b_)
        self.alignments_ = self._align(a, b)
        return self

    def _align(self, a: SegmentedDocument, b: SegmentedDocument) -> list[Alignment]:
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

        records: list[Alignment] = []
        matched_a = {key[0] for key in edges}
        matched_b = {key[1] for key in edges}
        order_b = {c.id: n for n, c in enumerate(b.articles())}
        edges_of_a: dict[str, int] = {}
        edges_of_b: dict[str, int] = {}
        for key in edges:
            edges_of_a[key[0]] = edges_of_a.get(key[0], 0) + 1
            edges_of_b[key[1]] = edges_of_b.get(key[1], 0) + 1
        for article in a.articles():
            pairs = sorted((key for key in edges if key[0] == article.id), key=lambda k: order_b[k[1]])
            for key in pairs:
                score, i, j = edges[key]
                # an article matched to one counterpart is compared whole; one spread over
                # several is compared by the part that matched each
                clause_a = ua[i].article if edges_of_a[key[0]] == 1 else ua[i].clause
                clause_b = ub[j].article if edges_of_b[key[1]] == 1 else ub[j].clause
                reasons = compare(profile(obligation_text(a, clause_a)), profile(obligation_text(b, clause_b)))
                records.append(Alignment(key[0], key[1], round(score, 3), "divergent" if reasons else "equivalent",
                                         reasons, [clause_a.id], [clause_b.id]))
            if article.id not in matched_a:
                records.append(self._unmatched(article.id, "missing", S[article_rows[self._row(article.id)], :], ub))
        for article in b.articles():
            if article.id not in matched_b:
                records.append(self._unmatched(article.id, "extra", S[:, article_cols[self._col(article.id)]], ua))
        return records

    def _row(self, article_id: str) -> int:
        return [u.clause.id for u in self.units_a_ if u.clause.kind == "article"].index(article_id)

    def _col(self, article_id: str) -> int:
        return [u.clause.id for u in self.units_b_ if u.clause.kind == "article"].index(article_id)

    def _unmatched(self, article_id: str, status: str, scores: np.ndarray, others: list[Unit]) -> Alignment:
        side = "B" if status == "missing" else "A"
        reasons = [f"no counterpart in {side}"]
        if len(scores):
            k = int(np.argmax(scores))
            nearest = others[k].article
            title = f"{nearest.label}" + (f"（{nearest.heading}）" if nearest.heading else "")
            reasons[0] += f" (nearest: {title} {others[k].clause.id}, similarity {scores[k]:.2f})"
        if status == "missing":
            return Alignment(article_id, None, None, status, reasons)
        return Alignment(None, article_id, None, status, reasons)
