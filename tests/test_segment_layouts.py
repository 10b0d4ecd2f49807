"""The same template laid out as real files lay it out reads into the same clauses.

Real templates of other issuers arrive as one long line (copied from a web page), with a
space between 第 and the number, in 特記仕様書 style (the heading on the number's line), with
spaced glyphs inside words, and with page chrome (page-number lines) inside the text. Each
layout is made here from a template laid out normally, and must give its clauses: the same
ids, kinds and headings, and the same text once white space is ignored (display text keeps
what was printed; the analysis text drops spaces between Japanese characters).
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.segment import segment_text
from pipeline.text.normalize import normalize_for_analysis

NORMAL = """個人情報取扱特記事項
（基本的事項）
第１　乙は、個人情報の保護の重要性を認識し、この契約による業務の実施に当たっては、個人
の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。
（秘密の保持）
第２　乙は、この契約による業務に関して知り得た個人情報を他に漏らしてはならない。
２　前項の規定は、この契約が終了し、又は解除された後においても、同様とする。
（安全管理措置）
第３　乙は、個人情報の漏えい、滅失及び毀損の防止のため、次に掲げる措置を講じなければ
ならない。
（１）　管理責任者を定めること。
（２）　作業場所を特定すること。
（再委託の禁止）
第４　乙は、甲の承諾なしに業務を第三者に委託してはならない。
（事故報告）
第５　乙は、事故が発生したときは、直ちに甲に報告し、その指示に従わなければならない。"""

SQUEEZE = re.compile(r"\s+")


def structure(text: str) -> list[tuple]:
    document = segment_text(text)
    return [(c.id, c.kind, c.heading, SQUEEZE.sub("", c.own_text)) for c in document.clauses]


EXPECTED = structure(NORMAL)


def test_the_normal_layout_reads_as_written():
    assert [row[:3] for row in EXPECTED] == [
        ("1", "article", "基本的事項"), ("1.1", "paragraph", None), ("2", "article", "秘密の保持"),
        ("2.1", "paragraph", None), ("2.2", "paragraph", None), ("3", "article", "安全管理措置"),
        ("3.1", "paragraph", None), ("3.1.1", "item", None), ("3.1.2", "item", None),
        ("4", "article", "再委託の禁止"), ("4.1", "paragraph", None), ("5", "article", "事故報告"),
        ("5.1", "paragraph", None)]


def one_line(text: str) -> str:
    """As copied from a web page: every line break a space."""
    return " ".join(line.strip() for line in text.splitlines())


def space_after_dai(text: str) -> str:
    return re.sub(r"^第(\S)　", r"第 \1 ", text, flags=re.MULTILINE)


def specification_style(text: str) -> str:
    """特記仕様書 style: "1　見出し" on the number's line, the body indented below."""
    out = re.sub(r"^（(.+?)）\n第(\S)　", lambda m: f"{'１２３４５６７８９'.index(m[2]) + 1}　{m[1]}\n　", text,
                 flags=re.MULTILINE)
    return out


@pytest.mark.parametrize("layout", [one_line, space_after_dai, specification_style])
def test_a_layout_gives_the_same_clauses(layout):
    text = layout(NORMAL)
    assert text != NORMAL
    assert structure(text) == EXPECTED


def test_one_line_and_specification_style_together_with_spaced_glyphs():
    spaced = NORMAL.replace("個人情報を他に", "個人 情報を 他に").replace("（秘密の保持）", "（秘密の 保持）")
    assert structure(one_line(spaced)) == EXPECTED


# -- random artefacts never lose, duplicate or reorder text ----------------------------------

_CJK = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")


@st.composite
def artefacts(draw) -> str:
    """NORMAL with spaces inside words, page-number lines and form feeds at random places."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    lines = NORMAL.split("\n")
    out = []
    for n, line in enumerate(lines):
        chars = list(line)
        if n and draw(st.booleans()):  # spaced glyphs, never inside the label at the line's start
            for i in sorted(rng.sample(range(4, len(chars)), k=min(3, max(0, len(chars) - 4))), reverse=True):
                if _CJK.match(chars[i - 1]) and _CJK.match(chars[i]):
                    chars.insert(i, " ")
        out.append("".join(chars))
        if n and draw(st.integers(0, 5)) == 0:
            out.append(f"- {n} -\f")
    return "\n".join(out)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(artefacts(), st.booleans())
def test_spaced_glyphs_page_chrome_and_one_line_never_change_the_clauses(text, flowed):
    if flowed:
        text = one_line(text.replace("\f", "\n"))
    assert structure(text) == EXPECTED
    # and the analysis text is the normal layout's
    document, normal = segment_text(text), segment_text(NORMAL)
    assert [normalize_for_analysis(c.text) for c in document.clauses if c.kind == "paragraph"] == [
        normalize_for_analysis(c.text) for c in normal.clauses if c.kind == "paragraph"]
