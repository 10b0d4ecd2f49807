"""Property tests: segmentation never loses, duplicates or reorders text, and recovers the
numbering of generated templates whatever the convention and wherever the lines break."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model import SegmentationError
from pipeline.text.normalize import label_key
from pipeline.segment import segment_text

KANJI = "〇一二三四五六七八九十"
FULL = "０１２３４５６７８９"
AIUEO = "アイウエオカキクケコ"

# Words of template prose that cannot start a label, so any line break inside them is ambiguous
# for nobody: the generated tree must come back exactly.
WORDS = [
    "乙は", "甲の", "承諾を得て", "個人情報を", "取り扱わなければならない", "秘密を", "保持し", "委託者", "受託者は",
    "この契約による", "業務に関して", "知り得た", "情報を", "他に漏らしてはならない", "再委託", "することができる",
    "漏えい", "滅失", "毀損", "防止", "必要な措置を", "講じなければならない", "速やかに", "報告し", "指示に従う",
    "記録媒体", "返還", "廃棄", "複写", "複製", "持ち出し", "書面により", "監督", "教育", "実施", "場合を除き",
    "、", "、",
]


def kanji_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else KANJI[tens] + "十")) + (KANJI[ones] if ones else "")


def full_width(n: int) -> str:
    return "".join(FULL[int(d)] for d in str(n))


ARTICLE_STYLES = {
    "full": lambda n: f"第{full_width(n)}",
    "half-jo": lambda n: f"第{n}条",
    "kanji-jo": lambda n: f"第{kanji_number(n)}条",
    "bare": lambda n: full_width(n),
}
ITEM_STYLES = {
    "kanji": lambda n: kanji_number(n),
    "paren-full": lambda n: f"（{full_width(n)}）",
    "paren-half": lambda n: f"({n})",
    "aiueo": lambda n: AIUEO[n - 1],
}

sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(lambda ws: "".join(ws).lstrip("、") + "。")
headings = st.one_of(st.none(), st.lists(st.sampled_from(WORDS[:30]), min_size=1, max_size=3).map("".join))


@st.composite
def templates(draw):
    """(text, expected [(id, kind, label, heading)]) for a generated template."""
    article_style = draw(st.sampled_from(sorted(ARTICLE_STYLES)))
    item_style = draw(st.sampled_from(sorted(ITEM_STYLES)))
    separator = draw(st.sampled_from([" ", "\u3000"]))
    # (unbreakable head, breakable body): a PDF wraps a clause after its label, never inside it
    lines, expected = [("個人情報取扱特記事項", "")], []
    # every article headed, or none: an article without a heading among headed ones stands under
    # the heading above it (共通見出し), which the golden cases hold
    headed = draw(st.booleans())
    for a in range(1, draw(st.integers(1, 5)) + 1):
        heading = draw(headings.filter(bool)) if headed else None
        label = ARTICLE_STYLES[article_style](a)
        if heading:
            lines.append(("", f"（{heading}）"))
        lines.append((label + separator, draw(sentences)))
        expected.append((str(a), "article", label, heading))
        expected.append((f"{a}.1", "paragraph", "", None))
        paragraphs = 1 if article_style == "bare" else draw(st.integers(1, 3))
        for p in range(1, paragraphs + 1):
            if p > 1:
                lines.append((full_width(p) + separator, draw(sentences)))
                expected.append((f"{a}.{p}", "paragraph", full_width(p), None))
            for i in range(1, draw(st.integers(0, 4)) + 1):
                item_label = ITEM_STYLES[item_style](i)
                lines.append((item_label + separator, draw(sentences)))
                expected.append((f"{a}.{p}.{i}", "item", item_label, None))
    return lines, expected


@st.composite
def broken_lines(draw, lines):
    """Break each logical line at random places, as a PDF's fixed line width does, and add the
    blank lines and trailing spaces real extraction leaves."""
    out = []
    for head, body in lines:
        # a short heading wraps at most once; a sentence may wrap several times
        most = 1 if body.startswith("（") else 3
        cuts = sorted(draw(st.sets(st.integers(1, max(1, len(body) - 1)), max_size=most))) if len(body) > 1 else []
        pieces = [body[i:j] for i, j in zip([0, *cuts], [*cuts, len(body)]) if body[i:j]]
        pieces = [head + (pieces[0] if pieces else ""), *pieces[1:]]
        for piece in pieces:
            out.append(piece + draw(st.sampled_from(["", " ", "  "])))
            if draw(st.booleans()):
                out.append("")
    return "\n".join(out)


def _chars(text: str) -> list[str]:
    return [c for c in label_key(text) if not c.isspace()]


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(c in it for c in needle)


def assert_nothing_lost_duplicated_or_reordered(text: str, document) -> None:
    pieces = [m.text for m in document.metadata]
    repeated = Counter()  # one heading line over two articles heads both: its text stood there once
    previous_heading = None
    squeezed = "".join(_chars(text))
    for clause in document.clauses:
        pieces += [clause.label, clause.own_text]
        if clause.heading:
            # a heading stood in brackets (（秘密の保持）), or bare on its number's line (1 総則)
            bracketed = f"({clause.heading})"
            heading = bracketed if "".join(_chars(bracketed)) in squeezed else clause.heading
            pieces.append(heading)
            if clause.kind == "article" and clause.heading == previous_heading:
                repeated += Counter(_chars(heading))
        if clause.kind == "article":
            previous_heading = clause.heading
    found, given = Counter(_chars("".join(pieces))), Counter(_chars(text))
    assert not given - found  # nothing lost
    assert not (found - given) - repeated  # nothing duplicated but a heading standing over two articles
    own_in_order = _chars("".join(c.label + c.own_text for c in document.clauses))
    assert _is_subsequence(own_in_order, _chars(text))
    assert len({c.id for c in document.clauses}) == len(document.clauses)
    for clause in document.clauses:
        assert "\n" not in clause.own_text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_templates_segment_exactly(data):
    lines, expected = data.draw(templates())
    text = data.draw(broken_lines(lines))
    document = segment_text(text)
    assert [(c.id, c.kind, c.label, c.heading) for c in document.clauses] == expected
    assert document.title == "個人情報取扱特記事項"
    assert_nothing_lost_duplicated_or_reordered(text, document)


label_like = st.sampled_from(
    ["第１", "第2条", "第三条", "第十二条", "第三十六条の二", "２", "3", "一", "二", "（１）", "(2)", "ア", "イ", "ロ",
     "（注）", "注", "別記", "第一章", "附則", "（秘密の保持）", "令和５年４月１日改正", "第２条第１項", "２５年"]
)
fragment = st.one_of(
    label_like,
    st.text(alphabet=st.sampled_from(list("乙甲はのをにてし、。（）()第条項号一二三１２３ 　アイウ個人情報")), max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(fragment, st.sampled_from(["", " ", "\u3000"]), fragment), max_size=25),
       st.lists(st.sampled_from(["\n", "\n\n", "\f", ""]), min_size=25, max_size=25))
def test_random_text_never_loses_text(parts, breaks):
    text = "".join(a + sep + b + brk for (a, sep, b), brk in zip(parts, breaks))
    try:
        document = segment_text(text)
    except SegmentationError:
        return
    assert_nothing_lost_duplicated_or_reordered(text, document)


def test_join_lines():
    from pipeline.segment import join_lines

    assert join_lines(["個人情", "報を"]) == "個人情報を"
    assert join_lines(["平成1", "5年"]) == "平成15年"
    assert join_lines(["JIS Q", "15001"]) == "JIS Q 15001"
    assert join_lines(["ISO/IEC", "27001"]) == "ISO/IEC 27001"
