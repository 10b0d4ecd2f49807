"""Cross-references are removed before alignment reads a clause's topic (pipeline.text.references)."""

import pytest

from pipeline.text.references import without_cross_references


@pytest.mark.parametrize("text, expected", [
    ("乙は、甲の承諾を得た場合又は第８条の規定により再委託する場合を除き、資料を持ち出してはならない。",
     "乙は、甲の承諾を得た場合を除き、資料を持ち出してはならない。"),
    ("乙は、第5の規定により再委託する場合を除き、資料を持ち出してはならない。", "乙は、資料を持ち出してはならない。"),
    ("乙は、甲の承諾を得た場合又は再委託する場合を除き、持ち出してはならない。", "乙は、甲の承諾を得た場合を除き、持ち出してはならない。"),
    ("受託者は、前項の規定により消去したときは、書面を提出しなければならない。", "受託者は、消去したときは、書面を提出しなければならない。"),
    ("乙は、第２条第３項に定める措置を講じなければならない。", "乙は、措置を講じなければならない。"),
])
def test_references_are_removed(text, expected):
    assert without_cross_references(text) == expected


@pytest.mark.parametrize("text", [
    "乙は、再委託をする場合には、再委託先を監督しなければならない。",  # the subcontracting article itself
    "乙は、法令に基づく場合を除き、個人情報を第三者に提供してはならない。",  # an exception, not a pointer
    "乙は、個人情報を4(1)の場所から持ち出してはならない。",  # a place, named by its number
])
def test_what_is_not_a_reference_stays(text):
    assert without_cross_references(text) == text
