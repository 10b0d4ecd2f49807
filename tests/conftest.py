"""Shared test helpers: paths to the shipped samples and fixtures (case files: tests/util.py)."""

from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

from tests.util import load_script  # noqa: F401  (test_pdf, test_ocr and test_word import it from here)

# CI runs the property tests derandomized, so a submission's CI run is reproducible; locally
# every run explores new examples (and the failures it finds are printed with a reproduction).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def raw_dir() -> Path:
    return RAW
