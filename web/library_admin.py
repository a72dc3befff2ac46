"""The library's admin actions: save an uploaded file into the library folder, delete a document's
file, re-index one document or all, each as a job run by one background thread (one at a time).

Jobs call `index.build.build_index`; the running app picks up the new index generation by itself
(the assistant's index view reloads when the build flips CURRENT). A deleted file is removed by a
full build, which drops every catalogued document whose file is gone.
"""
from __future__ import annotations

import logging
import os
import queue
import re
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prompts import render
from settings import Settings

from .errors import ApiError

log = logging.getLogger("web.admin")
SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
TYPES = " ".join(SUPPORTED)
_FOLDER = re.compile(r"^[^/\\\x00-\x1f.][^/\\\x00-\x1f]{0,63}$")
KEEP_JOBS = 20


@dataclass
class Job:
    id: str
    task: str
    state: str = "queued"  # queued | running | done | failed
    lines: list[str] = field(default_factory=list)
    summary: str = ""
    error: str = ""
    queued: float = field(default_factory=time.time)
    finished: float = 0.0

    def view(self) -> dict:
        return asdict(self) | {"lines": self.lines[-5:]}


def safe_name(name: str) -> str:
    """The file name an upload is saved under: its last path part, without control characters."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f]", "", base).strip().lstrip(".")
    return base[:120]


class LibraryAdmin:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.seeds = settings.seeds_dir.resolve()
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[tuple[Job, list[Path] | None]] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # --- files ------------------------------------------------------------------------
    def folder(self, category: str) -> Path:
        name = (category or "").strip() or self.settings.upload_folder
        if not _FOLDER.fullmatch(name):
            raise ApiError("bad_folder", name=name[:80])
        return self.seeds / name

    def save(self, filename: str, data: bytes, category: str = "") -> tuple[Path, bool]:
        """Write an upload into its folder (atomically; a file of the same name is replaced)."""
        name = safe_name(filename)
        if not name or not name.lower().endswith(SUPPORTED):
            raise ApiError("bad_file", name=name or "?", types=TYPES)
        if len(data) > self.settings.max_file_bytes:
            raise ApiError("file_too_large", name=name, mb=f"{self.settings.max_file_mb:g}")
        folder = self.folder(category)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        replaced = target.exists()
        temp = folder / f".{name}.{uuid.uuid4().hex[:8]}.part"  # hidden: a build never reads it
        temp.write_bytes(data)
        os.replace(temp, target)
        return target, replaced

    def library_path(self, doc_path: str) -> Path:
        """The file of a catalogued document, which must lie in the library folder."""
        path = (self.seeds / doc_path).resolve()
        if not path.is_relative_to(self.seeds) or path == self.seeds:
            raise ApiError("outside_library", path=doc_path)
        return path

    # --- jobs ---------------------------------------------------------------------------
    def submit(self, task: str, paths: list[Path] | None) -> Job:
        """Queue a build of `paths` (None: the whole library folder)."""
        job = Job(id=uuid.uuid4().hex[:12], task=task)
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > KEEP_JOBS:
                self.jobs.popitem(last=False)
            self._queue.put((job, paths))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="library-admin", daemon=True)
                self._thread.start()
        return job

    def _work(self) -> None:
        from index.build import build_index

        while True:
            try:
                job, paths = self._queue.get(timeout=5)
            except queue.Empty:
                with self._lock:
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            job.state = "running"
            try:
                report = build_index(self.settings, paths, progress=job.lines.append)
                job.summary = render("admin_job_summary", documents=report.documents, sentences=report.sentences,
                                     skipped=len(report.skipped))
                job.lines += [render("build_skipped_line", line=line) for line in report.skipped]
                job.state = "done"
            except Exception as exc:  # noqa: BLE001 - a failed job is reported, the server stays up
                log.exception("library job %s failed", job.task)
                job.state, job.error = "failed", str(exc)[:300]
            job.finished = time.time()

    def state(self) -> dict:
        jobs = [j.view() for j in reversed(self.jobs.values())]
        busy = any(j["state"] in ("queued", "running") for j in jobs)
        return {"busy": busy, "jobs": jobs}
