"""Fit the pairing model: which article pairs correspond, as a calibrated probability.

    python -m pipeline.tools.calibrate [GOLD_ROOT ...] [-o pipeline/data/alignment-calibration.json]

Every article pair of every gold case (a folder with a.txt, b.txt, gold.tsv) is a sample: its
features (``pipeline.align.features.FEATURE_NAMES``, from the uncalibrated aligner) and whether
gold pairs the two (``optional`` pairs are left out). A logistic regression on standardised
features is cross-validated by case (no case is scored by a model that saw it), which gives
the calibration report written with the model: Brier score, log loss, and the reliability
table (mean predicted vs observed share per probability bin). The coefficients are stored on
the raw features so that applying the model needs numpy alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.align import ClauseAligner
from pipeline.align.calibration import LinearModel
from pipeline.align.features import FEATURE_NAMES, JOIN_FEATURE_NAMES
from pipeline.align.matching import assign, join_candidates
from pipeline.api import read_document, tokenized
from pipeline.tools.evaluate import gold_folders, read_gold

# every gold set: the real pair, the development set, and each held-out set once its first run
# is on record (an article spread over several is rare: the joining model needs all of them)
DEFAULT_ROOTS = ("tests/gold", "tests/devset", "tests/heldout", "tests/heldout-pairs", *(
    f"tests/heldout-pairs-{letter}" for letter in "cdefghij"))
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "data" / "alignment-calibration.json"
BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)


@dataclass
class Case:
    folder: Path
    aligner: ClauseAligner  # fitted uncalibrated: its pairs_ hold the features
    positive: set[tuple[str, str]]
    optional: set[tuple[str, str]]

    def label(self, r: int, c: int) -> int | None:
        key = (self.aligner.articles_a_[r], self.aligner.articles_b_[c])
        return None if key in self.optional else int(key in self.positive)


def read_case(folder: Path) -> Case:
    gold = read_gold(folder / "gold.tsv")
    aligner = ClauseAligner(calibration=None).fit(tokenized(read_document(folder / "a.txt")),
                                                  tokenized(read_document(folder / "b.txt")))
    return Case(folder, aligner, {(r.a, r.b) for r in gold if r.a and r.b and r.status != "optional"},
                {(r.a, r.b) for r in gold if r.a and r.b and r.status == "optional"})


def pairing_samples(case: Case) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every article pair of one gold case."""
    rows = [(case.aligner.features_[r, c], label) for r, c in np.ndindex(*case.aligner.features_.shape[:2])
            if (label := case.label(r, c)) is not None]
    return np.array([f for f, _ in rows]).reshape(-1, len(FEATURE_NAMES)), np.array([y for _, y in rows], dtype=int)


def joining_samples(case: Case, pairing: LinearModel) -> tuple[np.ndarray, np.ndarray]:
    """The left-over candidates the pairing model's assignment leaves in one case, labelled."""
    pairs = case.aligner.pairs_
    edges = {e: tuple(int(k) for k in pairs.best_units[e]) for e in assign(pairing.probability(pairs.features), 0.5)}
    rows = [(k.features, label) for k in join_candidates(pairs, edges) if (label := case.label(*k.edge)) is not None]
    return np.array([f for f, _ in rows]).reshape(-1, len(JOIN_FEATURE_NAMES)), np.array([y for _, y in rows], dtype=int)


def _estimator():
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    # the regularisation chosen by inner cross-validation on log loss (what calibration is)
    return make_pipeline(StandardScaler(), LogisticRegressionCV(Cs=np.logspace(-2, 3, 11), cv=4,
                                                                scoring="neg_log_loss", max_iter=5000,
                                                                l1_ratios=(0.0,), use_legacy_attributes=False))


def _linear(fitted) -> LinearModel:
    scaler, regression = fitted[0], fitted[1]
    # w·(x − μ)/σ + b = (w/σ)·x + (b − Σ w μ/σ): the same model on raw features
    coefficients = regression.coef_[0] / scaler.scale_
    intercept = regression.intercept_[0] - float(np.sum(regression.coef_[0] * scaler.mean_ / scaler.scale_))
    return LinearModel(tuple(float(c) for c in coefficients), float(intercept), 0.5)


def reliability(probabilities: np.ndarray, labels: np.ndarray) -> list[dict]:
    table = []
    for low, high in zip(BINS, BINS[1:]):
        inside = (probabilities >= low) & ((probabilities < high) if high < 1.0 else (probabilities <= high))
        if inside.any():
            table.append({"bin": f"{low:.1f}–{high:.1f}", "pairs": int(inside.sum()),
                          "predicted": round(float(probabilities[inside].mean()), 3),
                          "observed": round(float(labels[inside].mean()), 3)})
    return table


def _report(names: tuple[str, ...], model: LinearModel, y: np.ndarray, out_of_fold: np.ndarray, folds: str,
            cases: int) -> dict:
    from sklearn.metrics import brier_score_loss, log_loss

    predicted = out_of_fold >= 0.5
    true_positive = int((predicted & (y == 1)).sum())
    return {
        "features": list(names),
        "coefficients": [round(c, 6) for c in model.coefficients],
        "intercept": round(model.intercept, 6),
        "threshold": model.threshold,
        "samples": int(len(y)), "positive": int(y.sum()), "cases": cases,
        "cross_validation": {
            "folds": folds,
            "brier": round(float(brier_score_loss(y, out_of_fold)), 4),
            "log_loss": round(float(log_loss(y, out_of_fold, labels=[0, 1])), 4),
            "precision_at_threshold": round(true_positive / max(1, int(predicted.sum())), 3),
            "recall_at_threshold": round(true_positive / max(1, int(y.sum())), 3),
            "reliability": reliability(out_of_fold, y),
        },
    }


def calibrate(folders: list[Path]) -> dict:
    from sklearn.model_selection import GroupKFold

    cases = [read_case(f) for f in folders]
    parts = [pairing_samples(c) for c in cases]
    X = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    groups = np.concatenate([[n] * len(p[1]) for n, p in enumerate(parts)])
    folds = GroupKFold(n_splits=min(5, len(cases)))
    # Out of fold: each case's pairs scored, and its left-overs found, by a model that never saw it.
    out_of_fold = np.zeros(len(y))
    join_parts: list[tuple[np.ndarray, np.ndarray, int]] = []
    for train, test in folds.split(X, y, groups):
        model = _linear(_estimator().fit(X[train], y[train]))
        out_of_fold[test] = model.probability(X[test])
        for n in sorted(set(groups[test])):
            join_parts.append((*joining_samples(cases[n], model), n))
    join_parts.sort(key=lambda part: part[2])
    X2 = np.vstack([p[0] for p in join_parts])
    y2 = np.concatenate([p[1] for p in join_parts])
    groups2 = np.concatenate([[p[2]] * len(p[1]) for p in join_parts])
    join_out_of_fold = np.zeros(len(y2))
    for train, test in folds.split(X2, y2, groups2):
        join_out_of_fold[test] = _linear(_estimator().fit(X2[train], y2[train])).probability(X2[test])
    description = f"GroupKFold({folds.n_splits}) by case"
    return {
        "model": "logistic regression on standardised features (scikit-learn); coefficients on raw features",
        "trained_on": [f.as_posix() for f in folders],
        "pairing": _report(FEATURE_NAMES, _linear(_estimator().fit(X, y)), y, out_of_fold, description, len(cases)),
        "joining": _report(JOIN_FEATURE_NAMES, _linear(_estimator().fit(X2, y2)), y2, join_out_of_fold,
                           description + "; candidates left by the out-of-fold pairing model", len(cases)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tools.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("roots", nargs="*", default=list(DEFAULT_ROOTS))
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    folders = gold_folders([Path(r) for r in args.roots])
    report = calibrate(folders)
    from pipeline.storage import write_text

    write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", args.output)
    for part in ("pairing", "joining"):
        model = report[part]
        cv = model["cross_validation"]
        print(f"{part}: {model['samples']} samples ({model['positive']} yes) from {model['cases']} cases; "
              f"cross-validated Brier {cv['brier']}, log loss {cv['log_loss']}, P {cv['precision_at_threshold']} "
              f"R {cv['recall_at_threshold']} at 0.5")
        for row in cv["reliability"]:
            print(f"  {row['bin']:8} {row['pairs']:5}  predicted {row['predicted']:.3f}  observed {row['observed']:.3f}")
    print(f"→ {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
