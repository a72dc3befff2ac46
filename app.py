"""The server: `python app.py` (what `make run` runs) serves the page and the APIs on QA_HOST:QA_PORT.

This is the composition root: it reads the settings, starts loading the
assistant in the background (building the index first when there is none, with
progress on the page's status line), and hands a provider of it to
`web.server.create_app`, which mounts the Gradio page (ui/page.py), the REST API
(/api/v1), the OpenAI-compatible API (/v1), the widget (/widget.js, /embed) and
/metrics on one FastAPI app served by uvicorn. See README, "APIs".
"""
from __future__ import annotations

import logging
import os
import shutil
import threading

from settings import Settings

settings = Settings()
GRADIO_TEMP = settings.data_dir / "gradio-tmp"
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no telemetry or version checks
os.environ.setdefault("GRADIO_TEMP_DIR", str(GRADIO_TEMP))  # emptied at start, swept hourly and at shutdown

from assistant import Assistant  # noqa: E402
from prompts import render  # noqa: E402
from index.build import build_index, index_exists  # noqa: E402
from index.repair import repair_vectors  # noqa: E402
from index.status import check_health  # noqa: E402
from web.service import NotReady  # noqa: E402

log = logging.getLogger("app")
WARM_UP = "预热"


class Loader:
    """Loads the assistant once, in a background thread, building the index first if there is none.

    Progress is a fraction by stage (building: model, then each batch of sentences written, which
    approaches the end of the build's share without knowing the total; loading; warming up)."""

    def __init__(self, settings: Settings):
        self.settings, self.progress, self.fraction = settings, [render("app_loading")], 0.5
        self.assistant: Assistant | None = None
        self.failed = False
        self._lock, self._ready, self._thread = threading.Lock(), threading.Event(), None

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._ready.clear()
                self.failed = False
                self._thread = threading.Thread(target=self._load, name="assistant-loader", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        try:
            if not index_exists(self.settings):
                self.progress, self.fraction = [], 0.02
                self._say(render("app_index_building"))
                self.settings.data_dir.mkdir(parents=True, exist_ok=True)
                build_index(self.settings, progress=self._say)
                self.fraction = 0.85
                self._say(render("app_loading"))
            else:
                self._repair_if_broken()
            assistant = Assistant.from_settings(self.settings)
            self.fraction = max(self.fraction, 0.95)
            assistant.ask(WARM_UP)  # the first question pays for lazy initialisation: not a user's
            self.assistant = assistant
            log.info("assistant ready")
        except Exception:
            log.exception("loading the assistant failed")
            self.failed = True
            with self._lock:
                self._thread = None  # the next question tries again
        finally:
            self._ready.set()

    def _repair_if_broken(self) -> None:
        """A damaged store is reported on the page; with QA_AUTO_REPAIR it is repaired first (vectors from the
        index's own copy, or a rebuild from the seeds when the catalogue or index is damaged)."""
        health = check_health(self.settings)
        if health.ok or not self.settings.auto_repair:
            return
        self.progress = []
        self._say(render("app_repairing"))
        if all("index repair" in p for p in health.problems):
            repair_vectors(self.settings)
        else:
            build_index(self.settings, progress=self._say)

    def _say(self, message: str) -> None:
        log.info("%s", message)
        if message == render("build_loading_model"):
            self.fraction = max(self.fraction, 0.1)
        elif self.fraction < 0.8 and self.progress and message not in (render("app_index_building"),):
            self.fraction += (0.8 - self.fraction) * 0.3  # each batch written: a step towards the build's end
        self.progress.append(message)

    def provide(self) -> Assistant:
        """The loaded assistant; NotReady while it loads (and a new attempt when loading failed)."""
        if self.assistant is None:
            self.start()
            raise NotReady()
        return self.assistant

    def status(self):
        """Generator for the page's status line: progress while loading, then the description."""
        self.start()
        shown = None
        while not self._ready.wait(0.5):
            update = {"lines": self.progress[-3:], "fraction": self.fraction, "ready": False}
            if update != shown:
                shown = dict(update)
                yield update
        if self.failed:
            yield {"lines": [render("app_load_failed")], "failed": True}
            return
        health = check_health(self.settings)  # what the stores hold now, not what a build once said
        lines = [render("app_description", documents=health.documents, sentences=health.sentences)]
        lines += [render("app_problem", problem=p) for p in health.problems]
        if not os.access(self.settings.data_dir, os.W_OK):
            lines.append(render("app_read_only"))
        yield {"lines": lines, "ready": True, "problems": bool(health.problems)}


def split_cores(settings: Settings) -> Settings:
    """Each answering worker gets its share of the cores for torch, unless QA_TORCH_THREADS is set:
    several workers each using every core slow one another down (measured in LOAD.md)."""
    if settings.workers < 2:
        return settings
    share = max(1, (os.cpu_count() or 1) // settings.workers)
    return settings.model_copy(update={"torch_threads": settings.torch_threads or share,
                                       "onnx_threads": settings.onnx_threads or share})


def main() -> None:
    import uvicorn

    from web.observability import setup_logging
    from web.server import create_app

    setup_logging()
    if os.environ["GRADIO_TEMP_DIR"] == str(GRADIO_TEMP):  # ours alone: what an earlier run left goes
        shutil.rmtree(GRADIO_TEMP, ignore_errors=True)
    loader = Loader(split_cores(settings))
    app = create_app(settings, loader.provide, status=loader.status)
    loader.start()
    uvicorn.run(app, host=settings.host, port=settings.port, proxy_headers=False, access_log=False,
                log_config=None, timeout_graceful_shutdown=5)


if __name__ == "__main__":
    main()
