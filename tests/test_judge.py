"""The judgement stage alone: given Matches (written by hand here, not found by the aligner),
it reads each pair's obligations and says equivalent or divergent, with reasons."""

from __future__ import annotations

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
