"""pipeline.storage: atomic outputs, with the mode any other file gets, and no umask games."""

from __future__ import annotations

import importlib
import os
import stat

import pytest

import pipeline.storage
from pipeline.storage import atomic_path, write_text


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_an_output_gets_0o666_less_the_umask(tmp_path, mask):
    previous = os.umask(mask)
    try:
        target = tmp_path / "out" / "report.txt"
        write_text("本文", target)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert target.read_text(encoding="utf-8") == "本文"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.txt"]  # no temporary left


def test_a_failed_write_leaves_the_old_output_and_no_temporary(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            assert tmp.parent == target.parent and tmp.name.startswith(".table.csv.")
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_a_taken_temporary_name_is_not_reused(tmp_path, monkeypatch):
    import secrets

    names = iter(["aaaaaaaa", "aaaaaaaa", "bbbbbbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))
    target = tmp_path / "a.txt"
    taken = tmp_path / ".a.txt.aaaaaaaa.tmp"
    taken.write_text("someone else's", encoding="utf-8")
    write_text("mine", target)
    assert target.read_text(encoding="utf-8") == "mine"
    assert taken.read_text(encoding="utf-8") == "someone else's"


def test_importing_storage_does_not_touch_the_umask(monkeypatch):
    def umask(mask):
        raise AssertionError("os.umask called")

    monkeypatch.setattr(os, "umask", umask)
    importlib.reload(pipeline.storage)
