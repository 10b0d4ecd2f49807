"""Comparison of templates: the real pair, the development set's gold, the CLI contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.align import ClauseAligner
from pipeline.cli import main
from pipeline.api import compare_documents
from pipeline.tools.evaluate import gold_folders, score_case
from pipeline.extract import extract
from pipeline.segment import segment, segment_text
from tests.conftest import RAW

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def real_pair():
    return compare_documents(segment(extract(RAW / "hofu-city.txt")), segment(extract(RAW / "fukuoka-pref.txt")))


def _record(comparison, a, b):
    return next(r for r in comparison.alignments if r.a == a and r.b == b)


def test_real_pair_correspondences(real_pair):
    pairs = {(r.a, r.b) for r in real_pair.alignments if r.a and r.b}
    assert {("4", "2"), ("4", "3"), ("4", "10"), ("4", "11")} <= pairs  # one article spread over four
    assert {("10", "15"), ("10", "16")} <= pairs
    assert ("5", "6") in pairs and ("5", "11") not in pairs  # 持ち出し ↔ 持出し, not 研修
    extras = {r.b for r in real_pair.alignments if r.status == "extra"}
    assert extras == {"5", "17", "18"}  # 収集の制限, 取扱記録の作成, 運搬
    assert not [r for r in real_pair.alignments if r.status == "missing"]


def test_real_pair_divergences_with_reasons(real_pair):
    take_out = _record(real_pair, "5", "6")
    assert take_out.status == "divergent"
    assert "consent: 書面による承諾 → none" in take_out.reasons
    assert "exception: unless 承諾 → unless 業務上必要" in take_out.reasons
    incident = _record(real_pair, "11", "14")
    assert incident.status == "divergent"
    assert "deadline: 速やかに → 直ちに" in incident.reasons
    assert "form: none → 書面" in incident.reasons
    assert _record(real_pair, "2", "4").status == "equivalent"  # 秘密の保持, survival on both sides


def test_every_article_appears_and_scores_are_in_range(real_pair):
    assert {r.a for r in real_pair.alignments if r.a} == {c.id for c in real_pair.a.articles()}
    assert {r.b for r in real_pair.alignments if r.b} == {c.id for c in real_pair.b.articles()}
    for record in real_pair.alignments:
        if record.status in ("missing", "extra"):
            assert record.score is None and record.reasons[0].startswith("no counterpart")
        else:
            assert 0.0 <= record.score <= 1.0


@pytest.mark.parametrize("folder", gold_folders([TESTS / "gold", TESTS / "devset", TESTS / "heldout"]), ids=lambda p: p.name)
def test_gold_cases(folder):
    figures = score_case(folder).figures()
    assert figures["pair_precision"] >= 0.9 and figures["pair_recall"] >= 0.9, figures
    assert figures["unmatched_recall"] >= 0.9 and figures["status_accuracy"] >= 0.85, figures


def test_template_against_itself_retyped_is_equivalent_throughout():
    original = (RAW / "hofu-city.txt").read_text(encoding="utf-8")
    retyped = (original.replace("漏えい", "漏洩").replace("き損", "毀損").replace("甲", "委託者").replace("乙", "受託者")
               .translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    retyped = re.sub(r"\n\n", "\n", retyped)
    comparison = compare_documents(segment_text(original), segment_text(retyped))
    assert all(r.status == "equivalent" and r.a == r.b for r in comparison.alignments), [
        (r.a, r.b, r.status, r.reasons) for r in comparison.alignments if r.status != "equivalent" or r.a != r.b
    ]


SPELLINGS = [("漏えい", "漏洩"), ("き損", "毀損"), ("取扱い", "取り扱い"), ("持ち出し", "持出し"), ("甲", "委託者"), ("乙", "受託者")]


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(SPELLINGS), unique=True), st.integers(20, 45))
def test_wording_and_line_breaks_never_make_a_divergence(variants, width):
    text = (RAW / "fukuoka-pref.txt").read_text(encoding="utf-8")
    original = segment_text(text)
    for old, new in variants:
        text = text.replace(old, new)
    # re-break every clause at another width, as another PDF would
    lines = []
    for clause in original.clauses:
        if clause.kind == "article":
            lines.append(f"（{clause.heading}）")
        if clause.own_text:
            body = (clause.own_text if clause.kind != "paragraph" or clause.label else clause.own_text)
            for old, new in variants:
                body = body.replace(old, new)
            head = f"{original.by_id(clause.parent).label} " if clause.kind == "paragraph" and not clause.label else f"{clause.label} "
            chunk = head + body
            lines += [chunk[i:i + width] for i in range(0, len(chunk), width)]
    comparison = compare_documents(original, segment_text("\n".join(lines)))
    assert all(r.status == "equivalent" and r.a == r.b for r in comparison.alignments)


def test_compare_cli_json_contract(capsys):
    assert main(["compare", str(RAW / "hofu-city.pdf"), str(RAW / "fukuoka-pref.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["a"] == {"source": str(RAW / "hofu-city.pdf"), "title": "重要情報資産・個人情報取扱特記事項", "warnings": []}
    assert out["b"]["title"] == "保有個人情報取扱特記事項"
    for record in out["alignments"]:
        assert {"a", "b", "score", "status", "reasons"} <= set(record)
        assert record["status"] in {"equivalent", "divergent", "missing", "extra"}
    assert {"a": "5", "b": "6"}.items() <= next(r for r in out["alignments"] if r["a"] == "5").items()


def test_compare_cli_text_report(capsys):
    assert main(["compare", str(RAW / "hofu-city.txt"), str(RAW / "fukuoka-pref.txt")]) == 0
    out = capsys.readouterr().out
    assert "≠ A 第１１（事故発生時における報告義務） ↔ B 第１４（事故報告）" in out
    assert "deadline: 速やかに → 直ちに" in out
    assert "+ B 第１８（運搬）  extra" in out


def test_check_applies_the_yardstick_that_fits_the_template(capsys):
    # 防府市 does not cover 特定個人情報: the 個人情報保護法 (行政機関等) list, said so
    assert main(["check", str(RAW / "hofu-city.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checklist"]["id"] == "kojinjoho" and "特定個人情報" in out["checklist"]["applied_because"]
    assert out["checklist"]["verified"] is False  # transcribed, not checked against the PPC's text
    assert {i["id"] for i in out["items"]} >= {"copy_restriction", "incident_response", "breach_remedies", "audit"}
    # 福岡県 covers it (番号法 named): the 番号法 list
    assert main(["check", str(RAW / "fukuoka-pref.txt"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checklist"]["id"] == "mynumber" and "番号の利用等に関する法律" in out["checklist"]["applied_because"]
    assert main(["check", str(RAW / "hofu-city.txt")]) == 0
    assert "applied because the template does not mention 特定個人情報" in capsys.readouterr().out


def test_damages_only_touch_the_duty_to_report_an_incident():
    from pipeline.judge.checklist import check_applicable

    document = segment_text("第１ 乙は、秘密を他に漏らしてはならない。\n"
                            "第２ 乙は、その責めに帰すべき事由により甲に損害を与えたときは、その損害を賠償しなければならない。")
    results = {r.item.id: r for r in check_applicable(document)[2]}
    assert results["incident_response"].status == "partial" and results["incident_response"].partial_clauses == ["2"]
    assert results["confidentiality"].status == "present"
    assert results["copy_restriction"].status == "missing"


def test_check_cli(capsys):
    assert main(["check", str(RAW / "hofu-city.txt"), "--format", "json", "--checklist", "mynumber"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["checklist"]["publisher"] == "個人情報保護委員会" and out["checklist"]["id"] == "mynumber"
    items = {i["id"]: i for i in out["items"]}
    assert len(items) == 10
    assert items["staff_designation"]["status"] == "missing"  # 防府市 does not say which staff handle the data
    assert items["confidentiality"]["clauses"] == ["2"]
    assert items["no_takeout"]["status"] == "present" and "5" in items["no_takeout"]["clauses"]
    assert main(["check", str(RAW / "fukuoka-pref.txt"), "--format", "json"]) == 0
    fukuoka = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert all(i["status"] == "present" for i in fukuoka.values())
    assert fukuoka["staff_designation"]["clauses"] == ["2.2"]
