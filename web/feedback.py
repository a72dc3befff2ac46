"""Votes on answers the server gave: one record per answer id in a JSON-lines file.

The server remembers the answers it handed out (the most recent `capacity`,
for `ttl_s`), so a vote can only refer to one of them; a second vote on the same
answer replaces the first one in the file (rewritten atomically) instead of
adding a line. A read-only data folder turns voting off with `feedback_off`.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path

from assistant.types import Answer

from .errors import ApiError

log = logging.getLogger(__name__)


class FeedbackStore:
    def __init__(self, path: Path, capacity: int = 20_000, ttl_s: float = 7 * 24 * 3600):
        self.path, self.capacity, self.ttl_s = path, capacity, ttl_s
        self._given: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self._voted: set[str] | None = None  # answer ids already in the file, read on first vote
        self._lock = threading.Lock()

    def remember(self, answer: Answer, user: str | None) -> None:
        """Keep what a later vote on `answer.id` records (refused questions are not votable)."""
        if answer.error:
            return
        record = {"answer_id": answer.id, "question": answer.question, "answer": answer.answer,
                  "sentence_ids": [c.sentence_id for c in answer.citations], "abstained": answer.abstained,
                  "user": user}
        with self._lock:
            self._given[answer.id] = (time.monotonic(), record)
            while len(self._given) > self.capacity:
                self._given.popitem(last=False)

    def vote(self, answer_id: str, vote: str, user: str | None, comment: str = "") -> bool:
        """Record `vote` ("up"/"down") on a given answer; True when it replaced an earlier vote."""
        with self._lock:
            given, record = self._given.get(answer_id, (0.0, None))
            if record is None or time.monotonic() - given > self.ttl_s:
                raise ApiError("unknown_answer")
            line = {**record, "vote": vote, "comment": comment or None, "voter": user,
                    "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds")}
            try:
                return self._write(line)
            except OSError as exc:
                log.warning("feedback not saved: %s", exc.strerror or exc)
                raise ApiError("feedback_off") from None

    def _write(self, line: dict) -> bool:
        encoded, target = json.dumps(line, ensure_ascii=False), line["answer_id"]
        if self._voted is None:
            self._voted = {_answer_id(raw) for raw in self._lines()} - {None}
        if target not in self._voted:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(encoded + "\n")
            self._voted.add(target)
            return False
        kept = [encoded if _answer_id(raw) == target else raw for raw in self._lines()]
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write("\n".join(kept) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)
        return True

    def _lines(self) -> list[str]:
        if not self.path.exists():
            return []
        return [raw for raw in self.path.read_text(encoding="utf-8", errors="replace").splitlines() if raw.strip()]


def _answer_id(raw: str) -> str | None:
    """The answer id of one line (None for older lines without one, or lines that do not parse)."""
    try:
        found = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return found.get("answer_id") if isinstance(found, dict) else None
