"""The batch's cache: JSON entries under ``<out>/.cache``, keyed by content and code."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from pipeline.storage import atomic_path


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's code and data: a cache entry made by other code is not reused."""
    root = Path(__file__).resolve().parents[1]  # the package, not this sub-package
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Cache:
    """JSON entries under ``root``, one file each, written atomically."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.json"

    def get(self, kind: str, key: str) -> dict | None:
        try:
            return json.loads(self._path(kind, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or unreadable: recompute

    def put(self, kind: str, key: str, value: dict) -> None:
        # no fsync: an entry a crash leaves empty or torn does not parse, and is recomputed
        with atomic_path(self._path(kind, key), durable=False) as tmp:
            tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
