"""pipeline.extract.ocr: the scanned fixture page through tesseract (jpn).

These tests need Debian's tesseract-ocr and tesseract-ocr-jpn (`make ocr`); without them
they fail, on purpose, rather than skip. tesseract runs once for the module (~2-3 s).

tests/fixtures/pdf/scanned.pdf is a 300 dpi bilevel scan of the fixture text FRAGMENT, laid
out on the same grid as the typeset fixtures (tests/fixtures/pdf/make_fixtures.py).
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from pipeline.extract import ocr
from pipeline.extract.ocr import OcrPage, OcrTimeout, OcrUnavailable, ocr_image
from pipeline.extract.margins import SAME_PLACE_TOLERANCE, is_page_number
from pipeline.segment import segment_text
from tests.conftest import load_script

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
SCAN = FIXTURES / "scanned.pdf"
DPI = 300

# Measured with Debian's tesseract 5.3.0 and jpn data 4.1.0, --psm 6, 300 dpi: 3 errors in
# 447 characters (0.7 %: 滅→減, 毀→吉, させ→さきせ), after NFKC (the width of digits and
# brackets, 1 for １, ( for （, is not an error) and without whitespace.
MAX_CER = 0.03


fixtures = load_script(FIXTURES / "make_fixtures.py")


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


@pytest.fixture(scope="module")
def scan_image():
    with pdfplumber.open(SCAN) as pdf:
        return pdf.pages[0].to_image(resolution=DPI).original


@pytest.fixture(scope="module")
def page(scan_image) -> OcrPage:
    started = time.perf_counter()
    result = ocr_image(scan_image, dpi=DPI)
    print(f"OCR of the scanned fixture at {DPI} dpi: {time.perf_counter() - started:.2f} s")
    return result


@pytest.fixture(scope="module")
def texts(page) -> list[str]:
    return [line.text for line in page.lines]


def test_tesseract_with_japanese_is_available():
    assert ocr.ocr_unavailable_reason() is None


def test_character_error_rate_is_low(page):
    got = _fold("".join(line.text for line in page.lines))
    expected = _fold("".join(fixtures.FRAGMENT))
    cer = _edit_distance(got, expected) / len(expected)
    assert cer < MAX_CER, f"CER {cer:.3f}"


def test_segmentation_finds_the_same_clauses_as_the_text(texts):
    from_ocr = segment_text("\n".join(texts))
    from_text = segment_text("\n".join(fixtures.FRAGMENT))
    assert [(a.id, a.heading) for a in from_ocr.articles()] == [
        ("1", "基本的事項"),
        ("2", "秘密の保持"),
        ("3", "再委託の禁止"),
        ("4", "安全管理措置"),
        ("5", "事故報告"),
    ]
    assert [(c.id, c.kind, c.heading) for c in from_ocr.clauses] == [
        (c.id, c.kind, c.heading) for c in from_text.clauses
    ]
    assert from_ocr.title == fixtures.TITLE


def test_labels_keep_their_space(texts):
    for label, rest in (
        ("一", "管理責任者の選定"),
        ("二", "作業場所の特定"),
        ("三", "記録媒体の施錠保管"),
    ):
        assert f"{label} {rest}" in texts
    articles = [unicodedata.normalize("NFKC", t) for t in texts if t.startswith("第")]
    assert [a[:3] for a in articles] == ["第1 ", "第2 ", "第3 ", "第4 ", "第5 "]
    assert any(unicodedata.normalize("NFKC", t).startswith("2 乙は、前項の承諾") for t in texts)


def test_no_space_inside_the_text(texts):
    # tesseract's jpn output spaces its "words" (個人 情報); the only spaces on the page are
    # the 9 after the labels
    assert fixtures.TITLE in texts
    assert sum(t.count(" ") for t in texts) == 9
    assert all(" " not in t[3:] for t in texts)


def test_lines_top_to_bottom_where_the_text_layer_has_them(page):
    assert len(page.lines) == 23  # the fixture's display lines
    tops = [line.top for line in page.lines]
    assert tops == sorted(tops)
    assert all(0 < line.top < line.bottom < 842 for line in page.lines)
    # the same layout typeset with a text layer: lines at the same places, so running headers
    # and footers of scans compare with pipeline.extract.margins' tolerance
    with pdfplumber.open(FIXTURES / "faux-bold.pdf") as pdf:
        lines = pdf.pages[0].dedupe_chars().extract_text_lines()
    typeset = [line for line in lines if not is_page_number(line["text"])]  # its "- 1 -"
    assert len(typeset) == len(page.lines)
    for ocr_line, text_line in zip(page.lines, typeset):
        assert abs(ocr_line.top - text_line["top"]) <= SAME_PLACE_TOLERANCE
        assert abs(ocr_line.bottom - text_line["bottom"]) <= SAME_PLACE_TOLERANCE


def test_confidence_is_a_share_below_one(page):
    assert 0.5 < page.confidence < 1
    assert all(0 <= line.confidence <= 1 for line in page.lines)
    assert min(line.confidence for line in page.lines) < 1


def test_tiny_timeout_kills_tesseract(scan_image):
    with pytest.raises(OcrTimeout):
        ocr_image(scan_image, dpi=DPI, timeout=0.001)


def test_missing_tesseract_is_unavailable_saying_how_to_install(monkeypatch, scan_image):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr.ocr_unavailable_reason.cache_clear()
    try:
        reason = ocr.ocr_unavailable_reason()
        assert reason is not None and "tesseract" in reason
        assert "apt-get install tesseract-ocr tesseract-ocr-jpn" in reason
        with pytest.raises(OcrUnavailable, match="make ocr"):
            ocr_image(scan_image, dpi=DPI)
    finally:
        ocr.ocr_unavailable_reason.cache_clear()


def test_missing_japanese_data_is_unavailable(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_languages", lambda *a, **k: ["eng", "osd"])
    ocr.ocr_unavailable_reason.cache_clear()
    try:
        reason = ocr.ocr_unavailable_reason()
        assert reason is not None and "jpn" in reason and "tesseract-ocr-jpn" in reason
    finally:
        ocr.ocr_unavailable_reason.cache_clear()


def test_empty_page_has_no_lines_and_no_confidence():
    from PIL import Image

    blank = Image.new("L", (827, 1170), 255)  # A4 at 100 dpi
    result = ocr_image(blank, dpi=100)
    assert result == OcrPage(lines=(), confidence=0.0)


@pytest.mark.parametrize(
    "read, meant",
    [
        ("ー 管理責任者の選定", "一 管理責任者の選定"),
        ("第ー", "第一"),
        ("サーバー", "サーバー"),
        ("データ", "データ"),
    ],
)
def test_long_vowel_mark_where_it_cannot_be_is_kanji_one(read, meant):
    assert ocr._fix_kanji_one(read) == meant
