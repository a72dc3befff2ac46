"""What a build did, checked against the stores and recorded in the data folder."""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from settings import Settings

    from .library import Library
    from .store import VectorStore


@dataclass
class BuildReport:
    """Printed by `python -m index build` and written to the data folder."""

    model: str
    documents: int = 0
    sentences: int = 0
    embedded: int = 0
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "name: reason", this build
    skipped_unchanged: list[str] = field(default_factory=list)  # skipped before, file unchanged since
    cleaned: int = 0  # half-written versions a killed build left, removed
    vectors: int = 0  # records in the vector store
    verified: bool = False  # the store holds exactly the catalogue's sentences
    seconds: float = 0.0
    rate: float = 0.0  # sentences written per second
    finished: str = ""


def finish_report(report: BuildReport, settings: Settings, library: Library, store: VectorStore,
                  started: float) -> BuildReport:
    report.documents, report.sentences = library.counts()
    report.vectors = store.count()
    report.verified = report.vectors == report.sentences
    report.seconds = round(time.perf_counter() - started, 3)
    written = sum(d.sentences for d in library.documents("status = 'indexed'") if d.path in set(report.updated))
    report.rate = round(written / report.seconds, 1) if report.seconds else 0.0
    report.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
    settings.build_record.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return report
