"""The segmenter judged against real legal numbering: 行政手続法 in e-Gov law XML.

The fixture ``tests/fixtures/egov/gyosei-tetsuzuki-ho-2024.xml`` gives both sides:

* the input — the law rendered as plain text the way e-Gov displays it (title, 法令番号,
  目次, chapter and section lines, （見出し） lines, "第一条　…", "２　…", "一　…", "イ　…",
  then the 附則 blocks), and the same text hard-wrapped at 38 characters as a PDF
  extractor would give it (lines break mid-word; the segmenter must rejoin them);
* the gold — every Article / Paragraph / Item / Subitem of the main provision (本則) with
  its id ("36_2", "36_2.2", "36_2.2.1", "2.1.4.1"), kind, printed label, heading and text.

Rendering and gold extraction are pure functions of the XML; the tests in the first block
check them against the XML alone, the rest need ``pipeline.segment.segment_text``.

    python tests/test_egov.py [--wrap]     prints the rendering
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

FIXTURE = Path(__file__).parent / "fixtures" / "egov" / "gyosei-tetsuzuki-ho-2024.xml"
TITLE = "行政手続法"
WRAP_WIDTH = 38
SP = "\u3000"  # the full-width space e-Gov puts between a label and its text

KIND_OF = {"Article": "article", "Paragraph": "paragraph", "Item": "item"}
KIND_OF.update({f"Subitem{n}": "subitem" for n in range(1, 11)})
STRUCTURE_TAGS = ("Part", "Chapter", "Section", "Subsection", "Division")


# --------------------------------------------------------------------------- rendering


def _text(el: etree._Element) -> str:
    """The character content of an inline element (ruby readings left out)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag != "Rt":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _sentences(el: etree._Element) -> str:
    """The text of a ParagraphSentence / ItemSentence / SubitemNSentence / Column:
    sentences run on (main + proviso, as e-Gov shows them), columns joined by a full-width
    space ("法令　法律、…をいう。")."""
    if el.find("Column") is not None:
        return SP.join(_sentences(col) for col in el if col.tag == "Column")
    unknown = [c.tag for c in el if c.tag != "Sentence"]
    if unknown:
        raise ValueError(f"cannot render {el.tag} holding {unknown}")
    return "".join(_text(s) for s in el)


def _sub_units(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if c.tag == "Item" or (c.tag.startswith("Subitem") and c.tag[7:].isdigit())]


def _render_item(el: etree._Element, lines: list[str]) -> None:
    """Item / SubitemN: "一　text", "イ　text", then its own sub-units."""
    tag = el.tag
    known = {f"{tag}Title", f"{tag}Sentence"}
    unknown = [c.tag for c in el if c.tag not in known and c not in _sub_units(el)]
    if unknown:
        raise ValueError(f"cannot render {tag} Num={el.get('Num')} holding {unknown}")
    lines.append(_text(el.find(f"{tag}Title")) + SP + _sentences(el.find(f"{tag}Sentence")))
    for sub in _sub_units(el):
        _render_item(sub, lines)


def _render_paragraph(el: etree._Element, lines: list[str], article_title: str | None) -> None:
    """A paragraph: its （見出し） line if any, then "第一条　…" (first paragraph of an
    article), "２　…" or the bare sentences (unnumbered paragraph), then its items."""
    known = {"ParagraphCaption", "ParagraphNum", "ParagraphSentence", "Item"}
    unknown = [c.tag for c in el if c.tag not in known]
    if unknown:
        raise ValueError(f"cannot render Paragraph Num={el.get('Num')} holding {unknown}")
    caption = el.find("ParagraphCaption")
    if caption is not None:
        lines.append(_text(caption))
    label = article_title if article_title is not None else _text(el.find("ParagraphNum"))
    body = _sentences(el.find("ParagraphSentence"))
    lines.append(label + SP + body if label else body)
    for item in el.findall("Item"):
        _render_item(item, lines)


def _render_article(el: etree._Element, lines: list[str]) -> None:
    known = {"ArticleCaption", "ArticleTitle", "Paragraph"}
    unknown = [c.tag for c in el if c.tag not in known]
    if unknown:
        raise ValueError(f"cannot render Article Num={el.get('Num')} holding {unknown}")
    caption = el.find("ArticleCaption")
    if caption is not None:
        lines.append(_text(caption))
    for i, paragraph in enumerate(el.findall("Paragraph")):
        _render_paragraph(paragraph, lines, _text(el.find("ArticleTitle")) if i == 0 else None)


def _render_body(el: etree._Element, lines: list[str]) -> None:
    """The children of MainProvision / SupplProvision / Chapter / Section …"""
    for child in el:
        if child.tag in STRUCTURE_TAGS:
            lines.append(_text(child.find(f"{child.tag}Title")))
            _render_body(child, lines)
        elif child.tag == "Article":
            _render_article(child, lines)
        elif child.tag == "Paragraph":
            _render_paragraph(child, lines, None)
        elif child.tag in {f"{t}Title" for t in STRUCTURE_TAGS} | {"SupplProvisionLabel"}:
            continue  # rendered by the caller
        else:
            raise ValueError(f"cannot render {child.tag} inside {el.tag}")


def _render_toc(toc: etree._Element, lines: list[str]) -> None:
    for child in toc:
        if child.tag == "TOCLabel":
            lines.append(_text(child))
        elif child.tag in {f"TOC{t}" for t in STRUCTURE_TAGS}:
            title = _text(child.find(f"{child.tag[3:]}Title"))
            article_range = child.find("ArticleRange")
            lines.append(title + (_text(article_range) if article_range is not None else ""))
            _render_toc(child, lines)
        elif child.tag == "TOCSupplProvision":
            lines.append(_text(child.find("SupplProvisionLabel")))
        elif child.tag not in {f"{t}Title" for t in STRUCTURE_TAGS} | {"ArticleRange"}:
            raise ValueError(f"cannot render {child.tag} inside {toc.tag}")


def _suppl_label(el: etree._Element) -> str:
    """"附　則", or "附　則　（平成一一年一二月八日法律第一五一号）　抄" for an amending act's."""
    label = _text(el.find("SupplProvisionLabel"))
    if el.get("AmendLawNum"):
        label += f"{SP}（{el.get('AmendLawNum')}）"
    if el.get("Extract") == "true":
        label += f"{SP}抄"
    return label


def render_law(root: etree._Element) -> str:
    """The law as e-Gov displays it, one display line per "\\n"-separated line."""
    body = root.find("LawBody")
    lines = [_text(body.find("LawTitle")), _text(root.find("LawNum"))]
    toc = body.find("TOC")
    if toc is not None:
        _render_toc(toc, lines)
    _render_body(body.find("MainProvision"), lines)
    for suppl in body.findall("SupplProvision"):
        lines.append(_suppl_label(suppl))
        _render_body(suppl, lines)
    return "\n".join(lines)


def hard_wrap(text: str, width: int = WRAP_WIDTH) -> str:
    """Every line cut into chunks of ``width`` characters, wherever that falls — what a
    PDF extractor gives for text set in a column ``width`` characters wide."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([line[i : i + width] for i in range(0, len(line), width)] or [""])
    return "\n".join(out)


# --------------------------------------------------------------------------- gold


def squash(text: str) -> str:
    """Text with every whitespace character (full-width space and newlines too) removed."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Gold:
    id: str
    kind: str
    label: str  # "第三十六条の二", "２", "" (unnumbered first paragraph), "一", "イ"
    heading: str | None  # articles only: the caption without its （）
    body: str  # squashed text of the unit and its sub-units, sub-unit labels included, own label not


def _gold_body(el: etree._Element) -> str:
    """Squashed text of a Paragraph / Item / SubitemN without its own label, with its
    sub-units' labels."""
    if el.tag == "Paragraph":
        own = _sentences(el.find("ParagraphSentence"))
        subs = el.findall("Item")
    else:
        own = _sentences(el.find(f"{el.tag}Sentence"))
        subs = _sub_units(el)
    return squash(own) + "".join(squash(_gold_label(s)) + _gold_body(s) for s in subs)


def _gold_label(el: etree._Element) -> str:
    tag = "ParagraphNum" if el.tag == "Paragraph" else f"{el.tag}Title"
    return _text(el.find(tag)).strip()


def _gold_units(el: etree._Element, parent_id: str, out: list[Gold]) -> None:
    uid = f"{parent_id}.{el.get('Num')}"
    out.append(Gold(uid, KIND_OF[el.tag], _gold_label(el), None, _gold_body(el)))
    for sub in el.findall("Item") if el.tag == "Paragraph" else _sub_units(el):
        _gold_units(sub, uid, out)


def gold_clauses(root: etree._Element) -> list[Gold]:
    """Every numbered unit of the main provision, in document order."""
    out: list[Gold] = []
    for article in root.find("LawBody/MainProvision").iter("Article"):
        caption = article.find("ArticleCaption")
        heading = None
        if caption is not None:
            heading = _text(caption).strip()
            if heading.startswith("（") and heading.endswith("）"):
                heading = heading[1:-1]
        paragraphs = article.findall("Paragraph")
        body = "".join(squash(_gold_label(p)) + _gold_body(p) for p in paragraphs)
        aid = article.get("Num")
        out.append(Gold(aid, "article", _text(article.find("ArticleTitle")), heading, body))
        for paragraph in paragraphs:
            _gold_units(paragraph, aid, out)
    return out


def structure_lines(root: etree._Element) -> list[str]:
    """Chapter / section titles and the TOC's article ranges: metadata, never clause text."""
    lines = []
    for tag in STRUCTURE_TAGS:
        lines += [_text(t) for t in root.iter(f"{tag}Title")]
    lines += [_text(t) for t in root.iter("ArticleRange")]
    return lines


def leak_needles() -> list[str]:
    """Squashed strings that must not appear in any clause's text."""
    return [squash(s) for s in structure_lines(law())] + ["附則", "目次", squash(_text(law().find("LawNum")))]


@lru_cache(maxsize=1)
def law() -> etree._Element:
    return etree.parse(str(FIXTURE)).getroot()


RENDERINGS = {
    "egov-display": lambda: render_law(law()),
    f"pdf-wrapped-{WRAP_WIDTH}": lambda: hard_wrap(render_law(law())),
    # narrow enough that long captions wrap over two or three lines
    "pdf-wrapped-20": lambda: hard_wrap(render_law(law()), 20),
}


# --------------------------------------------------------------------------- diffs


def seq_diff(actual: list, expected: list, what: str, context: int = 4) -> str:
    """Where two sequences first differ, with a few entries either side."""
    n = next(
        (i for i, (a, e) in enumerate(zip(actual, expected)) if a != e),
        min(len(actual), len(expected)),
    )
    lo, hi = max(0, n - context), n + context + 1
    rows = [f"{what}: {len(actual)} actual vs {len(expected)} expected; first difference at index {n}"]
    for i in range(lo, max(min(hi, len(actual)), min(hi, len(expected)))):
        a = repr(actual[i]) if i < len(actual) else "—"
        e = repr(expected[i]) if i < len(expected) else "—"
        mark = "!!" if a != e else "  "
        rows.append(f"{mark} [{i:3}] actual {a:<48} expected {e}")
    return "\n".join(rows)


def text_diff(actual: str, expected: str, context: int = 30) -> str:
    n = next(
        (i for i, (a, e) in enumerate(zip(actual, expected)) if a != e),
        min(len(actual), len(expected)),
    )
    lo = max(0, n - context)
    return (
        f"{len(actual)} actual vs {len(expected)} expected characters; first difference at {n}\n"
        f"   actual   …{actual[lo:n]}⟦{actual[n:n + context]}⟧\n"
        f"   expected …{expected[lo:n]}⟦{expected[n:n + context]}⟧"
    )


# --------------------------------------------------------------------------- rendering & gold


def test_fixture_counts():
    gold = gold_clauses(law())
    kinds = [g.kind for g in gold]
    counts = {k: kinds.count(k) for k in ("article", "paragraph", "item", "subitem")}
    assert counts == {"article": 48, "paragraph": 105, "item": 92, "subitem": 14}
    assert len({g.id for g in gold}) == len(gold), "gold ids must be unique"
    assert [g.id for g in gold if g.heading is None and g.kind == "article"] == ["36_3"]


def test_rendering_looks_like_egov():
    text = render_law(law())
    lines = text.split("\n")
    assert lines[:5] == [TITLE, "平成五年法律第八十八号", "目次", "第一章　総則（第一条―第四条）",
                         "第二章　申請に対する処分（第五条―第十一条）"]
    assert "第一節　通則（第十二条―第十四条）" in lines
    assert lines[lines.index("第七章　補則（第四十六条）") + 1 : lines.index("第七章　補則（第四十六条）") + 4] == [
        "附則", "第一章　総則", "（目的等）"]
    assert lines[lines.index("（目的等）") + 1].startswith("第一条　この法律は、処分、行政指導及び届出")
    assert lines[lines.index("（目的等）") + 2].startswith("２　処分、行政指導及び届出に関する手続")
    assert "一　法令　法律、法律に基づく命令（告示を含む。）" in text
    assert "\nイ　事実上の行為及び事実上の行為をするに当たり" in text
    assert "\n第四章の二　処分等の求め\n第三十六条の三　何人も、" in text
    assert lines.count("附　則") == 1
    assert "附　則　（平成一一年一二月八日法律第一五一号）　抄" in lines
    assert "" not in lines
    # one line per rendered unit: title, law number, TOC, structure, captions, units, 附則
    root = law()
    main = root.find("LawBody/MainProvision")
    n_main = sum(1 for _ in main.iter(*STRUCTURE_TAGS, "ArticleCaption", "Paragraph", "Item", *(f"Subitem{i}" for i in range(1, 11))))
    first_suppl = lines.index("附　則")
    assert first_suppl == lines.index("第一章　総則") + n_main
    # the main provision's lines hold exactly its XML text, in order: the renderer adds only
    # spaces and line breaks
    main_lines = lines[lines.index("第一章　総則") : first_suppl]
    assert squash("".join(main_lines)) == squash("".join(main.itertext()))


def test_gold_bodies_hold_no_structure_text():
    """The needles of test_structure_and_supplementary_provisions_are_not_clause_text do not
    occur in the law's own clause text (第三条 says "第三章に規定する", not "第三章　不利益処分")."""
    hits = [(g.id, n) for g in gold_clauses(law()) for n in leak_needles() if n in g.body]
    assert not hits


def test_wrapping_only_inserts_newlines():
    text = render_law(law())
    wrapped = hard_wrap(text)
    assert max(len(line) for line in wrapped.split("\n")) == WRAP_WIDTH
    assert wrapped.replace("\n", "") == text.replace("\n", "")
    assert wrapped.count("\n") > text.count("\n") + 100


# --------------------------------------------------------------------------- the segmenter


@pytest.fixture(scope="module", params=list(RENDERINGS))
def segmented(request):
    from pipeline.segment import segment_text

    text = RENDERINGS[request.param]()
    return segment_text(text, source=f"{FIXTURE.stem}.{request.param}.txt")


@pytest.fixture(scope="module")
def gold():
    return gold_clauses(law())


def main_clauses(doc, gold):
    ids = {g.id for g in gold}
    return [c for c in doc.clauses if c.id in ids]


def test_title(segmented):
    assert segmented.title == TITLE


def test_ids_and_kinds_follow_the_law(segmented, gold):
    actual = [(c.id, c.kind) for c in main_clauses(segmented, gold)]
    expected = [(g.id, g.kind) for g in gold]
    assert actual == expected, seq_diff(actual, expected, "(id, kind) of main-provision clauses")


def test_no_clause_outside_the_main_provision(segmented, gold):
    ids = {g.id for g in gold}
    extra = [(c.id, c.kind, c.text[:40]) for c in segmented.clauses if c.id not in ids]
    assert not extra, f"{len(extra)} clauses with ids the law does not have (TOC, 附則, a wrapped line?):\n" + "\n".join(
        map(repr, extra[:20])
    )


def test_labels(segmented, gold):
    actual = [(c.id, c.label) for c in main_clauses(segmented, gold)]
    expected = [(g.id, g.label) for g in gold]
    assert actual == expected, seq_diff(actual, expected, "(id, label)")


def test_article_headings(segmented, gold):
    actual = [(c.id, c.heading) for c in main_clauses(segmented, gold) if c.kind == "article"]
    expected = [(g.id, g.heading) for g in gold if g.kind == "article"]
    assert actual == expected, seq_diff(actual, expected, "(article id, heading)")


def test_article_text_is_complete(segmented, gold):
    """An article's text is all its sentences plus its paragraphs', items' and sub-items'
    labels — nothing lost, nothing duplicated, no caption, no chapter line, no 附則."""
    by_id = {c.id: c for c in main_clauses(segmented, gold)}
    bad = []
    for g in gold:
        if g.kind == "article" and g.id in by_id and squash(by_id[g.id].text) != g.body:
            bad.append(f"article {g.id} ({g.label}): " + text_diff(squash(by_id[g.id].text), g.body))
    assert not bad, f"{len(bad)} articles whose text differs from the law's:\n" + "\n".join(bad[:5])


def test_sub_unit_text_is_complete(segmented, gold):
    """A paragraph's / item's / sub-item's text is its sentences and its sub-units', with
    or without its own label in front."""
    by_id = {c.id: c for c in main_clauses(segmented, gold)}
    bad = []
    for g in gold:
        if g.kind != "article" and g.id in by_id:
            actual = squash(by_id[g.id].text)
            if actual not in (g.body, squash(g.label) + g.body):
                bad.append(f"{g.kind} {g.id} ({g.label!r}): " + text_diff(actual, g.body))
    assert not bad, f"{len(bad)} sub-units whose text differs from the law's:\n" + "\n".join(bad[:5])


def test_own_text_is_rejoined(segmented):
    broken = [(c.id, c.own_text[:60]) for c in segmented.clauses if "\n" in c.own_text]
    assert not broken, f"{len(broken)} clauses whose own_text still holds a line break:\n" + "\n".join(
        map(repr, broken[:10])
    )


def test_structure_and_supplementary_provisions_are_not_clause_text(segmented):
    leaks = []
    for c in segmented.clauses:
        text = squash(c.text)
        leaks += [(c.id, needle) for needle in leak_needles() if needle in text]
    assert not leaks, f"structure / TOC / 附則 text inside clauses: {leaks[:10]}"


# --------------------------------------------------------------------------- by eye


if __name__ == "__main__":
    rendered = render_law(law())
    print(hard_wrap(rendered) if "--wrap" in sys.argv[1:] else rendered)
