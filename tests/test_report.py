"""Reports: the comparison page and its similarity map, the index page, the 新旧対照表 and
coverage workbooks."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from dataclasses import replace
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from pipeline.api import compare_documents, read_document
from pipeline.cli import main
from pipeline.extract import extract
from pipeline.judge.coverage import coverage_table
from pipeline.model import Alignment, Coverage, Strength
from pipeline.report import cells, diff, heatmap, view, xlsx
from pipeline.report import html as pages
from pipeline.segment import segment
from tests.conftest import RAW

HOSTILE_A = """悪意のある特記事項<script>alert(0)</script>

（秘密の保持）
第１ 乙は、<script>alert(1)</script>本業務に関して知り得た情報を第三者に知らせてはならない。

（安全管理"><b>）
第２ 乙は、"><img src=x onerror=alert(1)>情報の漏えいの防止のため必要な措置を講じなければならない。

第３ =SUM(1,2)
第４ @cmd|' /C calc'!A0
第５ +1 乙は、甲の承諾を得て再委託することができる。
第６ -1 乙は、事故が発生したときは速やかに甲に報告しなければならない。
"""

HOSTILE_B = """比較先の特記事項

（秘密の保持）
第１ 乙は、<script>alert(2)</script>本業務に関して知り得た情報をみだりに第三者に知らせてはならない。

（安全管理）
第２ 乙は、"><img src=y onerror=alert(2)>情報の漏えいの防止のため必要な措置を直ちに講じなければならない。
"""


def _compare(path_a, path_b):
    return compare_documents(segment(extract(path_a)), segment(extract(path_b)))


@pytest.fixture(scope="module")
def real():
    return _compare(RAW / "hofu-city.txt", RAW / "fukuoka-pref.txt")


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    a, b = folder / "hostile-a.txt", folder / "hostile-b.txt"
    a.write_text(HOSTILE_A, encoding="utf-8")
    b.write_text(HOSTILE_B, encoding="utf-8")
    return a, b


@pytest.fixture(scope="module")
def hostile(hostile_files):
    return _compare(*hostile_files)


class Page(HTMLParser):
    """The parts of a page the tests look at: elements with their attributes, the rows of
    #alignments (with the text inside each <del>/<ins>), and the similarity map's headers
    and cells."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.rows: list[dict] = []  # <tr> of #alignments' body, with the text of the row
        self.marks: dict[str, list[str]] = {"del": [], "ins": []}
        self.map_columns: list[dict] = []  # the similarity map's column headers
        self.map_rows: list[dict] = []  # its body rows: header attrs and text, cells
        self._table: str | None = None
        self._in_body = False
        self._mark: str | None = None
        self._row: dict | None = None
        self._text: dict | None = None  # the element whose text is being collected
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "table":
            self._table = attrs.get("id")
        elif tag == "tbody":
            self._in_body = True
        elif self._table == "alignments" and self._in_body and tag == "tr":
            self._row = {"id": attrs.get("id"), "class": attrs.get("class", ""), "text": "", "del": [], "ins": []}
            self.rows.append(self._row)
        elif self._table == "similarity-map":
            if tag == "tr" and self._in_body:
                self.map_rows.append({"header": None, "cells": []})
            elif tag == "th" and not self._in_body:
                self._text = {**attrs, "text": ""}
                self.map_columns.append(self._text)
            elif tag == "th":
                self._text = {**attrs, "text": ""}
                self.map_rows[-1]["header"] = self._text
            elif tag == "td":
                self._text = {**attrs, "text": ""}
                self.map_rows[-1]["cells"].append(self._text)
            elif tag == "a" and self._text is not None:
                self._text["href"] = attrs.get("href")
        if tag in ("del", "ins"):
            self._mark = tag
            self.marks[tag].append("")
            if self._row is not None:
                self._row[tag].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self._table, self._in_body = None, False
        elif tag == "tbody":
            self._in_body = False
        elif tag == "tr":
            self._row = None
        elif tag in ("th", "td"):
            self._text = None
        elif tag in ("del", "ins"):
            self._mark = None

    def handle_data(self, data):
        if self._row is not None:
            self._row["text"] += data
            if self._mark:
                self._row[self._mark][-1] += data
        if self._mark:
            self.marks[self._mark][-1] += data
        if self._text is not None:
            self._text["text"] += data

    def by_id(self, element_id: str) -> tuple[str, dict]:
        return next(e for e in self.elements if e[1].get("id") == element_id)

    @property
    def map_cells(self) -> list[list[dict]]:
        return [row["cells"] for row in self.map_rows]


def _background(cell: dict) -> tuple[int, int, int]:
    colour = cell["style"].removeprefix("background-color: ")
    assert len(colour) == 7 and colour.startswith("#"), cell["style"]
    return tuple(int(colour[k:k + 2], 16) for k in (1, 3, 5))


def _luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# -- the comparison page ---------------------------------------------------------------

def test_page_has_one_row_per_record_in_order(real):
    html = pages.comparison_page(real, index_href="index.html")
    page = Page(html)
    assert len(page.rows) == len(real.alignments)
    for row, record in zip(page.rows, real.alignments):
        assert f"row-{record.status}" in row["class"].split()
    ids = [row["id"] for row in page.rows]
    assert len(set(ids)) == len(ids) and all(ids)
    assert ids[:2] == ["r-a1-b1", "r-a2-b4"]
    assert "r-b18-extra" in ids
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ja">' in html and '<meta charset="utf-8">' in html
    assert page.by_id("heatmap")[0] == "section" and page.by_id("similarity-map")[0] == "table"
    assert page.by_id("index-link")[1]["href"] == "index.html"


def test_page_header_counts_and_legend(real):
    html = pages.comparison_page(real)
    page = Page(html)
    assert "重要情報資産・個人情報取扱特記事項" in html and "保有個人情報取扱特記事項" in html
    assert str(RAW / "hofu-city.txt") in html
    counts = real.counts()
    assert counts == {"equivalent": 3, "divergent": 13, "missing": 0, "extra": 3}
    assert f'<span class="n">{counts["divergent"]}</span> 相違' in html
    assert any(attrs.get("id") == "legend" for _, attrs in page.elements)
    assert '<a href="#heatmap">' in html
    assert "index-link" not in [attrs.get("id") for _, attrs in page.elements]  # no index, no link


def test_page_is_standalone(real):
    html = pages.comparison_page(real)
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"script", "link", "iframe", "img", "object", "embed"}
    for _, attrs in page.elements:
        for name in ("src", "href"):
            assert not str(attrs.get(name, "")).startswith(("http:", "https:", "//", "data:"))
    assert "url(" not in html and "data:" not in html and "@import" not in html


def test_divergent_row_shows_reasons_and_character_diff(real):
    page = Page(pages.comparison_page(real))
    row = next(r for r in page.rows if r["id"] == "r-a11-b14")
    assert "row-divergent" in row["class"]
    for reason in ("deadline: 速やかに → 直ちに", "form: none → 書面"):
        assert reason in row["text"]
    assert "p.1" in row["text"]
    assert row["del"] and row["ins"]
    assert any("速やか" in text for text in row["del"])
    assert any("直ち" in text for text in row["ins"])
    # an equivalent pair whose wording differs is diffed too (issue 11: every change shown)
    same = next(r for r in page.rows if r["id"] == "r-a2-b4")
    assert "row-equivalent" in same["class"] and same["del"] and same["ins"]


def test_identical_rows_carry_no_diff_marks():
    hofu = read_document(RAW / "hofu-city.txt")
    page = Page(pages.comparison_page(compare_documents(hofu, hofu)))
    assert page.rows and all(not row["del"] and not row["ins"] for row in page.rows)


def test_diff_pieces_rebuild_both_texts():
    a = "乙は、速やかに甲に報告しなければならない。"
    b = "乙は、直ちに甲に書面で報告しなければならない。"
    pieces_a, pieces_b = diff.char_diff(a, b)
    assert "".join(t for _, t in pieces_a) == a
    assert "".join(t for _, t in pieces_b) == b
    assert {k for k, _ in pieces_a} <= {"eq", "del"} and {k for k, _ in pieces_b} <= {"eq", "ins"}
    assert [t for k, t in pieces_a if k == "eq"] == [t for k, t in pieces_b if k == "eq"]
    assert ("del", "速やか") in pieces_a and ("ins", "直ち") in pieces_b
    assert diff.char_diff("", "") == ([], [])


def test_many_to_one_rows_show_the_matched_unit(real):
    page = Page(pages.comparison_page(real))
    row = next(r for r in page.rows if r["id"] == "r-a4-b2")
    assert "row-part" in row["class"]
    assert "対応部分 4.1.1" in row["text"]
    # the whole article is shown around the matched item
    assert "管理責任者の選定" in row["text"] and "十分な教育を実施しなければならない" in row["text"]


def test_a_side_is_its_article_cut_at_the_matched_unit(real):
    """before + unit + after is the article's text, the unit cut out at Clause.start."""
    for row in view.comparison_rows(real):
        for side, document in ((row.a, real.a), (row.b, real.b)):
            if side is None:
                continue
            article = document.by_id(side.article_id)
            assert side.before + side.text + side.after == article.text
            assert side.title == article.title
            if side.unit_id:  # several units: the stretch from the first to the end of the last
                units = [document.by_id(u) for u in side.unit_id.split(", ")]
                assert side.text.startswith(units[0].text) and side.text.endswith(units[-1].text)
            else:
                assert not side.before and not side.after
    part = next(row for row in view.comparison_rows(real) if row.id == "r-a4-b2")
    assert part.a.before and part.a.after and part.a.unit_page == real.a.by_id("4.1.1").page


def test_several_units_are_the_stretch_they_span(real):
    """The aligner matches one unit a side; a record naming several shows the stretch from
    the first to the end of the last, verbatim."""
    units = ["4.1.1", "4.1.2"]
    record = Alignment("4", "2", 0.3, "divergent", ["made up"], units, ["2"])
    (row,) = view.comparison_rows(replace(real, alignments=[record]))
    article = real.a.by_id("4")
    first, last = (real.a.by_id(u) for u in units)
    assert row.a.unit_id == "4.1.1, 4.1.2"
    assert row.a.before == article.text[:first.start]
    assert row.a.text == article.text[first.start:last.start + len(last.text)]
    assert row.a.text.startswith(first.text) and row.a.text.endswith(last.text)
    assert row.a.before + row.a.text + row.a.after == article.text
    assert row.a.changed and row.b.changed


def test_extra_rows_say_there_is_no_counterpart(real):
    page = Page(pages.comparison_page(real))
    row = next(r for r in page.rows if r["id"] == "r-b18-extra")
    assert "row-extra" in row["class"] and "（対応なし）" in row["text"] and "運搬" in row["text"]
    assert "no counterpart in A" in row["text"]


def test_document_text_is_escaped(hostile):
    html = pages.comparison_page(hostile)
    assert "<script" not in html
    assert "<img" not in html and '"><b>' not in html
    assert "安全管理&#34;&gt;&lt;b&gt;" in html  # the heading too
    assert "&lt;script&gt;alert(" in html and ")&lt;/script&gt;" in html  # split by the diff marks
    assert "&#34;&gt;&lt;img src=" in html and " onerror=alert(" in html  # split by the diff marks
    page = Page(html)
    assert not {tag for tag, _ in page.elements} & {"script", "img"}
    row = next(r for r in page.rows if r["id"] == "r-a2-b2")
    assert "row-divergent" in row["class"]
    assert "<img src=x onerror=alert(1)>" in row["text"]  # shown as text
    assert row["del"] and row["ins"]


def test_script_urls_are_not_links(hostile):
    html = pages.comparison_page(hostile, index_href="javascript:alert(2)")
    assert "javascript:" not in html
    assert pages.safe_href("C:\\reports\\a.html") == "C:\\reports\\a.html"
    assert pages.safe_href("compare-1.html") == "compare-1.html"
    assert pages.safe_href("data:text/html,<b>") == "#"
    assert pages.safe_href("data:image/png;base64,AAAA") == "#"


def test_write_comparison_html_writes_the_page_only(real, tmp_path):
    out = tmp_path / "比較 結果.html"
    assert pages.write_comparison_html(real, out, index_href="index.html") is None
    assert out.read_text(encoding="utf-8") == pages.comparison_page(real, index_href="index.html")
    assert [p.name for p in tmp_path.iterdir()] == ["比較 結果.html"]  # no image, no temp files


def test_the_report_does_not_use_matplotlib():
    """Drawing pages and workbooks loads no plotting library (it was 60 % of a cold batch)."""
    code = (
        "import sys\n"
        "from pipeline.api import compare_documents\n"
        "from pipeline.extract import extract\n"
        "from pipeline.segment import segment\n"
        "import pipeline.report.html as pages, pipeline.report.xlsx as xlsx\n"
        f"c = compare_documents(segment(extract({str(RAW / 'hofu-city.txt')!r})),"
        f" segment(extract({str(RAW / 'fukuoka-pref.txt')!r})))\n"
        "pages.comparison_page(c); pages.index_page([], None, []); xlsx.comparison_xlsx_bytes(c)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'japanize_matplotlib'))\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=RAW.parent.parent)


# -- the similarity map ----------------------------------------------------------------

def test_map_has_one_cell_per_article_pair(real):
    page = Page(pages.comparison_page(real))
    articles_a, articles_b = real.a.articles(), real.b.articles()
    assert len(page.map_rows) == len(articles_a) == 12
    assert all(len(row) == len(articles_b) == 19 for row in page.map_cells)
    assert len(page.map_columns) == 1 + len(articles_b)  # the corner, then B's articles
    assert [c["title"] for c in page.map_columns[1:]] == [f"B {c.title}" for c in articles_b]
    assert [r["header"]["title"] for r in page.map_rows] == [f"A {c.title}" for c in articles_a]
    assert page.map_rows[0]["header"]["text"] == "第１ 基本的事項"
    # a long heading is shortened on the axis, whole in the tooltip
    long = next(n for n, c in enumerate(articles_a) if len(c.heading or "") > heatmap.HEADING_WIDTH)
    label = page.map_rows[long]["header"]["text"]
    assert label.endswith("…") and len(label) == len(articles_a[long].label) + 1 + heatmap.HEADING_WIDTH
    for i, row in enumerate(page.map_cells):
        for j, cell in enumerate(row):
            value = f"{real.article_similarity[i, j]:.2f}"
            assert cell["text"] == value and cell["title"].endswith((value, "）"))
            assert cell["title"].startswith(f"A {articles_a[i].label} × B {articles_b[j].label}: ")


def test_map_shading_is_monotone_in_the_value(real):
    page = Page(pages.comparison_page(real))
    shades = sorted((float(cell["text"]), _luminance(_background(cell))) for row in page.map_cells for cell in row)
    for (v1, l1), (v2, l2) in zip(shades, shades[1:]):
        assert l2 <= l1 or v1 == v2, (v1, v2)
    assert shades[-1][1] < shades[0][1] - 100  # the best pair is much darker than the worst
    ramp = [_luminance(_background({"style": f"background-color: {heatmap.shade(x)}"}))
            for x in np.linspace(0, 1, 101)]
    assert ramp == sorted(ramp, reverse=True) and len(set(ramp)) == len(ramp)
    assert heatmap.shade(0) == "#f7fbff" and heatmap.shade(1) == heatmap.shade(2) == "#08306b"
    # the scale starts at 0 and tops at the best pair, but at least MIN_SCALE
    model = heatmap.similarity_map(real, view.comparison_rows(real))
    assert model.scale == max(float(real.article_similarity.max()), heatmap.MIN_SCALE)
    assert model.ticks == ("0.00", f"{model.scale:.2f}")


def test_map_outlines_the_aligned_pairs(real):
    page = Page(pages.comparison_page(real))
    row_of = {c.id: n for n, c in enumerate(real.a.articles())}
    col_of = {c.id: n for n, c in enumerate(real.b.articles())}
    expected = {(row_of[r.a], col_of[r.b]): r for r in real.alignments if r.a and r.b}
    outlined = {(i, j): cell for i, row in enumerate(page.map_cells) for j, cell in enumerate(row)
                if "pair" in cell.get("class", "").split()}
    assert outlined.keys() == expected.keys() and len(outlined) == 16
    row_ids = {r["id"] for r in page.rows}
    for key, cell in outlined.items():
        record = expected[key]
        assert f"pair-{record.status}" in cell["class"].split()
        assert cell["href"] == f"#r-a{record.a}-b{record.b}" and cell["href"][1:] in row_ids
        assert f"（{view.STATUS_JA[record.status]} {record.status}）" in cell["title"]
    others = [cell for i, row in enumerate(page.map_cells) for j, cell in enumerate(row) if (i, j) not in outlined]
    assert others and not any("href" in cell for cell in others)
    # the outlines are drawn in the status colours of the rest of the page
    css = (pages.STATIC_DIR / "report.css").read_text(encoding="utf-8")
    for status in heatmap.PAIR_STATUSES:
        assert f"--{status}: {view.STATUS_COLOURS[status]}" in css
        assert f"td.pair-{status}" in css and f"var(--{status})" in css


def test_map_escapes_hostile_headings(hostile):
    html = pages.comparison_page(hostile)
    page = Page(html)
    assert page.map_rows[1]["header"]["text"] == '第２ 安全管理"><b>'
    assert page.map_rows[1]["header"]["title"] == 'A 第２（安全管理"><b>）'
    assert '<span class="label">第２</span> 安全管理&#34;&gt;&lt;b&gt;</th>' in html
    assert 'title="A 第２（安全管理&#34;&gt;&lt;b&gt;）"' in html


def test_map_of_a_document_without_articles(hostile):
    no_articles = replace(hostile.a, clauses=())
    extras = [Alignment(None, c.id, None, "extra", ["no counterpart in A"]) for c in hostile.b.articles()]
    empty = replace(hostile, a=no_articles, alignments=extras, article_similarity=np.zeros((0, 2)))
    model = heatmap.similarity_map(empty, view.comparison_rows(empty))
    assert model.empty and model.rows == [] and len(model.columns) == 2 and model.scale == heatmap.MIN_SCALE
    html = pages.comparison_page(empty)
    page = Page(html)
    assert "similarity-map" not in [attrs.get("id") for _, attrs in page.elements]
    assert "条項なし (no articles)" in html and len(page.rows) == 2
    with pytest.raises(ValueError, match="article_similarity"):
        heatmap.similarity_map(replace(hostile, article_similarity=np.zeros((2, 2))), [])


# -- the index page --------------------------------------------------------------------

NAMES = ["秘密保持義務", "再委託における条件", "漏えい等事案が発生した場合の委託先の責任", "運搬"]


def _coverage() -> Coverage:
    """The batch's matrix (``pipeline.judge.coverage.coverage_table``): one issuer of each
    strength level, and obligations nobody imposes."""
    return coverage_table({
        "防府市": {NAMES[0]: Strength("してはならない", "present"),
                   NAMES[1]: Strength("してはならない・書面による承諾", "strong"),
                   NAMES[2]: Strength("速やかに", "unread")},
        "<script>町": {NAMES[0]: Strength("努めなければならない", "weak"), NAMES[3]: Strength("記載あり", "present")},
    })


def _coverage_cells(html: str) -> list[list[dict]]:
    page = Page(html)
    rows, row = [], None
    for tag, attrs in page.elements:
        if tag == "table":
            inside = attrs.get("id") == "coverage"
        elif tag == "tr" and inside:
            row = []
            rows.append(row)
        elif tag == "td" and inside:
            row.append(attrs)
    return rows[1:]  # without the header row


def test_index_page(real):
    documents = [
        {"source": "hofu-city.txt", "title": "重要情報資産・個人情報取扱特記事項", "issuer": "防府市",
         "pages": 1, "articles": 12, "status": "ok", "error": None},
        {"source": "scan<script>.pdf", "title": None, "issuer": None, "pages": pd.NA, "articles": float("nan"),
         "status": "error", "error": "no text layer <b>(scanned?)</b>"},
        {"source": "ocr.pdf", "title": "t", "issuer": "x", "pages": 2, "articles": 3, "status": "ok",
         "extraction": "ocr", "ocr_confidence": 0.874, "warnings": "one\ntwo"},
    ]
    comparisons = [{"href": "cmp/hofu__fukuoka.html", "a": "hofu-city.txt", "b": "fukuoka-pref.txt", **real.counts()},
                   {"href": "javascript:alert(1)", "a": "x", "b": "y", "equivalent": 0, "divergent": 0,
                    "missing": 0, "extra": 0}]
    html = pages.index_page(documents, _coverage(), comparisons)
    assert "<script" not in html and "<b>(scanned" not in html and "javascript:" not in html
    assert "no text layer &lt;b&gt;(scanned?)&lt;/b&gt;" in html
    assert "&lt;script&gt;町" in html
    page = Page(html)
    rows = [attrs.get("class") for tag, attrs in page.elements if tag == "tr" and attrs.get("class")]
    assert rows[:3] == ["doc-ok", "doc-failed", "doc-ok"]
    assert ">OCR 87%</span>" in html and "2 件の注意 warnings" in html
    assert 'href="cmp/hofu__fukuoka.html"' in html and 'href="#"' in html
    assert "1 件 読み込み失敗" in html and "3 文書" in html


def test_index_coverage_cells_are_coloured_by_level():
    coverage = _coverage()
    html = pages.index_page([], coverage, [])
    assert '<th scope="col" class="key">issuer</th>' in html
    names = list(coverage.table.columns)
    rows = _coverage_cells(html)
    assert len(rows) == 4 and all(len(row) == len(names) for row in rows)
    hofu, town, imposed, usual = rows
    at = names.index
    assert [hofu[at(n)]["class"] for n in NAMES] == ["cov-present", "cov-strong", "cov-other", "cov-missing"]
    assert [town[at(n)]["class"] for n in NAMES] == ["cov-weak", "cov-missing", "cov-missing", "cov-present"]
    assert {c["class"] for c in usual} == {"cov-summary"}
    assert {c["class"] for c in imposed} == {"cov-score"}
    # the imposed-by row is shaded by the share of issuers: all → green, none → white
    assert imposed[at(NAMES[0])]["style"] == "background-color: #66bb6a"
    assert imposed[at(NAMES[1])]["style"] == "background-color: #b2ddb4"
    assert imposed[at(names[-1])]["style"] == "background-color: #ffffff" and coverage.imposed_share[names[-1]] == 0
    assert not any("style" in c for c in hofu + town + usual)
    assert html.count('class="summary-row"') == 2
    assert ">なし</td>" in html and ">2/2</td>" in html and ">してはならない・書面による承諾</td>" in html
    for level, cls in pages.LEVEL_CLASSES.items():
        assert f".{cls}" in (pages.STATIC_DIR / "report.css").read_text(encoding="utf-8"), level


def test_index_page_without_coverage():
    html = pages.index_page([], None, [])
    assert 'id="coverage"' not in html and "比較なし" in html


# -- the workbooks ---------------------------------------------------------------------

def test_safe_cell_text():
    for hostile_value in ("=SUM(1,2)", "+1", "-1", "@cmd", "\t=1", "\r=1", "＝1"):
        assert cells.safe_cell_text(hostile_value) == "'" + hostile_value
    for harmless in ("乙は、", "第１", "", "1=1", "a-b"):
        assert cells.safe_cell_text(harmless) == harmless
    assert cells.safe_cell_text("a\x00b\x07c") == "abc"  # XML cannot hold these


def _sheet(data: bytes, name: str = "新旧対照表"):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    return workbook, workbook[name]


def test_xlsx_rows_and_values(real):
    data = xlsx.comparison_xlsx_bytes(real)
    workbook, sheet = _sheet(data)
    assert workbook.sheetnames == ["新旧対照表"]
    assert str(sheet["B1"].value).startswith(str(RAW / "hofu-city.txt")) and "重要情報資産" in sheet["B1"].value
    assert "保有個人情報取扱特記事項" in sheet["B2"].value
    assert [c.value for c in sheet[4]] == ["A条項", "A本文", "対応", "B条項", "B本文", "相違点"]
    body = list(sheet.iter_rows(min_row=5))
    assert len(body) == len(real.alignments)
    first = [c.value for c in body[0]]
    assert first[0].startswith("第１（基本的事項）") and "p.1" in first[0]
    assert first[2].startswith("一致（equivalent）")
    accident = next(row for row, rec in zip(body, real.alignments) if (rec.a, rec.b) == ("11", "14"))
    assert "deadline: 速やかに → 直ちに" in accident[5].value.split("\n")
    assert accident[5].alignment.wrap_text
    # the changed spans are rich text in red
    from openpyxl.cell.rich_text import CellRichText

    rich = accident[1].value
    assert isinstance(rich, CellRichText)
    marked = [block for block in rich if not isinstance(block, str) and block.font.color is not None
              and block.font.color.rgb.endswith("C62828")]
    assert any("速やか" in block.text for block in marked)
    assert str(rich) == real.a.by_id("11").text
    part = next(row for row, rec in zip(body, real.alignments) if (rec.a, rec.b) == ("4", "2"))
    assert "対応部分 4.1.1" in part[0].value
    assert str(part[1].value) == real.a.by_id("4").text  # the article, around its matched item
    extra = body[-1]
    assert extra[0].value in (None, "") and extra[1].value == "（対応なし）" and "運搬" in extra[3].value
    assert sheet.freeze_panes == "A5"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(sheet.page_setup.fitToWidth) == 1
    assert sheet.column_dimensions["B"].width >= 40


def test_xlsx_is_deterministic(real, tmp_path):
    first = xlsx.comparison_xlsx_bytes(real)
    assert first == xlsx.comparison_xlsx_bytes(real)
    xlsx.write_comparison_xlsx(real, tmp_path / "a.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == first  # the writer and the bytes are one path
    workbook, _ = _sheet(first)
    assert workbook.properties.created == xlsx.FIXED_TIMESTAMP
    assert workbook.properties.modified == xlsx.FIXED_TIMESTAMP
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_xlsx_neutralises_formulas(hostile, tmp_path):
    path = tmp_path / "hostile.xlsx"
    xlsx.write_comparison_xlsx(hostile, path)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    _, sheet = _sheet(path.read_bytes())
    texts = {}
    for row in sheet.iter_rows(min_row=5):
        if row[0].value:
            texts[row[0].value.split("\n")[0]] = row[1]
    assert texts["第３"].value == "'=SUM(1,2)" and texts["第３"].data_type == "s"
    assert texts["第４"].value == "'@cmd|' /C calc'!A0"
    assert texts["第５"].value.startswith("'+1 ")
    assert texts["第６"].value.startswith("'-1 ")
    # the script text is kept as text in the workbook
    assert "<script>alert(1)</script>" in str(texts["第１（秘密の保持）"].value)


def test_rich_text_first_block_is_neutralised():
    rich = xlsx._rich([("del", "=1+2"), ("eq", " 乙は")])
    assert str(rich) == "'=1+2 乙は"
    assert xlsx._rich([("eq", "@x")]) == "'@x"


def test_coverage_workbook(tmp_path):
    coverage = coverage_table({
        "=HYPERLINK(\"x\")": {NAMES[0]: Strength("してはならない", "present")},
        "防府市": {NAMES[0]: Strength("努めなければならない", "weak"), NAMES[1]: Strength("記載あり", "present")},
    })
    path = tmp_path / "coverage.xlsx"
    xlsx.write_coverage_xlsx(coverage, path)
    data = path.read_bytes()
    xlsx.write_coverage_xlsx(coverage, path)
    assert path.read_bytes() == data
    workbook, sheet = _sheet(data, "coverage")
    assert workbook.sheetnames == ["coverage"]
    assert workbook.properties.created == workbook.properties.modified == xlsx.FIXED_TIMESTAMP
    names = list(coverage.table.columns)
    assert [c.value for c in sheet[1]] == ["issuer", *names]
    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert labels == ["'=HYPERLINK(\"x\")", "防府市", "imposed by", "usual wording"]
    first, town, imposed, usual = (list(row) for row in sheet.iter_rows(min_row=2))
    secrecy, subcontract, other = 1 + names.index(NAMES[0]), 1 + names.index(NAMES[1]), 1 + names.index(NAMES[2])
    fill = {"imposed": "00D9EAD3", "missing": "00F4CCCC"}
    assert first[secrecy].value == "してはならない" and first[secrecy].fill.fgColor.rgb == fill["imposed"]
    assert first[other].value is None and first[other].fill.fgColor.rgb == fill["missing"]
    assert town[subcontract].value == "記載あり" and town[subcontract].fill.fgColor.rgb == fill["imposed"]
    assert imposed[secrecy].value == "2/2" and imposed[subcontract].value == "1/2"
    assert imposed[secrecy].font.b and usual[secrecy].font.b and imposed[secrecy].fill.fgColor.rgb != fill["imposed"]
    assert not first[1].font.b and sheet.freeze_panes == "B2"


# -- the command line ------------------------------------------------------------------

def test_cli_html_to_file_and_stdout(tmp_path, capsys):
    out = tmp_path / "out" / "compare.html"
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "html",
                 "-o", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == ["compare.html"]
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.rows) == 19 and len(page.map_rows) == 12
    capsys.readouterr()
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert html == out.read_text(encoding="utf-8")  # the same self-contained page
    assert "data:" not in html


def test_cli_xlsx(tmp_path, capsys):
    out = tmp_path / "新旧対照表.xlsx"
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "xlsx",
                 "--output", str(out)]) == 0
    _, sheet = _sheet(out.read_bytes())
    assert sheet.max_row == 4 + 19
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "xlsx"]) == 2
    assert "-o/--output" in capsys.readouterr().err


def test_cli_json_and_text_unchanged(capsys):
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "a": {') and out.endswith("}\n")
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt")]) == 0
    assert "3 equivalent, 13 divergent, 0 missing, 3 extra" in capsys.readouterr().out


def test_character_diff_is_difflibs():
    """The report's diff runs cydifflib for speed: its opcodes must be difflib's own, on
    Japanese clause-like texts with and without autojunk."""
    import difflib
    import random

    from cydifflib import SequenceMatcher

    rng = random.Random(7)
    alphabet = "乙は甲の承諾を得ないで個人情報を複写してはならない。、のＡ1 "
    for _ in range(300):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 260)))
        b = list(a)
        for _ in range(rng.randint(0, 15)):
            if b and rng.random() < 0.5:
                del b[rng.randrange(len(b))]
            else:
                b.insert(rng.randint(0, len(b)), rng.choice(alphabet))
        b = "".join(b)
        for autojunk in (False, True):
            assert (SequenceMatcher(None, a, b, autojunk=autojunk).get_opcodes()
                    == difflib.SequenceMatcher(None, a, b, autojunk=autojunk).get_opcodes())
