"""The character diff a divergent pair is shown with (page and workbook alike)."""

from __future__ import annotations

from cydifflib import SequenceMatcher  # difflib's algorithm, its opcodes, ten times faster

# Equal runs this short between two changes are folded into the change, so a diff reads as
# phrases rather than confetti of single shared particles (の、は、を).
DIFF_MIN_EQUAL = 3
# Above this product of the two lengths, difflib's autojunk is allowed (see char_diff).
DIFF_MAX_COST = 4_000_000


def char_diff(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A character-level diff of two texts: (pieces of a, pieces of b), each piece
    ``("eq" | "del" | "ins", text)``; the ``eq`` pieces of both sides are the same
    sequence, ``del`` is only in a, ``ins`` only in b. Joining a side's pieces gives its text
    back unchanged."""
    # autojunk would treat the commonest characters (の、は) as junk in texts over 200
    # characters; keep them unless the texts are so long that the quadratic cost shows
    matcher = SequenceMatcher(None, a, b, autojunk=len(a) * len(b) > DIFF_MAX_COST)
    chunks: list[list] = []  # [equal?, a_text, b_text]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        chunks.append([tag == "equal", a[i1:i2], b[j1:j2]])
    # fold short equal runs lying between two changes into the change
    for k in range(1, len(chunks) - 1):
        equal, text, _ = chunks[k]
        if equal and len(text) < DIFF_MIN_EQUAL and not chunks[k - 1][0] and not chunks[k + 1][0]:
            chunks[k][0] = False
    merged: list[list] = []
    for chunk in chunks:
        if merged and not chunk[0] and not merged[-1][0]:
            merged[-1][1] += chunk[1]
            merged[-1][2] += chunk[2]
        else:
            merged.append(list(chunk))
    pieces_a: list[tuple[str, str]] = []
    pieces_b: list[tuple[str, str]] = []
    for equal, text_a, text_b in merged:
        if equal:
            pieces_a.append(("eq", text_a))
            pieces_b.append(("eq", text_b))
        else:
            if text_a:
                pieces_a.append(("del", text_a))
            if text_b:
                pieces_b.append(("ins", text_b))
    return pieces_a, pieces_b
