"""The library API: the pipeline's stages composed, for the CLI, the batch and notebooks.

    read_document(source)            Source/path/bytes ─extract→ ─segment→ SegmentedDocument
    compare_documents(a, b)          ─tokens→ ─align→ ─judge→ Comparison
    analyse_document(source)         ─extract→ ─segment→ ─tokens→ ─judge→ DocumentRecord

Each stage is a pure function of the model (``pipeline.model``); this module is the only
place that knows their order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from pipeline.model import (
    Comparison,
    DocumentRecord,
    SegmentedDocument,
    Source,
    TimeLimitExceeded,
    TokenizedDocument,
    TokkiError,
)
from pipeline.extract.limits import ExtractOptions


def read_document(source: Source | str | os.PathLike | bytes, options: ExtractOptions | None = None, *,
                  name: str | None = None) -> SegmentedDocument:
    """Extract and segment one template (a path, its bytes with ``name``, or a Source)."""
    from pipeline.extract import extract
    from pipeline.segment import segment

    return segment(extract(source, options, name=name))


def tokenized(document: SegmentedDocument | TokenizedDocument) -> TokenizedDocument:
    if isinstance(document, TokenizedDocument):
        return document
    from pipeline.tokens import tokenize

    return tokenize(document)


def compare_documents(a: SegmentedDocument | TokenizedDocument, b: SegmentedDocument | TokenizedDocument,
                      aligner=None, decisions: Sequence[tuple[str | None, str | None]] = ()) -> Comparison:
    """Align A and B (``aligner``: a ClauseAligner, default parameters if None), apply a
    reader's ``decisions`` (ClauseAligner.repaired: ``(a, b)`` pairs two articles, ``(a, None)``
    / ``(None, b)`` leaves one without counterpart), then judge every match."""
    from pipeline.align import ClauseAligner
    from pipeline.judge.pairs import judge

    a, b = tokenized(a), tokenized(b)
    fitted = (aligner if aligner is not None else ClauseAligner()).fit(a, b)
    matches = fitted.repaired(decisions) if decisions else fitted.matches_
    return Comparison(a.document, b.document, judge(a.document, b.document, matches), fitted.article_similarity_)


def check_document(document: SegmentedDocument, checklist_id: str | None = None) -> dict:
    """The checklist that applies to ``document`` (or ``checklist_id``: mynumber, kojinjoho)
    and each of its items' finding: the ``tokki check --format json`` contract."""
    from pipeline.judge.checklist import check_applicable

    source, why, results = check_applicable(document, checklist_id)
    return {
        "source": document.source,
        "title": document.title,
        "checklist": {**{k: source.get(k) for k in ("title", "publisher", "version", "section", "url")},
                      "id": source["id"], "applied_because": why, "verified": source.get("verified", True)},
        "warnings": list(document.warnings),
        "items": [r.to_json() for r in results],
    }


def diff_documents(old: SegmentedDocument, new: SegmentedDocument):
    """Two versions of one template → a VersionDiff, amended rows with the obligation reasons
    of the judgement stage (a paragraph added that carries a duty says so)."""
    from pipeline.judge.obligations import compare_texts
    from pipeline.judge.pairs import paragraph_reason
    from pipeline.versions import diff_versions

    diff = diff_versions(old, new)
    for row in diff.rows:
        if row.change != "amended" or row.old is None or row.new is None:
            continue
        units = [paragraph_reason(old.by_id(u.old), "old") for u in row.units if u.change == "deleted"]
        units += [paragraph_reason(new.by_id(u.new), "new") for u in row.units if u.change == "added"]
        row.reasons = units + compare_texts(old.by_id(row.old).text, new.by_id(row.new).text)
    return diff


# The warning for numbered text that holds none of what a 委託 contract's 特記事項 does.
NOT_A_TEMPLATE = ("none of the {n} checklist items is present: the numbered text may not be a 特記事項")


def analyse_document(source: Source, options: ExtractOptions | None = None) -> DocumentRecord:
    """Everything the batch keeps of one file, or why it failed (never raises a TokkiError)."""
    from dataclasses import replace

    from pipeline.extract import extract
    from pipeline.judge.checklist import check, check_applicable
    from pipeline.judge.coverage import obligation_strengths
    from pipeline.judge.issuer import issuer_of
    from pipeline.segment import segment
    from pipeline.text.vocabulary import official_checklist, topic_items
    from pipeline.tokens import tokenize

    try:
        document = extract(source, options)
        segmented = segment(document)
    except TokkiError as error:
        # a file over the time limit may pass with a higher one: that result is not cached
        return DocumentRecord(source.name, source.sha256, "error", error.problem,
                              cacheable=not isinstance(error, TimeLimitExceeded))
    results = check(segmented, topic_items())  # the 番号法 items come first, then tokki's topics
    official = [r.finding() for r in check_applicable(segmented)[2]]
    if not any(r.present for r in results[: len(official_checklist()[1])]):
        segmented = replace(segmented, warnings=(*segmented.warnings, NOT_A_TEMPLATE.format(n=len(official))))
    return DocumentRecord(
        source.name, source.sha256, "ok", format=document.format, pages=len(document.pages),
        tokenized=tokenize(segmented), issuer=issuer_of(segmented), checklist=tuple(official),
        strengths=obligation_strengths(segmented, results),
    )
