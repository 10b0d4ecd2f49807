"""Bad input never produces nonsense and never loses work.

Every file in tests/cases/bad-input is a case and goes through the single-file command
(`tokki segment`) and, all together, through the batch; the ``<case>.expected`` file beside
it (format: tests/util.py) says what it must give: "ok" (at least N articles) or an error
whose message holds the given words. Adding a case is adding those two files. The batch must
go on past every failure, list it in documents.parquet and the report, and write nothing
into its input folder.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from tests.conftest import RAW
from tests.util import EXPECTATION_SUFFIX, CaseFormatError, Expectation, bad_input_cases, expectation_path, read_expectation

CASES = Path(__file__).resolve().parent / "cases" / "bad-input"
CASE_FILES, EXPECTATION_FILES = bad_input_cases(CASES, not_cases=frozenset({"make_cases.py"}))


def _read_expectations() -> tuple[dict[str, Expectation], dict[str, str]]:
    """The cases with a readable expectation, and the malformed ones (a case without one, or
    with a malformed one, fails test_every_case_file_has_an_expectation_and_back: none is
    silently left out)."""
    expected, malformed = {}, {}
    for path in CASE_FILES:
        if expectation_path(path).exists():
            try:
                expected[path.name] = read_expectation(expectation_path(path))
            except CaseFormatError as error:
                malformed[path.name] = str(error)
    return expected, malformed


EXPECTED, MALFORMED = _read_expectations()
HOSTILE_NAME = "=HYPERLINK(\"x\") <img src=x onerror=alert(3)>.txt"


def test_every_case_file_has_an_expectation_and_back():
    without = [path.name for path in CASE_FILES if not expectation_path(path).exists()]
    assert not without, f"case files without a {EXPECTATION_SUFFIX} file beside them: {without}"
    names = {path.name for path in CASE_FILES}
    orphans = [path.name for path in EXPECTATION_FILES if path.name.removesuffix(EXPECTATION_SUFFIX) not in names]
    assert not orphans, f"expectations without their case file: {orphans}"
    assert not MALFORMED, "\n".join(MALFORMED.values())
    assert len(EXPECTED) >= 21  # the cases found: a broken discovery must not pass with none


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if not e.ok))
def test_single_file_command_names_the_file_and_the_problem(name, capsys):
    path = CASES / name
    assert main(["segment", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # no partial output that could be mistaken for a result
    line = next(line for line in captured.err.splitlines() if line.startswith("tokki: error:"))
    assert line.startswith(f"tokki: error: {path}: ")
    for words in EXPECTED[name].error:
        assert words in line


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e.ok))
def test_readable_cases_are_segmented(name, capsys):
    assert main(["segment", str(CASES / name), "--format", "json"]) == 0
    clauses = json.loads(capsys.readouterr().out)["clauses"]
    assert sum(c["kind"] == "article" for c in clauses) >= EXPECTED[name].articles


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} | {
        p.relative_to(folder).as_posix() + "/": "dir" for p in folder.rglob("*") if p.is_dir()}


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for name in EXPECTED:
        shutil.copyfile(CASES / name, raw / name)
    # a hostile file name too (made here: Windows cannot hold it in a checkout)
    shutil.copyfile(CASES / "hostile-markup.txt", raw / HOSTILE_NAME)
    out = tmp_path_factory.mktemp("out")
    before = _digest(raw)
    code = main(["batch", str(raw), "--out", str(out), "--no-progress"])
    return raw, out, code, before


def test_batch_goes_on_and_lists_every_failure(batch_run, capsys):
    raw, out, code, _ = batch_run
    assert code == 1  # some inputs failed: the exit code says so, after writing everything
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    assert set(documents.index) == set(EXPECTED) | {HOSTILE_NAME}
    for name, expected in EXPECTED.items():
        row = documents.loc[name]
        if expected.ok:
            assert row["status"] == "ok", (name, row["error"])
            assert row["articles"] >= expected.articles
            for words in expected.warning:
                assert words in row["warnings"], (name, row["warnings"])
        else:
            assert row["status"] == "error", name
            for words in expected.error:
                assert words in row["error"], (name, row["error"])
            assert pd.isna(row["articles"])  # nothing segmented from an unreadable file
    clauses = pd.read_parquet(out / "clauses.parquet")
    assert set(clauses["source"]) == {n for n, e in EXPECTED.items() if e.ok} | {HOSTILE_NAME}


def _document_rows(index: str) -> dict[str, str]:
    """The documents table's rows of index.html by source file name: {name: the <tr> element}."""
    table = index[index.index('<table id="documents">'): index.index("</table>", index.index('<table id="documents">'))]
    rows = re.findall(r"<tr class=\"doc-\w+\">.*?</tr>", table, flags=re.S)
    return {html.unescape(re.search(r"<code>(.*?)</code>", row).group(1)): row for row in rows}


def test_batch_report_lists_every_failure_with_its_problem(batch_run):
    _, out, _, _ = batch_run
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    failed = sum(1 for e in EXPECTED.values() if not e.ok)
    assert f"{failed} 件 読み込み失敗" in index
    rows = _document_rows(index)
    assert set(rows) == set(EXPECTED) | {HOSTILE_NAME}
    for name, expected in EXPECTED.items():
        if not expected.ok:
            assert rows[name].startswith('<tr class="doc-failed">')
            for words in expected.error:
                assert html.escape(words, quote=False) in rows[name] or words in html.unescape(rows[name])
        else:
            assert rows[name].startswith('<tr class="doc-ok">')


def test_batch_never_writes_its_input_folder(batch_run):
    raw, _, _, before = batch_run
    assert _digest(raw) == before


def test_hostile_markup_is_text_in_the_report_and_the_workbooks(batch_run):
    _, out, _, _ = batch_run
    pages = [p.read_text(encoding="utf-8") for p in sorted((out / "report").glob("*.html"))]
    hostile = [page for page in pages if "漏らしてはならない" in page and "onerror" in page]
    assert hostile, "a comparison page shows the hostile template"
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page  # the text and the file name
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in page for page in hostile)
    assert any("&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in page or
               "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page for page in hostile)
    from openpyxl import load_workbook

    sheet = load_workbook(out / "coverage.xlsx").active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")))


# -- scans: the OCR fallback ------------------------------------------------------------------


def test_scan_read_by_ocr_is_marked_as_such(capsys):
    path = CASES / "scanned.pdf"
    assert main(["segment", str(path), "--ocr", "--format", "json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [c["id"] for c in out["clauses"] if c["kind"] == "article"] == ["1", "2", "3", "4", "5"]
    assert out["extraction"]["method"] == "ocr" and out["extraction"]["pages"] == [1]
    assert 0.5 < out["extraction"]["confidence"] < 1
    assert f"tokki: warning: {path}: page 1: read by OCR" in captured.err


def test_glyphs_without_unicode_mapping_are_read_by_ocr_when_asked(capsys):
    assert main(["segment", str(CASES / "cid-garbage.pdf"), "--ocr"]) == 0
    out = capsys.readouterr().out
    assert "OCR で読み取り" in out and "(cid:" not in out
    assert "[1] " in out and "[2] " in out and "（秘密の保持）" in out


def test_ocr_in_the_batch_marks_tables_and_report(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(CASES / "scanned.pdf", raw / "scan.pdf")
    shutil.copyfile(CASES / "cp932.txt", raw / "typed.txt")
    out = tmp_path / "out"
    assert main(["batch", str(raw), "--out", str(out), "--ocr", "--no-progress", "--jobs", "1"]) == 0
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    assert documents.loc["scan.pdf", "extraction"] == "ocr" and documents.loc["typed.txt", "extraction"] == "text"
    assert 0.5 < documents.loc["scan.pdf", "ocr_confidence"] < 1
    assert pd.isna(documents.loc["typed.txt", "ocr_confidence"])
    clauses = pd.read_parquet(out / "clauses.parquet")
    assert clauses.loc[clauses.source == "scan.pdf", "ocr_confidence"].notna().all()
    assert clauses.loc[clauses.source == "typed.txt", "ocr_confidence"].isna().all()
    alignments = pd.read_parquet(out / "alignments.parquet")
    assert alignments["ocr_confidence"].notna().all()  # every pair involves the scan
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert _document_rows(index)["scan.pdf"].count('class="ocr-badge"') == 1
    assert "read by OCR (no usable text layer)" in _document_rows(index)["scan.pdf"]  # its warnings
    assert 'class="ocr-badge"' not in _document_rows(index)["typed.txt"]
    page = next((out / "report").glob("compare-*.html")).read_text(encoding="utf-8")
    assert 'class="ocr-warning"' in page and page.count('class="ocr-badge"') > 5


def test_ocr_in_the_workbook_and_text_comparison(tmp_path, capsys):
    scan, typed = CASES / "scanned.pdf", CASES / "cp932.txt"
    workbook = tmp_path / "対照表.xlsx"
    assert main(["compare", str(typed), str(scan), "--ocr", "--format", "xlsx", "-o", str(workbook)]) == 0
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(workbook).active.iter_rows() for c in row if c.value]
    assert any(c.startswith("OCR で読み取り") for c in cells)
    assert any(" OCR " in c and "%" in c for c in cells)  # each B clause says it was OCR'd
    assert main(["compare", str(typed), str(scan), "--ocr"]) == 0
    assert "B: OCR で読み取り" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["check"], ["compare", str(CASES / "cp932.txt")]])
def test_every_command_names_the_bad_file(command, capsys):
    path = CASES / "truncated.pdf"
    assert main([*command, str(path)]) == 1
    err = capsys.readouterr().err
    assert f"tokki: error: {path}: the PDF is corrupt or unreadable" in err


def test_hostile_markup_is_text_in_the_comparison_workbook(tmp_path):
    from openpyxl import load_workbook

    workbook = tmp_path / "hostile.xlsx"
    assert main(["compare", str(CASES / "cp932.txt"), str(CASES / "hostile-markup.txt"),
                 "--format", "xlsx", "-o", str(workbook)]) == 0
    cells = [c for row in load_workbook(workbook, rich_text=True).active.iter_rows() for c in row if c.value]
    assert all(c.data_type != "f" for c in cells)
    texts = [str(c.value) for c in cells]
    assert any("<script>alert(1)</script>" in t for t in texts)  # shown as the characters it is
    assert any('=HYPERLINK("http://example.invalid"' in t for t in texts)
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_a_scan_of_a_real_template_reads_as_the_typed_one(tmp_path):
    """The 防府市 sample printed and scanned (rendered at 300 dpi, bilevel, no text layer),
    then read with --ocr: the same clauses, and every article equivalent to the typed text.
    Measured: 0.7 % character errors, confidence 0.92, ~4 s a page."""
    import pdfplumber

    from pipeline.api import compare_documents
    from pipeline.extract import extract
    from pipeline.extract.limits import ExtractOptions
    from pipeline.segment import segment

    typed = RAW / "hofu-city.pdf"
    with pdfplumber.open(typed) as pdf:
        pages = [page.to_image(resolution=300).original.convert("1") for page in pdf.pages]
    scan = tmp_path / "防府市 スキャン.pdf"
    pages[0].save(scan, "PDF", resolution=300, save_all=True, append_images=pages[1:])

    read = segment(extract(scan, ExtractOptions(ocr=True)))
    reference = segment(extract(typed))
    assert read.ocr_pages == (1, 2)
    assert [(c.id, c.heading) for c in read.clauses] == [(c.id, c.heading) for c in reference.clauses]
    comparison = compare_documents(reference, read)
    assert comparison.counts()["equivalent"] == len(reference.articles())
