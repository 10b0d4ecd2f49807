"""Character normalisation: what folds, what must stay as printed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.normalize import japanese_share, label_key, normalize_for_analysis
from pipeline.text.numbering import kana_positions, parse_number
from pipeline.segment import segment_text


@pytest.mark.parametrize(
    "printed, folded",
    [
        ("⼀", "一"),  # U+2F00 KANGXI RADICAL ONE: NFKC folds it
        ("⻑", "長"),  # U+2ED1 CJK RADICAL LONG TWO: NFKC does not
        ("⻄", "西"),  # U+2EC4
        ("⺠", "民"),  # U+2EA0
        ("第１２条", "第12条"),
        ("（秘密の保持）", "(秘密の保持)"),
        ("乙は　甲の", "乙は甲の"),  # a space between Japanese characters is an artefact
        ("受注 者は、こ の契約に より", "受注者は、この契約により"),
        ("(秘密等の保 持)", "(秘密等の保持)"),
        ("USB メモリ 2 台", "USB メモリ 2 台"),  # kept between Latin words and digits, not CJK
        ("管理\n一 管理責任者の選定\n二 取扱場所", "管理 一 管理責任者の選定 二 取扱場所"),  # labels keep theirs
        ("（１）　個人情報", "(1) 個人情報"),
        ("ｶﾞｲﾄﾞ", "ガイド"),
    ],
)
def test_normalize_for_analysis(printed, folded):
    assert normalize_for_analysis(printed) == folded


def test_nfkc_alone_misses_the_radicals_supplement():
    # the reason normalize_for_analysis folds look-alikes before NFKC
    assert unicodedata.normalize("NFKC", "⻑") == "⻑"


def test_label_key_keeps_offsets_and_circled_numbers():
    printed = "第１２条　（目的）⼀①"
    key = label_key(printed)
    assert len(key) == len(printed)
    assert key == "第12条 (目的)一①"


@given(st.text())
def test_label_key_is_length_preserving(text):
    assert len(label_key(text)) == len(text)


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize_for_analysis(text)
    assert normalize_for_analysis(once) == once


def test_kangxi_labels_segment_like_unified_ones():
    text = "第１ 乙は、次の措置を講じなければならない。\n⼀ 管理責任者の選定\n⼆ 取扱場所の特定\n"
    document = segment_text(text)
    assert [(c.id, c.label) for c in document.clauses] == [("1", "第１"), ("1.1", ""), ("1.1.1", "⼀"), ("1.1.2", "⼆")]


@pytest.mark.parametrize("token, value", [("１２", 12), ("12", 12), ("十二", 12), ("三十六", 36), ("一〇", 10), ("百", 100)])
def test_parse_number(token, value):
    assert parse_number(token) == value


def test_kana_readings():
    assert ("iroha", 1) in kana_positions("イ") and ("aiueo", 2) in kana_positions("イ")
    assert kana_positions("ア")[0] == ("aiueo", 1)


def test_japanese_share():
    assert japanese_share("乙は甲の承諾を得る") == 1.0
    assert japanese_share("(cid:12)(cid:34)") == 0.0
    assert japanese_share("   ") == 0.0
