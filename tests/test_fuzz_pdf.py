"""Mutation fuzzing of the PDF path: damaged PDFs give a Document or a TokkiError naming the file.

Small fixture PDFs are truncated, overwritten, cut, duplicated or have a number or keyword
swapped, and handed to ``pipeline.extract.extract``: those of tests/fixtures/pdf/, and the
uncompressed copies in tests/fixtures/fuzz/ (pikepdf: every stream but the embedded font file
written unfiltered, no object streams, static ID), so that mutations reach content streams,
ToUnicode CMaps and the xref table rather than only zlib. Each example runs in a forked child
with a time and a memory limit, so an input that makes pdfminer loop or allocate without end is
reported instead of blocking the suite or the machine.

scripts/fuzz_pdf.py is the coverage-guided (atheris) counterpart, for longer runs.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import resource
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract
from pipeline.model import Document, TokkiError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = [
    FIXTURES / "pdf" / "footer-page-numbers.pdf",
    FIXTURES / "pdf" / "running-header.pdf",
    FIXTURES / "pdf" / "faux-bold.pdf",
    FIXTURES / "pdf" / "kangxi-radicals.pdf",
    FIXTURES / "fuzz" / "running-header-uncompressed.pdf",
    FIXTURES / "fuzz" / "kangxi-radicals-uncompressed.pdf",
]
SEED_BYTES = {path.name: path.read_bytes() for path in SEEDS}

# A hang is any example slower than this (an intact fixture takes ~0.1 s).
HANG_SECONDS = 30.0
# Address space the child may add to what it inherits: a mutated /W or /Length that makes
# pdfminer allocate without bound fails with MemoryError (which must then come out as a
# TokkiError) instead of taking the machine's memory.
CHILD_MEMORY = 1024**3
FINDINGS = Path(os.environ.get("TOKKI_FUZZ_FINDINGS", "/tmp/fuzz-findings"))

# -- mutations --------------------------------------------------------------------------------

NUMBER = re.compile(rb"(?<![0-9A-Za-z.#])-?[0-9]+(?:\.[0-9]+)?(?![0-9A-Za-z])")
# Interesting replacements: off by one, zero, negative, past the end, beyond 32 and 64 bits, real.
NUMBERS = [b"0", b"1", b"-1", b"2", b"7", b"99999", b"2147483648", b"18446744073709551617", b"1" + b"0" * 40,
           b"0.5", b"-0", b"3.", b"+4"]
KEYWORDS = [b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b"%%EOF", b"R",
            b"<<", b">>", b"[", b"]", b"(", b")", b"<", b">", b"/Length", b"/Filter", b"/FlateDecode",
            b"/ASCIIHexDecode", b"/LZWDecode", b"/RunLengthDecode", b"/DCTDecode", b"/Type", b"/Page", b"/Pages",
            b"/Kids", b"/Count", b"/Parent", b"/Contents", b"/Resources", b"/Font", b"/ToUnicode", b"/Encoding",
            b"/Identity-H", b"/UniJIS-UCS2-H", b"/MediaBox", b"/W", b"/DW", b"/Root", b"/Size", b"/Prev",
            b"/DescendantFonts", b"/FontFile2", b"Tj", b"TJ", b"Tf", b"Tm", b"BT", b"ET", b"cm", b"Do", b"q", b"Q",
            b"beginbfchar", b"endbfchar", b"beginbfrange", b"endbfrange", b"null", b"true"]
KEYWORD = re.compile(b"|".join(re.escape(k) for k in sorted(KEYWORDS, key=len, reverse=True)))


def _replace_token(data: bytes, pattern: re.Pattern, which: int, replacement: bytes) -> bytes:
    matches = list(pattern.finditer(data))
    if not matches:
        return data
    m = matches[which % len(matches)]
    return data[: m.start()] + replacement + data[m.end() :]


def mutate(data: bytes, mutation: tuple) -> bytes:
    """Apply one mutation; positions are fractions of the length, so any draw fits any file."""
    kind, *args = mutation
    n = len(data)

    def at(fraction: float) -> int:
        return min(n, int(fraction * n))

    if kind == "truncate":
        return data[: at(args[0])]
    if kind == "overwrite":
        start, chunk = at(args[0]), args[1]
        return data[:start] + chunk + data[start + len(chunk) :]
    if kind == "insert":
        start, chunk = at(args[0]), args[1]
        return data[:start] + chunk + data[start:]
    if kind == "delete":
        start = at(args[0])
        return data[:start] + data[start + args[1] :]
    if kind == "duplicate":
        start, length, to = at(args[0]), args[1], at(args[2])
        return data[:to] + data[start : start + length] + data[to:]
    if kind == "number":
        return _replace_token(data, NUMBER, args[0], args[1])
    if kind == "keyword":
        return _replace_token(data, KEYWORD, args[0], args[1])
    raise ValueError(kind)


fraction = st.floats(0.0, 1.0, allow_nan=False)
mutations = st.one_of(
    st.tuples(st.just("truncate"), fraction),
    st.tuples(st.just("overwrite"), fraction, st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("insert"), fraction, st.one_of(st.binary(min_size=1, max_size=16), st.sampled_from(KEYWORDS))),
    st.tuples(st.just("delete"), fraction, st.integers(1, 2000)),
    st.tuples(st.just("duplicate"), fraction, st.integers(1, 2000), fraction),
    st.tuples(st.just("number"), st.integers(0, 10**6),
              st.one_of(st.sampled_from(NUMBERS), st.integers(-10, 10**9).map(lambda i: str(i).encode()))),
    st.tuples(st.just("keyword"), st.integers(0, 10**6), st.sampled_from(KEYWORDS)),
)


@st.composite
def mutated_pdfs(draw) -> tuple[str, list[tuple], bytes]:
    seed = draw(st.sampled_from(sorted(SEED_BYTES)))
    steps = draw(st.lists(mutations, min_size=1, max_size=3))
    data = SEED_BYTES[seed]
    for step in steps:
        data = mutate(data, step)
    return seed, steps, data


# -- running extract in a child ---------------------------------------------------------------


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return None


def _child(path: str, conn, memory: int) -> None:
    if (inherited := _address_space()) is not None:  # the test process may hold a lot mapped
        resource.setrlimit(resource.RLIMIT_AS, (inherited + memory, inherited + memory))
    try:
        document = extract(path)  # its own time limit is longer than HANG_SECONDS
        conn.send(("document", isinstance(document, Document), ""))
    except TokkiError as error:
        conn.send(("tokki", error.source == path and str(error).startswith(path + ": "), str(error)))
    except BaseException as error:  # noqa: BLE001 - that is the finding
        conn.send(("other", False, "".join(traceback.format_exception(error))))
    finally:
        conn.close()


def extract_isolated(path: Path, timeout: float = HANG_SECONDS, memory: int = CHILD_MEMORY) -> tuple[str, bool, str]:
    """("document" | "tokki" | "other" | "hang" | "died", well-formed, detail): ``extract(path)``
    in a forked child that may map ``memory`` bytes more than it inherits, for ``timeout`` s."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(str(path), child, memory))
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            return ("hang", False, f"no result after {timeout:.0f} s")
        return parent.recv()
    except EOFError:
        process.join(5)
        return ("died", False, f"child exited with {process.exitcode} and no result")
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        parent.close()


def _save_finding(name: str, data: bytes, steps: list[tuple], detail: str) -> Path:
    FINDINGS.mkdir(parents=True, exist_ok=True)
    stem = FINDINGS / f"{name}-{hashlib.sha256(data).hexdigest()[:12]}"
    stem.with_suffix(".pdf").write_bytes(data)
    stem.with_suffix(".txt").write_text(f"mutations: {steps!r}\n\n{detail}\n", encoding="utf-8")
    return stem.with_suffix(".pdf")


# -- the properties ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_extract(seed):
    outcome, well_formed, detail = extract_isolated(seed)
    assert (outcome, well_formed) == ("document", True), detail


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_pdfs())
def test_damaged_pdf_gives_a_document_or_an_error_naming_the_file(tmp_path_factory, case):
    seed, steps, data = case
    path = tmp_path_factory.mktemp("fuzz") / f"損傷 {seed}"  # a name with a space and Japanese
    path.write_bytes(data)
    outcome, well_formed, detail = extract_isolated(path)
    if outcome in ("other", "hang", "died") or not well_formed:
        saved = _save_finding(outcome, data, steps, detail)
        pytest.fail(f"{outcome} on {seed} after {steps!r} (saved as {saved}):\n{detail}")


def test_extract_isolated_reports_a_crash_and_a_hang(tmp_path, monkeypatch):
    # the guard itself: another exception and a hang in the child come back as such
    import time

    import pipeline.extract.pdf

    path = tmp_path / "x.pdf"
    path.write_bytes(SEED_BYTES["faux-bold.pdf"])

    def replace_reader(function):  # extract() imports read_pdf from the module when it reads
        monkeypatch.setattr(pipeline.extract.pdf, "read_pdf", function)

    replace_reader(lambda *args, **kwargs: 1 / 0)
    outcome, _, detail = extract_isolated(path)
    assert outcome == "other" and "ZeroDivisionError" in detail
    replace_reader(lambda *args, **kwargs: time.sleep(60))
    assert extract_isolated(path, timeout=1)[0] == "hang"
    replace_reader(lambda *args, **kwargs: os._exit(3))
    assert extract_isolated(path)[0] == "died"


def test_a_huge_cid_width_range_costs_no_memory(tmp_path):
    """pdfminer.pdffont.get_widths expands a /W range 'c_first c_last w' into one dict entry per
    CID, with no bound: one number changed made it allocate until MemoryError (or the OOM killer,
    without an address-space limit). pipeline.extract.pdf_bounds clips the ranges to CIDs 0–65535."""
    # faux-bold.pdf's /W [ … 17 26 668 … ] with 26 replaced: CIDs 17 … 10**40 get a width
    data = SEED_BYTES["faux-bold.pdf"]
    assert data.count(b"] 17 26 668 27 [") == 1
    path = tmp_path / "huge-w-range.pdf"
    path.write_bytes(data.replace(b"] 17 26 668 27 [", b"] 17 " + b"1" + b"0" * 40 + b" 668 27 ["))
    outcome, well_formed, detail = extract_isolated(path, timeout=20, memory=512 * 1024**2)
    assert (outcome, well_formed) == ("document", True), detail
