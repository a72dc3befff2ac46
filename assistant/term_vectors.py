"""Vectors of single words in the embedding model, cached: the same terms recur across questions."""
from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

TERM_CACHE = 50_000  # term vectors kept (about 77 MB at 384 float32 each)


class TermVectors:
    """`vectors(words)`: one unit row per word, embedded as passages, computed once per word."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray]):
        self.embed = embed
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __call__(self, words: list[str]) -> np.ndarray:
        with self._lock:
            found = {w: self._cache[w] for w in words if w in self._cache}
        new = [w for w in dict.fromkeys(words) if w not in found]
        if new:
            vectors = np.asarray(self.embed(new), dtype=np.float32)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            found.update(zip(new, vectors))
            with self._lock:
                if len(self._cache) > TERM_CACHE:
                    self._cache.clear()
                self._cache.update(zip(new, vectors))
        return np.stack([found[w] for w in words]) if words else np.zeros((0, 0), dtype=np.float32)
