"""Judgement of a comparison: for each Match the aligner found, do the obligations agree?

A matched pair is read as two obligations (``obligations.profile`` of the matched units) and
is ``equivalent`` when they agree, ``divergent`` with the reasons when not; an article with no
counterpart is ``missing`` (in A) or ``extra`` (in B), with the nearest unit named so a
reviewer can check that nothing was overlooked.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.judge.obligations import compare, obligation_text, profile
from pipeline.model import Alignment, Match, SegmentedDocument


def judge(a: SegmentedDocument, b: SegmentedDocument, matches: Sequence[Match]) -> list[Alignment]:
    """One Alignment per Match, in the same order."""
    return [_judge_match(a, b, match) for match in matches]


def _judge_match(a: SegmentedDocument, b: SegmentedDocument, match: Match) -> Alignment:
    if match.a is not None and match.b is not None:
        clause_a, clause_b = a.by_id(match.a_units[0]), b.by_id(match.b_units[0])
        reasons = compare(profile(obligation_text(a, clause_a)), profile(obligation_text(b, clause_b)))
        return Alignment(match.a, match.b, match.score, "divergent" if reasons else "equivalent", reasons,
                         list(match.a_units), list(match.b_units), match.similarity)
    if match.a is not None:
        return Alignment(match.a, None, None, "missing", [_no_counterpart("B", b, match)])
    return Alignment(None, match.b, None, "extra", [_no_counterpart("A", a, match)])


def _no_counterpart(side: str, other: SegmentedDocument, match: Match) -> str:
    reason = f"no counterpart in {side}"
    if match.nearest is not None:
        nearest = match.nearest
        reason += (f" (nearest: {other.by_id(nearest.article).title} {nearest.unit}, "
                   f"similarity {nearest.similarity:.2f})")
    return reason
