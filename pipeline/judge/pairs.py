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

from pipeline.judge.obligations import compare_texts, obligation_text
from pipeline.judge.wording import suggestion
from pipeline.model import Alignment, Change, Clause, Match, PartMatch, SegmentedDocument
from pipeline.text.normalize import normalize_for_analysis

# How much of a one-sided paragraph a reason quotes to name it.
QUOTE_LENGTH = 30


def judge(a: SegmentedDocument, b: SegmentedDocument, matches: Sequence[Match]) -> list[Alignment]:
    """One Alignment per Match, in the same order."""
    return [_judge_match(a, b, match) for match in matches]


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


def _changes(a: SegmentedDocument, b: SegmentedDocument, parts: Sequence[PartMatch]) -> tuple[list[Change], list[str]]:
    """The parts that differ, and the paragraph reasons of the new ones."""
    changes, paragraph_reasons = [], []
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
        if part.new:
            reasons.append(paragraph_reason(clause_b, "b") if clause_b else paragraph_reason(clause_a, "a"))
            paragraph_reasons.append(reasons[0])
        reasons += compare_texts(text_a, text_b)
        changes.append(Change(part.a, part.b, "added" if clause_b else "removed", reasons))
    return changes, paragraph_reasons


def _own(clause: Clause) -> str:
    return clause.own_text if clause.kind == "paragraph" else clause.text


def _judge_match(a: SegmentedDocument, b: SegmentedDocument, match: Match) -> Alignment:
    if match.a is not None and match.b is not None:
        units_a, units_b = [a.by_id(u) for u in match.a_units], [b.by_id(u) for u in match.b_units]
        reasons = compare_texts("\n".join(obligation_text(a, u) for u in units_a),
                                "\n".join(obligation_text(b, u) for u in units_b))
        identical = same_text("".join(u.text for u in units_a), "".join(u.text for u in units_b))
        if match.parts:
            changes, paragraph_reasons = _changes(a, b, match.parts)
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
