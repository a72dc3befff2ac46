"""The index's health, read from the stores themselves (not from what the last build said)."""
from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from prompts import render

from .embed import model_label, same_model
from .generation import load_generation
from .library import Library

if TYPE_CHECKING:
    from settings import Settings


@dataclass
class Health:
    """What the stores hold and what is wrong with them; `ok` when questions can be answered."""

    exists: bool = False
    ok: bool = False
    documents: int = 0
    sentences: int = 0
    vectors: int | None = None
    generation: int = 0
    problems: list[str] = field(default_factory=list)


def check_health(settings: Settings, *, vectors: bool = True) -> Health:
    health = Health()
    if not settings.library_file.exists():
        return health
    health.exists = True
    library = Library(settings.library_file, readonly=True)
    try:
        library.check()
        health.documents, health.sentences = library.counts()
        recorded, current = library.get_meta("model"), model_label(settings)
        if not same_model(recorded, current):
            health.problems.append(render("health_model_changed", recorded=recorded, current=current))
    except sqlite3.DatabaseError as exc:
        health.problems.append(render("health_catalogue_broken", error=str(exc)))
        return health
    finally:
        library.close()
    try:
        generation = load_generation(settings.index_dir)
    except (OSError, ValueError, KeyError) as exc:
        health.problems.append(render("health_index_broken", error=str(exc)))
        generation = None
    if generation is None and not health.problems:
        health.problems.append(render("health_index_missing"))
    elif generation is not None:
        health.generation = generation.number
    if vectors:
        health.vectors = _vector_count(settings)
        if health.vectors is None:
            health.problems.append(render("health_vectors_broken"))
        elif health.vectors < health.sentences:
            health.problems.append(render("health_vectors_missing", vectors=health.vectors,
                                          sentences=health.sentences))
    health.ok = not health.problems
    return health


def _vector_count(settings: Settings) -> int | None:
    try:
        from .store import VectorStore, open_client

        store = VectorStore(open_client(settings), settings.collection, model_label(settings), create=False)
        return store.count()
    except Exception:  # noqa: BLE001 - any failure to open or count means the store cannot serve
        return None


def library_status(settings: Settings) -> dict | None:
    """Everything `python -m index status` shows; None when there is no index at all."""
    health = check_health(settings)
    if not health.exists:
        return None
    found: dict = {"healthy": health.ok, **asdict(health), "model": settings.embedding_model, "skipped": [],
                   "pending": []}
    if not any("catalogue" in p or "目录" in p for p in health.problems):
        library = Library(settings.library_file, readonly=True)
        found["skipped"] = [{"path": d.path, "reason": d.reason} for d in library.documents("status = 'skipped'")]
        found["pending"] = [d.path for d in library.documents("status = 'pending'")]
        found["categories"] = dict(library.con.execute(
            "SELECT category, count(*) FROM documents WHERE status = 'indexed' GROUP BY category").fetchall())
    from .build import last_build

    found["last_build"] = {k: v for k, v in (last_build(settings) or {}).items()
                           if k in ("finished", "seconds", "rate", "embedded", "verified")}
    return found


def status_table(found: dict) -> str:
    """The status as a short readable table."""
    lines = [
        render("status_line", label=render("status_documents"), value=found["documents"]),
        render("status_line", label=render("status_sentences"), value=found["sentences"]),
        render("status_line", label=render("status_vectors"), value=found["vectors"]),
        render("status_line", label=render("status_model"), value=found["model"]),
        render("status_line", label=render("status_last_build"),
               value=found["last_build"].get("finished", "—")),
    ]
    for category, count in sorted(found.get("categories", {}).items()):
        lines.append(render("status_category", category=category or "—", count=count))
    if found["skipped"]:
        lines.append(render("status_skipped_heading", count=len(found["skipped"])))
        lines += [render("status_skipped_line", path=s["path"], reason=s["reason"]) for s in found["skipped"]]
    for problem in found["problems"]:
        lines.append(render("status_problem", problem=problem))
    return "\n".join(lines)
