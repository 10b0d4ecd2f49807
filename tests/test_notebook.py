"""The exploration notebook runs top to bottom on a batch's outputs, so it never rots."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from pipeline.batch import run_batch
from tests.conftest import RAW

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01-explore-coverage.ipynb"


def test_notebook_executes(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("hofu-city.txt", "fukuoka-pref.txt"):
        shutil.copy(RAW / name, raw / name)
    run_batch(raw, tmp_path / "processed", jobs=1, progress=False)
    monkeypatch.setenv("TOKKI_PROCESSED", str(tmp_path / "processed"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the plots were drawn
