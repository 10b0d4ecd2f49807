"""The judgement stage alone: given Matches (written by hand here, not found by the aligner),
it reads each pair's obligations and says equivalent or divergent, with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.api import compare_documents, read_document
from pipeline.judge.pairs import judge
from pipeline.model import Match, Nearest
from pipeline.segment import segment_text

A = segment_text("第１（事故報告）\n乙は、事故が発生したときは、速やかに甲に報告しなければならない。\n"
                 "第２（秘密の保持）\n乙は、秘密を他に漏らしてはならない。")
B = segment_text("第１（秘密の保持）\n乙は、秘密を他に漏らしてはならない。\n"
                 "第２（事故報告）\n乙は、事故が発生したときは、直ちに甲に報告しなければならない。\n"
                 "第３（運搬）\n乙は、安全に運搬しなければならない。")


def test_a_match_is_judged_by_its_obligations():
    records = judge(A, B, [Match("1", "2", 0.8, ("1",), ("2",)), Match("2", "1", 0.9, ("2",), ("1",))])
    assert [(r.status, r.reasons) for r in records] == [
        ("divergent", ["deadline: 速やかに → 直ちに"]), ("equivalent", [])]
    assert records[0].score == 0.8 and records[0].a_units == ["1"] and records[0].b_units == ["2"]


def test_a_wrong_match_is_judged_as_given():
    # judgement does not second-guess the alignment: a pair it is handed is compared as a pair
    record = judge(A, B, [Match("2", "2", 0.3, ("2",), ("2",))])[0]
    assert record.status == "divergent" and record.a == "2" and record.b == "2"


def test_no_counterpart_names_the_nearest_unit():
    records = judge(A, B, [Match(None, "3", None, nearest=Nearest("2", "2", 0.071)),
                           Match("1", None, None)])
    assert records[0].status == "extra"
    assert records[0].reasons == ["no counterpart in A (nearest: 第２（秘密の保持） 2, similarity 0.07)"]
    assert records[1].status == "missing" and records[1].reasons == ["no counterpart in B"]


def test_a_paragraph_replaced_by_another_names_both():
    # ¶2 of each side says what the other article does not, and no dimension tells them apart
    old = segment_text("第１（教育）\n受託者は、業務に従事する者に対し、個人情報の保護に関する研修を実施しなければならない。\n"
                       "２　受託者は、業務に従事する者から、秘密の保持に関する誓約書を徴しなければならない。")
    new = segment_text("第１（教育）\n受託者は、業務に従事する者に対し、個人情報の保護に関する研修を実施しなければならない。\n"
                       "２　受託者は、前項の研修を実施したときは、その実施記録を作成し、保存しなければならない。")
    match = compare_documents(old, new).alignments[0]
    assert match.status == "divergent" and [r.split("「")[0] for r in match.reasons] == ["paragraph: 1.2"]
    assert "→ 1.2「受託者は、前項の研修を実施したときは" in match.reasons[0]
    assert {c.kind for c in match.changes} == {"removed", "added"} and all(c.reasons for c in match.changes)


def test_a_paragraph_reworded_is_no_paragraph_reason():
    old = segment_text("第１（教育）\n乙は、従事者に研修を行わなければならない。\n"
                       "２　乙は、従事者から秘密の保持に関する誓約書を徴しなければならない。")
    new = segment_text("第１（教育）\n乙は、従事者に研修を行わなければならない。\n"
                       "２　乙は、従事者から秘密保持に係る誓約書を徴さなければならない。")
    assert compare_documents(old, new).alignments[0].status == "equivalent"


VERSIONS = Path(__file__).resolve().parent / "heldout-pairs" / "02-version-gained-paragraph"


@pytest.fixture(scope="module")
def versions():
    return compare_documents(read_document(VERSIONS / "a.txt"), read_document(VERSIONS / "b.txt"))


def test_a_paragraph_gained_is_a_change_and_a_reason(versions):
    # 第11条 gained 「２ …消去し、又は廃棄したときは、その日時及び方法を記載した書面を…提出しなければならない」
    record = next(r for r in versions.alignments if (r.a, r.b) == ("11", "12"))
    assert record.status == "divergent" and record.identical is False
    assert record.reasons[0].startswith("paragraph: none → 12.2「")
    assert "certificate: none → 日時及び方法を記載した書面" in record.reasons
    added = [c for c in record.changes if c.kind == "added"]
    assert [(c.a, c.b) for c in added] == [(None, "12.2")] and added[0].reasons[0].startswith("paragraph:")


def test_identical_articles_have_no_changes(versions):
    same = next(r for r in versions.alignments if (r.a, r.b) == ("1", "1"))
    assert same.identical is True and same.changes == [] and same.status == "equivalent"


def test_the_gained_paragraph_reaches_json_text_html_and_xlsx(tmp_path, capsys):
    import json

    import openpyxl

    from pipeline.cli import main

    a, b = str(VERSIONS / "a.txt"), str(VERSIONS / "b.txt")
    assert main(["compare", a, b, "--format", "json"]) == 0
    record = next(r for r in json.loads(capsys.readouterr().out)["alignments"] if (r["a"], r["b"]) == ("11", "12"))
    assert record["identical"] is False and {"a": None, "b": "12.2", "kind": "added"}.items() <= record["changes"][-1].items()
    assert main(["compare", a, b]) == 0
    assert "paragraph: none → 12.2「" in capsys.readouterr().out
    assert main(["compare", a, b, "--format", "html", "-o", str(tmp_path / "c.html")]) == 0
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "paragraph: none → 12.2" in html and "<ins>" in html
    assert main(["compare", a, b, "--format", "xlsx", "-o", str(tmp_path / "c.xlsx")]) == 0
    cells = [str(v) for row in openpyxl.load_workbook(tmp_path / "c.xlsx").active.iter_rows(values_only=True) for v in row]
    assert any("paragraph: none → 12.2" in v for v in cells)


def test_party_words_are_each_templates_own():
    from pipeline.judge.wording import party_words, rewrite_parties

    assert party_words("受託者は、県の承諾を得なければならない。県民の情報を受託者は…") == ("県", "受託者")
    assert party_words("乙は、甲の承諾を得なければならない。") == ("甲", "乙")
    # both roles at once; 県民, 再委託者 and 市町村 are no party words
    text = "乙は、甲の承諾を得た場合を除き、県民の情報を再委託者に渡してはならない。甲は乙に指示できる。"
    assert rewrite_parties(text, ("甲", "乙"), ("県", "受託者")) == (
        "受託者は、県の承諾を得た場合を除き、県民の情報を再委託者に渡してはならない。県は受託者に指示できる。")
    assert rewrite_parties("市は、市町村に、受託者を", ("市", "受託者"), ("甲", "乙")) == "甲は、市町村に、乙を"


MULTITIER = Path(__file__).resolve().parent / "heldout-pairs" / "04-subcontracting-multitier"


def test_a_missing_article_comes_with_wording_in_the_reviewed_templates_party_words(tmp_path, capsys):
    from pipeline.cli import main

    comparison = compare_documents(read_document(MULTITIER / "a.txt"), read_document(MULTITIER / "b.txt"))
    missing = next(r for r in comparison.alignments if r.status == "missing")
    assert missing.a == "11" and missing.suggestion.startswith("甲は、必要があると認めるときは、乙が")
    assert all(r.suggestion is None for r in comparison.alignments if r.status != "missing")
    a, b = str(MULTITIER / "a.txt"), str(MULTITIER / "b.txt")
    assert main(["compare", a, b]) == 0
    assert "suggested wording: 甲は、必要があると認めるときは" in capsys.readouterr().out
    assert main(["compare", a, b, "--format", "html", "-o", str(tmp_path / "c.html")]) == 0
    assert "提案文" in (tmp_path / "c.html").read_text(encoding="utf-8")
