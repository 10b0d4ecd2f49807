"""OCR fallback for scanned pages: a page image → its lines of Japanese text, with positions.

The only module that runs tesseract (Debian's tesseract-ocr + tesseract-ocr-jpn, through
pytesseract). Horizontal Japanese only (language ``jpn``, no ``jpn_vert``).

Tesseract's jpn model is good at the characters but not at the spacing: it puts a space
between "words" it guesses (個人 情報 取扱), and its word and character boxes are only
approximate (the LSTM places characters up to a whole character cell off: measured on the
fixture, 乙 of "第１ 乙は" at 450 px instead of 405 px, 第 with a box 214 px wide). So a
line's text is rebuilt here from tesseract's words joined without spaces, and the spaces
that are really on the page — the one after a label in "第１ 乙は", "一 管理責任者の選定",
which segmentation needs — are found in the image itself (``_line_spaces``).

Coordinates: OcrLine.top / bottom are the line's ink extent in points from the page top
(pixels / dpi * 72), as pipeline.extract.pdf measures lines of a text layer.
"""

from __future__ import annotations

import functools
import itertools
import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

try:
    import pytesseract
    from pytesseract import Output, TesseractError, TesseractNotFoundError
except ImportError:  # a declared dependency; reported by ocr_unavailable_reason()
    pytesseract = None

if TYPE_CHECKING:
    from PIL.Image import Image

LANGUAGE = "jpn"
# --psm 6 (one uniform block of text) rather than tesseract's default automatic page
# segmentation (psm 3): on the fixture the default dropped the first character of a wrapped
# line ("は、個人の…" came out as "、個人の…"); psm 6 read every line whole. A 特記事項 page
# is one column of text, which is what psm 6 assumes.
PAGE_SEGMENTATION = "--psm 6"
INSTALL_HINT = (
    "install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-jpn, or `make ocr`)"
)

# Pixels darker than this (0-255 grey) are ink for the geometry below. tesseract binarises
# on its own for recognition; this only has to find where glyphs are.
INK_THRESHOLD = 128

# A glyph's ink is at most about one em wide; the line's ink height is ~0.95 em (kanji fill
# their em box). Column runs of ink are merged into one glyph while the merged extent stays
# within this many line heights: い, 川, 八 (strokes with blank columns between them) become
# one glyph, two neighbouring characters (≥ 1.4 line heights together) never do. A run wider
# than that is characters whose ink touches in the column projection (人情 in a title set
# without character spacing): it is cut into round(width / line height) equal glyphs.
GLYPH_MAX_WIDTH = 1.05

# Japanese text sits on a fixed pitch (one full-width cell per character), so the distance
# between the ink centres of neighbouring glyphs is one pitch whatever the glyphs' side
# bearings; a space pushes the next glyph further. Measured on the 300 dpi fixture (10.5 pt
# IPAexGothic on a 40-cell Word grid, 23 lines, 407 glyph pairs), in pitches:
#   ordinary neighbours              0.90–1.07   (し→て, the widest ink gap, is 1.06)
#   label + half-width space (第１ 乙, ２ 乙, 一 管, 二 作, 三 記)   1.30–1.39
#   after 、 。 and other half-cell punctuation                      1.28–1.33
# A full-width space (U+3000) gives ~2.0. The threshold sits between ordinary neighbours
# and the half-width space. The gap between ink edges cannot do this: after し the gap
# (23 px, 0.55 line heights) is wider than after the label 一 (25 px, 0.6) in "一 管理".
SPACE_PITCHES = 1.2
# The pitch of a line is the median distance between its glyph centres when it has enough
# glyphs for a median; a shorter line ("ない。") takes the page's pitch.
MIN_GLYPHS_FOR_PITCH = 5

# Punctuation drawn in one half of its cell: the distance to the glyph on its open side
# looks like a space (、個 is 1.28 pitches) but never is one. No space is put on either side
# of these: Japanese text has none there, and when the glyphs could not be matched to the
# characters one to one, a space found after 、 may be placed just before it.
HALF_CELL_PUNCTUATION = frozenset("、。，．､｡,.」』）】〕］｝〉》)]}「『（【〔［｛〈《([{")

# ー (prolonged sound mark) only ever follows kana; tesseract reads the kanji 一 as ー
# (the glyphs are the same bar), which breaks item labels "一 管理責任者の選定".
LONG_VOWEL_MARK = "ー"
KANJI_ONE = "一"


class OcrUnavailable(Exception):
    """tesseract or its Japanese data is missing; str(exc) says what and how to install
    (Debian: apt-get install tesseract-ocr tesseract-ocr-jpn, or `make ocr`)."""


class OcrTimeout(Exception):
    """tesseract did not finish a page within the timeout; its process was killed."""


@dataclass(frozen=True)
class OcrLine:
    text: str  # the line as Japanese is written: no spaces but the ones on the page
    top: float  # points from the page top (pixels / dpi * 72), the ink's extent
    bottom: float
    confidence: float  # 0..1, character-weighted mean of tesseract's word confidences


@dataclass(frozen=True)
class OcrPage:
    lines: tuple[OcrLine, ...]  # top to bottom
    confidence: float  # 0..1, character-weighted mean over the page (0.0 if no text)


@functools.cache
def ocr_unavailable_reason() -> str | None:
    """None when tesseract with Japanese ('jpn') data is usable, else what is missing and
    how to install it. The answer is cached for the process."""
    if pytesseract is None:
        return "the Python package pytesseract is not installed (pip install 'pytesseract>=0.3.13')"
    try:
        languages = pytesseract.get_languages()
    except TesseractNotFoundError:
        return f"OCR needs tesseract, which is not installed or not on PATH; {INSTALL_HINT}"
    if LANGUAGE not in languages:
        return f"tesseract has no Japanese data ({LANGUAGE}.traineddata); {INSTALL_HINT}"
    return None


def ocr_image(image: Image, *, dpi: int, timeout: float | None = None) -> OcrPage:
    """OCR one page image (a PIL image rendered at ``dpi``) as horizontal Japanese text.

    Raises OcrUnavailable when tesseract or its Japanese data is missing, OcrTimeout when
    tesseract takes longer than ``timeout`` seconds (its process is killed);
    pytesseract.TesseractError when tesseract fails on the image.
    """
    reason = ocr_unavailable_reason()
    if reason is not None:
        raise OcrUnavailable(reason)
    grey = image.convert("L")
    # tesseract's OpenMP would spread one page over every core, while the batch already
    # runs one worker per core: one thread each is faster overall and does not oversubscribe
    # (the fixture page on 2 busy cores: 2-3 s with one thread, 6-19 s with two).
    # pytesseract gives no way to pass an environment to its child process (it inherits
    # os.environ), so it is set here; setdefault keeps a limit the user chose.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            grey,
            lang=LANGUAGE,
            config=f"{PAGE_SEGMENTATION} --dpi {int(dpi)}",
            output_type=Output.DICT,
            timeout=timeout or 0,
        )
    except TesseractNotFoundError as exc:
        ocr_unavailable_reason.cache_clear()
        raise OcrUnavailable(f"tesseract is not installed or not on PATH; {INSTALL_HINT}") from exc
    except TesseractError as exc:
        if "Failed loading language" in str(exc.message):
            ocr_unavailable_reason.cache_clear()
            raise OcrUnavailable(
                f"tesseract has no Japanese data ({LANGUAGE}.traineddata); {INSTALL_HINT}"
            ) from exc
        raise
    except RuntimeError as exc:  # pytesseract kills tesseract and raises a bare RuntimeError
        if "timeout" in str(exc).lower():
            raise OcrTimeout(f"tesseract took longer than {timeout} s on the page") from exc
        raise
    ink = np.asarray(grey) < INK_THRESHOLD
    return _page_from_data(data, ink, dpi)


# -- from tesseract's TSV rows to lines ------------------------------------------------------


@dataclass
class _Word:
    text: str
    left: int
    confidence: float  # 0..100


@dataclass
class _RawLine:
    box: tuple[int, int, int, int]  # left, top, width, height: tesseract's line box, px
    words: list[_Word]
    top: int = 0  # ink extent, px
    bottom: int = 0
    height: int = 0
    glyphs: list[tuple[int, int]] | None = None  # ink extents of the glyphs, page px


def _group_lines(data: dict) -> list[_RawLine]:
    """tesseract's words grouped by line, in tesseract's order. Rows of level 4 are lines,
    of level 5 words; -1 confidences belong to the non-word rows."""
    lines: dict[tuple[int, int, int, int], _RawLine] = {}
    for i, level in enumerate(data["level"]):
        key = (data["page_num"][i], data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if level == 4:
            box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
            lines[key] = _RawLine(box=box, words=[])
        elif level == 5:
            text = str(data["text"][i]).strip()
            confidence = float(data["conf"][i])
            if text and confidence >= 0 and key in lines:
                lines[key].words.append(_Word(text, int(data["left"][i]), confidence))
    return [line for line in lines.values() if line.words]


def _measure(line: _RawLine, ink: np.ndarray) -> None:
    """The line's ink extent and glyphs, from the page's ink inside tesseract's line box."""
    left, top, width, height = line.box
    left, top = max(left, 0), max(top, 0)
    crop = ink[top : top + height, left : left + width]
    rows = np.flatnonzero(crop.any(axis=1))
    if rows.size == 0:
        line.top, line.bottom, line.height, line.glyphs = top, top + height, height, []
        return
    line.top, line.bottom = top + int(rows[0]), top + int(rows[-1]) + 1
    line.height = line.bottom - line.top
    widest = GLYPH_MAX_WIDTH * line.height
    # column runs of ink, merged into glyphs (see GLYPH_MAX_WIDTH)
    columns = np.flatnonzero(crop.any(axis=0))
    breaks = np.flatnonzero(np.diff(columns) > 1)
    starts = np.concatenate(([columns[0]], columns[breaks + 1])).tolist()
    ends = (np.concatenate((columns[breaks], [columns[-1]])) + 1).tolist()
    merged: list[tuple[int, int]] = []
    for start, end in zip(starts, ends):
        if merged and end - merged[-1][0] <= widest:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    glyphs: list[tuple[int, int]] = []
    for start, end in merged:
        count = max(1, round((end - start) / line.height)) if end - start > widest else 1
        step = (end - start) / count
        glyphs.extend(
            (left + round(start + k * step), left + round(start + (k + 1) * step))
            for k in range(count)
        )
    line.glyphs = glyphs


def _centre_distances(glyphs: Sequence[tuple[int, int]]) -> list[float]:
    centres = [(start + end) / 2 for start, end in glyphs]
    return [b - a for a, b in itertools.pairwise(centres)]


def _page_pitch(lines: Sequence[_RawLine]) -> tuple[float, float] | None:
    """(pitch, line height) of the page's body text: medians over its longer lines."""
    measured = [
        (statistics.median(_centre_distances(line.glyphs)), line.height)
        for line in lines
        if line.glyphs and len(line.glyphs) >= MIN_GLYPHS_FOR_PITCH
    ]
    if not measured:
        return None
    return statistics.median(p for p, _ in measured), statistics.median(h for _, h in measured)


def _line_pitch(line: _RawLine, page: tuple[float, float] | None) -> float | None:
    distances = _centre_distances(line.glyphs or [])
    if len(line.glyphs or []) >= MIN_GLYPHS_FOR_PITCH:
        return statistics.median(distances)
    if page is not None:
        # a short line in the page's font takes the page's pitch; a larger font (a short
        # title) scales it. Never smaller: kana-only lines have shorter ink than kanji.
        pitch, height = page
        return pitch * max(1.0, line.height / height)
    return statistics.median(distances) if distances else None


def _line_spaces(line: _RawLine, text: str, pitch: float | None) -> set[int]:
    """Indexes i of ``text`` (no spaces) such that a space stands on the page before text[i].

    The glyphs found in the image are matched to the characters one to one when their counts
    agree (22 of the fixture's 23 lines). Otherwise a space found between two glyphs goes
    before the first tesseract word that starts right of it (its boxes are approximate, so
    only word boundaries are trusted then).
    """
    glyphs = line.glyphs or []
    if pitch is None or len(glyphs) < 2:
        return set()
    wide = [
        j
        for j, distance in enumerate(_centre_distances(glyphs))
        if distance >= SPACE_PITCHES * pitch
    ]
    spaces: set[int] = set()
    if len(glyphs) == len(text):
        candidates = [j + 1 for j in wide]
    else:
        word_starts: list[tuple[int, int]] = []  # (left px, index in text)
        index = 0
        for word in line.words:
            word_starts.append((word.left, index))
            index += len(word.text)
        candidates = []
        for j in wide:
            x = (glyphs[j][1] + glyphs[j + 1][0]) / 2
            after = [i for left, i in word_starts if left > x]
            if after:
                candidates.append(after[0])
    for i in candidates:
        if 0 < i < len(text) and not HALF_CELL_PUNCTUATION & {text[i - 1], text[i]}:
            spaces.add(i)
    return spaces


def _is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f"


def _fix_kanji_one(text: str) -> str:
    """ー where it cannot be (at the start, or after anything but kana) is the kanji 一."""
    chars = list(text)
    for i, char in enumerate(chars):
        if char == LONG_VOWEL_MARK and (i == 0 or not _is_kana(chars[i - 1])):
            chars[i] = KANJI_ONE
    return "".join(chars)


def _weighted_confidence(words: Sequence[_Word]) -> float:
    characters = sum(len(word.text) for word in words)
    if not characters:
        return 0.0
    return sum(word.confidence * len(word.text) for word in words) / characters / 100


def _page_from_data(data: dict, ink: np.ndarray, dpi: int) -> OcrPage:
    lines = _group_lines(data)
    for line in lines:
        _measure(line, ink)
    page_pitch = _page_pitch(lines)
    points = 72 / dpi
    out: list[OcrLine] = []
    for line in sorted(lines, key=lambda line: line.top):  # stable: tesseract's order on ties
        text = "".join(word.text for word in line.words)
        spaces = _line_spaces(line, text, _line_pitch(line, page_pitch))
        text = "".join(" " + c if i in spaces else c for i, c in enumerate(text))
        out.append(
            OcrLine(
                text=_fix_kanji_one(text),
                top=line.top * points,
                bottom=line.bottom * points,
                confidence=_weighted_confidence(line.words),
            )
        )
    return OcrPage(
        lines=tuple(out),
        confidence=_weighted_confidence([word for line in lines for word in line.words]),
    )
