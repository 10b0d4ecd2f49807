"""A job: two templates (or one) uploaded, read and compared, kept until the user closes it.

Every job has its own folder under the server's private temporary folder (mode 0700): the
uploads and the files made for download. The folder is deleted when the user closes the job,
when it has been idle for ``idle_seconds``, and when the server stops. Each file is read in a
resident worker process within the per-file time and memory limits (pipeline.isolation): a
file that hangs or takes all the memory ends the job with its error, its worker is replaced,
and the server goes on.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from pipeline.extract import SUPPORTED_SUFFIXES
from pipeline.extract.limits import ExtractOptions
from pipeline.model import TokkiError

KINDS = {"compare": ("a", "b"), "diff": ("old", "new"), "check": ("file",)}
IDLE_SECONDS = 30 * 60


class UploadError(ValueError):
    """An upload that cannot be a template (no file, an unsupported type): said to the user."""


@dataclass
class Upload:
    field: str  # the form field: a, b, old, new, file
    name: str  # the file's name on the user's machine (shown, never used as a path)
    data: bytes


@dataclass
class Job:
    id: str
    kind: str
    folder: Path
    uploads: dict[str, str]  # field → the file's name as the user sent it
    options: ExtractOptions
    checklist: str | None = None
    status: str = "running"  # running, done, failed
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    touched: float = field(default_factory=time.monotonic)
    documents: dict = field(default_factory=dict)  # field → SegmentedDocument
    decisions: list[tuple[str | None, str | None]] = field(default_factory=list)  # re-pairings, in order
    result: object = None  # a Comparison, a VersionDiff, or the check payload
    lock: threading.Lock = field(default_factory=threading.Lock)

    def decided(self, a: str | None, b: str | None) -> bool:
        """Whether the reader chose this row's pairing (or its lack of one) by hand."""
        return any((x is not None and x == a) or (y is not None and y == b) for x, y in self.decisions)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


def _suffix(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadError(f"{name or '(no name)'}: tokki reads {', '.join(sorted(SUPPORTED_SUFFIXES))} files")
    return suffix


class JobStore:
    def __init__(self, options: ExtractOptions | None = None, *, workers: int = 2, idle_seconds: float = IDLE_SECONDS):
        self.options = options or ExtractOptions()
        self.idle_seconds = idle_seconds
        self.root = Path(tempfile.mkdtemp(prefix="tokki-serve-"))  # 0700: this user's only
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tokki-job")
        self._readers = None  # the worker processes that read uploads: started with the first job
        self._workers = workers

    # -- life of a job ---------------------------------------------------------------------------
    def create(self, kind: str, uploads: list[Upload], *, ocr: bool = False, checklist: str | None = None) -> Job:
        if kind not in KINDS:
            raise UploadError(f"unknown job kind {kind!r}")
        by_field = {u.field: u for u in uploads if u.data or u.name}
        missing = [f for f in KINDS[kind] if f not in by_field]
        if missing:
            raise UploadError(f"choose a file for {' and '.join(missing)}")
        suffixes = {f: _suffix(by_field[f].name) for f in KINDS[kind]}
        self.expire()
        job_id = secrets.token_hex(8)
        folder = self.root / job_id
        folder.mkdir(mode=0o700)
        for name, suffix in suffixes.items():
            (folder / f"{name}{suffix}").write_bytes(by_field[name].data)
        job = Job(job_id, kind, folder, {f: by_field[f].name for f in KINDS[kind]},
                  replace(self.options, ocr=ocr), checklist=checklist)
        with self._lock:
            self._jobs[job_id] = job
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            job.touched = time.monotonic()
        return job

    def close(self, job_id: str) -> bool:
        with self._lock:
            job = self._jobs.pop(job_id, None)
        if job is None:
            return False
        with job.lock:  # not while its files are being written
            shutil.rmtree(job.folder, ignore_errors=True)
        return True

    def expire(self) -> None:
        now = time.monotonic()
        with self._lock:
            idle = [j for j in self._jobs.values() if j.status != "running" and now - j.touched > self.idle_seconds]
        for job in idle:
            self.close(job.id)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        if self._readers is not None:
            self._readers.close()
        for job_id in list(self._jobs):
            self.close(job_id)
        shutil.rmtree(self.root, ignore_errors=True)

    # -- the work ----------------------------------------------------------------------------------
    def _reading_pool(self):
        """Resident worker processes, warm (imports done, Sudachi's dictionary mapped), each
        reading one file at a time within the per-file time and memory limits; a worker stopped
        by a limit is replaced. Both files of a job are read at once."""
        from pipeline.isolation import BoundedPool, Bounds

        with self._lock:
            if self._readers is None:
                self._readers = BoundedPool(self._workers, Bounds.of(self.options))
            return self._readers

    def _run(self, job: Job) -> None:
        try:
            names = list(job.uploads)
            calls = [(next(job.folder.glob(f"{name}.*")).read_bytes(), job.options, job.uploads[name]) for name in names]
            read = list(self._reading_pool().imap(_read_named, calls, [job.uploads[n] for n in names]))
            for document in read:
                if isinstance(document, Exception):
                    raise document
            job.documents.update(zip(names, read))
            with job.lock:
                job.result = self.compute(job)
                job.status = "done"
        except TokkiError as error:
            job.error, job.status = str(error), "failed"
        except Exception as error:  # a bug: the user hears of it, the server goes on
            job.error, job.status = f"tokki failed on this job ({type(error).__name__}: {error}); please report it", "failed"

    @staticmethod
    def compute(job: Job):
        from pipeline.api import check_document, compare_documents, diff_documents

        d = job.documents
        if job.kind == "compare":
            return compare_documents(d["a"], d["b"], decisions=job.decisions)
        if job.kind == "diff":
            return diff_documents(d["old"], d["new"])
        return check_document(d["file"], job.checklist)

    def repair(self, job: Job, a: str | None, b: str | None) -> None:
        """A reader's re-pairing of a compare job: recomputed at once (alignment and judgement
        of two read templates take well under a second)."""
        if job.kind != "compare" or job.status != "done":
            raise UploadError("only a finished comparison can be re-paired")
        with job.lock:
            job.decisions.append((a, b))
            try:
                job.result = self.compute(job)
            except KeyError as error:
                job.decisions.pop()
                raise UploadError(str(error.args[0])) from None


def _read_named(data: bytes, options: ExtractOptions, name: str):
    from pipeline.api import read_document

    return read_document(data, options, name=name)
