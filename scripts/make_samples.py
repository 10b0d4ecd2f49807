"""Build the shipped sample inputs in data/raw/ from the real 特記事項 texts.

For each sample:
- copies the corpus text (``../shared/corpus/NAME.txt``, beside the repo root) unchanged to
  ``data/raw/NAME.txt``: it keeps its extraction artefacts (mid-word line breaks, blank lines
  between lines, trailing spaces), which is what a text input looks like in the wild;
- typesets ``data/raw/NAME.pdf`` from ``scripts/samples/NAME.src.txt``, the same text reflowed
  to one logical line per title / heading / clause / item / 注 line (a corpus line starting
  with 別記, （…）, 第N, N, 一…, 注 or being the title starts a logical line, any other is joined
  to the one before; real blank paragraphs kept; checked by eye), on the original's character
  grid so that lines and pages break where the original's did. (All of them in fukuoka-pref;
  in hofu-city all but the first article's, into whose first line Word squeezed one more
  character than its grid holds.)

The .src.txt files must hold exactly the corpus's characters (whitespace aside): checked here.
Re-runnable and deterministic: a second run writes byte-identical files.

    .venv/bin/python scripts/make_samples.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.tools.typeset import typeset_pdf  # noqa: E402

SOURCES = REPO / "scripts" / "samples"
RAW = REPO / "data" / "raw"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Sample:
    name: str
    # the original's Word grid, read off the corpus text: characters per line, lines per page
    chars_per_line: int
    lines_per_page: int
    title_size: float
    item_indent: int
    title_index: int = 1  # line 0 is 別記


SAMPLES = (
    Sample("hofu-city", chars_per_line=40, lines_per_page=36, title_size=14.0, item_indent=0),
    Sample("fukuoka-pref", chars_per_line=43, lines_per_page=47, title_size=12.0, item_indent=2),
)


def without_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_source_lines(sample: Sample) -> list[str]:
    text = (SOURCES / f"{sample.name}.src.txt").read_text(encoding="utf-8")
    return text.rstrip("\n").split("\n")


def build(sample: Sample, corpus: Path | None) -> None:
    raw_text = RAW / f"{sample.name}.txt"
    if corpus is not None:
        shutil.copyfile(corpus / f"{sample.name}.txt", raw_text)
    lines = read_source_lines(sample)
    if without_whitespace("".join(lines)) != without_whitespace(raw_text.read_text("utf-8")):
        raise SystemExit(f"{sample.name}.src.txt does not hold the same characters as {raw_text}")
    pages = typeset_pdf(
        lines,
        RAW / f"{sample.name}.pdf",
        title_index=sample.title_index,
        chars_per_line=sample.chars_per_line,
        lines_per_page=sample.lines_per_page,
        title_size=sample.title_size,
        item_indent=sample.item_indent,
    )
    print(f"{sample.name}: data/raw/{sample.name}.txt, data/raw/{sample.name}.pdf ({pages} pages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus directory")
    args = parser.parse_args()
    corpus = args.corpus if args.corpus.is_dir() else None
    if corpus is None:
        print(f"no corpus at {args.corpus}: keeping the texts already in data/raw/")
    RAW.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        build(sample, corpus)


if __name__ == "__main__":
    main()
