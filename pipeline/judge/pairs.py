"""Judgement of a comparison: for each Match the aligner found, do the obligations agree?

A matched pair is read provision by provision (``obligations.compare_texts`` of the matched
units) and is ``equivalent`` when the obligations agree, ``divergent`` with the reasons when
not. Inside two whole articles every paragraph and item that differs is a ``change``: a part
on one side only that the aligner found to be a provision of its own is a ``paragraph``
reason (「２ …書面を提出しなければならない」 added to 第11条), and its duties are read with the
rest. ``identical`` says whether the matched texts are the same once width, spacing and line
breaks are folded. An article with no counterpart is ``missing`` (in A) or ``extra`` (in B),
with the nearest unit named so a reviewer can check that nothing was overlooked; a missing
one comes with suggested wording, A's text in B's party words (``wording.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.judge.obligations import compare_texts, obligation_text, read
from pipeline.judge.wording import suggestion
from pipeline.model import Alignment, Change, Clause, Match, PartMatch, SegmentedDocument
from pipeline.text.overlap import folded_bigrams, held
from pipeline.text.references import without_cross_references
from pipeline.text.vocabulary import topics
from pipeline.text.normalize import normalize_for_analysis

# Two articles whose every paired part overlaps this much are versions of one text.
VERSION_OVERLAP = 0.8
# How much of a one-sided paragraph a reason quotes to name it.
QUOTE_LENGTH = 30


def judge(a: SegmentedDocument, b: SegmentedDocument, matches: Sequence[Match]) -> list[Alignment]:
    """One Alignment per Match, in the same order."""
    texts = _shared_out(a, b, matches)
    return [_judge_match(a, b, match, texts.get(n)) for n, match in enumerate(matches)]




def _shared_out(a: SegmentedDocument, b: SegmentedDocument, matches: Sequence[Match]) -> dict[int, tuple[str, str]]:
    """An article matched whole to several of the other side (one paragraph of three sentences
    spread over three articles) is read sentence by sentence: each provision goes with the
    counterpart whose text holds most of it, so a duty that went elsewhere is not missing here.
    Returns match index → (A's text, B's text) where a side was shared out."""
    out: dict[int, list[str]] = {}
    for side, document, other in (("a", a, b), ("b", b, a)):
        groups: dict[tuple[str, ...], list[int]] = {}
        for n, match in enumerate(matches):
            if match.a is not None and match.b is not None:
                groups.setdefault(getattr(match, f"{side}_units"), []).append(n)
        for units, members in groups.items():
            if len(members) < 2:
                continue
            provisions = [p.text for u in units for p in read(obligation_text(document, document.by_id(u)))]
            other_side = "b" if side == "a" else "a"
            counterparts = {n: folded_bigrams(" ".join(obligation_text(other, other.by_id(u))
                                                 for u in getattr(matches[n], f"{other_side}_units"))) for n in members}
            shares: dict[int, list[str]] = {n: [] for n in members}
            holds = {n: [held(folded_bigrams(p), counterparts[n]) for p in provisions] for n in members}
            for k, provision in enumerate(provisions):
                shares[max(members, key=lambda n: (holds[n][k], -n))].append(provision)
            for n in members:  # a counterpart that drew none is read with the provision most like it
                if not shares[n] and provisions:
                    shares[n].append(provisions[max(range(len(provisions)), key=lambda k: holds[n][k])])
            for n in members:
                texts = out.setdefault(n, [None, None])
                texts[0 if side == "a" else 1] = "\n".join(shares[n]) if shares[n] else None
    return {n: (t[0], t[1]) for n, t in out.items()}


def same_text(x: str, y: str) -> bool:
    """The same text once width, spacing and line breaks are folded."""
    return "".join(normalize_for_analysis(x).split()) == "".join(normalize_for_analysis(y).split())


def _quote(clause: Clause) -> str:
    text = "".join((clause.own_text if clause.kind == "paragraph" else clause.text).split())
    return f"{clause.id}「{text[:QUOTE_LENGTH]}{'…' if len(text) > QUOTE_LENGTH else ''}」"


def paragraph_reason(clause: Clause, side: str) -> str:
    """The reason a paragraph or item on one side only gives: on the new (B) side, added."""
    return f"paragraph: none → {_quote(clause)}" if side in ("new", "b") else f"paragraph: {_quote(clause)} → none"


def _dimension(reason: str) -> str:
    return reason.split(":", 1)[0]


def _brings_something(part_text: str, other_article_text: str, part_is_b: bool) -> bool:
    """A paragraph on one side only is an added (removed) provision when it says what the
    other article does not: a feature the other lacks (a certificate, 毎年度, 終了後も), or an
    obligation topic the other does not speak of. A paragraph whose duties the other article
    states in other sentences (two paragraphs merged into one) brings nothing."""
    a_text, b_text = (other_article_text, part_text) if part_is_b else (part_text, other_article_text)
    for reason in compare_texts(a_text, b_text):
        dimension, _, values = reason.partition(": ")
        if dimension == "modality":
            continue
        before, _, after = values.partition(" → ")
        if (after if part_is_b else before) != "none" and (before if part_is_b else after) == "none":
            return True
    return not topics(without_cross_references(part_text)) <= topics(without_cross_references(other_article_text))


def _changes(a: SegmentedDocument, b: SegmentedDocument, parts: Sequence[PartMatch], article_a: Clause,
             article_b: Clause) -> tuple[list[Change], list[str]]:
    """The parts that differ, and the paragraph reasons of the new ones."""
    changes, paragraph_reasons = [], []
    paired = [p.similarity for p in parts if p.a and p.b and p.similarity is not None]
    one_sided = {("a" if p.a else "b") for p in parts if not (p.a and p.b)}
    # …and what is one-sided is on one side only (a part on each side is one provision reworded)
    versions = bool(paired) and min(paired) >= VERSION_OVERLAP and len(one_sided) == 1
    for part in parts:
        clause_a = a.by_id(part.a) if part.a else None
        clause_b = b.by_id(part.b) if part.b else None
        text_a = obligation_text(a, clause_a) if clause_a else ""
        text_b = obligation_text(b, clause_b) if clause_b else ""
        if clause_a and clause_b:
            if not same_text(_own(clause_a), _own(clause_b)):
                changes.append(Change(part.a, part.b, "changed", compare_texts(text_a, text_b)))
            continue
        reasons = []
        # versions of one text (every other part the same or nearly): the part on one side only
        # is added or removed as it stands; otherwise only if it brings what the other lacks
        new = part.new and (versions or _brings_something(text_b or text_a, (article_a if clause_b else article_b).text,
                                                           bool(clause_b)))
        if new:
            reasons.append(paragraph_reason(clause_b, "b") if clause_b else paragraph_reason(clause_a, "a"))
            paragraph_reasons.append(reasons[0])
        reasons += compare_texts(text_a, text_b)
        changes.append(Change(part.a, part.b, "added" if clause_b else "removed", reasons))
    paragraph_reasons += _replaced(a, b, parts, changes)
    return changes, paragraph_reasons


def _replaced(a: SegmentedDocument, b: SegmentedDocument, parts: Sequence[PartMatch], changes: list[Change]) -> list[str]:
    """A part of A and a part of B, each on its own side only, each saying what the other article
    does not (誓約書の徴取 / 研修実施記録の作成): one provision replaced by another. Where no other
    dimension tells them apart, that is a paragraph reason naming both."""
    new_parts = {(p.a, p.b) for p in parts if p.new}
    silent = [c for c in changes if c.kind in ("added", "removed") and not c.reasons and (c.a, c.b) in new_parts]
    removed = [c for c in silent if c.kind == "removed"]
    added = [c for c in silent if c.kind == "added"]
    reasons = []
    for old, new in zip(removed, added):
        if compare_texts(obligation_text(a, a.by_id(old.a)), obligation_text(b, b.by_id(new.b))):
            continue  # a dimension tells them apart: that is the reason, not the paragraph
        reason = f"paragraph: {_quote(a.by_id(old.a))} → {_quote(b.by_id(new.b))}"
        old.reasons.append(reason)
        new.reasons.append(reason)
        reasons.append(reason)
    return reasons


def _own(clause: Clause) -> str:
    return clause.own_text if clause.kind == "paragraph" else clause.text


def _judge_match(a: SegmentedDocument, b: SegmentedDocument, match: Match,
                 shared: tuple[str | None, str | None] | None = None) -> Alignment:
    if match.a is not None and match.b is not None:
        units_a, units_b = [a.by_id(u) for u in match.a_units], [b.by_id(u) for u in match.b_units]
        text_a = "\n".join(obligation_text(a, u) for u in units_a)
        text_b = "\n".join(obligation_text(b, u) for u in units_b)
        if shared is not None:
            text_a, text_b = shared[0] if shared[0] is not None else text_a, shared[1] if shared[1] is not None else text_b
        reasons = compare_texts(text_a, text_b)
        identical = same_text("".join(u.text for u in units_a), "".join(u.text for u in units_b))
        if match.parts:
            changes, paragraph_reasons = _changes(a, b, match.parts, a.by_id(match.a), b.by_id(match.b))
            reasons = paragraph_reasons + reasons
            # a part's reasons are those of the article it belongs to: a feature moved from one
            # paragraph to another is no change of the article's obligations
            dimensions = {_dimension(r) for r in reasons}
            for change in changes:
                change.reasons = [r for r in change.reasons if _dimension(r) in dimensions]
        else:
            changes = [] if identical else [Change(units_a[0].id, units_b[0].id, "changed", list(reasons))]
        return Alignment(match.a, match.b, match.score, "divergent" if reasons else "equivalent", reasons,
                         list(match.a_units), list(match.b_units), match.similarity, identical, changes)
    if match.a is not None:
        return Alignment(match.a, None, None, "missing", [_no_counterpart("B", b, match)],
                         suggestion=suggestion(a.by_id(match.a).text, _whole(a), _whole(b)))
    return Alignment(None, match.b, None, "extra", [_no_counterpart("A", a, match)])


def _whole(document: SegmentedDocument) -> str:
    return "\n".join(article.text for article in document.articles())


def _no_counterpart(side: str, other: SegmentedDocument, match: Match) -> str:
    reason = f"no counterpart in {side}"
    if match.nearest is not None:
        nearest = match.nearest
        reason += (f" (nearest: {other.by_id(nearest.article).title} {nearest.unit}, "
                   f"similarity {nearest.similarity:.2f})")
    return reason
