"""The pairing models are fitted and calibrated from gold pairs (pipeline.tools.calibrate)."""

import json

from pipeline.align.calibration import alignment_models
from pipeline.align.features import FEATURE_NAMES, JOIN_FEATURE_NAMES
from pipeline.tools.calibrate import main


def test_calibration_is_fitted_cross_validated_and_written(tmp_path, capsys):
    out = tmp_path / "calibration.json"
    assert main(["tests/gold", "tests/devset", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["pairing"]["features"] == list(FEATURE_NAMES)
    assert report["joining"]["features"] == list(JOIN_FEATURE_NAMES)
    cv = report["pairing"]["cross_validation"]
    assert cv["brier"] < 0.05 and cv["recall_at_threshold"] > 0.8
    assert sum(row["pairs"] for row in cv["reliability"]) == report["pairing"]["samples"]
    assert "pairing:" in capsys.readouterr().out


def test_the_shipped_models_load_and_give_probabilities():
    models = alignment_models()
    assert models.pairing.threshold == 0.5
    strong = [1.0 if n in ("similarity", "words", "chars", "heading", "topic", "whole") else 0.0 for n in FEATURE_NAMES]
    strong[FEATURE_NAMES.index("row_margin")] = strong[FEATURE_NAMES.index("column_margin")] = 0.5
    assert models.pairing.probability(strong) > 0.99
    assert models.pairing.probability([0.0] * len(FEATURE_NAMES)) < 0.01
