"""Score the segmenter against hand-written gold structure (``make eval``'s segmentation part).

A gold file ``NAME.gold.json`` stands beside its template ``NAME.txt`` (or .pdf/.docx):
``{"title", "clauses": [{"id", "kind", "label", "heading", "text"}], "expect_warnings": [...]}``
with each clause's *own* text (not its sub-units'). An article's first, unnumbered paragraph
is implicit in the gold unless the article has numbered paragraphs (then "N.1" is listed): the
segmenter always makes it, so it is folded into the article for comparison. Texts, headings
and titles are compared with all white space removed (line breaks and artefact spaces are not
structure); a document is *exact* when its ids, kinds, headings, texts and title all agree.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.api import read_document
from pipeline.model import SegmentedDocument, TokkiError

_SPACE = re.compile(r"\s+")
# What a warning of each expected kind says (the words tokki's warnings use).
WARNING_KINDS = {
    "unassigned-text": re.compile(r"before the first|unassigned"),
    "numbering-gap": re.compile(r"numbering|gap|starts at"),
    "truncated": re.compile(r"truncat|ends mid"),
}


def _squeeze(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def _comparable(clauses: list[dict]) -> dict[str, dict]:
    """id → {kind, heading, text} with a lone first paragraph folded into its article."""
    ids = {c["id"] for c in clauses}
    out: dict[str, dict] = {}
    for c in clauses:
        parts = c["id"].split(".")
        if c["kind"] == "paragraph" and len(parts) == 2 and parts[1] == "1":
            numbered = any(i.startswith(parts[0] + ".") and len(i.split(".")) == 2 and i != c["id"] for i in ids)
            if not numbered:
                article = out.setdefault(parts[0], {"kind": "article", "heading": None, "text": ""})
                article["text"] += _squeeze(c["text"])
                continue
        entry = out.setdefault(c["id"], {"kind": c["kind"], "heading": None, "text": ""})
        entry.update(kind=c["kind"], heading=_squeeze(c.get("heading")) or None)
        entry["text"] += _squeeze(c["text"])
    return out


def predicted_clauses(document: SegmentedDocument) -> list[dict]:
    return [{"id": c.id, "kind": c.kind, "label": c.label, "heading": c.heading, "text": c.own_text}
            for c in document.clauses]


@dataclass
class DocumentScore:
    name: str
    exact: bool = False
    structure: bool = False  # ids and kinds
    headings: bool = False
    texts: bool = False
    title: bool = False
    warnings_expected: int = 0
    warnings_found: int = 0
    problems: list[str] = field(default_factory=list)


def score_document(template: Path, gold_path: Path) -> DocumentScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    score = DocumentScore(template.name)
    try:
        document = read_document(template)
    except TokkiError as error:
        score.problems.append(f"refused: {error.problem}")
        return score
    want, got = _comparable(gold["clauses"]), _comparable(predicted_clauses(document))
    score.structure = [(k, v["kind"]) for k, v in want.items()] == [(k, v["kind"]) for k, v in got.items()]
    if not score.structure:
        missing = [k for k in want if k not in got]
        extra = [k for k in got if k not in want]
        score.problems.append(f"ids: missing {missing[:8]} extra {extra[:8]}")
    common = [k for k in want if k in got]
    wrong_headings = [k for k in common if want[k]["heading"] != got[k]["heading"]]
    wrong_texts = [k for k in common if want[k]["text"] != got[k]["text"]]
    score.headings = score.structure and not wrong_headings
    score.texts = score.structure and not wrong_texts
    for k in wrong_headings[:3]:
        score.problems.append(f"heading {k}: {got[k]['heading']!r} ≠ gold {want[k]['heading']!r}")
    for k in wrong_texts[:3]:
        score.problems.append(f"text {k}: {got[k]['text'][:40]!r}… ≠ gold {want[k]['text'][:40]!r}…")
    score.title = _squeeze(gold.get("title")) == _squeeze(document.title)
    if not score.title:
        score.problems.append(f"title {document.title!r} ≠ gold {gold.get('title')!r}")
    score.exact = score.structure and score.headings and score.texts and score.title
    expected = gold.get("expect_warnings", [])
    score.warnings_expected = len(expected)
    said = " ".join(document.warnings)
    score.warnings_found = sum(1 for kind in expected if kind in WARNING_KINDS and WARNING_KINDS[kind].search(said))
    if score.warnings_found < score.warnings_expected:
        score.problems.append(f"warnings: expected {expected}, said {list(document.warnings)}")
    return score


def gold_files(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        templates = [p for p in folder.glob(f"{stem}.*") if p != gold and p.suffix in (".txt", ".pdf", ".docx")]
        if len(templates) != 1:
            raise SystemExit(f"{gold}: expected one template beside it, found {len(templates)}")
        pairs.append((templates[0], gold))
    return pairs


def main(argv: list[str] | None = None) -> int:
    folders = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    scores = [score_document(t, g) for folder in folders for t, g in gold_files(folder)]
    print(f"{'document':40} exact struct heads texts title warn")
    for s in scores:
        mark = lambda ok: "  ok " if ok else "  -- "  # noqa: E731
        print(f"{s.name[:40]:40}{mark(s.exact)}{mark(s.structure)}{mark(s.headings)}{mark(s.texts)}{mark(s.title)}"
              f" {s.warnings_found}/{s.warnings_expected}")
        for problem in s.problems:
            print(f"    {problem}")
    n = len(scores) or 1
    print(f"exact {sum(s.exact for s in scores)}/{len(scores)} ({sum(s.exact for s in scores) / n:.0%}); "
          f"structure {sum(s.structure for s in scores)}/{len(scores)}; headings {sum(s.headings for s in scores)}; "
          f"texts {sum(s.texts for s in scores)}; titles {sum(s.title for s in scores)}; warnings "
          f"{sum(s.warnings_found for s in scores)}/{sum(s.warnings_expected for s in scores)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
