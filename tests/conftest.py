"""Shared test helpers: paths to the shipped samples and fixtures."""

from __future__ import annotations

from pathlib import Path

import importlib.util
import os
import sys

import pytest
from hypothesis import settings

# CI runs the property tests derandomized, so a submission's CI run is reproducible; locally
# every run explores new examples (and the failures it finds are printed with a reproduction).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_script(path: Path):
    """A script that is no package module (a fixture maker), imported from its path."""
    spec = importlib.util.spec_from_file_location(f"{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def raw_dir() -> Path:
    return RAW
