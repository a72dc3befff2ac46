"""Example questions for the page: read from the admin's file (QA_EXAMPLES_FILE), or made from the
indexed documents' titles, chapters and headings ("《劳动合同法》关于试用期是怎么规定的？",
"如何深化新思想教育培训？") and kept only when the assistant answers them. Never tied to one document.
"""
from __future__ import annotations

import logging
import random
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from prompts import render

from .markup import esc

log = logging.getLogger(__name__)
SHOWN = 4
_NUMBERING = re.compile(r"^\s*(#+\s*|第[一二三四五六七八九十百零〇\d]+[编章节条]\s*|[一二三四五六七八九十]+[、.．]\s*|"
                        r"[（(][一二三四五六七八九十\d]+[)）]\s*|\d+[.、．]\s*)")
_VERBS = ("加强", "深化", "推进", "推动", "突出", "强化", "完善", "健全", "建立", "实施", "提升", "提高", "严肃", "抓实",
          "增强", "扩大", "大力", "坚持", "聚焦", "着眼", "锚定", "紧扣", "密切", "注重", "围绕", "优化", "规范", "落实", "促进",
          "做好", "开展", "发挥", "打造", "构建", "加快", "保障", "支持", "引导", "创新", "改进", "统筹", "培育")
_GENERIC = {"总则", "附则", "目录", "附件", "说明", "前言", "一般规定", "其他规定"}


def topic_of(line: str) -> str:
    """The subject a heading or topic line names, without numbering, end punctuation or a lead-in clause."""
    text = _NUMBERING.sub("", line).strip().rstrip("。；;：:，,.！!？?")
    text = re.split(r"[,，;；]", text)[-1].strip()
    return re.sub(r"\s+", "", text)


def question_for(title: str, line: str, chapter: bool) -> str | None:
    topic = topic_of(line)
    if not 2 <= len(topic) <= 24 or topic in _GENERIC or topic == title or "…" in topic:
        return None
    if topic.startswith(_VERBS):
        return render("example_how", topic=topic)
    if chapter and title and not title.endswith("…") and len(title) <= 24:
        return render("example_in_document", title=title, topic=topic)
    return render("example_about", topic=topic)


def candidates(rows: Iterable[tuple[int, str, str, bool]]) -> list[tuple[int, str]]:
    """(document id, question) from (document id, short title, line, is a chapter or heading) rows,
    without repeats, in the order given."""
    seen, out = set(), []
    for doc, title, line, chapter in rows:
        q = question_for(title, line, chapter)
        if q and q not in seen:
            seen.add(q)
            out.append((doc, q))
    return out


def pick(found: list[tuple[int, str]], answers: Callable[[str], bool], count: int = SHOWN) -> list[str]:
    """Up to `count` questions the assistant answers, from as many documents as possible."""
    chosen: list[str] = []
    used: set[int] = set()
    for first_pass in (True, False):
        for doc, q in found:
            if len(chosen) >= count:
                return chosen
            if (first_pass and doc in used) or q in chosen:
                continue
            if answers(q):
                chosen.append(q)
                used.add(doc)
    return chosen


def read_file(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("examples file %s cannot be read: %s", path, exc)
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")][:8]


def document_rows(assistant, documents: int = 12, seed: str = "") -> list[tuple[int, str, str, bool]]:
    """Headings, chapters and short topic lines of a sample of the latest indexed documents."""
    con = assistant.library.con
    ids = [r[0] for r in con.execute("SELECT id FROM documents WHERE status = 'indexed' AND latest = 1 "
                                     "ORDER BY sentences DESC LIMIT 200")]
    random.Random(seed).shuffle(ids)
    rows = []
    for doc in ids[:documents]:
        found = con.execute(
            "SELECT d.short_title, d.title, s.text, s.heading, s.chapter FROM sentences s JOIN documents d "
            "ON d.id = s.doc AND d.version = s.version WHERE s.doc = ? AND (s.heading = 1 OR "
            "(length(s.text) <= 16 AND s.article = '' AND s.item = '')) ORDER BY s.n LIMIT 60", (doc,)).fetchall()
        rows += [(doc, short, text, bool(heading or chapter)) for short, title, text, heading, chapter in found
                 if topic_of(text) not in title]
    return rows


class Examples:
    """The examples for the current index generation (made once per generation)."""

    def __init__(self, file: Path | None, provider: Callable[[], object]):
        self.file, self.provider = file, provider
        self._made: tuple[str, list[str]] = ("", [])
        self._lock = threading.Lock()

    def get(self) -> list[str]:
        if self.file is not None:
            return read_file(self.file)
        try:
            assistant = self.provider()
        except Exception:  # noqa: BLE001 - still loading: no examples yet
            return []
        name = assistant.view.name
        with self._lock:
            if self._made[0] != name or not name:
                def answers(question: str) -> bool:
                    answer = assistant.ask(question)
                    return not answer.abstained and not answer.error

                found = candidates(document_rows(assistant, seed=name))
                random.Random(name).shuffle(found)
                made = pick(found, answers)
                self._made = (name, made)
            return list(self._made[1])


def examples_html(questions: list[str]) -> str:
    if not questions:
        return f'<div class="examples qa"><p class="empty">{esc(render("app_examples_empty"))}</p></div>'
    buttons = "".join(f'<button type="button" class="example" data-q="{esc(q)}">{esc(q)}</button>' for q in questions)
    return (f'<div class="examples qa" role="group" aria-label="{esc(render("app_examples"))}">'
            f'<span class="label">{esc(render("app_examples"))}</span>{buttons}</div>')
