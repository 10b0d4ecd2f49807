"""Extraction stage: a file's bytes (``Source``) → ``Document`` (pages of display text).

The file is read once (``read_source``); every reader parses those bytes. The format is read
from the first bytes, never guessed from the extension: PDF (``pdf``, the only module that
uses pdfplumber), Word .docx (``word`` and ``word_numbering``, the only ones that use
python-docx), otherwise plain text whose encoding is detected (UTF-8 with or without BOM,
UTF-16 with BOM, CP932/Shift_JIS, EUC-JP). Scans are read by ``ocr`` (tesseract) on request.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from pipeline.extract.limits import Deadline, ExtractOptions, time_limit
from pipeline.model import Document, ExtractionError, Page, Source
from pipeline.text.normalize import hiragana_share, japanese_share

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".docx")
# Scanned templates run to a few MB a page; typed ones to a few hundred KB.
MAX_FILE_BYTES = 512 * 2**20

# Text whose kana/kanji share is below this is not Japanese prose: mojibake, glyph codes
# from a font without a Unicode map, or not a template at all.
MIN_JAPANESE_SHARE = 0.25
# Mojibake that decodes to kanji (UTF-8 or EUC-JP bytes read as Shift_JIS: 蛻･險倅ｺ…) passes
# the share above; its hiragana give it away. The real templates are 39–45 % hiragana, such
# mojibake under 1 %.
MIN_HIRAGANA_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings a Japanese template in plain text comes in, most specific first.
_JAPANESE_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")


def sniff_format(head: bytes) -> str:
    """"pdf", "docx" or "txt" from the first bytes of a file."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        # a zip (docx) or an OLE container (legacy .doc, or an encrypted .docx):
        # the Word reader tells which and says what is wrong
        return "docx"
    return "txt"


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name) of a plain-text file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise ExtractionError(source, f"starts with a {encoding} byte-order mark but is not valid {encoding}: {error}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_JAPANESE_ENCODINGS)).best()
    if best is not None:
        return str(best), best.encoding
    raise ExtractionError(source, "cannot tell the text encoding: it is not UTF-8, Shift_JIS/CP932 or EUC-JP")


def read_source(path: str | os.PathLike) -> Source:
    """The file's bytes, read once (the only place extraction touches the file system)."""
    path = Path(path)
    source = str(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            # /dev/zero, a FIFO, a socket (or a link to one): reading it never ends
            raise ExtractionError(source, "is not a regular file (a device, a pipe or a socket): it is not read")
        size = status.st_size
        if size > MAX_FILE_BYTES:  # it is read whole (to hash it and sniff it): say no first
            raise ExtractionError(source, f"the file is {size / 2**20:.1f} MB, more than the limit of "
                                  f"{MAX_FILE_BYTES / 2**20:.0f} MB: no 特記事項 is that large")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(source, "file not found") from None
    except IsADirectoryError:
        raise ExtractionError(source, "is a directory, not a file") from None
    except OSError as error:
        raise ExtractionError(source, f"cannot be read: {error.strerror or error}") from None
    return Source(source, data)


def as_source(source: Source | str | os.PathLike | bytes, name: str | None = None) -> Source:
    """A Source from a Source, a path, or bytes (``name`` says what to call them in messages)."""
    if isinstance(source, Source):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        return Source(name or "<bytes>", bytes(source))
    return read_source(source)


def extract(source: Source | str | os.PathLike | bytes, options: ExtractOptions | None = None, *,
            name: str | None = None) -> Document:
    """The extraction stage: read, detect the format, extract pages, check the text is text.

    ``source``: a path, the file's bytes (named ``name`` in messages), or a Source.
    ``options``: OCR for pages without a text layer, the page limit and the per-file time
    limit (``ExtractOptions()`` by default: no OCR, 100 pages, 120 s)."""
    options = options or ExtractOptions()
    source = as_source(source, name)
    with time_limit(source.name, options.timeout) as deadline:
        return _extract(source, options, deadline)


def _extract(source: Source, options: ExtractOptions, deadline: Deadline) -> Document:
    name, data = source.name, source.data
    if not data:
        raise ExtractionError(name, "the file is empty (0 bytes)")
    kind = sniff_format(data[:2048])
    claimed = source.suffix
    if claimed in ("pdf", "docx") and kind != claimed:
        # e.g. an HTML error page saved as .pdf: reading it as text would only mislead
        found = {"pdf": "a PDF", "docx": "a Word or zip file", "txt": "plain text or an unknown format"}[kind]
        raise ExtractionError(name, f"named .{claimed} but the file is {found}, not a .{claimed}")
    warnings: list[str] = []
    if kind == "pdf":
        from pipeline.extract.pdf import read_pdf

        pages, warnings = read_pdf(data, name, ocr=options.ocr, max_pages=options.max_pages, deadline=deadline)
    else:
        if kind == "docx":
            from pipeline.extract.word import extract_docx_pages

            page_texts, warnings = extract_docx_pages(data, name)
        else:
            text, _ = decode_text(data, name)
            page_texts = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
        pages = [Page(number, text) for number, text in enumerate(page_texts, start=1)]
    source, sha256 = name, source.sha256
    all_text = "".join(page.text for page in pages)
    if not all_text.strip():
        raise ExtractionError(source, "no text in the file")
    share = japanese_share(all_text)
    if share < MIN_JAPANESE_SHARE:
        raise ExtractionError(
            source,
            f"the text does not read as Japanese (only {share:.0%} kana/kanji): "
            "mojibake, glyph codes without a Unicode mapping, or not a 特記事項",
        )
    hiragana = hiragana_share(all_text)
    if hiragana < MIN_HIRAGANA_SHARE:
        raise ExtractionError(
            source,
            f"the text looks like mojibake: {share:.0%} of it is kana/kanji but only {hiragana:.1%} "
            "hiragana, where Japanese prose has 30–45 % (text decoded with the wrong encoding, "
            "e.g. UTF-8 read as Shift_JIS, by the program that made the file?)",
        )
    return Document(source, kind, tuple(pages), sha256, tuple(warnings))
