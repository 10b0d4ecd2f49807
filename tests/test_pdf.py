"""pipeline.extract.pdf (with .margins and .pdf_bounds): page texts from PDFs, through the
quirks of real municipal PDFs.

The fixtures in tests/fixtures/pdf/ are built by tests/fixtures/pdf/make_fixtures.py from
the fragments defined there; the samples in data/raw/ by scripts/make_samples.py.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.extract.margins import PageLines, TextLine, is_page_number, strip_running_lines
from pipeline.extract.pdf import read_pdf
from pipeline.model import ExtractionError
from tests.conftest import load_script

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "pdf"
RAW = REPO / "data" / "raw"


fixtures = load_script(FIXTURES / "make_fixtures.py")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path, **options) -> tuple[list[str], list[str]]:
    """The page texts and warnings of ``read_pdf`` on the file's bytes, named by its path."""
    pages, warnings = read_pdf(Path(path).read_bytes(), str(path), **options)
    return [page.text for page in pages], warnings


def lines_of(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.split("\n")]


# --- fixtures: one quirk each -------------------------------------------------------------


def test_footer_page_numbers_are_removed_and_nothing_else():
    pages, warnings = pdf_pages(FIXTURES / "footer-page-numbers.pdf")
    assert len(pages) == 3
    assert warnings == []
    assert not any(re.fullmatch(r"-\s*\d+\s*-", line) for line in lines_of(pages))
    assert squeeze("".join(pages)) == squeeze("".join(fixtures.FRAGMENT))


def test_title_on_page_one_is_kept():
    pages, _ = pdf_pages(FIXTURES / "footer-page-numbers.pdf")
    assert pages[0].split("\n")[:2] == ["別記", fixtures.TITLE]


def test_running_header_is_removed_on_every_page_but_title_kept():
    pages, _ = pdf_pages(FIXTURES / "running-header.pdf")
    assert len(pages) == 2
    all_lines = lines_of(pages)
    assert fixtures.RUNNING_HEADER not in all_lines
    assert fixtures.TITLE in pages[0].split("\n")
    expected = fixtures.full_width_spaced(fixtures.FRAGMENT)
    assert squeeze("".join(pages)) == squeeze("".join(expected))


def test_full_width_space_between_label_and_text_survives():
    pages, _ = pdf_pages(FIXTURES / "running-header.pdf")
    assert "第１\u3000乙は、" in pages[0]
    assert "２\u3000乙は、" in pages[0]


def test_half_width_space_between_label_and_text_survives():
    pages, _ = pdf_pages(FIXTURES / "footer-page-numbers.pdf")
    assert "第１ 乙は、" in pages[0]


def test_faux_bold_glyphs_are_not_doubled():
    pages, _ = pdf_pages(FIXTURES / "faux-bold.pdf")
    text = pages[0]
    assert "（秘密の保持）" in text.split("\n")
    assert fixtures.TITLE in text.split("\n")
    assert "秘秘密密" not in text
    assert squeeze(text) == squeeze("".join(fixtures.FRAGMENT))


def test_midword_breaks_are_line_breaks_and_lose_no_character():
    pages, _ = pdf_pages(FIXTURES / "midword-breaks.pdf")
    text = pages[0]
    assert len(text.split("\n")) > 2 * len(fixtures.FRAGMENT)
    assert "個人\n情報" in text  # 個人情報 broken across two lines
    assert squeeze(text) == squeeze("".join(fixtures.FRAGMENT))


def test_text_without_unicode_mapping_is_an_error_naming_the_file():
    path = FIXTURES / "cid-garbage.pdf"
    with pytest.raises(ExtractionError) as caught:
        pdf_pages(path)
    assert caught.value.source == str(path)
    assert str(path) in str(caught.value)
    assert "Unicode mapping" in caught.value.problem
    assert re.search(r"\d+ of \d+ glyphs", caught.value.problem)


def test_few_unmapped_glyphs_among_good_text_only_warn(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    path = tmp_path / "few-cids.pdf"
    with pikepdf.open(FIXTURES / "kangxi-radicals.pdf") as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            if "/ToUnicode" in font:
                cmap = font.ToUnicode.read_bytes()
                # drop the mapping of 秘 (U+79D8) only
                font.ToUnicode.write(re.sub(rb"<[0-9A-F]+> <79D8>\n", b"", cmap))
        pdf.save(path)
    pages, warnings = pdf_pages(path)
    assert "(cid:" in pages[0]
    assert "密の保持" in pages[0]
    assert len(warnings) == 1
    assert warnings[0].startswith("page 1: 1 glyph")


def test_scan_without_text_layer_is_an_error():
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(ExtractionError) as caught:
        pdf_pages(path)
    assert caught.value.source == str(path)
    assert "no text layer" in caught.value.problem
    assert "OCR" in caught.value.problem


def test_kangxi_radicals_come_through_unchanged():
    pages, _ = pdf_pages(FIXTURES / "kangxi-radicals.pdf")
    text = pages[0]
    for radical in fixtures.KANGXI_CODE_POINTS:
        assert radical in text, f"U+{ord(radical):04X} missing"
    assert squeeze(text) == squeeze("".join(fixtures.KANGXI_FRAGMENT))


# --- broken files -------------------------------------------------------------------------


def test_garbage_bytes_are_an_error(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(bytes(range(256)) * 16)
    with pytest.raises(ExtractionError) as caught:
        extract(path)  # the format is sniffed there, before any reader
    assert caught.value.source == str(path)
    assert caught.value.problem == "named .pdf but the file is plain text or an unknown format, not a .pdf"


def test_pdf_header_followed_by_garbage_is_an_error(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 16)
    with pytest.raises(ExtractionError) as caught:
        pdf_pages(path)
    assert caught.value.source == str(path)


def test_empty_and_missing_files_are_errors(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ExtractionError, match=r"empty\.pdf: the file is empty \(0 bytes\)"):
        extract(empty)
    with pytest.raises(ExtractionError, match=r"missing\.pdf: file not found"):
        extract(tmp_path / "missing.pdf")


@pytest.mark.parametrize(
    "name", ["footer-page-numbers.pdf", "running-header.pdf", "kangxi-radicals.pdf"]
)
@pytest.mark.parametrize("share", [0.5, 0.9])
def test_truncated_pdf_is_an_error_or_readable_never_a_crash(tmp_path, name, share):
    data = (FIXTURES / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: int(len(data) * share)])
    try:
        pages, warnings = pdf_pages(path)
    except ExtractionError as error:
        assert error.source == str(path)
        assert "truncated" in error.problem
    else:
        assert all(isinstance(page, str) for page in pages)
        assert all(isinstance(warning, str) for warning in warnings)


def test_encrypted_pdf_is_an_error_saying_so(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    path = tmp_path / "locked.pdf"
    with pikepdf.open(FIXTURES / "faux-bold.pdf") as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(ExtractionError, match="encrypted"):
        pdf_pages(path)


# --- the shipped samples ------------------------------------------------------------------


@pytest.mark.parametrize("name, page_count", [("hofu-city", 2), ("fukuoka-pref", 3)])
def test_sample_pdf_holds_exactly_the_corpus_text(name, page_count):
    pages, warnings = pdf_pages(RAW / f"{name}.pdf")
    assert len(pages) == page_count
    assert warnings == []
    corpus = (RAW / f"{name}.txt").read_text(encoding="utf-8")
    # the corpus holds no page numbers: extraction must add and lose nothing
    assert squeeze("".join(pages)) == squeeze(corpus)


def test_fukuoka_sample_breaks_lines_and_pages_where_the_original_did():
    pages, _ = pdf_pages(RAW / "fukuoka-pref.pdf")
    corpus = (RAW / "fukuoka-pref.txt").read_text(encoding="utf-8")
    # the corpus text: every line followed by an empty one, 3 more at a page break
    corpus_pages = corpus.split("\n\n\n\n")
    assert len(corpus_pages) == len(pages)
    for extracted, original in zip(pages, corpus_pages):
        original_lines = [line.rstrip() for line in original.split("\n") if line.strip()]
        assert extracted.split("\n") == original_lines


def test_fixture_maker_is_deterministic_and_matches_the_committed_fixture(tmp_path):
    pytest.importorskip("reportlab")
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    fixtures.make_running_header(first)
    fixtures.make_running_header(second)
    assert first.read_bytes() == second.read_bytes()
    # bytes may differ from the committed file under another zlib or reportlab; text may not
    assert pdf_pages(first) == pdf_pages(FIXTURES / "running-header.pdf")


# --- the pure header/footer logic -----------------------------------------------------------

A4_HEIGHT = 842.0


def _page(*lines: tuple[str, float]) -> PageLines:
    """A page from (text, top) pairs, each line 10.5 pt high."""
    return PageLines(
        height=A4_HEIGHT,
        lines=tuple(TextLine(text=text, top=top, bottom=top + 10.5) for text, top in lines),
    )


@pytest.mark.parametrize(
    "text",
    ["- 1 -", "－１－", "―２―", "1", "１", "12", "1/3", "1 / 3", "１／３", "Page 1", "page 2",
     "P.1", "p. 3", "Page 1 of 3", "１ページ", "2 ページ", "第1頁", "- 1 / 3 -"],
)
def test_page_number_forms(text):
    assert is_page_number(text)


@pytest.mark.parametrize(
    "text",
    ["第１ 乙は、", "２ 乙は、前項の承諾", "別記", "一 管理責任者の選定", "（秘密の保持）",
     "令和６年４月１日", "(1)", "（１）"],
)
def test_not_page_numbers(text):
    assert not is_page_number(text)


def test_parenthesised_number_is_a_page_number_only_alone_in_the_footer():
    assert is_page_number("(1)", alone_in_footer=True)
    assert is_page_number("（１）", alone_in_footer=True)
    kept = strip_running_lines(
        [
            _page(("本文", 400.0), ("(1)", 800.0)),
            _page(("本文の続き", 400.0), ("○○市", 790.0), ("(2)", 805.0)),
        ]
    )
    assert kept == [["本文"], ["本文の続き", "○○市", "(2)"]]


def test_running_header_and_footer_go_title_and_body_stay():
    header = "○○市 個人情報取扱特記事項"
    pages = [
        _page((header, 30.0), ("個人情報取扱特記事項", 75.0), ("第１ 乙は、", 100.0),
              ("- 1 -", 800.0)),
        _page((header, 30.0), ("第２ 乙は、", 75.0), ("- 2 -", 800.0)),
        _page((header, 30.0), ("第３ 乙は、", 75.0), (header, 400.0), ("- 3 -", 800.0)),
    ]
    assert strip_running_lines(pages) == [
        ["個人情報取扱特記事項", "第１ 乙は、"],
        ["第２ 乙は、"],
        ["第３ 乙は、", header],  # the same text in the body stays
    ]


def test_repeated_footer_compared_with_digits_masked():
    pages = [
        _page(("本文", 400.0), ("特記事項 1/2 令和6年度", 800.0)),
        _page(("本文", 400.0), ("特記事項 2/2 令和6年度", 800.0)),
    ]
    assert strip_running_lines(pages) == [["本文"], ["本文"]]


def test_repeated_line_must_sit_at_the_same_place():
    pages = [
        _page(("（別記）", 30.0), ("本文", 400.0)),
        _page(("（別記）", 60.0), ("本文", 400.0)),
    ]
    assert strip_running_lines(pages) == [["（別記）", "本文"], ["（別記）", "本文"]]


def test_repeated_sentence_at_the_top_of_pages_is_body_text():
    # two pages that both start with the tail of a sentence, at the same place
    pages = [
        _page(("ければならない。", 75.0), ("本文", 400.0)),
        _page(("ければならない。", 75.0), ("本文", 400.0)),
    ]
    assert strip_running_lines(pages) == [["ければならない。", "本文"]] * 2


def test_single_page_keeps_its_top_lines_and_drops_its_page_number():
    pages = [_page(("別記", 40.0), ("個人情報取扱特記事項", 60.0), ("本文", 400.0), ("1", 800.0))]
    assert strip_running_lines(pages) == [["別記", "個人情報取扱特記事項", "本文"]]


def test_page_number_in_the_body_stays():
    pages = [_page(("本文", 300.0), ("１", 400.0)), _page(("本文", 300.0))]
    assert strip_running_lines(pages) == [["本文", "１"], ["本文"]]


def test_doubled_glyph_detection():
    from pipeline.extract.pdf import has_doubled_glyphs

    line = [{"text": c, "x0": 72 + 10.5 * i, "top": 100.45} for i, c in enumerate("乙は秘密を")]
    column = [{"text": "乙", "x0": 72, "top": 100.45 + 18 * n} for n in range(1, 5)]  # same glyph, other lines
    assert not has_doubled_glyphs(line + column)
    assert has_doubled_glyphs(line + [{"text": "秘", "x0": 72 + 21 + 0.3, "top": 100.55}])  # faux bold


def test_width_ranges_are_clipped_to_cids():
    from pipeline.extract.pdf_bounds import MAX_CID, bounded_width_spec

    spec = [1, [500, 600], 17, 10**40, 668, 27, [700], -5, 3, 1000, 70000, 80000, 9]
    assert bounded_width_spec(spec, 3) == [1, [500, 600], 17, MAX_CID, 668, 27, [700], 0, 3, 1000]
    assert bounded_width_spec([1, 2**70, -1000, 10, 20], 5) == [1, MAX_CID, -1000, 10, 20]
    assert bounded_width_spec([5, 6], 3) == [5, 6]  # an unfinished range passes as it was


@pytest.mark.parametrize("text", ["-]-", "- l -", "- I -", "-[-", "- 1O -", "回3回", "口 12 口"])
def test_ocr_misread_page_numbers_alone_in_a_footer(text):
    assert is_page_number(text, alone_in_footer=True, ocr=True)
    assert not is_page_number(text, alone_in_footer=False, ocr=True)


@pytest.mark.parametrize("text", ["第3", "第１", "る。", "3条", "3か所", "回3回目の", "ない。3", "一3"])
def test_ocr_footer_text_that_is_no_page_number(text):
    assert not is_page_number(text, alone_in_footer=True, ocr=True)


def test_a_decompression_bomb_is_refused_before_it_fills_memory(tmp_path, monkeypatch):
    import zlib

    pikepdf = pytest.importorskip("pikepdf")
    import pipeline.extract.pdf_bounds

    monkeypatch.setattr(pipeline.extract.pdf_bounds, "MAX_STREAM_BYTES", 2**20)  # 1 MB, to keep the test light
    path = tmp_path / "bomb.pdf"
    with pikepdf.open(FIXTURES / "footer-page-numbers.pdf") as pdf:
        page = pdf.pages[0]
        content = page.Contents.read_bytes() + b"\n" + b" " * (8 * 2**20)
        page.Contents = pdf.make_stream(zlib.compress(content, 9))
        page.Contents.Filter = pikepdf.Name.FlateDecode
        pdf.save(path, compress_streams=False)
    assert path.stat().st_size < 100_000
    with pytest.raises(ExtractionError, match="unpacks to more than 1 MB .a decompression bomb") as caught:
        pdf_pages(path)
    assert caught.value.source == str(path)
    monkeypatch.setattr(pipeline.extract.pdf_bounds, "MAX_STREAM_BYTES", 16 * 2**20)
    pages, _ = pdf_pages(path)  # under the limit it is an ordinary page
    assert "第１" in pages[0]


def test_ocr_lines_read_with_low_confidence_are_quoted_in_a_warning(monkeypatch):
    import pipeline.extract.ocr
    from pipeline.extract.ocr import OcrLine, OcrPage

    lines = (
        OcrLine("第1 乙は、個人情報を適正に取り扱わなければならない。", 100, 112, 0.93),
        OcrLine("第2 且は、秘密を漏らしてはならない。", 130, 142, 0.55),
        OcrLine("-]-", 800, 810, 0.40),  # the page number: removed, so not worth a warning
    )
    monkeypatch.setattr(pipeline.extract.ocr, "ocr_image", lambda image, **kwargs: OcrPage(lines, 0.88))
    pages, warnings = pdf_pages(FIXTURES / "scanned.pdf", ocr=True)
    assert pages == ["第1 乙は、個人情報を適正に取り扱わなければならない。\n第2 且は、秘密を漏らしてはならない。"]
    assert warnings == [
        "page 1: read by OCR (no usable text layer), mean confidence 88%: check its text against the scan",
        "page 1: 1 line(s) OCR read with less than 70% confidence: 「第2 且は、秘密を漏らしてはならない。」",
    ]


# --- pdfminer's bounds: installed by read_pdf, not by an import ------------------------------

BOUNDS_INSTALLED = """
import zlib
import pdfminer.pdffont, pdfminer.pdftypes
def installed():
    widths = [hasattr(f, "unbounded") for f in (pdfminer.pdffont.get_widths, pdfminer.pdffont.get_widths2)]
    return widths + [pdfminer.pdftypes.zlib is not zlib]
"""


def test_importing_the_pdf_reader_patches_nothing_and_reading_installs_the_bounds():
    script = BOUNDS_INSTALLED + f"""
import pipeline.extract, pipeline.extract.pdf, pipeline.extract.pdf_bounds
print(installed())
from pipeline.extract.pdf import read_pdf
from pathlib import Path
path = Path({str(FIXTURES / "faux-bold.pdf")!r})
read_pdf(path.read_bytes(), str(path))
print(installed())
"""
    # a fresh interpreter: in this one an earlier test has long installed the bounds
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["[False, False, False]", "[True, True, True]"]


def test_installing_the_bounds_twice_wraps_pdfminer_once():
    import pdfminer.pdffont

    from pipeline.extract.pdf_bounds import install_pdfminer_bounds

    install_pdfminer_bounds()
    bounded = pdfminer.pdffont.get_widths
    install_pdfminer_bounds()
    assert pdfminer.pdffont.get_widths is bounded
    assert not hasattr(bounded.unbounded, "unbounded")


# --- turned pages, 縦書き, fonts only pdfium maps, form fields -------------------------------
# Each fixture holds FRAGMENT (or a part of it): its text must come out as the horizontal
# footer-page-numbers.pdf's does, and segment into the same clauses.


def fragment_pages(*breaks: str) -> list[str]:
    """FRAGMENT squeezed, cut into pages before each line in ``breaks``."""
    return [squeeze("".join(page)) for page in fixtures._split_pages(fixtures.FRAGMENT, breaks)]


def clauses(pages: list[str]) -> list[tuple]:
    from pipeline.segment import segment_text

    segmented = segment_text("\f".join(pages))
    return [(c.id, c.kind, squeeze(c.label), c.heading, squeeze(c.text)) for c in segmented.clauses]


@functools.cache
def horizontal_clauses() -> list[tuple]:
    return clauses(pdf_pages(FIXTURES / "footer-page-numbers.pdf")[0])


def test_turned_pages_are_read_in_their_own_direction():
    # landscape shown by /Rotate 90, upright content shown sideways by /Rotate 270, text drawn
    # turned 90° clockwise: before, pages 2 and 3 came out reversed or as a jumble
    pages, warnings = pdf_pages(FIXTURES / "rotated-pages.pdf")
    assert warnings == []
    assert [squeeze(page) for page in pages] == fragment_pages("（再委託の禁止）", "（事故報告）")
    assert pages[0].split("\n")[:2] == ["別記", fixtures.TITLE]
    assert pages[1].split("\n")[:2] == ["（再委託の禁止）", "第３ 乙は、甲の承諾があるときを除き、この契約による業務を第三者に委託してはならない。"]
    assert pages[2].split("\n")[0] == "（事故報告）"
    # the running header and "- N -" stand in each page's own margins, and go
    assert not any(fixtures.RUNNING_HEADER in page or re.search(r"- \d -", page) for page in pages)
    assert clauses(pages) == horizontal_clauses()


@pytest.mark.parametrize("name", ["vertical.pdf", "vertical-cid.pdf"])
def test_vertical_writing_is_read_column_by_column_from_the_right(name):
    pages, warnings = pdf_pages(FIXTURES / name)
    assert warnings == []
    assert [squeeze(page) for page in pages] == fragment_pages("（安全管理措置）")
    lines = pages[0].split("\n")
    assert lines[:4] == ["別記", fixtures.TITLE, "（基本的事項）", "第１ 乙は、個人情報の保護の重要性を認識し、"
                         "この契約による業務を実施するに当たっては、個人の権利利益を侵害することのないよう、個"]
    assert "２ 乙は、前項の承諾を得て再委託する場合には、再委託先に対し、この特記事項に定める乙の義務を遵守させなければならない。" in lines
    assert clauses(pages) == horizontal_clauses()


def test_digits_across_or_on_their_side_in_a_column_stay_in_it():
    from pipeline.extract.layout import flows, read_lines

    def glyph(text, x0, top, width=10.5):
        return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 10.5, "doctop": top,
                "width": width, "height": 10.5, "size": 10.5, "matrix": (1, 0, 0, 1, 0, 0), "upright": True}

    # 縦中横: "12" side by side in the column of 第12条; 横倒し: "34" laid on its side in 第34条
    chars = [glyph("第", 500, 100), glyph("1", 500, 111, 5.25), glyph("2", 505.25, 111, 5.25)]
    chars += [glyph(char, 500, 122 + 11 * i) for i, char in enumerate("条 乙は、秘密を守る。")]
    chars += [glyph("第", 482, 100)] + [
        dict(glyph(char, 482, 111 + 5.25 * i), bottom=116.25 + 5.25 * i, matrix=(0, -1, 1, 0, 0, 0), upright=False)
        for i, char in enumerate("34")
    ]
    chars += [glyph(char, 482, 121.5 + 11 * i) for i, char in enumerate("条 乙は、")]
    labels = flows(chars)
    assert set(labels) == {"v"}
    assert [line.text for line in read_lines(chars, labels, 595, 842)] == ["第12条 乙は、秘密を守る。", "第34条 乙は、"]


def test_a_title_printed_one_character_a_line_is_not_vertical_writing():
    from pipeline.extract.layout import flows

    def glyph(text, x0, top):
        return {"text": text, "x0": x0, "x1": x0 + 10.5, "top": top, "bottom": top + 10.5, "size": 10.5,
                "matrix": (1, 0, 0, 1, 0, 0)}

    title = [glyph(char, 290, 60 + 12 * i) for i, char in enumerate("特記事項")]
    body = [glyph(char, 72 + 11 * i, 140) for i, char in enumerate("第１ 乙は、個人情報を適正に取り扱う。")]
    watermark = [dict(glyph(char, 200 + 30 * i, 400 - 30 * i), matrix=(0.7, 0.7, -0.7, 0.7, 0, 0)) for i, char in enumerate("見本")]
    assert flows(title + body + watermark) is None  # today's reading, unchanged


def test_lines_measured_along_their_own_flow_lose_their_running_header():
    # a column of 縦書き 30 pt from the right edge repeats on both pages: a running header
    pages = [
        PageLines(A4_HEIGHT, (TextLine("○○市", 30.0, 40.0, extent=595.0), TextLine("本文", 120.0, 800.0, extent=595.0))),
        PageLines(A4_HEIGHT, (TextLine("○○市", 30.0, 40.0, extent=595.0), TextLine("本文", 120.0, 800.0, extent=595.0))),
    ]
    assert strip_running_lines(pages) == [["本文"], ["本文"]]


def test_ordinary_pages_take_the_plain_path(monkeypatch):
    import pipeline.extract.layout
    import pipeline.extract.pdf

    def fail(*args, **kwargs):
        raise AssertionError("an upright horizontal page must not be laid out again")

    monkeypatch.setattr(pipeline.extract.pdf, "read_lines", fail)
    monkeypatch.setattr(pipeline.extract.pdf, "read_annotations", fail)
    monkeypatch.setattr(pipeline.extract.pdf, "_pdfium_page", fail)
    for name in ("footer-page-numbers.pdf", "running-header.pdf", "faux-bold.pdf", "kangxi-radicals.pdf"):
        pdf_pages(FIXTURES / name)
    pdf_pages(RAW / "fukuoka-pref.pdf")


def test_glyphs_only_pdfium_maps_are_read_with_pdfium():
    import pdfplumber

    from pipeline.extract.pdfium import PdfiumReader

    path = FIXTURES / "identity-ordering.pdf"
    # the fixture's shape: pdfminer gives (cid:N) on page 2, pdfium the text
    with pdfplumber.open(path) as pdf:
        assert all(c["text"].startswith("(cid:") for c in pdf.pages[1].chars if not c["text"].isspace())
        reader = PdfiumReader(path.read_bytes())
        chars, unmapped = reader.page_chars(1, float(pdf.pages[1].height))
        reader.close()
    assert unmapped == 0 and "（事故報告）" in "".join(c["text"] for c in chars)
    pages, warnings = pdf_pages(path)
    assert warnings == ["page 2: read with pdfium: the font has no Unicode map for pdfminer"]
    expected = fixtures.full_width_spaced(fixtures.FRAGMENT)
    assert squeeze("".join(pages)) == squeeze("".join(expected))
    # the running header pdfminer read on page 1 and pdfium on page 2 goes from both
    assert pages[1].split("\n")[0] == "（事故報告）"
    assert not any(fixtures.RUNNING_HEADER in page for page in pages)
    assert clauses(pages) == clauses(pdf_pages(FIXTURES / "running-header.pdf")[0])


def test_glyphs_neither_reader_maps_still_need_ocr():
    # cid-garbage.pdf: reportlab's simple TrueType subset without /ToUnicode; pdfium maps its
    # codes to nothing either, so the error (and the OCR path) stay as they were
    from pipeline.extract.pdfium import PdfiumReader

    reader = PdfiumReader((FIXTURES / "cid-garbage.pdf").read_bytes())
    chars, unmapped = reader.page_chars(0, A4_HEIGHT)
    reader.close()
    assert unmapped > len(chars) / 3
    with pytest.raises(ExtractionError, match="no Unicode mapping"):
        pdf_pages(FIXTURES / "cid-garbage.pdf")


def test_form_field_and_free_text_are_read_where_they_stand():
    pages, warnings = pdf_pages(FIXTURES / "form-fields.pdf")
    lines = pages[0].split("\n")
    at = lines.index("（再委託の禁止）")
    assert lines[at : at + 4] == ["（再委託の禁止）", fixtures.FIELD_LINE, fixtures.FREE_TEXT_LINE, "（安全管理措置）"]
    assert warnings == ["page 1: text from a form field/annotation was read (2 line(s), placed where it stands "
                        "on the page): it is not part of the page's own text"]
    assert clauses(pages) == horizontal_clauses()


def test_annotation_text_already_on_the_page_is_not_doubled_and_comments_are_told(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    path = tmp_path / "annotated.pdf"
    with pikepdf.open(FIXTURES / "footer-page-numbers.pdf") as pdf:
        page = pdf.pages[0]
        annotation = lambda **entries: pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Rect=[72, 700, 300, 720], **entries))  # noqa: E731
        # a flattened form: the value is drawn in the page's content as well; and a check box
        fields = [annotation(Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, V=pikepdf.String("（基本的事項）")),
                  annotation(Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Btn, V=pikepdf.Name.Off)]
        page.obj.Annots = pikepdf.Array(fields + [
            annotation(Subtype=pikepdf.Name.Text, Contents=pikepdf.String("要確認：第２の文言")),  # a sticky note
            annotation(Subtype=pikepdf.Name.FreeText, Contents=pikepdf.String("隠れた注記"), F=2),  # hidden
            annotation(Subtype=pikepdf.Name.FreeText, Contents=pikepdf.String("Caf\xe9")),  # PDFDocEncoding
        ])
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(fields))
        pdf.save(path)
    pages, warnings = pdf_pages(path)
    original, _ = pdf_pages(FIXTURES / "footer-page-numbers.pdf")
    assert pages[1:] == original[1:]
    assert pages[0].split("\n") == original[0].split("\n")[:3] + ["Café"] + original[0].split("\n")[3:]
    assert warnings == [
        "page 1: text from a form field/annotation was read (1 line(s), placed where it stands on the page): "
        "it is not part of the page's own text",
        "page 1: 1 annotation(s) hold comments that were not read as the template's text: 「要確認：第２の文言」",
    ]


@pytest.mark.parametrize("name", ["rotated-pages.pdf", "vertical.pdf", "vertical-cid.pdf", "identity-ordering.pdf", "form-fields.pdf"])
def test_new_fixtures_are_deterministic_and_match_the_committed_ones(tmp_path, name):
    pytest.importorskip("reportlab")
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    fixtures.FIXTURES[name](first)
    fixtures.FIXTURES[name](second)
    assert first.read_bytes() == second.read_bytes()
    assert pdf_pages(first) == pdf_pages(FIXTURES / name)
