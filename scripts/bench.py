"""`make bench`: time `tokki compare` on two 3-page PDFs, then the batch on a national-scale corpus.

1. Two PDFs. The two real templates (scripts/samples) are typeset once into .cache/bench/ on
   a grid that makes each three pages long. Each run is a fresh `tokki compare A B --format
   json` process, so interpreter start, imports (pdfplumber, SudachiPy's dictionary,
   scikit-learn), extraction, segmentation, alignment and output are all counted. A breakdown
   by stage, measured in one process, follows.
   Then the bounds on one bad file: a 500-page PDF refused by the page limit, given up by the
   time limit, and read whole; a scan refused without --ocr and read with it (wall time, peak
   RSS of the tokki process). ``--limits-only`` stops there. Before them, a warm compare
   through `tokki serve` (POST /api/compare on 127.0.0.1) against bare pdfplumber on the
   same two files (target: at most 1.5x).
2. The corpus: 1,800 three-page variants of the two templates (scripts/bench_corpus.py), built
   once into .cache/bench/corpus/ (``--corpus-size N`` builds and times another size into
   .cache/bench/corpus-N/; document i is the same at every size).
3. Bare pdfplumber over the same PDFs (open, ``page.extract_text()`` on every page), on 1 and
   on the batch's worker processes: the floor for any PDF pipeline.
4. The cold batch: ``run_batch(corpus, fresh_out, reference=<document 0>, jobs=2)`` with
   run_batch's own defaults (so the HTML report is written if the batch writes it by default;
   ``--no-report`` passes report=False), each stage timed by wrapping the batch's functions in
   the child process (a function the pipeline no longer has is simply not timed), peak memory,
   pages/s and clauses/s. REFERENCE mode (each template against
   one reference: N-1 pairs) is what is timed: all pairs of 1,800 documents are 1.6 million
   comparisons, which is not a thing a batch can do.
5. Reruns: nothing changed (all from the cache), and one PDF replaced by a re-typeset variant
   (one file extracted and compared again). Target: under 10 s each. A change to the
   pipeline's code during the bench invalidates the batch's cache: the bench says so.

``--skip-batch`` builds the corpus and times bare pdfplumber only. Every step prints the share
of the CPUs that other processes used meanwhile ([busy N%]): on a shared 2-core machine that
is the first thing to look at before believing a figure.

Each batch and bare-pdfplumber measurement runs in a fresh child process (cold imports,
fresh worker processes, its own memory figures); the child reports back one JSON line.

    .venv/bin/python scripts/bench.py [--runs N] [--corpus-size N] [--jobs N] [--skip-batch] [--no-report]
    make bench BENCH_ARGS="--corpus-size 60"
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

CACHE = REPO / ".cache" / "bench"
# (sample, characters per line, lines per page): grids on which each template runs to 3 pages
GRIDS = (("hofu-city", 34, 30), ("fukuoka-pref", 43, 47))
RESULT_TAG = "BENCH-RESULT "
RERUN_TARGET = 10.0  # seconds
CHANGED_INDEX = 1  # the corpus document replaced by a re-typeset variant (0 is the reference)


# -- 1. two PDFs ----------------------------------------------------------------------------
def build_pdfs() -> list[Path]:
    from pipeline.tools.typeset import typeset_pdf

    CACHE.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, chars, lines_per_page in GRIDS:
        path = CACHE / f"{name}-3p.pdf"
        if not path.exists():
            lines = (REPO / "scripts" / "samples" / f"{name}.src.txt").read_text(encoding="utf-8").split("\n")
            pages = typeset_pdf(lines, path, title_index=1, chars_per_line=chars, lines_per_page=lines_per_page)
            if pages != 3:
                path.unlink()
                raise SystemExit(f"bench: {name} typeset to {pages} pages, not 3: adjust GRIDS")
        paths.append(path)
    return paths


def time_process(a: Path, b: Path, runs: int) -> list[float]:
    command = [str(REPO / ".venv" / "bin" / "tokki"), "compare", str(a), str(b), "--format", "json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def breakdown(a: Path, b: Path) -> dict[str, float]:
    stages = {}
    start = time.perf_counter()
    from pipeline.extract import extract
    from pipeline.segment import segment

    stages["import pipeline + pdfplumber"] = time.perf_counter() - start
    start = time.perf_counter()
    documents = [extract(a), extract(b)]
    stages["extract (pdfplumber, 6 pages)"] = time.perf_counter() - start
    start = time.perf_counter()
    segmented = [segment(d) for d in documents]
    stages["segment"] = time.perf_counter() - start
    start = time.perf_counter()
    import sklearn.feature_extraction.text  # noqa: F401

    stages["import scikit-learn"] = time.perf_counter() - start
    start = time.perf_counter()
    from pipeline.tokens import tokenizer

    tokenizer()
    stages["load Sudachi dictionary"] = time.perf_counter() - start
    start = time.perf_counter()
    from pipeline.tokens import tokenize

    tokenized = [tokenize(d) for d in segmented]
    stages["tokens (Sudachi)"] = time.perf_counter() - start
    start = time.perf_counter()
    from pipeline.api import compare_documents

    compare_documents(*tokenized)
    stages["align + judge"] = time.perf_counter() - start
    return stages


def two_pdf_bench(runs: int) -> None:
    a, b = build_pdfs()
    times = time_process(a, b, runs)
    print(f"tokki compare on two 3-page PDFs ({a.name}, {b.name}), whole process, {runs} runs:")
    print(f"  median {statistics.median(times):.2f} s   min {min(times):.2f} s   max {max(times):.2f} s")
    print("breakdown in one process:")
    for stage, seconds in breakdown(a, b).items():
        print(f"  {stage:32} {seconds:6.2f} s")
    sys.stdout.flush()


def serve_bench(runs: int) -> None:
    """A warm compare through `tokki serve`: the server resident (imports done, one request
    already served), then POST /api/compare with the two 3-page PDFs on 127.0.0.1, the files
    read at once by the server's resident bounded workers, as a user's uploads are. Against
    bare pdfplumber on the same two files in a warm process. Target (issue 14): at most 1.5x."""
    import httpx

    from pipeline.server import free_port, running_in_background
    from pipeline.server.app import create_app

    a, b = build_pdfs()
    port = free_port()
    token = "bench-" + os.urandom(8).hex()
    files = {"a": (a.name, a.read_bytes()), "b": (b.name, b.read_bytes())}
    served = []
    with running_in_background(create_app(token=token, host="127.0.0.1", port=port), "127.0.0.1", port), \
            httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"token {token}"},
                         timeout=300) as client:
        for n in range(runs + 1):
            start = time.perf_counter()
            response = client.post("/api/compare", files=files)
            elapsed = time.perf_counter() - start
            response.raise_for_status()
            if n:  # the first request warms the server up
                served.append(elapsed)
    bare_extract(str(a))  # warm pdfplumber in this process too
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        bare_extract(str(a)), bare_extract(str(b))
        bare.append(time.perf_counter() - start)
    ratio = statistics.median(served) / statistics.median(bare)
    print(f"tokki serve: warm POST /api/compare on the two PDFs, {runs} runs: median {statistics.median(served):.2f} s "
          f"(min {min(served):.2f}); bare pdfplumber on both {statistics.median(bare):.2f} s: {ratio:.2f}x "
          f"(target <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
    sys.stdout.flush()


# -- 6. bounds on one bad file ----------------------------------------------------------------
BAD_INPUT = REPO / "tests" / "cases" / "bad-input"


# The child reports its own VmHWM: ru_maxrss from wait4 would include the RSS of this (large)
# process, which a forked child keeps as its high-water mark across exec.
_PEAK_REPORTER = """
import atexit, sys
def report():
    peak = next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:'))
    sys.__stderr__.write('PEAK-KB ' + peak + '\\n')
atexit.register(report)
from pipeline.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _tokki_process(*arguments: str) -> tuple[float, float, int]:
    """(wall seconds, peak RSS of the tokki process in MB, exit code) of one `tokki …` run."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _PEAK_REPORTER, *arguments], cwd=REPO,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    peak = next(int(line.split()[1]) for line in run.stderr.splitlines() if line.startswith("PEAK-KB "))
    return seconds, peak / 1024, run.returncode


def limits_bench() -> None:
    """What the page limit, the time limit and OCR cost on one file, whole `tokki segment` processes."""
    big, scan = BAD_INPUT / "500-pages.pdf", BAD_INPUT / "scanned.pdf"
    cases = [
        ("500-page PDF, default limits (refused: 100 pages)", (str(big),)),
        ("500-page PDF, --max-pages 0 --timeout 2 (given up)", (str(big), "--max-pages", "0", "--timeout", "2")),
        ("500-page PDF, --max-pages 0 --timeout 0 (read whole)", (str(big), "--max-pages", "0", "--timeout", "0")),
        ("1-page scan, no --ocr (refused)", (str(scan),)),
        ("1-page scan, --ocr (tesseract, 300 dpi, 1 thread)", (str(scan), "--ocr")),
    ]
    print("bounds on one bad file (tokki segment, whole process; peak RSS of tokki, not of tesseract):")
    for label, arguments in cases:
        seconds, rss, code = _tokki_process("segment", *arguments)
        print(f"  {label:58} {seconds:6.2f} s  peak RSS {rss:6.0f} MB  exit {code}")
    sys.stdout.flush()


# -- measurements in a child process ---------------------------------------------------------
class MemorySampler:
    """Peak RSS of this process plus all its descendants (psutil, sampled every 0.1 s)."""

    def __init__(self):
        try:
            import psutil
        except ImportError:  # not a dependency: the rusage figures remain
            self.psutil = None
            return
        self.psutil = psutil
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> int:
        me = self.psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except self.psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self._sample())
            except self.psutil.Error:
                pass
            self._stop.wait(0.1)

    def stop(self) -> float | None:
        if self.psutil is None:
            return None
        self._stop.set()
        self._thread.join()
        return self.peak / 1e6


class CpuMeter:
    """How busy the machine's CPUs were with work other than this measurement's processes
    (from /proc/stat and this process's and its reaped children's rusage)."""

    def __init__(self):
        self.start = (self._machine_busy(), self._own(), time.perf_counter())

    @staticmethod
    def _machine_busy() -> float | None:
        try:
            with open("/proc/stat") as stat:
                fields = [int(v) for v in stat.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _own() -> float:
        import resource

        return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                      resource.getrusage(resource.RUSAGE_CHILDREN)))

    def stop(self) -> dict:
        """Call after the worker processes have ended (so that their CPU time is counted)."""
        busy0, own0, t0 = self.start
        busy1, own1, t1 = self._machine_busy(), self._own(), time.perf_counter()
        own = own1 - own0
        if busy0 is None or busy1 is None:
            return {"cpu_seconds": own, "others_share": None}
        others = max(0.0, (busy1 - busy0) - own)
        return {"cpu_seconds": own, "others_share": others / ((t1 - t0) * (os.cpu_count() or 1))}


def _shutdown_workers() -> None:
    """End joblib's worker processes, so that RUSAGE_CHILDREN counts them."""
    try:
        from joblib.externals.loky import get_reusable_executor

        get_reusable_executor().shutdown(wait=True)
    except Exception:  # noqa: BLE001 — memory figures are best effort
        pass


def _rusage_mb() -> dict[str, float]:
    import resource

    # ru_maxrss is in kilobytes on Linux; CHILDREN is the largest terminated child, not a sum
    return {"maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "maxrss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def bare_extract(path: str) -> tuple[int, int]:
    """Bare pdfplumber: open, extract_text() on every page; (pages, characters)."""
    import pdfplumber

    pages = chars = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            pages += 1
    return pages, chars


def child_bare(corpus: Path, jobs: int) -> dict:
    import bench_corpus

    paths = [str(p) for p in bench_corpus.load(corpus).paths()]
    import pdfplumber  # noqa: F401 — imported before the clock starts, as the batch's pipeline is

    sampler, cpu = MemorySampler(), CpuMeter()
    start = time.perf_counter()
    if jobs == 1:
        results = [bare_extract(p) for p in paths]
    else:
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=jobs)(delayed(bare_extract)(p) for p in paths)
    seconds = time.perf_counter() - start
    peak = sampler.stop()
    _shutdown_workers()
    return {"seconds": seconds, **cpu.stop(), "files": len(paths), "pages": sum(r[0] for r in results),
            "chars": sum(r[1] for r in results), "peak_tree_mb": peak, **_rusage_mb()}


def child_batch(corpus_root: Path, out: Path, jobs: int, report: bool | None) -> dict:
    import faulthandler
    import logging
    import signal

    faulthandler.register(signal.SIGUSR1, all_threads=True)  # kill -USR1 <pid>: where is it?

    import bench_corpus

    corpus = bench_corpus.load(corpus_root)
    start = time.perf_counter()
    import pipeline.batch as batch
    import pipeline.judge.coverage as coverage

    import_seconds = time.perf_counter() - start

    # Time each stage by wrapping the batch's own functions, in this process only (what runs
    # inside a worker is counted in the stage that dispatched it). The pipeline's internals
    # change: a function that is not there is simply not timed. Stages nest (the report is
    # written inside "write outputs"); each records its enclosing stage.
    stages: dict[str, dict] = {}  # name → {"seconds", "calls", "parent"}, in order of first entry
    stack: list[str] = []

    def timed(name: str | None, function):
        def wrapper(*args, **kwargs):
            label = name or kwargs["description"]  # run_parallel(function, args, description=…): by description
            stage = stages.setdefault(label, {"seconds": 0.0, "calls": 0, "parent": stack[-1] if stack else None})
            stack.append(label)
            t0 = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stack.pop()
                stage["seconds"] += time.perf_counter() - t0
                stage["calls"] += 1
        return wrapper

    import pipeline.batch.cache as cache_module
    import pipeline.batch.publish as publish_module
    import pipeline.batch.tables as tables_module
    import pipeline.report.html as html_module

    for owner, attribute, name in (
        (batch, "run_parallel", None), (publish_module, "run_parallel", None), (batch, "read_source", "read + hash files"),
        (batch, "document_step", "documents (workers), each compared with the reference as it comes (main)"),
        (batch.ReferenceComparisons, "__call__", "compare with the reference (main process, meanwhile)"),
        (cache_module.Cache, "get", "cache read"), (cache_module.Cache, "put", "cache write"),
        (tables_module, "frames", "tables"), (coverage, "coverage_table", "coverage"),
        (batch, "publish_outputs", "write outputs"), (publish_module, "write_report", "write report"),
        (html_module, "index_page", "report index page"),
    ):
        if hasattr(owner, attribute):
            setattr(owner, attribute, timed(name, getattr(owner, attribute)))

    # a progress line every 10 %, on stderr
    class Heartbeat(logging.Handler):
        def emit(self, record):
            if record.levelno >= logging.WARNING:
                print(f"    {record.getMessage()}", file=sys.stderr, flush=True)
                return
            if isinstance(record.args, tuple) and len(record.args) == 3:
                description, n, total = record.args
                if n == total or n % max(1, total // 10) == 0:
                    print(f"    {description} {n}/{total}  ({time.perf_counter() - start_batch:.0f} s)",
                          file=sys.stderr, flush=True)

    logger = logging.getLogger("pipeline.batch")
    logger.setLevel(logging.INFO)
    logger.addHandler(Heartbeat())
    logger.propagate = False

    sampler, cpu = MemorySampler(), CpuMeter()
    start_batch = time.perf_counter()
    options = {} if report is None else {"report": report}  # default: whatever run_batch does by default
    result = batch.run_batch(corpus.root, out, reference=corpus.reference, jobs=jobs, progress=False, **options)
    seconds = time.perf_counter() - start_batch
    peak = sampler.stop()
    _shutdown_workers()
    cpu_figures = cpu.stop()

    expected = {f["path"]: (f["articles"], f["clauses"]) for f in corpus.files}
    ok = [d for d in result.documents if d["status"] == "ok"]
    agree = sum(1 for d in ok if expected.get(d["source"]) == (d["articles"], d["clauses"]))
    return {
        "seconds": seconds, **cpu_figures, "import_seconds": import_seconds, "stages": stages,
        "files": len(result.documents), "ok": len(ok), "failures": [(d["source"], d["error"]) for d in result.failures][:5],
        "pages": int(sum(d["pages"] or 0 for d in ok)), "clauses": len(result.clauses),
        "extracted": result.extracted, "compared": result.compared, "pairs": len({(a["a_source"], a["b_source"])
                                                                                 for a in result.alignments}),
        "code_version": batch.code_version(), "segmentation_agrees": agree, "report_pages": _report_pages(out), "peak_tree_mb": peak, **_rusage_mb(),
    }


def _report_pages(out: Path) -> int:
    return len(list((out / "report").glob("compare-*.html"))) if (out / "report").is_dir() else 0


def run_child(*arguments: str) -> tuple[dict, float]:
    """Run this script as a child measurement; (its JSON result, process wall time)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *arguments]
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    lines = [line for line in completed.stdout.splitlines() if line.startswith(RESULT_TAG)]
    if completed.returncode != 0 or not lines:
        sys.stdout.write(completed.stdout)
        raise SystemExit(f"bench: child {' '.join(arguments)} failed (exit {completed.returncode})")
    return json.loads(lines[-1][len(RESULT_TAG):]), wall


# -- 2–5. the national-scale benchmark ------------------------------------------------------
def fmt_seconds(seconds: float) -> str:
    return f"{seconds:8.1f} s" if seconds >= 10 else f"{seconds:8.2f} s"


def national_bench(size: int, jobs: int, skip_batch: bool, no_report: bool) -> None:
    import bench_corpus

    print()
    print(f"== national-scale benchmark: {size} templates ==", flush=True)
    corpus = bench_corpus.build(size, jobs=jobs)
    rows: list[tuple[str, str, str]] = []  # (step, time, notes)

    def row(step: str, seconds: float | None, notes: str = "") -> None:
        rows.append((step, fmt_seconds(seconds) if seconds is not None else "", notes))

    print("bare pdfplumber, 1 process …", flush=True)
    bare1, _ = run_child("bare", "--corpus", str(corpus.root), "--jobs", "1")
    print(f"bare pdfplumber, {jobs} processes …", flush=True)
    bare, _ = run_child("bare", "--corpus", str(corpus.root), "--jobs", str(jobs))
    row("bare pdfplumber, 1 process", bare1["seconds"], f"{bare1['pages'] / bare1['seconds']:6.1f} pages/s" + busy(bare1))
    row(f"bare pdfplumber, {jobs} processes", bare["seconds"],
        f"{bare['pages'] / bare['seconds']:6.1f} pages/s" + busy(bare)
        + f"; peak RSS {_mb(bare['peak_tree_mb'])} (all processes)")

    cold = None
    if not skip_batch:
        out = CACHE / f"batch-out-{size}"
        shutil.rmtree(out, ignore_errors=True)
        print(f"cold batch ({jobs} processes) into {out} …", flush=True)
        batch_args = ["batch", "--corpus", str(corpus.root), "--out", str(out), "--jobs", str(jobs)]
        batch_args += ["--report", "no"] if no_report else []
        cold, cold_wall = run_child(*batch_args)
        print("rerun, nothing changed …", flush=True)
        warm, warm_wall = run_child(*batch_args)
        print("rerun, one PDF replaced by a re-typeset variant …", flush=True)
        with replaced_file(corpus):
            one, one_wall = run_child(*batch_args)

        stages = cold["stages"]
        row(f"cold batch, {jobs} processes (run_batch)", cold["seconds"],
            f"{cold['pages'] / cold['seconds']:6.1f} pages/s  {cold['clauses'] / cold['seconds']:7.1f} clauses/s" + busy(cold))
        for name, depth in _stage_order(stages):
            seconds = stages[name]["seconds"]
            row("  " + "  " * depth + "- " + STAGE_LABELS.get(name, name), seconds, _stage_note(name, seconds, cold))
        other = cold["seconds"] - sum(stage["seconds"] for stage in stages.values() if stage["parent"] is None)
        row("  - other (tables, normalisation, …)", other, "main process")
        row("  + interpreter start and imports", cold_wall - cold["seconds"], f"process total {cold_wall:.1f} s")
        for label, run, wall in (("rerun, nothing changed", warm, warm_wall),
                                 ("rerun, one PDF replaced", one, one_wall)):
            verdict = "OK" if wall < RERUN_TARGET else "OVER"
            row(label, run["seconds"], f"process total {wall:.1f} s ({verdict}: target < {RERUN_TARGET:.0f} s); "
                f"extracted {run['extracted']}, compared {run['compared']}" + busy(run))
            for name, depth in _stage_order(run["stages"]):  # where a rerun's time goes (≥ 0.5 s)
                seconds = run["stages"][name]["seconds"]
                if seconds >= 0.5:
                    row("  " + "  " * depth + "- " + STAGE_LABELS.get(name, name), seconds,
                        "main process, serial" if name in MAIN_SERIAL else "")

    print()
    print(f"corpus: {len(corpus.files)} PDFs, {corpus.pages} pages, {corpus.megabytes:.1f} MB, "
          f"fonts referenced not embedded: {corpus.root}")
    if cold is not None:
        print(f"reference: {corpus.files[0]['path']} — REFERENCE mode: each template compared with it, "
              f"{cold['compared']} pairs; HTML report {'on' if cold.get('report_pages') else 'off'}.")
        all_pairs = len(corpus.files) * (len(corpus.files) - 1) // 2
        per_pair = stages.get("compare", {}).get("seconds", 0.0) / max(1, cold["compared"])
        estimate = all_pairs * per_pair
        estimate_text = f"{estimate / 3600:,.1f} h" if estimate >= 3600 else f"{estimate / 60:,.1f} min"
        print(f"all pairs would be {all_pairs:,} comparisons (≈ {estimate_text} at this rate, report pages not counted): "
              "not timed, not feasible as a batch.")
    width = max(len(step) for step, _, _ in rows)
    print()
    print(f"  {'step':{width}}  {'wall':>10}  notes")
    print(f"  {'-' * width}  {'-' * 10}  {'-' * 40}")
    for step, seconds, notes in rows:
        print(f"  {step:{width}}  {seconds:>10}  {notes}")
    if cold is not None:
        ratio = cold["seconds"] / bare["seconds"]
        print()
        print(f"  ratio cold batch / bare pdfplumber ({jobs} processes): {ratio:.2f}×   "
              f"(with 1-process bare pdfplumber: {cold['seconds'] / bare1['seconds']:.2f}×)")
        print(f"  peak memory, cold batch: {_mb(cold['peak_tree_mb'])} RSS summed over main + workers (sampled); "
              f"maxrss main {cold['maxrss_self_mb']:.0f} MB, largest worker {cold['maxrss_children_mb']:.0f} MB")
        print(f"  documents: {cold['ok']}/{cold['files']} read; {cold['segmentation_agrees']}/{cold['ok']} segment into "
              f"exactly the articles and clauses the generator wrote; {cold['clauses']} clauses")
        versions = {cold.get("code_version"), warm.get("code_version"), one.get("code_version")}
        if len(versions) > 1:
            print("  WARNING: the pipeline's code changed during the bench (code_version "
                  f"{' → '.join(v for v in (cold.get('code_version'), warm.get('code_version'), one.get('code_version')))}"
                  "): the cache was invalidated, so the reruns are not reruns; run again")
        for source, error in cold["failures"]:
            print(f"  FAILED {source}: {error}")
    print(f"  [busy N%]: share of the machine's {os.cpu_count()} CPUs used by processes other than the measured "
          "ones during that step (other work on the machine inflates the figure)")


STAGE_LABELS = {
    "extract+segment": "extract + segment (workers)",
    "compare": "compare with the reference (workers)",
    "report": "draw comparison pages (workers)",
    "write outputs": "write outputs (tables, csv, xlsx, report)",
    "write report": "HTML report",
}
MAIN_SERIAL = ("tables", "coverage", "report index page")


def _stage_order(stages: dict) -> list[tuple[str, int]]:
    """Stages in the order they first ran, each followed by the stages nested in it."""
    out: list[tuple[str, int]] = []

    def visit(parent: str | None, depth: int) -> None:
        for name, stage in stages.items():
            if stage["parent"] == parent:
                out.append((name, depth))
                visit(name, depth + 1)

    visit(None, 0)
    return out


def _stage_note(name: str, seconds: float, run: dict) -> str:
    if seconds < 0.01:  # a stage that had nothing to do (REFERENCE mode compares in the documents step)
        return ""
    if name == "extract+segment":
        return f"{run['extracted']} files, {run['pages'] / seconds:6.1f} pages/s"
    if name == "compare" or name.startswith("compare with the reference (main"):
        return f"{run['compared']} pairs, {run['compared'] / seconds:6.1f} pairs/s"
    if name == "report":
        return f"{run.get('report_pages', 0)} pages in the report"
    if name in MAIN_SERIAL:
        return "main process, serial"
    return ""


def busy(run: dict) -> str:
    share = run.get("others_share")
    return f"  [busy {share:.0%}]" if share is not None else ""


def _mb(value: float | None) -> str:
    return f"{value:.0f} MB" if value is not None else "n/a (psutil not installed)"


class replaced_file:
    """Replace one corpus PDF by a re-typeset variant; put the original back afterwards."""

    def __init__(self, corpus):
        import bench_corpus

        self.spec = bench_corpus.specs(CHANGED_INDEX + 1)[CHANGED_INDEX]
        self.path = corpus.root / self.spec.relpath
        self.backup = backup_path(corpus.root)

    def __enter__(self):
        import bench_corpus

        shutil.copy2(self.path, self.backup)
        tmp = self.path.with_name(self.path.name + ".variant")
        bench_corpus.typeset_one(bench_corpus.variant(self.spec), str(tmp))
        os.replace(tmp, self.path)
        return self

    def __exit__(self, *exc):
        os.replace(self.backup, self.path)


def backup_path(root: Path) -> Path:
    return CACHE / f"{root.name}-changed-file.backup"


def restore_interrupted(root: Path) -> None:
    """A run interrupted while a file was replaced left its backup: put it back."""
    import bench_corpus

    backup = backup_path(root)
    if backup.exists():
        spec = bench_corpus.specs(CHANGED_INDEX + 1)[CHANGED_INDEX]
        os.replace(backup, root / spec.relpath)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the two-PDF `tokki compare` timing")
    parser.add_argument("--corpus-size", type=int, default=1800, help="templates in the national corpus (1800)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the batch and pdfplumber (2)")
    parser.add_argument("--skip-batch", action="store_true",
                        help="build the corpus and time bare pdfplumber, but not the batch (cold and reruns)")
    parser.add_argument("--no-report", action="store_true",
                        help="run the batch with report=False (default: run_batch's own default)")
    parser.add_argument("--limits-only", action="store_true",
                        help="stop after the two-PDF timing and the bounds on one bad file (no corpus)")
    parser.add_argument("--child", choices=("bare", "batch"), help=argparse.SUPPRESS)
    parser.add_argument("--report", choices=("yes", "no"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "bare":
        print(RESULT_TAG + json.dumps(child_bare(args.corpus, args.jobs)))
        return 0
    if args.child == "batch":
        report = None if args.report is None else args.report == "yes"
        print(RESULT_TAG + json.dumps(child_batch(args.corpus, args.out, args.jobs, report), ensure_ascii=False))
        return 0

    two_pdf_bench(args.runs)
    serve_bench(args.runs)
    limits_bench()
    if args.limits_only:
        return 0
    import bench_corpus

    restore_interrupted(bench_corpus.corpus_dir(args.corpus_size))
    national_bench(args.corpus_size, args.jobs, args.skip_batch, args.no_report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
