"""Atomic writes: an interrupted run never leaves a half-written output behind."""

from __future__ import annotations

import os
import secrets
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


# 32 random bits rarely clash; this many clashes in a row mean something else is wrong.
_TEMPORARY_ATTEMPTS = 100


@contextmanager
def atomic_path(path: str | os.PathLike, *, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename.

    The temporary file is made before the yield, so the caller writes into an existing file
    and keeps its mode: 0o666 less the umask, as any other output (see ``_new_temporary``).
    ``durable``: the file's data reaches the disk before the rename (fsync), so that a crash
    leaves the old file or the new one, never an empty one; a cache, which recomputes what it
    cannot read, can do without."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = _new_temporary(path)
    try:
        yield tmp_path
        if durable:
            with open(tmp_path, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp_path, path)
    except OSError as error:
        if error.filename is None:  # a failed write (disk full, quota) names no file: name the output
            raise OSError(error.errno, error.strerror or str(error), str(path)) from error
        raise
    finally:
        tmp_path.unlink(missing_ok=True)


_NAME_MAX = 255  # bytes in one path component, on every file system tokki writes to


def _new_temporary(path: Path) -> Path:
    """A new empty file ".<name>.<random>.tmp" beside ``path``, created with mode 0o666 so that
    the kernel applies the umask. (mkstemp makes 0o600, and a chmod to 0o666 & ~umask needs
    the umask, which can only be read by setting it: a race with other threads.)"""
    for _ in range(_TEMPORARY_ATTEMPTS):
        token = secrets.token_hex(4)
        base = path.name
        while len(f".{base}.{token}.tmp".encode()) > _NAME_MAX and len(base) > 1:
            base = base[:-1]  # a long output name must not make its temporary name too long
        candidate = path.with_name(f".{base}.{token}.tmp")
        try:
            # O_EXCL: never an existing file, nor a symlink planted under the name
            fd = os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(f"no free temporary name beside {path} after {_TEMPORARY_ATTEMPTS} attempts")


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) and SIGTERM until the block is done, then deliver them.

    For the few renames that put a run's outputs in place: each rename is atomic, but a stop
    between two of them would leave one output new and the next old. (SIGKILL cannot be held:
    then every file is still whole, old or new, and the next run puts them right.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda n, frame: received.append(n))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(received):
            signal.raise_signal(number)  # now handled as it would have been


def write_parquet(frame: "pd.DataFrame", path: str | os.PathLike) -> None:
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=False, engine="pyarrow")


def write_text(text: str, path: str | os.PathLike) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def stable_zip(data: bytes) -> bytes:
    """The same zip (xlsx, docx) with every entry's timestamp fixed, so the same content gives
    the same bytes (writers stamp entries, and the Office "modified" property, with the time)."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()


def write_workbook(workbook, path: str | os.PathLike) -> None:
    """Save an openpyxl workbook atomically and byte-for-byte reproducibly."""
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    with atomic_path(path) as tmp:
        tmp.write_bytes(stable_zip(buffer.getvalue()))


# -- outputs never touch inputs ------------------------------------------------------------

def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_output_over_input(output: str | os.PathLike | None, inputs: Sequence[str | os.PathLike]) -> None:
    """An ``-o`` that is one of the inputs (the same path, or the same file under another name)
    is refused before anything is read: writing it would destroy the template."""
    from pipeline.model import TokkiError

    if output is None:
        return
    out = Path(output)
    for source in inputs:
        source = Path(source)
        if out.resolve() == source.resolve() or _same(out, source):
            raise TokkiError(str(out), f"the output would overwrite the input {source}: choose another -o")


def refuse_out_dir_over_inputs(out_dir: str | os.PathLike, raw_dir: str | os.PathLike,
                               reference: str | os.PathLike | None = None) -> None:
    """A batch's ``--out`` that is the input folder, lies inside it or holds it is refused
    before anything is read: publishing there would delete or shadow inputs."""
    from pipeline.model import TokkiError

    out, raw = Path(out_dir).resolve(), Path(raw_dir).resolve()
    if out == raw or out.is_relative_to(raw) or raw.is_relative_to(out):
        where = "is" if out == raw else "is inside" if out.is_relative_to(raw) else "holds"
        raise TokkiError(str(out_dir), f"the output folder {where} the input folder {raw_dir}: "
                                       "choose an --out outside it (inputs are never written)")
    if reference is not None and Path(reference).resolve().is_relative_to(out):
        raise TokkiError(str(out_dir), f"the output folder holds the reference {reference}: choose another --out")


@contextmanager
def exclusive_lock(folder: str | os.PathLike) -> Iterator[None]:
    """Hold ``folder``/.tokki.lock for a batch's run: a second batch into the same folder is
    told so at once instead of mixing its outputs with the first's."""
    import fcntl

    from pipeline.model import TokkiError

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / ".tokki.lock", "a+")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TokkiError(str(folder), "another tokki batch is writing to this folder (its lock is held): "
                                          "wait for it to finish, or choose another --out") from None
        yield
    finally:
        handle.close()
