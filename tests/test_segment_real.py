"""The two real templates (防府市, 福岡県) segment exactly — as text and as the shipped PDFs."""

from __future__ import annotations

import re

import pytest

from pipeline.extract import extract
from pipeline.segment import segment
from tests.conftest import RAW

HOFU_HEADINGS = [
    "基本的事項", "秘密の保持", "目的外利用及び提供の禁止", "安全管理義務", "情報資産の持ち出し",
    "複写・複製の禁止", "情報資産の返還・消去", "記録媒体等の廃棄", "再委託の禁止", "実地調査等",
    "事故発生時における報告義務", "損害賠償",
]
FUKUOKA_HEADINGS = [
    "基本的事項", "管理及び実施体制", "作業場所等の特定", "秘密の保持", "収集の制限", "持出しの禁止",
    "複写又は複製等の禁止", "利用及び提供の制限", "廃棄等", "情報システムにおける安全管理措置",
    "従事者への研修", "再委託の禁止", "資料等の返還等", "事故報告", "調査", "指示及び報告",
    "取扱記録の作成", "運搬", "契約解除及び損害賠償",
]
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _segmented(name: str):
    return segment(extract(RAW / name))


@pytest.fixture(params=["hofu-city.txt", "hofu-city.pdf"])
def hofu(request):
    return _segmented(request.param)


@pytest.fixture(params=["fukuoka-pref.txt", "fukuoka-pref.pdf"])
def fukuoka(request):
    return _segmented(request.param)


def _children(document, parent_id):
    return [c for c in document.clauses if c.parent == parent_id]


def _check_articles(document, headings):
    articles = document.articles()
    assert [a.id for a in articles] == [str(n) for n in range(1, len(headings) + 1)]
    assert [a.label.translate(FULLWIDTH) for a in articles] == [f"第{n}" for n in range(1, len(headings) + 1)]
    assert [a.heading for a in articles] == headings


def _check_no_break_inside(document):
    for clause in document.clauses:
        assert "\n" not in clause.own_text, clause.id
        # a sentence never ends a line of the whole text except at a sub-unit boundary
        for line in clause.text.split("\n")[1:]:
            assert re.match(r"^(?:[0-9０-９]+|[一二三四五六七八九十]+) ", line) or clause.kind == "article", (clause.id, line)


def test_hofu_articles_and_headings(hofu):
    assert hofu.title == "重要情報資産・個人情報取扱特記事項"
    _check_articles(hofu, HOFU_HEADINGS)
    _check_no_break_inside(hofu)


def test_hofu_article_4_structure(hofu):
    assert [c.id for c in _children(hofu, "4")] == ["4.1", "4.2", "4.3"]
    assert [c.label for c in _children(hofu, "4")] == ["", "２", "３"]
    items = _children(hofu, "4.1")
    assert [(c.id, c.kind, c.label) for c in items] == [
        ("4.1.1", "item", "一"), ("4.1.2", "item", "二"), ("4.1.3", "item", "三"), ("4.1.4", "item", "四"),
    ]
    assert items[0].text == "管理責任者の選定"
    assert items[3].text == "不正アクセスの防止及び記録媒体等接続時における不正プログラムの感染防止"
    # "一及び二の措置" inside the lead sentence is not an item
    assert hofu.by_id("4.1").own_text.endswith("また、一及び二の措置を講じたときは、その内容を甲に届け出なければならない。")
    assert hofu.by_id("4.2").text.startswith("管理責任者は、業務従事者に対し")


def test_hofu_rejoins_mid_word_breaks(hofu):
    assert "防府市情報セキュリティポリシー" in hofu.by_id("1").text
    assert "（平成１７年法律第８６号）第２条第１項第３号に規定する子会社" in hofu.by_id("9.1").text
    assert [c.id for c in _children(hofu, "9")] == ["9.1", "9.2"]


def test_fukuoka_articles_and_headings(fukuoka):
    assert fukuoka.title == "保有個人情報取扱特記事項"
    _check_articles(fukuoka, FUKUOKA_HEADINGS)
    _check_no_break_inside(fukuoka)


def test_fukuoka_article_10_items_and_14_paragraphs(fukuoka):
    items = _children(fukuoka, "10.1")
    assert [c.label for c in items] == ["一", "二", "三", "四"]
    assert items[0].text == "アクセス制御のための認証機能設定、データ持出し時を含むパスワード等の定期又は随時見直し、読取り防止措置"
    assert [c.label for c in _children(fukuoka, "14")] == ["", "２", "３"]
    assert fukuoka.by_id("14.3").text.startswith("乙は、第１項の事案が発生した場合であって")


def test_fukuoka_note_is_metadata_not_a_clause(fukuoka):
    assert all("委託者である福岡県" not in c.text for c in fukuoka.clauses)
    notes = [m.text for m in fukuoka.metadata if m.kind == "note"]
    assert notes and notes[0] == "注"
    assert any("甲は委託者である福岡県を" in text for text in notes)
    assert fukuoka.by_id("19").text.endswith("損害賠償の請求をすることができるものとする。")


def test_fukuoka_article_15_across_the_page_break(fukuoka):
    assert fukuoka.by_id("15").text == "甲は、乙に対し、保有個人情報等の安全管理状況について、随時実地の調査等を行うものとする。"


def test_pdf_and_text_give_the_same_clauses():
    for stem in ("hofu-city", "fukuoka-pref"):
        from_text, from_pdf = _segmented(f"{stem}.txt"), _segmented(f"{stem}.pdf")
        assert [(c.id, c.label, c.heading, c.text) for c in from_pdf.clauses] == [
            (c.id, c.label, c.heading, c.text) for c in from_text.clauses
        ]
