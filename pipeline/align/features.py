"""Similarity features of two templates' units, and of their articles.

Units are articles *and* their paragraphs and items, so one article can be found spread over
several articles of the other template (防府市 第４ 安全管理義務 ↔ 福岡県 第２, 第３, 第１０,
第１１). Each unit pair gets the components below; an article pair is described by its best
unit pair plus how far ahead of the other candidates in its row and column it stands, which is
what the calibrated model (``calibration.py``) turns into a probability.

Cross-references (「第５の規定により再委託する場合を除き」) are removed before anything is
read: they point at another provision and are no evidence of what a clause is about.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from pipeline.model import Clause, TokenizedDocument
from pipeline.text.folds import fold_text
from pipeline.text.overlap import folded_bigrams
from pipeline.text.references import without_cross_references
from pipeline.text.vocabulary import topics

# An item that is a short noun phrase (一 管理責任者の選定) names its topic like a heading.
TOPIC_ITEM_LENGTH = 40

# The article-pair features, in the order the calibration model's coefficients follow.
# ``article_heading`` is the two articles' heading similarity, whichever units are the best pair
# (a paragraph has no heading of its own). (Position in the template's order was tried and left
# out: an article spread over several stands far from most of its counterparts.)
# ``both_general``: both articles are general provisions (趣旨, 目的, 定義, 基本的事項 …), which
# face each other across templates however little wording they share.
FEATURE_NAMES = ("similarity", "words", "chars", "heading", "both_headed", "topic", "other_party", "other_topic",
                 "row_margin", "column_margin", "whole", "article_heading", "both_general")
# A left-over article joining a matched one: the same, and whether the join goes through a
# part the matched pair already uses (one provision spread over two articles of the other side).
# Margins are the left-over article's (does it choose the matched one?) and the matched one's.
# Few positives to learn from (an article spread over several is rare): few features, the
# similarity's components left to it.
# ``heading_part``: the matched article's heading is a compound (報告及び調査) one of whose parts
# heads the left-over article (遵守状況の報告) and none of its present counterparts — the shape
# of two articles merged into one.
JOIN_FEATURE_NAMES = ("similarity", "topic", "other_topic", "left_over_margin", "matched_margin", "shares_part",
                      "heading_part")


# What joins the parts of a compound heading (報告及び調査, 契約解除並びに損害賠償, 返還・廃棄).
_HEADING_CONJUNCTION = re.compile(r"及び|並びに|又は|若しくは|[・、,]")
# A 趣旨/目的 article says what the template is for: 「この特記事項は、…を定めるものとする」.
_STATES_PURPOSE = re.compile(r"^この(?:特記事項|特記仕様書|仕様書|規定)は[、,].*(?:定める|目的とする)")


_GENERAL_HEADING = re.compile(r"(?:趣旨|目的|(?:用語の)?定義|基本的(?:な)?事項|基本原則|総則|通則|適用範囲)")


def is_general(article: Clause) -> bool:
    """Whether an article is a general provision: what the template is for (趣旨, 目的), what its
    words mean (定義), or the general duty of care (基本的事項)."""
    return bool(_GENERAL_HEADING.fullmatch(fold_text(article.heading or ""))) or states_purpose(article)


def heading_parts(heading: str) -> tuple[str, ...]:
    """The parts of a compound heading, folded (報告及び調査 → 報告, 調査); () when not compound."""
    parts = tuple(p for p in _HEADING_CONJUNCTION.split(fold_text(heading).removesuffix("等")) if len(p) >= 2)
    return parts if len(parts) >= 2 else ()


def states_purpose(article: Clause) -> bool:
    """Whether an article only says what the template is for (趣旨, 目的): it carries no
    obligation, so it is never one part of an obligation spread over several articles."""
    return bool(_STATES_PURPOSE.match(fold_text(article.text))) and "ならない" not in article.text


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

    def contains(self, other: "Unit") -> bool:
        """This unit is ``other`` or holds it (an article holds its paragraphs and items)."""
        mine, theirs = self.clause.id, other.clause.id
        return theirs == mine or theirs.startswith(mine + ".")

    def overlaps(self, other: "Unit") -> bool:
        return self.contains(other) or other.contains(self)


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


@lru_cache(maxsize=65536)  # a batch compares the reference's units in every pair
def _term_features(terms: tuple[str, ...]) -> tuple[str, ...]:
    """What the word vectorizer counts: the terms and adjacent term bigrams."""
    return (*terms, *(f"{a} {b}" for a, b in zip(terms, terms[1:])))


@lru_cache(maxsize=8)
def _char_analyzer(ngram_range: tuple[int, int]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char", ngram_range=ngram_range).build_analyzer()


@lru_cache(maxsize=65536)
def _char_features(text: str, ngram_range: tuple[int, int]) -> tuple[str, ...]:
    """The character n-grams scikit-learn's "char" analyzer counts in ``text`` (its own analyzer,
    run once per text: the reference's units recur in every pair of a batch)."""
    return tuple(_char_analyzer(ngram_range)(text))


def _given(features: tuple[str, ...]) -> tuple[str, ...]:
    return features


_SUBJECT = re.compile(r"^(甲|乙)(?:は|が)")


def subject(unit: Unit) -> str | None:
    """The party a clause speaks of first (甲は… / 乙は…), from the unit or its article."""
    for text in (unit.clause.text, unit.article.text):
        if m := _SUBJECT.match(fold_text(text)):
            return m.group(1)
    return None


def _cosine(rows_a, rows_b) -> np.ndarray:
    # TF-IDF rows are L2-normalised: the dot product is the cosine
    return np.asarray((rows_a @ rows_b.T).todense())


def _analysed(text: str) -> str:
    return without_cross_references(fold_text(text))


@dataclass
class UnitSimilarity:
    """Units of A × units of B: each component, and their weighted combination."""

    combined: np.ndarray
    words: np.ndarray
    chars: np.ndarray
    heading: np.ndarray  # 0 where either unit has no heading
    both_headed: np.ndarray
    topic: np.ndarray
    other_party: np.ndarray
    other_topic: np.ndarray


def unit_similarity(units_a: list[Unit], units_b: list[Unit], *, word_weight: float, char_weight: float,
                    heading_weight: float, topic_weight: float, max_df: float, other_party_factor: float,
                    other_topic_factor: float) -> UnitSimilarity:
    from sklearn import config_context
    from sklearn.feature_extraction.text import TfidfVectorizer

    both = units_a + units_b
    n = len(units_a)
    folded = [_analysed(u.clause.text) for u in both]
    headings = [fold_text(u.heading) for u in both]
    # max_df drops what nearly every clause says (乙, 契約, 個人情報 …): it tells nothing apart
    # the parameters are ours and fixed: checking them on every fit is a tenth of a pair's time
    with config_context(skip_parameter_validation=True):
        words = TfidfVectorizer(analyzer=_given, sublinear_tf=True, max_df=max_df).fit_transform(
            [_term_features(u.terms) for u in both])
        chars = TfidfVectorizer(analyzer=_given, sublinear_tf=True, max_df=max_df).fit_transform(
            [_char_features(text, (2, 3)) for text in folded])
    word_sim = _cosine(words[:n], words[n:])
    char_sim = _cosine(chars[:n], chars[n:])
    combined = word_weight * word_sim + char_weight * char_sim
    weight = np.full(combined.shape, word_weight + char_weight)
    has_a = np.array([bool(h) for h in headings[:n]])[:, None]
    has_b = np.array([bool(h) for h in headings[n:]])[None, :]
    both_headed = has_a & has_b
    head_sim = np.zeros(combined.shape)
    if both_headed.any():
        with config_context(skip_parameter_validation=True):
            heads = TfidfVectorizer(analyzer=_given).fit_transform([_char_features(h, (1, 2)) for h in headings])
        head_sim = _cosine(heads[:n], heads[n:]) * both_headed
        combined = combined + heading_weight * head_sim
        weight = weight + heading_weight * both_headed
    topic = topic_coverage(units_a, units_b, max_df)
    combined = combined + topic_weight * topic
    weight = weight + topic_weight
    # A right of the client (甲は…できる) is not a duty of the contractor (乙は…ならない).
    subjects_a = np.array([subject(u) for u in units_a], dtype=object)[:, None]
    subjects_b = np.array([subject(u) for u in units_b], dtype=object)[None, :]
    other_party = (subjects_a != subjects_b) & (subjects_a != None) & (subjects_b != None)  # noqa: E711
    combined = np.where(other_party, combined * other_party_factor, combined)
    # Two clauses about recognisably different obligations (返還 vs 複写の禁止) share only
    # boilerplate, however much of it.
    topics_a = [topics(without_cross_references(u.clause.text)) for u in units_a]
    topics_b = [topics(without_cross_references(u.clause.text)) for u in units_b]
    other_topic = np.array([[bool(ta) and bool(tb) and not (ta & tb) for tb in topics_b] for ta in topics_a],
                           dtype=bool).reshape(len(units_a), len(units_b))
    combined = np.where(other_topic, combined * other_topic_factor, combined)
    return UnitSimilarity(np.clip(combined / weight, 0.0, 1.0), word_sim, char_sim, head_sim,
                          both_headed.astype(float) * np.ones(combined.shape), topic,
                          other_party.astype(float), other_topic.astype(float))


def topic_coverage(units_a: list[Unit], units_b: list[Unit], max_df: float) -> np.ndarray:
    """How much of one unit's heading the other unit's text speaks of (idf-weighted), the
    larger of the two directions: 従事者への研修 is covered by 業務従事者に…教育."""
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
            if df <= max_df * n:  # a word most clauses say names no topic
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


@dataclass
class ArticlePairs:
    """Articles of A × articles of B: the best unit pair inside each two, and its features."""

    units_a: list[Unit]
    units_b: list[Unit]
    unit_similarity: UnitSimilarity
    row_of: np.ndarray  # unit of A → its article's row
    col_of: np.ndarray  # unit of B → its article's column
    similarity: np.ndarray  # the best unit pair's combined similarity
    best_units: np.ndarray  # (rows, columns, 2): unit indices in A and in B of that pair
    features: np.ndarray  # (rows, columns, len(FEATURE_NAMES)): features_of the best pair
    _bigrams: dict = field(default_factory=dict, repr=False)

    def features_of(self, i, j) -> np.ndarray:
        """The features of unit i of A with unit j of B (or of arrays of such pairs: the features
        along a last axis). The margins say how far ahead this pair is of each unit's best match
        in any *other* article: the evidence that the two units choose each other, whichever
        other parts their articles have."""
        sim, S = self.unit_similarity, self.unit_similarity.combined
        best_elsewhere_row = self.best_outside_a[i, self.col_of[j]]
        best_elsewhere_col = self.best_outside_b[j, self.row_of[i]]
        return np.stack((
            S[i, j], sim.words[i, j], sim.chars[i, j], sim.heading[i, j], sim.both_headed[i, j], sim.topic[i, j],
            sim.other_party[i, j], sim.other_topic[i, j], S[i, j] - best_elsewhere_row, S[i, j] - best_elsewhere_col,
            (self.article_units_a[i] & self.article_units_b[j]).astype(float),
            sim.heading[self.article_unit_of_row[self.row_of[i]], self.article_unit_of_col[self.col_of[j]]],
            (self.general_a[self.row_of[i]] & self.general_b[self.col_of[j]]).astype(float),
        ), axis=-1)

    @cached_property
    def general_a(self) -> np.ndarray:
        """Article (row) r of A → whether it is a general provision."""
        return np.array([is_general(self.units_a[int(k)].article) for k in self.article_unit_of_row], dtype=bool)

    @cached_property
    def general_b(self) -> np.ndarray:
        return np.array([is_general(self.units_b[int(k)].article) for k in self.article_unit_of_col], dtype=bool)

    @cached_property
    def article_unit_of_row(self) -> np.ndarray:
        """Article (row) r of A → the index of its article unit (the article before its parts)."""
        return np.array([int(units[0]) for units in self.units_of_row], dtype=int)

    @cached_property
    def article_unit_of_col(self) -> np.ndarray:
        return np.array([int(units[0]) for units in self.units_of_col], dtype=int)

    @cached_property
    def article_units_a(self) -> np.ndarray:
        return np.array([u.clause.kind == "article" for u in self.units_a], dtype=bool)

    @cached_property
    def article_units_b(self) -> np.ndarray:
        return np.array([u.clause.kind == "article" for u in self.units_b], dtype=bool)

    @cached_property
    def units_of_row(self) -> list[np.ndarray]:
        """Article (row) r of A → the indices of its units."""
        return [np.flatnonzero(self.row_of == r) for r in range(self.similarity.shape[0])]

    @cached_property
    def units_of_col(self) -> list[np.ndarray]:
        return [np.flatnonzero(self.col_of == c) for c in range(self.similarity.shape[1])]

    @cached_property
    def best_outside_a(self) -> np.ndarray:
        """(units of A, articles of B): unit i's best similarity with a unit of any other article."""
        return _best_outside(self.unit_similarity.combined, self.col_of, self.similarity.shape[1])

    @cached_property
    def best_outside_b(self) -> np.ndarray:
        """(units of B, articles of A): the same from B's side."""
        return _best_outside(self.unit_similarity.combined.T, self.row_of, self.similarity.shape[0])

    def article_bigrams(self, side: str, article: int) -> frozenset[str]:
        """The folded character bigrams of an article's whole text (side "a" or "b")."""
        key = (side, article)
        if key not in self._bigrams:
            units, members = (self.units_a, self.units_of_row) if side == "a" else (self.units_b, self.units_of_col)
            self._bigrams[key] = folded_bigrams(units[int(members[article][0])].article.text)
        return self._bigrams[key]


def first_best(block: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> tuple[int, int]:
    """The (unit of A, unit of B) of ``block`` = S[rows][:, cols] with the highest similarity,
    ties to the first in reading order (the article itself before its parts)."""
    k = int(np.argmax(block))
    return int(rows[k // block.shape[1]]), int(cols[k % block.shape[1]])


def _best_outside(S: np.ndarray, article_of: np.ndarray, articles: int) -> np.ndarray:
    """For each row of S and each article: the row's maximum over the columns of the *other*
    articles (0.0 when there is no other). Maxima are exact, so this is S[i, article_of != c].max()."""
    per_article = np.full((S.shape[0], articles), -np.inf)
    for c in range(articles):
        columns = article_of == c
        if columns.any():
            per_article[:, c] = S[:, columns].max(axis=1)
    out = np.zeros((S.shape[0], articles))
    if articles < 2:
        return out
    order = np.argsort(-per_article, axis=1, kind="stable")
    first, second = np.take_along_axis(per_article, order[:, :2], axis=1).T
    for c in range(articles):
        out[:, c] = np.where(order[:, 0] == c, second, first)
    return np.where(np.isinf(out), 0.0, out)


def article_pairs(units_a: list[Unit], units_b: list[Unit], sim: UnitSimilarity, articles_a: list[str],
                  articles_b: list[str]) -> ArticlePairs:
    rows = {a: n for n, a in enumerate(articles_a)}
    cols = {b: n for n, b in enumerate(articles_b)}
    row_of = np.array([rows[u.article.id] for u in units_a], dtype=int)
    col_of = np.array([cols[u.article.id] for u in units_b], dtype=int)
    S = sim.combined
    best = np.zeros((len(rows), len(cols)))
    best_units = np.zeros((len(rows), len(cols), 2), dtype=int)
    pairs = ArticlePairs(units_a, units_b, sim, row_of, col_of, best, best_units,
                         np.zeros((len(rows), len(cols), len(FEATURE_NAMES))))
    for r, unit_rows in enumerate(pairs.units_of_row):
        rows_block = S[unit_rows]
        for c, unit_cols in enumerate(pairs.units_of_col):
            i, j = first_best(rows_block[:, unit_cols], unit_rows, unit_cols)
            best[r, c], best_units[r, c] = S[i, j], (i, j)
    pairs.features[...] = pairs.features_of(best_units[..., 0], best_units[..., 1])
    return pairs
