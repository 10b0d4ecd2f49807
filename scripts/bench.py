"""`make bench`: time `tokki compare` on two 3-page PDFs, whole process included.

The two PDFs are typeset once into .cache/bench/ from the real templates (scripts/samples) on
a grid that makes each three pages long. Each run is a fresh `tokki compare A B --format json`
process, so interpreter start, imports (pdfplumber, SudachiPy's dictionary, scikit-learn),
extraction, segmentation, alignment and output are all counted. A breakdown by stage, measured
in one process, follows.

    .venv/bin/python scripts/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CACHE = REPO / ".cache" / "bench"
# (sample, characters per line, lines per page): grids on which each template runs to 3 pages
GRIDS = (("hofu-city", 34, 30), ("fukuoka-pref", 43, 47))


def build_pdfs() -> list[Path]:
    from pipeline.typeset import typeset_pdf

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
    from pipeline.morph import tokenizer

    tokenizer()
    stages["load Sudachi dictionary"] = time.perf_counter() - start
    start = time.perf_counter()
    from pipeline.compare import compare_documents

    compare_documents(*segmented)
    stages["align + obligations"] = time.perf_counter() - start
    return stages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    a, b = build_pdfs()
    times = time_process(a, b, args.runs)
    print(f"tokki compare on two 3-page PDFs ({a.name}, {b.name}), whole process, {args.runs} runs:")
    print(f"  median {statistics.median(times):.2f} s   min {min(times):.2f} s   max {max(times):.2f} s")
    print("breakdown in one process:")
    for stage, seconds in breakdown(a, b).items():
        print(f"  {stage:32} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
