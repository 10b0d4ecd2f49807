"""`make eval`: score the aligner against hand-written gold (precision, recall, statuses, reasons).

A gold case is a folder holding ``a.txt``, ``b.txt`` and ``gold.tsv`` (columns a, b, status,
reasons). Status ``matched`` = the pair must be found, its status not scored; ``optional`` =
the pair may be found without counting as an error.
"""

from __future__ import annotations

import csv
from collections import Counter
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.api import compare_documents, read_document


@dataclass
class GoldRow:
    a: str | None
    b: str | None
    status: str
    reasons: frozenset[str]


@dataclass
class Score:
    found: int = 0  # required pairs found
    required: int = 0
    predicted: int = 0  # predicted pairs
    predicted_ok: int = 0  # predicted pairs that gold allows
    unmatched_gold: int = 0  # gold missing + extra
    unmatched_predicted: int = 0
    unmatched_ok: int = 0
    status_scored: int = 0
    status_ok: int = 0
    reasons_gold: int = 0
    reasons_found: int = 0
    same_pairs: int = 0  # pairs gold calls equivalent that were found
    false_reasons: int = 0  # reasons given on those
    # dimension → gold reasons, of which found
    dimensions_gold: Counter = field(default_factory=Counter)
    dimensions_found: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            if name != "errors":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    @staticmethod
    def _ratio(n: int, d: int) -> float:
        return n / d if d else 1.0

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "pair_precision": self._ratio(self.predicted_ok, self.predicted),
            "pair_recall": self._ratio(self.found, self.required),
            "pair_f1": self._f1(self._ratio(self.predicted_ok, self.predicted), self._ratio(self.found, self.required)),
            "unmatched_precision": self._ratio(self.unmatched_ok, self.unmatched_predicted),
            "unmatched_recall": self._ratio(self.unmatched_ok, self.unmatched_gold),
            "status_accuracy": self._ratio(self.status_ok, self.status_scored),
            "reason_recall": self._ratio(self.reasons_found, self.reasons_gold),
            "false_reasons_per_same_pair": self.false_reasons / self.same_pairs if self.same_pairs else 0.0,
        }


def read_gold(path: Path) -> list[GoldRow]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            # a reason is scored by its dimension: "deadline" or "deadline: 直ちに → 速やかに"
            reasons = frozenset() if record["reasons"].strip() in ("", "-") else frozenset(
                r.split(":")[0].strip() for r in record["reasons"].split(","))
            rows.append(GoldRow(record["a"] if record["a"] != "-" else None, record["b"] if record["b"] != "-" else None,
                                record["status"], reasons))
    return rows


def score_case(folder: Path) -> Score:
    gold = read_gold(folder / "gold.tsv")
    comparison = compare_documents(read_document(folder / "a.txt"), read_document(folder / "b.txt"))
    score = Score()
    pairs = {(r.a, r.b): r for r in gold if r.a and r.b}
    required = {k for k, r in pairs.items() if r.status != "optional"}
    predicted = {(r.a, r.b): r for r in comparison.alignments if r.a and r.b}
    score.required, score.predicted = len(required), len(predicted)
    score.found = len(required & predicted.keys())
    score.predicted_ok = len(predicted.keys() & pairs.keys())
    for key in sorted(required - predicted.keys()):
        score.errors.append(f"{folder.name}: pair A {key[0]} ↔ B {key[1]} not found")
    for key in sorted(predicted.keys() - pairs.keys()):
        score.errors.append(f"{folder.name}: spurious pair A {key[0]} ↔ B {key[1]} ({predicted[key].score})")
    gold_unmatched = {(r.a, r.b) for r in gold if r.status in ("missing", "extra")}
    predicted_unmatched = {(r.a, r.b) for r in comparison.alignments if r.status in ("missing", "extra")}
    score.unmatched_gold, score.unmatched_predicted = len(gold_unmatched), len(predicted_unmatched)
    score.unmatched_ok = len(gold_unmatched & predicted_unmatched)
    for key in sorted(gold_unmatched - predicted_unmatched, key=str):
        score.errors.append(f"{folder.name}: {key} should have no counterpart")
    for key in sorted(predicted_unmatched - gold_unmatched, key=str):
        score.errors.append(f"{folder.name}: {key} reported without counterpart")
    for key in sorted(required & predicted.keys()):
        want, got = pairs[key], predicted[key]
        if want.status in ("equivalent", "divergent"):
            score.status_scored += 1
            if got.status == want.status:
                score.status_ok += 1
            else:
                score.errors.append(f"{folder.name}: A {key[0]} ↔ B {key[1]} is {got.status}, gold {want.status}"
                                    + (f" ({'; '.join(got.reasons)})" if got.reasons else ""))
        if want.status == "equivalent":
            score.same_pairs += 1
            score.false_reasons += len(got.reasons)
        if want.status == "divergent":
            dims = {reason.split(":")[0] for reason in got.reasons}
            score.reasons_gold += len(want.reasons)
            score.reasons_found += len(want.reasons & dims)
            score.dimensions_gold.update(want.reasons)
            score.dimensions_found.update(want.reasons & dims)
            for missing_dim in sorted(want.reasons - dims):
                score.errors.append(f"{folder.name}: A {key[0]} ↔ B {key[1]} lacks reason '{missing_dim}'")
    return score


def gold_folders(roots: list[Path]) -> list[Path]:
    return sorted({p.parent for root in roots for p in root.rglob("gold.tsv")})


def main(argv: list[str] | None = None) -> int:
    roots = [Path(p) for p in (argv if argv is not None else sys.argv[1:])] or [
        Path("tests/gold"), Path("tests/devset"), Path("tests/heldout")]
    total = Score()
    header = f"{'case':34} {'pairP':>6} {'pairR':>6} {'pairF1':>6} {'unmP':>6} {'unmR':>6} {'status':>7} {'reason':>7}"
    print(header)
    for folder in gold_folders(roots):
        score = score_case(folder)
        total.add(score)
        f = score.figures()
        print(f"{folder.name:34} {f['pair_precision']:6.2f} {f['pair_recall']:6.2f} {f['pair_f1']:6.2f} {f['unmatched_precision']:6.2f} "
              f"{f['unmatched_recall']:6.2f} {f['status_accuracy']:7.2f} {f['reason_recall']:7.2f}")
    f = total.figures()
    print(f"{'ALL (micro)':34} {f['pair_precision']:6.2f} {f['pair_recall']:6.2f} {f['pair_f1']:6.2f} {f['unmatched_precision']:6.2f} "
          f"{f['unmatched_recall']:6.2f} {f['status_accuracy']:7.2f} {f['reason_recall']:7.2f}")
    print(f"false reasons per same-obligation pair: {f['false_reasons_per_same_pair']:.2f} "
          f"({total.false_reasons} on {total.same_pairs} pairs gold calls equivalent)")
    if total.dimensions_gold:
        print("reason recall by dimension: " + ", ".join(
            f"{d} {total.dimensions_found[d]}/{n}" for d, n in sorted(total.dimensions_gold.items())))
    if total.errors:
        print("\nDisagreements with gold:")
        for error in total.errors:
            print(f"  {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
