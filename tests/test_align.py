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
        "max_df": 0.5, "other_party_factor": 0.7, "other_topic_factor": 0.6, "calibration": "alignment-calibration.json",
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
    low = ClauseAligner(calibration=None).fit(hofu, fukuoka).matches_
    high = ClauseAligner(calibration=None, threshold=0.6).fit(hofu, fukuoka).matches_
    unmatched = lambda matches: sum(m.a is None or m.b is None for m in matches)  # noqa: E731
    assert unmatched(high) > unmatched(low)


def test_empty_of_common_words_still_aligns():
    a = tokenize(segment_text("第１ 乙は、秘密を保持しなければならない。\n第２ 乙は、再委託してはならない。"))
    b = tokenize(segment_text("第１ 乙は、再委託してはならない。\n第２ 乙は、秘密を保持しなければならない。"))
    matches = ClauseAligner().fit(a, b).matches_
    assert {(m.a, m.b) for m in matches} == {("1", "2"), ("2", "1")}


def test_scores_are_calibrated_probabilities_and_the_similarity_is_kept(hofu, fukuoka):
    matches = [m for m in ClauseAligner().fit(hofu, fukuoka).matches_ if m.a and m.b]
    assert all(0.5 <= m.score <= 1.0 and 0.0 < m.similarity <= 1.0 for m in matches)
    uncalibrated = [m for m in ClauseAligner(calibration=None).fit(hofu, fukuoka).matches_ if m.a and m.b]
    assert all(m.score == m.similarity for m in uncalibrated)


def test_a_generic_article_cannot_absorb_the_others():
    # B's specific duties that A lacks share 個人情報の取扱い with A's generic first article: they
    # are extra, and the generic article keeps its own counterpart (B 第１), which a greedy
    # best-match rule lost.
    a = tokenize(segment_text(
        "第１ 乙は、個人情報の保護の重要性を認識し、個人情報の取扱いに当たっては、個人の権利利益を侵害する"
        "ことのないよう、個人情報を適正に取り扱わなければならない。\n"
        "第２ 乙は、業務に関して知り得た個人情報を他に漏らしてはならない。"))
    b = tokenize(segment_text(
        "第１ 乙は、個人情報の保護の重要性を認識し、この契約による業務の実施に当たっては、個人の権利利益を"
        "侵害することのないよう、個人情報を適正に取り扱わなければならない。\n"
        "第２ 乙は、業務に関して知り得た個人情報をみだりに他人に知らせてはならない。\n"
        "第３ 乙は、個人情報の取扱いを第三者に再委託してはならない。\n"
        "第４ 乙は、個人情報の取扱いに当たり、個人情報が記録された資料を複写してはならない。\n"
        "第５ 乙は、業務が終了したときは、個人情報の取扱いに用いた資料を甲に返還しなければならない。"))
    pairs = {(m.a, m.b) for m in ClauseAligner().fit(a, b).matches_ if m.a and m.b}
    assert pairs == {("1", "1"), ("2", "2")}


def test_a_cross_reference_is_no_evidence_of_a_topic():
    # 持出し「…第２の規定により再委託する場合を除き」 belongs with 持出し, not with 再委託
    a = tokenize(segment_text(
        "第１ 乙は、甲の承諾を得た場合を除き、業務を第三者に再委託してはならない。\n"
        "第２ 乙は、甲の承諾を得た場合を除き、資料を事業所の外へ持ち出してはならない。"))
    b = tokenize(segment_text(
        "第１ 乙は、甲の承諾を得た場合又は第２の規定により再委託する場合を除き、資料を作業場所から持ち出してはならない。\n"
        "第２ 乙は、あらかじめ甲の承諾を得た場合を除き、業務の全部又は一部を第三者に委託してはならない。"))
    pairs = {(m.a, m.b) for m in ClauseAligner().fit(a, b).matches_ if m.a and m.b}
    assert pairs == {("1", "2"), ("2", "1")}


def test_a_calibration_fitted_on_other_features_is_refused(tmp_path, monkeypatch):
    import json

    from pipeline.align import calibration

    data = json.loads(calibration.resources.files("pipeline.data").joinpath(calibration.CALIBRATION_FILE).read_text())
    data["pairing"]["features"] = ["similarity"]
    monkeypatch.setattr(calibration.resources, "files", lambda package: tmp_path)
    (tmp_path / "other.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="rerun python -m pipeline.tools.calibrate"):
        calibration.alignment_models("other.json")


@pytest.mark.parametrize("seed", range(20))
def test_best_outside_is_the_masked_maximum(seed):
    """The margins' precomputed "best match in any other article" is exactly the maximum over
    the other articles' columns, ties and single-article templates included."""
    from pipeline.align.features import _best_outside

    rng = np.random.default_rng(seed)
    articles = int(rng.integers(1, 6))
    article_of = np.sort(rng.integers(0, articles, size=int(rng.integers(articles, 15))))
    article_of[:articles] = np.arange(articles)  # every article has a unit
    article_of.sort()
    S = rng.choice([0.0, 0.25, 0.5, 1.0], size=(int(rng.integers(1, 8)), len(article_of)))  # ties on purpose
    got = _best_outside(S, article_of, articles)
    for i in range(S.shape[0]):
        for c in range(articles):
            others = article_of != c
            assert got[i, c] == (S[i, others].max() if others.any() else 0.0)


def test_cached_analysis_gives_the_vectorizer_its_own_features():
    """The char n-grams counted from the cached analysis are scikit-learn's own analyzer's."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from pipeline.align.features import _char_features

    text = "乙は、甲の書面による承諾を得ないで ISO 27001 の業務を再委託してはならない。"
    for ngram_range in ((2, 3), (1, 2)):
        expected = TfidfVectorizer(analyzer="char", ngram_range=ngram_range).build_analyzer()(text)
        assert list(_char_features(text, ngram_range)) == expected


def test_heading_parts_split_a_compound_heading_only():
    from pipeline.align.features import heading_parts

    assert heading_parts("報告及び調査") == ("報告", "調査")
    assert heading_parts("契約解除及び損害賠償") == ("契約解除", "損害賠償")
    assert heading_parts("返還・廃棄等") == ("返還", "廃棄")
    assert heading_parts("目的外利用の禁止") == ()


def test_a_purpose_article_is_a_general_provision_whatever_its_heading():
    from pipeline.align.features import is_general, states_purpose

    doc = segment_text(
        "第１（趣旨） この特記事項は、甲が委託する業務において乙が遵守すべき事項を定めるものとする。\n"
        "第２（前文） この特記事項は、個人情報の適正な取扱いを確保することを目的とする。\n"
        "第３（基本的事項） 乙は、個人情報を適正に取り扱わなければならない。\n"
        "第４（目的外利用の禁止） 乙は、個人情報を目的以外に利用してはならない。")
    first, second, third, fourth = doc.articles()
    assert states_purpose(first) and states_purpose(second) and not states_purpose(third)
    assert [is_general(a) for a in (first, second, third, fourth)] == [True, True, True, False]


def test_two_articles_merged_into_one_under_a_compound_heading_both_correspond():
    # B 第３（報告及び調査）holds A 第３ (the contractor's report) and A 第４ (the client's audit)
    a = tokenize(segment_text(
        "第１（秘密の保持） 乙は、業務に関して知り得た個人情報を他に漏らしてはならない。\n"
        "第２（複写の禁止） 乙は、甲の承諾を得ずに個人情報が記録された資料を複写してはならない。\n"
        "第３（遵守状況の報告） 乙は、毎月、この特記事項の遵守状況を書面により甲に報告しなければならない。\n"
        "第４（調査） 甲は、必要があると認めるときは、乙の事業所において個人情報の取扱状況を実地に調査することができる。"))
    b = tokenize(segment_text(
        "第１（秘密の保持） 乙は、業務に関して知り得た個人情報をみだりに他人に知らせてはならない。\n"
        "第２（複写の禁止） 乙は、甲の承諾なく個人情報が記録された資料を複写し、又は複製してはならない。\n"
        "第３（報告及び調査） 甲は、必要があると認めるときは、乙に対し、個人情報の取扱状況について報告を"
        "求め、又は実地に調査することができる。"))
    pairs = {(m.a, m.b) for m in ClauseAligner().fit(a, b).matches_ if m.a and m.b}
    assert pairs == {("1", "1"), ("2", "2"), ("3", "3"), ("4", "3")}


def test_a_purpose_article_is_never_one_part_of_an_article_spread_over_several():
    # 目的 shares its words with 目的外利用 but carries no obligation to spread: it stays missing
    a = tokenize(segment_text(
        "第１（目的） この特記事項は、この契約による事務の実施に伴う個人情報の取扱いについて、乙が遵守すべき"
        "事項を定めることを目的とする。\n"
        "第２（目的外利用及び提供の禁止） 乙は、甲の指示又は承諾がある場合を除き、個人情報を当該事務の目的"
        "以外の目的に利用し、又は第三者に提供してはならない。"))
    b = tokenize(segment_text(
        "第１（目的外利用及び提供の禁止） 乙は、甲の指示又は承諾がある場合を除き、この契約による事務に関して"
        "知り得た個人情報を当該事務の目的以外の目的に利用し、又は第三者に提供しないこと。"))
    matches = ClauseAligner().fit(a, b).matches_
    assert {(m.a, m.b) for m in matches} == {("1", None), ("2", "1")}
