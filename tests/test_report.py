"""Reports: the comparison page, the index page, the heatmap and the 新旧対照表 workbook."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline import report
from pipeline.cli import main
from pipeline.api import compare_documents
from pipeline.extract import extract
from pipeline.segment import segment
from tests.conftest import RAW

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

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
    """The parts of a page the tests look at: elements with their attributes, the text inside
    each <del>/<ins>, and every tag name seen."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.rows: list[dict] = []  # <tr> of #alignments' body, with the text of the row
        self.marks: dict[str, list[str]] = {"del": [], "ins": []}
        self._in_table = self._in_body = False
        self._mark: str | None = None
        self._row: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "table" and attrs.get("id") == "alignments":
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._row = {"id": attrs.get("id"), "class": attrs.get("class", ""), "text": "", "del": [], "ins": []}
            self.rows.append(self._row)
        elif tag in ("del", "ins"):
            self._mark = tag
            self.marks[tag].append("")
            if self._row is not None:
                self._row[tag].append("")

    def handle_endtag(self, tag):
        if tag == "table" and self._in_table:
            self._in_table = self._in_body = False
        elif tag == "tr":
            self._row = None
        elif tag in ("del", "ins"):
            self._mark = None

    def handle_data(self, data):
        if self._row is not None:
            self._row["text"] += data
            if self._mark:
                self._row[self._mark][-1] += data
        if self._mark:
            self.marks[self._mark][-1] += data

    def by_id(self, element_id: str) -> tuple[str, dict]:
        return next(e for e in self.elements if e[1].get("id") == element_id)


# -- the comparison page ---------------------------------------------------------------

def test_page_has_one_row_per_record_in_order(real):
    html = report.comparison_page(real, heatmap_href="cmp.png", index_href="index.html")
    page = Page(html)
    assert len(page.rows) == len(real.alignments)
    for row, record in zip(page.rows, real.alignments):
        assert f"row-{record.status}" in row["class"].split()
    ids = [row["id"] for row in page.rows]
    assert len(set(ids)) == len(ids) and all(ids)
    assert ids[:2] == ["r-a1-b1", "r-a2-b4"]
    assert "r-b18-extra" in ids
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ja">' in html and '<meta charset="utf-8">' in html
    tag, attrs = page.by_id("heatmap")
    assert tag == "img" and attrs["src"] == "cmp.png" and attrs["alt"]
    assert page.by_id("index-link")[1]["href"] == "index.html"


def test_page_header_counts_and_legend(real):
    html = report.comparison_page(real)
    page = Page(html)
    assert "重要情報資産・個人情報取扱特記事項" in html and "保有個人情報取扱特記事項" in html
    assert str(RAW / "hofu-city.txt") in html
    counts = real.counts()
    assert counts == {"equivalent": 3, "divergent": 13, "missing": 0, "extra": 3}
    assert f'<span class="n">{counts["divergent"]}</span> 相違' in html
    assert any(attrs.get("id") == "legend" for _, attrs in page.elements)
    assert "heatmap" not in [attrs.get("id") for _, attrs in page.elements]  # no href, no image


def test_page_is_standalone(real):
    html = report.comparison_page(real, heatmap_href="x.png")
    page = Page(html)
    tags = {tag for tag, _ in page.elements}
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    for _, attrs in page.elements:
        for name in ("src", "href"):
            assert not str(attrs.get(name, "")).startswith(("http:", "https:", "//"))


def test_divergent_row_shows_reasons_and_character_diff(real):
    page = Page(report.comparison_page(real))
    row = next(r for r in page.rows if r["id"] == "r-a11-b14")
    assert "row-divergent" in row["class"]
    for reason in ("deadline: 速やかに → 直ちに", "form: none → 書面"):
        assert reason in row["text"]
    assert "p.1" in row["text"]
    assert row["del"] and row["ins"]
    assert any("速やか" in text for text in row["del"])
    assert any("直ち" in text for text in row["ins"])
    # equivalent rows are shown without diff marks
    same = next(r for r in page.rows if r["id"] == "r-a2-b4")
    assert not same["del"] and not same["ins"]


def test_diff_pieces_rebuild_both_texts():
    a = "乙は、速やかに甲に報告しなければならない。"
    b = "乙は、直ちに甲に書面で報告しなければならない。"
    pieces_a, pieces_b = report.char_diff(a, b)
    assert "".join(t for _, t in pieces_a) == a
    assert "".join(t for _, t in pieces_b) == b
    assert {k for k, _ in pieces_a} <= {"eq", "del"} and {k for k, _ in pieces_b} <= {"eq", "ins"}
    assert [t for k, t in pieces_a if k == "eq"] == [t for k, t in pieces_b if k == "eq"]
    assert ("del", "速やか") in pieces_a and ("ins", "直ち") in pieces_b
    assert report.char_diff("", "") == ([], [])


def test_many_to_one_rows_show_the_matched_unit(real):
    page = Page(report.comparison_page(real))
    row = next(r for r in page.rows if r["id"] == "r-a4-b2")
    assert "row-part" in row["class"]
    assert "対応部分 4.1.1" in row["text"]
    # the whole article is shown around the matched item
    assert "管理責任者の選定" in row["text"] and "十分な教育を実施しなければならない" in row["text"]


def test_extra_rows_say_there_is_no_counterpart(real):
    page = Page(report.comparison_page(real))
    row = next(r for r in page.rows if r["id"] == "r-b18-extra")
    assert "row-extra" in row["class"] and "（対応なし）" in row["text"] and "運搬" in row["text"]
    assert "no counterpart in A" in row["text"]


def test_document_text_is_escaped(hostile):
    html = report.comparison_page(hostile, heatmap_href='x.png" onerror="alert(3)')
    assert "<script" not in html
    assert "<img src=x" not in html and "<img src=y" not in html and '"><b>' not in html
    assert "安全管理&#34;&gt;&lt;b&gt;" in html  # the heading too
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=" in html and " onerror=alert(" in html  # split by the diff marks
    page = Page(html)
    assert "script" not in {tag for tag, _ in page.elements}
    images = [attrs for tag, attrs in page.elements if tag == "img"]
    assert len(images) == 1 and "onerror" not in images[0]
    assert images[0]["src"] == 'x.png" onerror="alert(3)'  # an attribute value, not markup
    row = next(r for r in page.rows if r["id"] == "r-a2-b2")
    assert "row-divergent" in row["class"]
    assert "<img src=x onerror=alert(1)>" in row["text"]  # shown as text
    assert row["del"] and row["ins"]


def test_script_urls_are_not_links(hostile):
    html = report.comparison_page(hostile, heatmap_href="javascript:alert(1)", index_href="javascript:alert(2)")
    assert "javascript:" not in html
    assert report.safe_href("C:\\reports\\a.html") == "C:\\reports\\a.html"
    assert report.safe_href("data:text/html,<b>", allow_png_data=True) == "#"
    assert report.safe_href("data:image/png;base64,AAAA", allow_png_data=True).startswith("data:image/png")


def test_write_comparison_html_writes_page_and_png(real, tmp_path):
    out = tmp_path / "比較 結果.html"
    png = report.write_comparison_html(real, out)
    assert png == tmp_path / "比較 結果.png"
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    html = out.read_text(encoding="utf-8")
    assert 'src="%E6%AF%94%E8%BC%83%20%E7%B5%90%E6%9E%9C.png"' in html
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["比較 結果.html", "比較 結果.png"]  # no temp files


# -- heatmap ---------------------------------------------------------------------------

def test_heatmap_is_a_deterministic_png(real):
    from PIL import Image

    first = report.similarity_heatmap_png(real)
    second = report.similarity_heatmap_png(real)
    assert first.startswith(PNG_SIGNATURE)
    assert first == second
    assert b"Software" not in first and b"Creation" not in first
    image = Image.open(io.BytesIO(first)).convert("RGB")
    assert image.width > 600 and image.height > 400
    assert len(image.getcolors(maxcolors=1 << 20)) > 50  # a picture, not a blank


def test_heatmap_of_an_empty_matrix(hostile):
    from dataclasses import replace

    import numpy as np

    empty = replace(hostile, article_similarity=np.zeros((0, 0)))
    assert report.similarity_heatmap_png(empty).startswith(PNG_SIGNATURE)


# -- the index page --------------------------------------------------------------------

def test_index_page(real):
    documents = [
        {"source": "hofu-city.txt", "title": "重要情報資産・個人情報取扱特記事項", "issuer": "防府市",
         "pages": 1, "articles": 12, "status": "ok", "error": None},
        {"source": "scan<script>.pdf", "title": None, "issuer": None, "pages": pd.NA, "articles": float("nan"),
         "status": "error", "error": "no text layer <b>(scanned?)</b>"},
    ]
    coverage = pd.DataFrame(
        {"秘密保持義務": ["present", "missing"], "再委託の制限": ["strong", "weak"],
         "事故報告": ["速やかに", None], "score": [0.75, float("nan")]},
        index=pd.Index(["hofu-city.txt", "scan<script>.pdf"], name="source"),
    )
    coverage.attrs["caption"] = "公式チェックリストとの対照"
    comparisons = [{"href": "cmp/hofu__fukuoka.html", "a": "hofu-city.txt", "b": "fukuoka-pref.txt", **real.counts()},
                   {"href": "javascript:alert(1)", "a": "x", "b": "y", "equivalent": 0, "divergent": 0,
                    "missing": 0, "extra": 0}]
    html = report.index_page(documents, coverage, comparisons)
    assert "<script" not in html and "<b>(scanned" not in html and "javascript:" not in html
    assert "no text layer &lt;b&gt;(scanned?)&lt;/b&gt;" in html
    page = Page(html)
    rows = [attrs.get("class") for tag, attrs in page.elements if tag == "tr" and attrs.get("class")]
    assert rows == ["doc-ok", "doc-failed"]
    cells = [attrs.get("class") for tag, attrs in page.elements if tag == "td" and str(attrs.get("class")).startswith("cov-")]
    assert cells == ["cov-present", "cov-strong", "cov-other", "cov-score", "cov-missing", "cov-weak", "cov-na", "cov-na"]
    assert 'href="cmp/hofu__fukuoka.html"' in html
    assert "公式チェックリストとの対照" in html and "1 件 読み込み失敗" in html


def test_index_page_multiindex_and_no_coverage():
    coverage = pd.DataFrame({"秘密保持義務": ["✓"]},
                            index=pd.MultiIndex.from_tuples([("防府市", "hofu.txt")], names=["issuer", "source"]))
    html = report.index_page([], coverage, [])
    assert '<th scope="col" class="key">issuer</th><th scope="col" class="key">source</th>' in html
    assert '<th scope="row" class="key">防府市</th>' in html and 'class="cov-present"' in html
    assert 'id="coverage"' not in report.index_page([], None, [])


def test_index_page_takes_the_coverage_matrix_of_the_batch():
    """pipeline.judge.coverage.coverage_table's shape: "" where an issuer does not impose an
    obligation, wording strengths, and two summary rows (imposed by "n/m", usual wording)."""
    coverage = pd.DataFrame(
        [["しなければならない・直ちに", ""], ["しなければならない", "してはならない・書面による承諾"],
         ["2/2", "1/2"], ["しなければならない", ""]],
        index=pd.Index(["防府市", "福岡県", "imposed by", "usual wording"], name="issuer"),
        columns=["事故報告", "再委託の制限"],
    )
    html = report.index_page([], coverage, [])
    page = Page(html)
    cells = [(attrs.get("class"), attrs.get("style")) for tag, attrs in page.elements
             if tag == "td" and str(attrs.get("class")).startswith("cov-")]
    assert [c for c, _ in cells] == ["cov-strong", "cov-missing", "cov-present", "cov-strong",
                                     "cov-score", "cov-score", "cov-summary", "cov-summary"]
    assert cells[4][1] == "background-color: #66bb6a" and cells[5][1] != cells[4][1]
    assert html.count('class="summary-row"') == 2
    assert ">なし</td>" in html


def test_coverage_class():
    assert report.coverage_class("Present") == "cov-present"
    assert report.coverage_class("なし") == "cov-missing"
    assert report.coverage_class(float("nan")) == "cov-na"
    assert report.coverage_class("") == "cov-missing"  # not imposed
    assert report.coverage_class(None) == "cov-na" and report.coverage_class(pd.NA) == "cov-na"
    assert report.coverage_class("3/5") == "cov-score"
    assert report.coverage_class(0.4) == "cov-score"
    assert report.coverage_class("しなければならない") == "cov-present"
    assert report.coverage_class("してはならない・書面による承諾") == "cov-strong"
    assert report.coverage_class("することができる") == "cov-weak"
    assert report.coverage_class("努めなければならない・速やかに") == "cov-weak"
    assert report.coverage_class("別紙のとおり") == "cov-other"


# -- the 新旧対照表 workbook ---------------------------------------------------------------

def test_safe_cell_text():
    for hostile_value in ("=SUM(1,2)", "+1", "-1", "@cmd", "\t=1", "\r=1", "＝1"):
        assert report.safe_cell_text(hostile_value) == "'" + hostile_value
    for harmless in ("乙は、", "第１", "", "1=1", "a-b"):
        assert report.safe_cell_text(harmless) == harmless
    assert report.safe_cell_text("a\x00b\x07c") == "abc"  # XML cannot hold these


def _sheet(data: bytes):
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
    return workbook, workbook["新旧対照表"]


def test_xlsx_rows_and_values(real):
    data = report.comparison_xlsx_bytes(real)
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
    extra = body[-1]
    assert extra[0].value in (None, "") and extra[1].value == "（対応なし）" and "運搬" in extra[3].value
    assert sheet.freeze_panes == "A5"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(sheet.page_setup.fitToWidth) == 1
    assert sheet.column_dimensions["B"].width >= 40


def test_xlsx_is_deterministic(real):
    first = report.comparison_xlsx_bytes(real)
    assert first == report.comparison_xlsx_bytes(real)
    workbook, _ = _sheet(first)
    assert workbook.properties.created == report.FIXED_TIMESTAMP
    assert workbook.properties.modified == report.FIXED_TIMESTAMP


def test_xlsx_neutralises_formulas(hostile, tmp_path):
    path = tmp_path / "hostile.xlsx"
    report.write_comparison_xlsx(hostile, path)
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
    rich = report._rich([("del", "=1+2"), ("eq", " 乙は")])
    assert str(rich) == "'=1+2 乙は"
    assert report._rich([("eq", "@x")]) == "'@x"


# -- the command line ------------------------------------------------------------------

def test_cli_html_to_file_and_stdout(tmp_path, capsys):
    out = tmp_path / "out" / "compare.html"
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "html",
                 "-o", str(out)]) == 0
    assert (tmp_path / "out" / "compare.png").read_bytes().startswith(PNG_SIGNATURE)
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.rows) == 19 and page.by_id("heatmap")[1]["src"] == "compare.png"
    capsys.readouterr()
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt"), "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert 'src="data:image/png;base64,' in html and len(Page(html).rows) == 19


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
