"""The page's HTML in the page's language: Gradio serves its index with `<html lang="en">`; the
page is Chinese, so the attribute says so before any script runs (ui/static/head.js keeps it so
when Gradio's own translations later set the browser's locale)."""
from __future__ import annotations

import re

from .access import route_path

PAGE_LANGUAGE = "zh-CN"
_LANG = re.compile(rb'<html(\s+)lang="[^"]*"')


class PageLanguage:
    """Rewrites the lang attribute of the page's HTML (GET / only, a small response read whole)."""

    def __init__(self, app, language: str = PAGE_LANGUAGE):
        self.app, self.attribute = app, f'lang="{language}"'.encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or route_path(scope) != "/":
            return await self.app(scope, receive, send)
        start: dict | None = None
        body: list[bytes] = []

        async def buffered(message):
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                return await send(message)
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            content = b"".join(body)
            headers = dict(start.get("headers", [])) if start else {}
            if headers.get(b"content-type", b"").startswith(b"text/html"):
                content = _LANG.sub(lambda m: b"<html" + m.group(1) + self.attribute, content, count=1)
            fixed = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            await send({**start, "headers": [*fixed, (b"content-length", str(len(content)).encode())]})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, buffered)
