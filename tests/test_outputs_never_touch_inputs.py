"""Outputs never touch inputs (issue "Nothing lost"): an -o or --out that would overwrite or
hold an input is refused before anything is read; a batch holds a lock on its --out; a
batch publishes only its own files."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from pipeline.cli import main
from pipeline.storage import exclusive_lock
from tests.conftest import RAW


def _digest(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_compare_refuses_an_output_that_is_an_input(tmp_path, capsys):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(RAW / "hofu-city.txt", a)
    shutil.copy(RAW / "fukuoka-pref.txt", b)
    before = _digest(tmp_path)
    for fmt in ("html", "json", "xlsx"):
        assert main(["compare", str(a), str(b), "--format", fmt, "-o", str(a)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"tokki: error: {a}: the output would overwrite the input") and err.count("\n") == 1
    (tmp_path / "link.txt").symlink_to(b)  # the same file under another name
    assert main(["compare", str(a), str(b), "-o", str(tmp_path / "link.txt")]) == 1
    (tmp_path / "link.txt").unlink()
    assert _digest(tmp_path) == before


def test_diff_refuses_an_output_that_is_an_input(tmp_path, capsys):
    a = tmp_path / "old.txt"
    shutil.copy(RAW / "hofu-city.txt", a)
    before = a.read_bytes()
    assert main(["diff", str(a), str(RAW / "hofu-city.txt"), "--format", "docx", "-o", str(a)]) == 1
    assert "the output would overwrite the input" in capsys.readouterr().err
    assert a.read_bytes() == before


def test_a_batch_refuses_an_out_that_is_in_or_holds_its_inputs(tmp_path, capsys):
    raw = tmp_path / "raw"
    (raw / "report").mkdir(parents=True)
    shutil.copy(RAW / "hofu-city.txt", raw / "hofu-city.txt")
    (raw / "report" / "compare-mine.pdf").write_bytes(b"%PDF- the user's own file")
    (raw / ".staging").mkdir()
    (raw / ".staging" / "keep.txt").write_text("the user's", encoding="utf-8")
    before = _digest(raw)
    for out in (raw, raw / "processed", tmp_path):
        assert main(["batch", str(raw), "--out", str(out)]) == 1
        assert "the output folder" in capsys.readouterr().err
    assert _digest(raw) == before and not (raw / "processed").exists()


def test_a_batch_publishes_only_its_own_files(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(RAW / "hofu-city.txt", raw / "hofu-city.txt")
    (out / "report").mkdir(parents=True)
    (out / "report" / "compare-notes.pdf").write_bytes(b"%PDF- kept")
    (out / ".staging").mkdir()
    (out / ".staging" / "mine.txt").write_text("kept", encoding="utf-8")
    assert main(["batch", str(raw), "--out", str(out)]) == 0
    assert (out / "report" / "compare-notes.pdf").read_bytes() == b"%PDF- kept"
    assert (out / ".staging" / "mine.txt").read_text(encoding="utf-8") == "kept"
    assert (out / "documents.parquet").is_file()


def test_a_second_batch_into_the_same_folder_is_told_so(tmp_path, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(RAW / "hofu-city.txt", raw / "hofu-city.txt")
    with exclusive_lock(out):  # as a first run would hold it
        assert main(["batch", str(raw), "--out", str(out)]) == 1
    assert "another tokki batch is writing to this folder" in capsys.readouterr().err
    assert not (out / "documents.parquet").exists()
    assert main(["batch", str(raw), "--out", str(out)]) == 0  # once it is free


def test_the_coverage_csv_is_neutralised_like_the_workbooks():
    import pandas as pd

    from pipeline.batch.publish import safe_csv

    table = pd.DataFrame({"=HYPERLINK(1)": ["+1", "@SUM(A1)", "しなければならない"]}, index=["=cmd", "\t=x", "防府市"])
    csv = safe_csv(table)
    assert "'=HYPERLINK" in csv and "'+1" in csv and "'@SUM" in csv and "'=cmd" in csv and "'\t=x" in csv
    assert "防府市" in csv and "しなければならない" in csv


def test_names_that_would_act_on_a_terminal_or_a_page_are_shown_escaped(tmp_path, capsys):
    from pipeline.report.html import index_page

    spoofed = tmp_path / "hofu\u202etxt.pdf"  # shows as hofu-fdp.txt in a bidi-aware view
    spoofed.write_bytes(b"not a pdf at all")
    assert main(["segment", str(spoofed)]) == 1
    err = capsys.readouterr().err
    assert "\u202e" not in err and "hofu\\u202etxt.pdf" in err
    escape = tmp_path / "a\x1b[31mred.txt"
    escape.write_text("\x1b]0;pwned\x07", encoding="utf-8")
    main(["segment", str(escape)])
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\u001b" in err
    page = index_page([{"source": "hofu\u202etxt.pdf", "title": None, "issuer": None, "pages": None, "articles": None,
                        "status": "error", "error": "corrupt"}], None, [])
    assert "\u202e" not in page and "hofu\\u202etxt.pdf" in page


def test_a_device_or_a_pipe_is_refused_not_read(tmp_path, capsys):
    import os

    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")  # 14 GB in 20 s, before
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # hung forever, before
    for path in (link, fifo):
        assert main(["segment", str(path)]) == 1
        assert "is not a regular file" in capsys.readouterr().err
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "hofu-city.txt", raw / "hofu-city.txt")
    assert main(["batch", str(raw), "--out", str(tmp_path / "out"), "--reference", str(fifo)]) == 1
    assert "is not a regular file" in capsys.readouterr().err


def test_a_long_output_name_still_gets_a_temporary_name(tmp_path, capsys):
    name = "新旧対照表" * 16 + ".json"  # 245 bytes: the temporary name must not overflow 255
    assert len(name.encode()) <= 255
    out = tmp_path / name
    assert main(["diff", str(RAW / "hofu-city.txt"), str(RAW / "hofu-city.txt"), "--format", "json", "-o", str(out)]) == 0
    assert out.is_file()


def test_a_folder_that_cannot_be_read_is_a_failure_not_skipped(tmp_path, monkeypatch, capsys):
    import os

    from pipeline import batch

    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    shutil.copy(RAW / "hofu-city.txt", raw / "hofu-city.txt")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # as the kernel refuses a folder to a user (root reads all)
        for folder, dirs, files in real_walk(top, onerror=onerror, **kwargs):
            if os.path.basename(folder) == "locked":
                onerror(PermissionError(13, "Permission denied", folder))
                continue
            yield folder, dirs, files

    monkeypatch.setattr(batch.os, "walk", walk)
    assert main(["batch", str(raw), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "locked: the folder cannot be read: Permission denied" in err
    import pandas as pd

    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert set(documents.source) == {"hofu-city.txt", "locked/"}


def _disk_fills_at(monkeypatch, suffix: str) -> None:
    """Writes of files ending in ``suffix`` fail as on a full disk: the write itself raises
    ENOSPC and, as a kernel's error does, names no file."""
    import errno
    import pathlib

    real_write_text = pathlib.Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name.endswith(suffix) or (self.suffix == ".tmp" and suffix + "." in self.name):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "write_text", write_text)


@pytest.mark.parametrize("suffix", [".json", ".csv"])  # the cache; a table in the staging folder
def test_a_full_disk_names_the_file_and_leaves_no_staging_behind(tmp_path, monkeypatch, capsys, suffix):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(RAW / "hofu-city.txt", raw / "hofu-city.txt")
    shutil.copy(RAW / "fukuoka-pref.txt", raw / "fukuoka-pref.txt")
    _disk_fills_at(monkeypatch, suffix)
    assert main(["batch", str(raw), "--out", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and str(out) in err and suffix in err, err
    assert not (out / ".tokki-staging").exists()
    assert not [p for p in out.rglob("*.tmp")]  # no half-written temporary either


def test_a_full_file_system_is_reported_with_the_path(tmp_path, capsys):
    """The same on a real full file system (a 700 KB tmpfs: the cache fits, the report does not),
    where the machine lets the test mount one (root on Linux)."""
    import os
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        out = mount / "out"
        assert main(["batch", str(RAW), "--out", str(out), "--jobs", "1"]) == 1
        err = capsys.readouterr().err
        assert "No space left on device" in err and str(out) in err, err
        assert not (out / ".tokki-staging").exists()
        assert not [p for p in out.rglob("*.tmp")]
    finally:
        subprocess.run(["umount", str(mount)], check=False)
