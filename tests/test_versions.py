"""Two versions of one template (`tokki diff`): every row, unit and cross-reference exactly.

The cases are files, tests/cases/versions/NAME.old.txt and NAME.new.txt with NAME.expected.json
beside them: ``rows`` [old, new, change] in the new version's order; ``units`` "old/new" → the
row's units that are not unchanged; ``reasons`` "old/new" → the row's reasons (optional);
``references`` [in, text, should_be] of every reference flagged. Adding a case is adding files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.util import require_installed

from pipeline.api import diff_documents, read_document

CASES = Path(__file__).resolve().parent / "cases" / "versions"
NAMES = sorted(p.name[: -len(".expected.json")] for p in CASES.glob("*.expected.json"))


def _diff(name: str):
    return diff_documents(read_document(CASES / f"{name}.old.txt"), read_document(CASES / f"{name}.new.txt"))


def test_there_are_six_version_cases_at_least():
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_version_pair_reads_exactly(name: str):
    expected = json.loads((CASES / f"{name}.expected.json").read_text(encoding="utf-8"))
    diff = _diff(name)
    assert [[r.old, r.new, r.change] for r in diff.rows] == expected["rows"]
    units = {f"{r.old}/{r.new}": [[u.old, u.new, u.change] for u in r.units if u.change != "unchanged"]
             for r in diff.rows if r.old and r.new}
    assert {k: v for k, v in units.items() if v} == expected["units"]
    for key, reasons in expected.get("reasons", {}).items():
        row = next(r for r in diff.rows if f"{r.old}/{r.new}" == key)
        assert row.reasons == reasons
    assert [[p.in_, p.text, p.should_be] for p in diff.references] == expected["references"]


@pytest.mark.parametrize("name", NAMES)
def test_every_article_of_both_versions_is_in_a_row(name: str):
    diff = _diff(name)
    assert {a.id for a in diff.old.articles()} <= {r.old for r in diff.rows}
    assert {a.id for a in diff.new.articles()} <= {r.new for r in diff.rows}


def test_the_json_contract(capsys):
    from pipeline.cli import main

    old, new = CASES / "paragraph-item.old.txt", CASES / "paragraph-item.new.txt"
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"old", "new", "rows", "references", "metadata"}
    row = out["rows"][1]
    assert set(row) == {"old", "new", "change", "units", "reasons"}
    assert {"old": None, "new": "2.2", "change": "added"} in row["units"]


def test_the_word_table_follows_the_conventions(tmp_path):
    import docx
    from docx.enum.text import WD_UNDERLINE

    from pipeline.cli import main

    out = tmp_path / "新旧対照表.docx"
    old, new = CASES / "insert-renumber.old.txt", CASES / "insert-renumber.new.txt"
    assert main(["diff", str(old), str(new), "--format", "docx", "-o", str(out)]) == 0
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["改正後", "改正前"]
    texts = [(row.cells[0].text, row.cells[1].text) for row in table.rows[1:]]
    assert any(old_side == "（新設）" and "目的外利用" in new_side for new_side, old_side in texts)
    amended = next(row for row in table.rows[1:] if "直ちに" in row.cells[0].text)
    underlined = lambda cell: "".join(r.text for p in cell.paragraphs for r in p.runs if r.font.underline is True)  # noqa: E731
    assert "直ち" in underlined(amended.cells[0]) and "速やか" in underlined(amended.cells[1])
    renumbered = next(row for row in table.rows[1:] if "再委託の禁止" in row.cells[0].text)
    doubles = [r.text for r in renumbered.cells[0].paragraphs[0].runs if r.font.underline == WD_UNDERLINE.DOUBLE]
    assert doubles == ["第４"]
    assert any(p.text == "（傍線部分は改正部分）" for p in document.paragraphs)
    again = tmp_path / "again.docx"
    assert main(["diff", str(old), str(new), "--format", "docx", "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()  # the same input gives the same bytes


def test_a_law_and_its_revision_egov():
    """行政手続法 2024 (e-Gov XML) against a copy revised back the way the 2018 text read: 第三条
    第八号 with 婦人補導院, 第十号 without 補完的保護対象者の認定. Exactly those two items change;
    the law's own references to other laws are never flagged."""
    from lxml import etree

    from pipeline.segment import segment_text
    from tests.test_egov import FIXTURE, render_law

    new_root = etree.parse(str(FIXTURE)).getroot()
    old_root = etree.parse(str(FIXTURE)).getroot()
    article3 = old_root.find(".//MainProvision//Article[@Num='3']")
    item8, item10 = (article3.find(f"Paragraph[@Num='1']/Item[@Num='{n}']//Sentence") for n in (8, 10))
    item8.text = item8.text.replace("少年院", "少年院、少年鑑別所又は婦人補導院").replace("、少年鑑別所又は婦人補導院又は少年鑑別所", "、少年鑑別所又は婦人補導院")
    item10.text = item10.text.replace("、同条第二項に規定する補完的保護対象者の認定", "")
    old = segment_text(render_law(old_root), "行政手続法-2018.txt")
    new = segment_text(render_law(new_root), "行政手続法-2024.txt")
    diff = diff_documents(old, new)
    changed = [[r.old, r.new, r.change] for r in diff.rows if r.change != "unchanged"]
    assert changed == [["3", "3", "amended"]]
    row = next(r for r in diff.rows if r.old == "3")
    assert [[u.old, u.new, u.change] for u in row.units if u.change != "unchanged"] == [
        ["3.1.8", "3.1.8", "amended"], ["3.1.10", "3.1.10", "amended"]]
    assert len(diff.rows) == len(new.articles()) and diff.references == []


def test_the_word_table_opens_in_libreoffice(tmp_path):
    """The .docx converted to PDF by LibreOffice (``make office`` installs it): both column
    headings, the note and the changed words are on the page as printed."""
    import os
    import shutil
    import subprocess

    import pdfplumber

    from pipeline.cli import main

    soffice = shutil.which("soffice")
    require_installed(soffice is not None, "LibreOffice is not installed", "office")
    out = tmp_path / "shinkyu.docx"
    old, new = CASES / "insert-renumber.old.txt", CASES / "insert-renumber.new.txt"
    assert main(["diff", str(old), str(new), "--format", "docx", "-o", str(out)]) == 0
    env = {**os.environ, "HOME": str(tmp_path)}  # LibreOffice writes its profile under HOME
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env=env)
    with pdfplumber.open(tmp_path / "shinkyu.pdf") as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # A4 landscape
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    flat = "".join(text.split())
    assert "改正後" in flat and "改正前" in flat and "（傍線部分は改正部分）" in flat
    assert flat.index("改正後") < flat.index("改正前")  # 改正後 on the left: read first
    assert "直ちに" in flat and "速やかに" in flat and "（新設）" in flat


def test_the_workbook_has_the_same_rows_with_underlines(tmp_path):
    import openpyxl

    from pipeline.cli import main

    out = tmp_path / "新旧対照表.xlsx"
    old, new = CASES / "insert-renumber.old.txt", CASES / "insert-renumber.new.txt"
    assert main(["diff", str(old), str(new), "--format", "xlsx", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out, rich_text=True).active
    assert [sheet.cell(1, c).value for c in (1, 2)] == ["改正後", "改正前"]
    amended = next(r for r in range(2, sheet.max_row + 1) if "直ちに" in str(sheet.cell(r, 1).value))
    blocks = list(sheet.cell(amended, 1).value)
    assert [str(b) for b in blocks if getattr(b, "font", None) and b.font.u == "single"] == ["直ち"]
    assert [str(b) for b in blocks if getattr(b, "font", None) and b.font.u == "double"] == ["第６"]
    assert sheet.cell(amended, 4).value == "deadline: 速やかに → 直ちに"
    again = tmp_path / "again.xlsx"
    assert main(["diff", str(old), str(new), "--format", "xlsx", "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_lines_outside_the_articles_that_changed_are_listed():
    root = Path(__file__).resolve().parent / "heldout-pairs" / "02-version-gained-paragraph"
    diff = diff_documents(read_document(root / "a.txt"), read_document(root / "b.txt"))
    assert [m.to_json() for m in diff.metadata] == [{"old": "（令和４年４月１日施行）", "new": "（令和６年４月１日改正）"}]
