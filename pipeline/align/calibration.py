"""The calibrated models of alignment: article-pair features → a probability.

Two logistic regressions, fitted by ``python -m pipeline.tools.calibrate`` on the hand-written
gold pairs (tests/gold, tests/devset, tests/heldout, tests/heldout-pairs), each cross-validated
by case:

- ``pairing``: P(two articles correspond), for the one-to-one assignment;
- ``joining``: P(an article the assignment left over belongs with an already matched article
  of the other side as well — one article spread over several), read on the left-over
  candidates the pairing model leaves, as at run time.

Coefficients, the cross-validated calibration (Brier score, reliability by bin) and what they
were trained on are in ``pipeline/data/alignment-calibration.json``. At run time only the
linear models are applied (numpy alone). The decision threshold is 0.5: more likely right than
wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from pipeline.align.features import FEATURE_NAMES, JOIN_FEATURE_NAMES

CALIBRATION_FILE = "alignment-calibration.json"


@dataclass(frozen=True)
class LinearModel:
    coefficients: tuple[float, ...]  # on the raw features
    intercept: float
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(yes) for features of shape (..., number of features)."""
        z = np.asarray(features) @ np.asarray(self.coefficients) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class AlignmentModels:
    pairing: LinearModel
    joining: LinearModel


def _model(data: dict, expected: tuple[str, ...], name: str, part: str) -> LinearModel:
    if tuple(data["features"]) != expected:
        raise ValueError(f"{name} ({part}) was fitted on features {data['features']}, the aligner computes "
                         f"{list(expected)}: rerun python -m pipeline.tools.calibrate")
    return LinearModel(tuple(data["coefficients"]), float(data["intercept"]), float(data["threshold"]))


@lru_cache(maxsize=4)
def alignment_models(name: str = CALIBRATION_FILE) -> AlignmentModels:
    data = json.loads(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))
    return AlignmentModels(_model(data["pairing"], FEATURE_NAMES, name, "pairing"),
                           _model(data["joining"], JOIN_FEATURE_NAMES, name, "joining"))
