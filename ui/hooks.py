"""What the page is handed by the server (web/server.py): it never answers or reads the library by
itself, so every question goes through the same limits as the other surfaces."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.types import Answer

AskFn = Callable[[str, list[dict], Any], Answer]  # (question, history, gr.Request) -> Answer; refusals have `error`
VoteFn = Callable[[str, str, Any], str]  # (answer id, "up" | "down", gr.Request) -> message to show


@dataclass
class Viewer:
    """Who is looking at the page: `label` keys their saved conversations; `admin` names an admin."""

    label: str
    admin: str | None = None


@dataclass
class PageHooks:
    ask: AskFn
    vote: VoteFn
    status: Callable[[], Iterator[dict | str]]
    documents: Callable[[], Any | None] = lambda: None  # assistant.documents.Documents, None while loading
    viewer: Callable[[Any], Viewer] = lambda request: Viewer("anonymous")
    examples: Callable[[], list[str]] = lambda: []
    admin_token: bool = False  # an admin token is configured: the admin panel asks for it
    max_question_chars: int = 500
    max_file_mb: float = 50
    upload_folder: str = "uploads"
    storage_secret: str | None = None  # gr.BrowserState's key (stable across restarts)
    api: Mapping[str, Callable] = field(default_factory=dict)
