"""Documents that a later document of the library repeals.

A law or policy that replaces another says so in its closing article: "本法自2021年9月1日起施行。1997年7月7日国务院
发布的《中华人民共和国契税暂行条例》同时废止。", "自本规定施行之日起，《…暂行规定》即行废止". A library keeps both
files, and the old one still reads like a good answer ("契税税率为3—5%" beside the law's "百分之三至百分之五"). The
repealed document is answered from only when a question names it, as an older version is (index/build.mark_latest).

Only a whole document counts: "《…法》第十条同时废止" repeals an article and is left alone, and a title must name an
indexed document dated before the one that repeals it (a re-enacted regulation repeals its own earlier text, which
is the same family: versions already order those).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .records import DocMeta

# one or more titles (joined by 、 和 及 与), then a little text without an article or a sentence end, then the verb
REPEAL = re.compile(r"((?:《[^《》]{2,80}》[、，,和及与]?)+)[^。；;第《》]{0,40}?(?:同时|即行|同日|予以|一并)废止")
TITLE = re.compile(r"《([^《》]{2,80})》")
NATION = "中华人民共和国"
REPEALED_KEY = "repealed"  # the catalogue's meta entry: {repealed id: repealing id}, as JSON


def repealed_titles(text: str) -> list[str]:
    """The titles a document's text declares repealed, without the "中华人民共和国" they may start with."""
    return [t.removeprefix(NATION) for m in REPEAL.finditer(text) for t in TITLE.findall(m.group(1))]


def _names(doc: DocMeta) -> set[str]:
    return {n.removeprefix(NATION) for n in (doc.title, doc.short_title) if n}


def superseded(docs: Iterable[DocMeta], texts: dict[int, str]) -> dict[int, int]:
    """{repealed document id: id of the document that repeals it} over the given documents; `texts`: the
    extracted text of those that may repeal one (the others' may be left out)."""
    docs = list(docs)
    by_name: dict[str, list[DocMeta]] = {}
    for doc in docs:
        for name in _names(doc):
            by_name.setdefault(name, []).append(doc)
    out: dict[int, int] = {}
    for doc in docs:
        for title in repealed_titles(texts.get(doc.id, "")):
            for old in by_name.get(title, []):
                if old.id != doc.id and old.short_title != doc.short_title and old.version_date < doc.version_date:
                    out.setdefault(old.id, doc.id)
    return out
