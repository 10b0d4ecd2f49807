"""The aligner alone: a scikit-learn estimator that says which units correspond, and nothing
about obligations (that is the judgement stage's, tested in test_judge)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import BaseEstimator, clone

from pipeline.align import ClauseAligner
from pipeline.api import read_document
from pipeline.model import Match
from pipeline.segment import segment_text
from pipeline.tokens import tokenize
from tests.conftest import RAW


@pytest.fixture(scope="module")
def hofu():
    return tokenize(read_document(RAW / "hofu-city.txt"))


@pytest.fixture(scope="module")
def fukuoka():
    return tokenize(read_document(RAW / "fukuoka-pref.txt"))


def test_aligner_is_a_scikit_learn_estimator():
    aligner = ClauseAligner(threshold=0.3)
    assert isinstance(aligner, BaseEstimator)
    assert aligner.get_params() == {
        "threshold": 0.3, "word_weight": 0.4, "char_weight": 0.25, "heading_weight": 0.35, "topic_weight": 0.3,
        "max_df": 0.5, "other_party_factor": 0.7, "other_topic_factor": 0.6,
    }
    copy = clone(aligner)
    assert copy is not aligner and copy.get_params() == aligner.get_params()
    assert clone(ClauseAligner()).set_params(threshold=0.5).threshold == 0.5
    assert "ClauseAligner(threshold=0.3)" == repr(aligner)


def test_fit_returns_self_and_learns_attributes_ending_in_underscore(hofu):
    aligner = ClauseAligner()
    assert not hasattr(aligner, "matches_")
    assert aligner.fit(hofu, hofu) is aligner
    assert aligner.similarity_.shape == (len(aligner.units_a_), len(aligner.units_b_))
    articles = len(hofu.document.articles())
    assert aligner.article_similarity_.shape == (articles, articles)
    # a clone is unfitted, and fitting it again gives the same answer
    again = clone(aligner).fit(hofu, hofu)
    assert again.matches_ == aligner.matches_
    assert np.array_equal(again.similarity_, aligner.similarity_)


def test_a_template_aligns_with_itself_article_for_article(hofu):
    matches = ClauseAligner().fit(hofu, hofu).matches_
    assert [(m.a, m.b) for m in matches] == [(c.id, c.id) for c in hofu.document.articles()]
    assert all(isinstance(m, Match) and m.a_units == (m.a,) and m.score > 0.7 for m in matches)


def test_matches_carry_no_judgement(hofu, fukuoka):
    matches = ClauseAligner().fit(hofu, fukuoka).matches_
    assert not any(hasattr(m, "status") or hasattr(m, "reasons") for m in matches)
    # 防府市 第４ 安全管理義務 is spread over several 福岡県 articles, each by the part that matched
    spread = [m for m in matches if m.a == "4"]
    assert {m.b for m in spread} >= {"2", "3"}
    assert any(m.a_units[0].startswith("4.") for m in spread)
    # an article with no counterpart names its nearest unit instead
    extra = next(m for m in matches if m.a is None and m.b == "18")
    assert extra.score is None and extra.nearest is not None and 0 <= extra.nearest.similarity < 0.22


def test_a_higher_threshold_leaves_more_without_counterpart(hofu, fukuoka):
    low = ClauseAligner().fit(hofu, fukuoka).matches_
    high = ClauseAligner(threshold=0.6).fit(hofu, fukuoka).matches_
    unmatched = lambda matches: sum(m.a is None or m.b is None for m in matches)  # noqa: E731
    assert unmatched(high) > unmatched(low)


def test_empty_of_common_words_still_aligns():
    a = tokenize(segment_text("第１ 乙は、秘密を保持しなければならない。\n第２ 乙は、再委託してはならない。"))
    b = tokenize(segment_text("第１ 乙は、再委託してはならない。\n第２ 乙は、秘密を保持しなければならない。"))
    matches = ClauseAligner().fit(a, b).matches_
    assert {(m.a, m.b) for m in matches} == {("1", "2"), ("2", "1")}
