"""Reading order of text that is not upright and horizontal: turned text and 縦書き.

pdfminer gives every character its box on the page as shown (/Rotate already applied) and the
matrix it was drawn with. Most pages hold upright horizontal text only, and ``flows`` says so
(None) after one pass over the characters: ``pdf`` then reads them exactly as before. Otherwise
each character gets a flow, the way its text runs, and every flow is read by pdfplumber's own
text extraction with its line and character directions:

    h    upright, left to right, lines downwards                    (the usual page)
    v    縦書き: upright glyphs one under the other, columns from the right (a vertical CID
         encoding such as Identity-V / UniJIS-UCS2-V, or glyphs placed one by one)
    cw   turned 90° clockwise: top to bottom, lines from the right   (a landscape text on a
         portrait page; 縦書き drawn with a turned font)
    ccw  turned 90° counter-clockwise: bottom to top, lines from the left
    180  upside down

Each line comes back as a ``TextLine`` measured along its own flow (``TextLine.extent``), so that
running headers and page numbers are found in the page as its text is read; the lines are
ordered along the flow that holds most of the page's characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from pdfplumber.utils.text import chars_to_textmap

from pipeline.extract.margins import TextLine


@dataclass(frozen=True)
class Flow:
    char_dir: str  # pdfplumber's direction of the characters in a line
    line_dir: str  # … and of the lines on the page
    cross_tolerance_em: float = 0.0  # line tolerance as a share of the font size (0: pdfplumber's 3 pt)


# 縦書き set glyph by glyph centres each glyph in its column: a half-width one (a digit, a
# space) sits up to half an em from the full-width ones' edges, and still belongs to the column
FLOWS = {
    "h": Flow("ltr", "ttb"),
    "v": Flow("ttb", "rtl", cross_tolerance_em=0.5),
    "cw": Flow("ttb", "rtl"),
    "ccw": Flow("btt", "ltr"),
    "180": Flow("rtl", "btt"),
}

# A glyph counts as turned when its baseline is nearer the vertical than this slope (about 63°):
# a slanted watermark stays with the upright text, as pdfminer's ``upright`` has it.
TURNED_SLOPE = 2.0
# Successive glyphs in drawing order: one under the other within this share of the font size
# across, and this far down, is a step of vertical writing; beside each other, of horizontal.
SAME_AXIS_EM = 0.3
VERTICAL_STEP_EM = (0.5, 2.2)  # up to two cells: over a drawn full-width space
HORIZONTAL_STEP_EM = 2.5
# Vertical writing needs more vertical steps than horizontal ones, and at least this many: a
# title printed one character a line (特 / 記 / 事 / 項) on a horizontal page is not 縦書き.
MIN_VERTICAL_STEPS = 4
# Glyphs side by side no wider than this, inside the columns, are 縦中横 (two digits in a column).
TATECHUYOKO_EM = 1.2


def page_transform(rotation: int, mediabox: Sequence[float]) -> tuple[float, ...]:
    """pdfminer's mapping of PDF user space onto the page as shown (y up): /Rotate applied,
    the MediaBox's corner at the origin (as pdfminer.pdfinterp.PDFPageInterpreter does)."""
    x0, y0, x1, y1 = mediabox
    return {
        90: (0, -1, 1, 0, -y0, x1),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, 1, -1, 0, y1, -x0),
    }.get(rotation % 360, (1, 0, 0, 1, -x0, -y0))


def apply_matrix(matrix: Sequence[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _turn(char: dict) -> str:
    """The flow a character's matrix gives it ("h", "cw", "ccw" or "180")."""
    a, b = char["matrix"][0], char["matrix"][1]  # the baseline's direction, y pointing up
    if abs(b) > TURNED_SLOPE * abs(a):
        return "cw" if b < 0 else "ccw"
    if a < 0 and abs(a) > TURNED_SLOPE * abs(b):
        return "180"
    return "h"


def _step(previous: dict, char: dict) -> str | None:
    """"v" when ``char`` is drawn under ``previous`` in one column, "h" beside it on one line."""
    size = max(previous["size"], char["size"]) or 1.0
    down = char["top"] - previous["top"]
    across = (char["x0"] + char["x1"]) / 2 - (previous["x0"] + previous["x1"]) / 2
    if abs(across) <= SAME_AXIS_EM * size and VERTICAL_STEP_EM[0] * size <= down <= VERTICAL_STEP_EM[1] * size:
        return "v"
    if abs(down) <= SAME_AXIS_EM * size and 0 < char["x0"] - previous["x0"] <= HORIZONTAL_STEP_EM * size:
        return "h"
    return None


def _runs(pairs) -> list[list[int]]:
    """Chains of steps (first glyph, next glyph drawn): (3, 4), (4, 6) → [3, 4, 6]."""
    runs: list[list[int]] = []
    for first, second in pairs:
        if runs and runs[-1][-1] == first:
            runs[-1].append(second)
        else:
            runs.append([first, second])
    return runs


def flows(chars: Sequence[dict]) -> list[str] | None:
    """Each character's flow, or None when the page is upright horizontal text only."""
    labels = [_turn(char) for char in chars]
    steps: list[tuple[int, int, str]] = []  # (previous, current, kind) among upright glyphs
    previous = None
    for index, char in enumerate(chars):
        if labels[index] != "h" or char["text"].isspace():
            continue
        if previous is not None:
            kind = _step(chars[previous], char)
            if kind:
                steps.append((previous, index, kind))
        previous = index
    counts = Counter(kind for _, _, kind in steps)
    vertical = counts["v"] >= MIN_VERTICAL_STEPS and counts["v"] > counts["h"]
    if not vertical:
        return labels if any(label != "h" for label in labels) else None

    # 縦書き: glyphs in vertical steps are columns, those in horizontal steps lines (a running
    # header, a page number); a glyph alone (a column of one) goes with the columns when it
    # stands among them
    in_step: dict[int, str] = {}
    for first, second, kind in steps:
        for index in (first, second):
            in_step.setdefault(index, kind)
    columns = [chars[i] for i, kind in in_step.items() if kind == "v"]
    left, right = min(c["x0"] for c in columns), max(c["x1"] for c in columns)
    top, bottom = min(c["top"] for c in columns), max(c["bottom"] for c in columns)
    # 縦中横: two or three digits set side by side within a column ("第12") belong to it
    for run in _runs((i, j) for i, j, kind in steps if kind == "h"):
        members = [chars[i] for i in run]
        x0, x1 = min(c["x0"] for c in members), max(c["x1"] for c in members)
        size = max(c["size"] for c in members)
        if x1 - x0 <= TATECHUYOKO_EM * size and left <= x0 and x1 <= right and top <= members[0]["top"] <= bottom:
            in_step.update((i, "v") for i in run)
    last = "v"
    for index, char in enumerate(chars):
        inside = left <= char["x0"] and char["x1"] <= right and top <= char["top"] and char["bottom"] <= bottom
        if labels[index] == "cw" and inside:  # 横倒し: Latin letters and digits laid on their side
            labels[index] = last = "v"
        if labels[index] != "h":
            continue
        if char["text"].isspace():
            labels[index] = last  # a drawn space belongs with what precedes it
            continue
        labels[index] = last = in_step.get(index) or ("v" if inside else "h")
    return labels


def _along(line: dict, line_dir: str, width: float, height: float) -> tuple[float, float, float]:
    """(start, end, page length) of a line's box along the direction ``line_dir`` lines follow."""
    if line_dir == "ttb":
        return line["top"], line["bottom"], height
    if line_dir == "btt":
        return height - line["bottom"], height - line["top"], height
    if line_dir == "ltr":
        return line["x0"], line["x1"], width
    return width - line["x1"], width - line["x0"], width  # rtl


def _band(line: dict, char_dir: str, box: tuple[float, float, float, float]) -> int:
    """0 when the line stands wholly before the main text along the way its characters run
    (a horizontal header above 縦書き columns), 2 wholly after it, else 1."""
    x0, top, x1, bottom = box
    before, after = {
        "ltr": (line["x1"] <= x0, line["x0"] >= x1),
        "rtl": (line["x0"] >= x1, line["x1"] <= x0),
        "ttb": (line["bottom"] <= top, line["top"] >= bottom),
        "btt": (line["top"] >= bottom, line["bottom"] <= top),
    }[char_dir]
    return 0 if before else 2 if after else 1


def extract_lines(chars: Sequence[dict], flow: Flow = FLOWS["h"]) -> list[dict]:
    """pdfplumber's text lines (dicts with text, x0, top, x1, bottom) of characters that share
    one flow; for "h" exactly what ``page.extract_text_lines`` gives for them."""
    options: dict = {"keep_blank_chars": True}  # a drawn space stays the character it is
    if flow != FLOWS["h"]:
        options.update(
            line_dir=flow.line_dir, char_dir=flow.char_dir,
            line_dir_rotated=flow.line_dir, char_dir_rotated=flow.char_dir,
            # the text in reading order, not drawn back into the page's direction
            line_dir_render="ttb", char_dir_render="ltr",
        )
        if flow.cross_tolerance_em:
            sizes = [c["size"] for c in chars if not c["text"].isspace()]
            size = median(sizes) if sizes else 0.0
            options["x_tolerance"] = options["y_tolerance"] = max(3.0, flow.cross_tolerance_em * size)
    textmap = chars_to_textmap(list(chars), **options)
    return textmap.extract_text_lines(strip=False, return_chars=False)


def read_lines(chars: Sequence[dict], labels: Sequence[str], width: float, height: float) -> tuple[TextLine, ...]:
    """The page's lines in reading order, each flow read in its own directions (``labels``
    from ``flows``)."""
    groups: dict[str, list[dict]] = {}
    for char, label in zip(chars, labels):
        if label == "v" and not char["upright"]:
            char = {**char, "upright": True}  # 横倒し: pdfplumber would start a word at it
        groups.setdefault(label, []).append(char)
    weight = Counter(label for char, label in zip(chars, labels) if not char["text"].isspace())
    main = max(groups, key=lambda label: (weight[label], label == "h"))
    main_flow = FLOWS[main]
    main_chars = groups[main]
    box = (min(c["x0"] for c in main_chars), min(c["top"] for c in main_chars),
           max(c["x1"] for c in main_chars), max(c["bottom"] for c in main_chars))

    ordered: list[tuple[int, float, int, int, TextLine]] = []
    for label, group in groups.items():
        flow = FLOWS[label]
        reached = 0.0  # the main flow keeps pdfplumber's order; the others are merged into it
        for index, line in enumerate(extract_lines(group, flow)):
            text = line["text"].rstrip()
            if not text:
                continue
            start, end, extent = _along(line, flow.line_dir, width, height)
            position = _along(line, main_flow.line_dir, width, height)[0]
            if label == main:
                reached = position = max(reached, position)
            band = 1 if label == main else _band(line, main_flow.char_dir, box)
            own = TextLine(text, start, end, None if extent == height and flow.line_dir in ("ttb", "btt") else extent)
            ordered.append((band, position, label != main, index, own))
    ordered.sort(key=lambda item: item[:4])
    return tuple(item[-1] for item in ordered)
