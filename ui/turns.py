"""What the page keeps of one exchange (a "turn", a plain dict that fits in the browser's storage),
and what it reads from the turns: the history for follow-ups, readable follow-up notices, and
whether a question leans on an earlier one that is not there.
"""
from __future__ import annotations

import re

from assistant.english import is_english
from assistant.followup import is_followup
from assistant.types import Answer, Citation
from prompts import render

from .markup import in_language, say, shorten

# The citation fields the page shows (the rest of a Citation is not stored in the browser).
CITE_FIELDS = ("n", "doc_id", "title", "short_title", "version_date", "latest", "chapter", "section", "article",
               "item", "page", "start", "end", "text", "highlights", "answer_spans", "context_before", "context_after")
MARKERS = re.compile(r"((?:\[\d+\])+)")
_ORDINAL = re.compile(r"第\s*([一二三四五六七八九十两\d]+)\s*(条|个|点|项|方面|类|步|种|部分|句)")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_LEAD = re.compile(r"^(那么|那|它们|它|其|这些|这个|这|那些|该|此|上述|具体|还有|另外|然后|再|还)+")
_GENERIC_ZH = re.compile(r"第\s*[一二三四五六七八九十两\d]+\s*(条|个|点|项|方面|类|步|种|部分|句)|是什么|什么|怎么样|怎么|"
                         r"如何|哪些|哪个|哪一|哪|有|是|的|了|呢|吗|做|办|规定|措施|举措|内容|意思|指|说|讲|要求|作用|情况|具体")
_GENERIC_EN = frozenset(
    "what about how it its they them their this that these those the a an and or is are was were of in on to do does "
    "did say says said mean means one ones first second third fourth fifth next more other others please tell me "
    "details detail specifically then which why".split())

_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})


def compact(c: Citation) -> dict:
    return {f: getattr(c, f) for f in CITE_FIELDS} | {"highlights": [list(h) for h in c.highlights],
                                                     "answer_spans": [list(h) for h in c.answer_spans]}


def make_turn(question: str, answer: Answer, turns: list[dict]) -> dict:
    """The turn for a real answer (an answer or an abstention; refusals never become turns)."""
    english = is_english(question)
    return {"q": question, "a": answer.answer, "id": answer.id, "abstained": answer.abstained, "en": english,
            "notices": readable_notices(answer, question, turns, english),
            "cites": [compact(c) for c in answer.citations], "related": [compact(c) for c in answer.related],
            "ms": answer.timings.get("total"), "vote": None}


def history(turns: list[dict]) -> list[dict]:
    """The conversation as the assistant reads it: each question and the answer text with its [n]."""
    return [m for t in turns for m in ({"role": "user", "content": t["q"]}, {"role": "assistant", "content": t["a"]})]


def pieces(answer: str) -> list[tuple[str, list[int]]]:
    """The answer cut after each group of [n] markers: (quoted text, its citation numbers)."""
    parts = MARKERS.split(answer)
    out = []
    for i in range(0, len(parts) - 1, 2):
        numbers = [int(n) for n in re.findall(r"\d+", parts[i + 1])]
        out.append((parts[i].strip(), numbers))
    tail = parts[-1].strip()
    if tail:
        out.append((tail, []))
    return out


def ordinal(question: str) -> int | None:
    m = _ORDINAL.search(question)
    if not m:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else _NUMERALS.get(word)


def needs_antecedent(question: str) -> bool:
    """A bare follow-up ("第二条呢？", "那具体有哪些措施？", "what about it?"): it names nothing of its own."""
    if not is_followup(question):
        return False
    if is_english(question):
        return not [w for w in re.findall(r"[a-z]+", question.lower()) if w not in _GENERIC_EN]
    core = re.sub(r"[\W_]+", "", question)
    return len(_GENERIC_ZH.sub("", _LEAD.sub("", core))) <= 1


def topic(turns: list[dict]) -> str:
    """The last question that stood on its own (what a chain of follow-ups is about)."""
    for t in reversed(turns):
        if not is_followup(t["q"]):
            return t["q"]
    return turns[-1]["q"] if turns else ""


def readable_notices(answer: Answer, question: str, turns: list[dict], english: bool) -> list[str]:
    """The answer's notices in the question's language, the follow-up one as one readable question."""
    glued = render("followup_notice", resolved=answer.resolved_question) if answer.resolved_question else None
    out = []
    for notice in answer.notices:
        if notice != glued or not turns:
            out.append(in_language(notice, english))
            continue
        n, previous = ordinal(question), [text for text, numbers in pieces(turns[-1]["a"]) if numbers]
        if n is not None and 1 <= n <= len(previous) and len(previous) > 1:
            out.append(say("followup_notice_item", english, n=n, item=shorten(previous[n - 1], 40)))
        else:
            # the topic is put in “…”: quotes inside it become the inner ‘…’ (not ““蓉漂计划”…”)
            inner = shorten(topic(turns), 60).translate(_INNER_QUOTES)
            out.append(say("followup_notice_topic", english, topic=inner, question=shorten(question, 60)))
    return out
