"""SudachiPy terms: what the aligner relies on, tested."""

from __future__ import annotations

import threading

from pipeline import tokens
from pipeline.tokens import CLIENT, CONTRACTOR, terms


def test_mode_c_keeps_compounds_whole_and_adds_their_parts():
    assert terms("個人情報")[0] == "個人情報"
    assert terms("損害賠償")[0] == "損害賠償"
    assert "場所" in terms("作業場所") and "場所" in terms("取扱場所")


def test_spelling_variants_fold():
    assert terms("漏えい") == terms("漏洩")
    assert terms("き損") == terms("毀損")
    assert terms("取扱い") == terms("取り扱い") == terms("取扱")


def test_take_out_is_one_term_whether_sudachi_says_verb_or_noun():
    # 持出し is tagged as the verb 持ち出す; 持ち出し and 持出 as nouns
    take_out = {terms("持出しの禁止")[0], terms("情報資産の持ち出し")[-1], terms("持出を行う")[0],
                terms("持ち出してはならない")[0]}
    assert len(take_out) == 1


def test_parties_are_roles():
    assert terms("甲の承諾") == terms("委託者の承諾") == terms("発注者の承諾") == (CLIENT, "承諾")
    assert terms("乙は") == terms("受託者は") == terms("受注者は") == (CONTRACTOR,)
    assert terms("県の指示")[0] == CLIENT
    assert "福岡県" in terms("福岡県の指示")  # a place name is not the party


def test_synonyms_of_one_obligation():
    assert terms("研修") == terms("教育")
    assert terms("返却") == terms("返還")


def test_one_tokenizer_per_thread():
    first = tokens.tokenizer()
    assert tokens.tokenizer() is first
    other = []
    thread = threading.Thread(target=lambda: other.append(tokens.tokenizer()))
    thread.start()
    thread.join()
    assert other[0] is not first


def test_tokenize_gives_every_clause_its_terms_and_every_article_its_heading_terms():
    from pipeline.segment import segment_text
    from pipeline.tokens import tokenize

    document = segment_text("第１（秘密の保持）\n受注者は、秘密を漏らしてはならない。\n２ 乙は、退職後も同様とする。\n第２\n乙は、一 報告 を行う。")
    tokenized = tokenize(document)
    assert tokenized.document is document
    assert set(tokenized.terms) == {c.id for c in document.clauses}
    assert set(tokenized.heading_terms) == {"1", "2"} and tokenized.heading_terms["2"] == ()
    assert tokenized.terms["1.1"] == terms(document.by_id("1.1").text) and CONTRACTOR in tokenized.terms["1.1"]
    assert "秘密" in tokenized.heading_terms["1"]
    assert tokenized.analysis_texts["1.2"] == "乙は、退職後も同様とする。"
