"""Character-bigram overlap: how much of one short text another says, width and spelling
already folded by the caller (pure functions, shared by alignment, judgement and versions)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)  # pure; a batch measures the reference's clauses in every pair
def char_bigrams(text: str) -> frozenset[str]:
    """The text's adjacent character pairs (fold and strip it first, as the caller needs)."""
    return frozenset(text[k:k + 2] for k in range(len(text) - 1))


def folded_bigrams(text: str) -> frozenset[str]:
    """The bigrams of ``text`` folded (width, spelling, party names) and without white space."""
    from pipeline.text.folds import fold_text

    return char_bigrams("".join(fold_text(text).split()))


def dice(x: frozenset[str], y: frozenset[str], *, both_empty: float = 1.0) -> float:
    """2|x∩y| / (|x|+|y|); ``both_empty`` when neither has a bigram (one empty: 0)."""
    if x and y:
        return 2 * len(x & y) / (len(x) + len(y))
    return both_empty if not x and not y else 0.0


def held(x: frozenset[str], y: frozenset[str]) -> float:
    """The share of x's bigrams that y holds (0 for an empty x)."""
    return len(x & y) / len(x) if x else 0.0
