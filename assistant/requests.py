"""Requests to write something ("帮我写一份请假条", "起草一份劳动合同", "translate this into English"): the
assistant quotes the documents and writes nothing of its own, so such a request is declined with that said,
and the closest passages shown, rather than answered with a sentence that happens to share its words.

A question about writing ("遗嘱怎么写才有效？", "帮我写一份遗嘱要注意什么？") is a question, and is answered.
"""
from __future__ import annotations

import re

from index.tokens import normalise

_WRITE = r"(?:写|起草|草拟|拟定?|撰写|代写|编写|生成|翻译|润色|改写|续写)"
_PIECE = r"(?:一?[份篇封个段则条首]|一下|成)"
_REQUEST_ZH = re.compile(rf"(?:帮|替|给|为)(?:我|我们|本人)\s*{_WRITE}|^\s*(?:(?:请|麻烦你?|能不能|可以)\s*)?{_WRITE}{_PIECE}")
_REQUEST_EN = re.compile(r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:write|draft|compose|translate|rewrite)\b",
                         re.I)
# what makes it a question about the documents after all: "…要注意什么？", "…怎么写？", "…需要哪些内容？"
_ASKS = re.compile(r"什么|哪|吗|怎|如何|多少|几|是否|能否|可否|要不要|需不需要|有没有|\b(what|which|how|whether)\b",
                   re.I)


def asks_for_writing(question: str) -> bool:
    """True for a request to compose, translate or rewrite a text, not a question the documents answer."""
    text = normalise(question)
    return bool(_REQUEST_ZH.search(text) or _REQUEST_EN.search(text)) and not _ASKS.search(text)
