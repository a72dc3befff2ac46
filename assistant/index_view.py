"""The index as the app sees it: the current generation, swapped in when a build flips it,
and which documents a search may draw on (latest versions by default, or a filter)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.generation import Generation, current_name, load_generation
from index.library import Library

from .references import LOCAL_TITLE


@dataclass(frozen=True)
class SearchFilter:
    """Which documents to search. Empty fields do not restrict."""

    docs: tuple[int, ...] = ()  # catalogue ids
    categories: tuple[str, ...] = ()
    date_from: str = ""  # ISO dates, compared with the document's version date
    date_to: str = ""
    all_versions: bool = False  # default: only the latest version of each document
    exclude_docs: tuple[int, ...] = ()  # e.g. leave-the-answer-out evaluation
    national: bool = False  # only documents whose title names no place (for a question that names none)

    def sql(self) -> tuple[str, list]:
        where, params = ["status = 'indexed'"], []
        if self.docs:
            where.append(f"id IN ({', '.join('?' * len(self.docs))})")
            params += list(self.docs)
        elif not self.all_versions:
            where.append("latest = 1")
        if self.categories:
            where.append(f"category IN ({', '.join('?' * len(self.categories))})")
            params += list(self.categories)
        if self.date_from:
            where.append("version_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            where.append("version_date <= ?")
            params.append(self.date_to)
        if self.exclude_docs:
            where.append(f"id NOT IN ({', '.join('?' * len(self.exclude_docs))})")
            params += list(self.exclude_docs)
        return " AND ".join(where), params


DEFAULT_FILTER = SearchFilter()


CHECK_EVERY_S = 0.25  # how stale the view may be after the indexer flips CURRENT


class IndexView:
    """Holds the current generation; `current()` reloads it when the indexer has flipped CURRENT."""

    def __init__(self, folder: Path, library: Library):
        self.folder, self.library = folder, library
        self._lock = threading.Lock()
        self._name = ""
        self._checked = 0.0
        self._generation: Generation | None = None
        self._masks: dict[tuple[str, SearchFilter], np.ndarray] = {}
        self.on_reload: list = []

    def current(self) -> Generation | None:
        now = time.monotonic()
        if now - self._checked < CHECK_EVERY_S and self._name:  # one file read per interval, not per word looked up
            return self._generation
        self._checked = now
        name = current_name(self.folder)
        if name != self._name:
            with self._lock:
                if name != self._name:
                    generation = load_generation(self.folder) if name else None
                    self._generation, self._name, self._masks = generation, name, {}
                    for callback in self.on_reload:
                        callback()
        return self._generation

    @property
    def name(self) -> str:
        return self._name

    def doc_mask(self, search: SearchFilter) -> np.ndarray:
        """Boolean per catalogue document id: may this search draw on it?"""
        key = (self._name, search)
        mask = self._masks.get(key)
        if mask is None:
            where, params = search.sql()
            rows = self.library.con.execute(f"SELECT id, title FROM documents WHERE {where}", params)
            ids = [i for i, title in rows if not (search.national and LOCAL_TITLE.match(title or ""))]
            top = self.library.con.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
            mask = np.zeros(int(top) + 1, dtype=bool)
            mask[ids] = True
            if len(self._masks) > 64:
                self._masks.clear()
            self._masks[key] = mask
        return mask

    def row_mask(self, generation: Generation, search: SearchFilter) -> np.ndarray:
        """Boolean per row of the generation: live and in an allowed document."""
        docs = self.doc_mask(search)
        in_range = generation.doc_all < len(docs)
        allowed = np.zeros(generation.total, dtype=bool)
        allowed[in_range] = docs[generation.doc_all[in_range]]
        return allowed & generation.live_all
