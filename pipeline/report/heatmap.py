"""The similarity map's view model: ``comparison.article_similarity`` as a table of shaded
cells (rows A's articles, columns B's), the aligned pairs outlined in their status colour.

The page draws it as an HTML table (``comparison.html.j2``, styles in ``report.css``): no
image to render, so a page costs what its text costs, and the labels are real text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.model import Clause, Comparison
from pipeline.report.view import STATUS_JA, Row

# matplotlib's "Blues" (ColorBrewer), which the map was drawn in as a PNG: shaded linearly
# between these stops, white for no similarity
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
# the scale's top is at least this, so a pair of unrelated documents does not look dark blue
MIN_SCALE = 0.5
# above this share of the scale the shade is dark enough for white text
DARK_FROM = 0.6
HEADING_WIDTH = 10  # characters of a heading shown on an axis
# the statuses an aligned pair (one with both sides) can have: the outlines' legend
PAIR_STATUSES = ("equivalent", "divergent")


@dataclass(frozen=True)
class Axis:
    """One article on an axis: its ``label`` (第４) and ``heading`` shortened, ``title`` in full."""

    label: str
    heading: str
    title: str


@dataclass(frozen=True)
class Cell:
    value: float
    background: str  # "#rrggbb", computed here: never document text
    dark: bool  # light text on a dark shade
    status: str | None  # the status of the alignment of this pair, when it is one
    href: str | None  # "#<row id>": the pair's row in the alignments table
    title: str  # the tooltip: both articles, the value, the status

    @property
    def text(self) -> str:
        return f"{self.value:.2f}"

    @property
    def classes(self) -> str:
        classes = ["dark"] if self.dark else []
        if self.status:
            classes += ["pair", f"pair-{self.status}"]
        return " ".join(classes)


@dataclass(frozen=True)
class SimilarityMap:
    rows: list[Axis]  # A's articles
    columns: list[Axis]  # B's articles
    cells: list[list[Cell]]  # rows × columns
    scale: float  # the value shaded darkest

    @property
    def empty(self) -> bool:
        return not self.rows or not self.columns

    @property
    def statuses(self) -> tuple[str, ...]:
        """The outlines' legend."""
        return PAIR_STATUSES

    @property
    def ticks(self) -> tuple[str, str]:
        """The legend's ends: 0 and the scale's top."""
        return "0.00", f"{self.scale:.2f}"


def shade(fraction: float) -> str:
    """The Blues colour at ``fraction`` ∈ [0, 1] of the scale."""
    x = min(max(float(fraction), 0.0), 1.0) * (len(BLUES) - 1)
    low = min(int(x), len(BLUES) - 2)
    t = x - low
    a, b = (tuple(int(stop[k:k + 2], 16) for k in (1, 3, 5)) for stop in BLUES[low:low + 2])
    return "#" + "".join(f"{round(p + (q - p) * t):02x}" for p, q in zip(a, b))


def _axis(article: Clause) -> Axis:
    heading = article.heading or ""
    if len(heading) > HEADING_WIDTH:
        heading = heading[: HEADING_WIDTH - 1] + "…"
    return Axis(label=article.label, heading=heading, title=article.title)


def similarity_map(comparison: Comparison, rows: list[Row]) -> SimilarityMap:
    """The map of ``comparison``; ``rows`` (its ``comparison_rows``) link the aligned pairs."""
    articles_a, articles_b = comparison.a.articles(), comparison.b.articles()
    matrix = np.asarray(comparison.article_similarity, dtype=float)
    if matrix.shape != (len(articles_a), len(articles_b)):
        raise ValueError(f"article_similarity is {matrix.shape}, the documents have "
                         f"{len(articles_a)} × {len(articles_b)} articles")
    scale = max(float(matrix.max()) if matrix.size else 0.0, MIN_SCALE)
    pairs = {(row.a.article_id, row.b.article_id): row for row in rows if row.a and row.b}
    row_axes, column_axes = [_axis(c) for c in articles_a], [_axis(c) for c in articles_b]
    cells = []
    for i, article_a in enumerate(articles_a):
        line = []
        for j, article_b in enumerate(articles_b):
            value = float(matrix[i, j])
            row = pairs.get((article_a.id, article_b.id))
            # the labels only: the sticky headers beside the cell carry the headings
            title = f"A {article_a.label} × B {article_b.label}: 類似度 {value:.2f}"
            if row is not None:
                title += f"（{STATUS_JA.get(row.status, row.status)} {row.status}）"
            line.append(Cell(value=value, background=shade(value / scale), dark=value / scale >= DARK_FROM,
                             status=row.status if row else None, href=f"#{row.id}" if row else None,
                             title=title))
        cells.append(line)
    return SimilarityMap(row_axes, column_axes, cells, scale)
