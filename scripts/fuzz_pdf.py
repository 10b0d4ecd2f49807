"""Coverage-guided fuzzing of the PDF path with atheris (libFuzzer for Python).

Every input is written to a temporary ``.pdf`` file and handed to ``pipeline.extract.extract``.
A ``TokkiError`` naming the file is the documented outcome for a broken PDF; any other
exception propagates, and atheris reports it as a crash and writes the input as
``crash-<sha1>`` (in the working directory, or under -artifact_prefix=).

    .venv/bin/pip install atheris
    mkdir -p build/fuzz-corpus
    .venv/bin/python scripts/fuzz_pdf.py build/fuzz-corpus tests/fixtures/pdf tests/fixtures/fuzz \\
        -max_total_time=60 -timeout=30 -rss_limit_mb=4096 -artifact_prefix=build/fuzz-findings/

libFuzzer writes the inputs it finds interesting to the FIRST corpus directory: give it a
scratch one (build/fuzz-corpus) before the seed directories, which only the *.pdf files of
are meant as seeds (other files there are read too, and are harmless: not PDFs). To replay
one input without fuzzing: ``.venv/bin/python scripts/fuzz_pdf.py crash-…`` (a file, not a
directory, runs it once).

extract's own time limit works by SIGALRM, which libFuzzer uses for its -timeout: the
harness turns extract's limit off and leaves hangs to libFuzzer's -timeout.
"""

from __future__ import annotations

import os
import pkgutil
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    import pdfminer
    import pdfplumber  # noqa: F401

    # pdfminer imports much of itself lazily (CMaps, fonts, filters): instrument it all now
    for module in pkgutil.walk_packages(pdfminer.__path__, "pdfminer."):
        __import__(module.name)
    import pipeline.extract
    import pipeline.extract.margins  # noqa: F401
    import pipeline.extract.pdf  # noqa: F401
    import pipeline.extract.pdf_bounds  # noqa: F401
    import pipeline.text.normalize  # noqa: F401

from pipeline.model import TokkiError  # noqa: E402  (not instrumented: a plain class)

try:  # extract(path, options) with a time limit of its own: off, see the docstring
    from pipeline.extract.limits import ExtractOptions

    OPTIONS = (ExtractOptions(timeout=None),)
except ImportError:  # extract(path)
    OPTIONS = ()

# One input file per fuzzing process. libFuzzer ends the process with exit(), past Python's
# atexit, so a run's file is removed by the next run instead (when its process is gone).
TMP = Path(tempfile.gettempdir())
PATH = str(TMP / f"tokki-fuzz-{os.getpid()}.pdf")


def _remove_stale_inputs() -> None:
    for stale in TMP.glob("tokki-fuzz-*.pdf"):
        try:
            os.kill(int(stale.stem.rsplit("-", 1)[1]), 0)
        except ProcessLookupError:
            stale.unlink(missing_ok=True)
        except (ValueError, PermissionError):
            pass


def test_one_input(data: bytes) -> None:
    with open(PATH, "wb") as file:
        file.write(data)
    try:
        pipeline.extract.extract(PATH, *OPTIONS)
    except TokkiError as error:
        if error.source != PATH or not str(error).startswith(PATH + ": "):
            raise AssertionError(f"the error does not name the file: {error!r}") from error


def main() -> None:
    import logging

    logging.disable(logging.WARNING)  # pdfminer warns on every damaged object: noise at 100 exec/s
    _remove_stale_inputs()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
