"""Order-preserving alignment of two sequences by similarity (pure functions).

Versions of one template keep their order: a weighted longest common subsequence (the pairs at
least ``minimum`` alike, their similarities summed) finds the articles that stayed, whatever
was inserted or deleted between them; what it leaves out is then matched out of order (a move)
when nearly the same.
"""

from __future__ import annotations

from collections.abc import Sequence


def in_order(similarity: Sequence[Sequence[float]], minimum: float) -> list[tuple[int, int]]:
    """The pairs (i, j), increasing in both, with the largest total similarity ≥ ``minimum`` each."""
    n = len(similarity)
    m = len(similarity[0]) if n else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = similarity[i][j] + best[i + 1][j + 1] if similarity[i][j] >= minimum else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if similarity[i][j] >= minimum and best[i][j] == similarity[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def out_of_order(similarity: Sequence[Sequence[float]], taken: list[tuple[int, int]],
                 minimum: float) -> list[tuple[int, int]]:
    """Among the rows and columns ``taken`` left free, the pairs ≥ ``minimum``, best first."""
    free_i = set(range(len(similarity))) - {i for i, _ in taken}
    free_j = set(range(len(similarity[0]) if similarity else 0)) - {j for _, j in taken}
    candidates = sorted(((similarity[i][j], i, j) for i in free_i for j in free_j if similarity[i][j] >= minimum),
                        key=lambda t: (-t[0], t[1], t[2]))
    pairs = []
    for _, i, j in candidates:
        if i in free_i and j in free_j:
            pairs.append((i, j))
            free_i.discard(i)
            free_j.discard(j)
    return pairs
