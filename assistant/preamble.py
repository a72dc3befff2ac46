"""A law's header block answers questions about the law itself, not about what it rules.

Before its first article a law carries its title, the dates it was adopted and amended ("2002年3月24日
《国务院关于修改〈住房公积金管理条例〉的决定》第一次修订") and a table of contents. Those lines share the law's
words with every question about it and hold dates, so "从什么时候开始交住房公积金？" could quote one. They stay
candidates for questions about the document's making and versions; for any other question they go last.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .records import Records
from .types import Hit

ABOUT_THE_DOCUMENT = re.compile(r"修订|修正|修改|施行|公布|颁布|通过|制定|生效|版本|哪一版|哪年的|\b(amend|adopt|enact|"
                                r"promulgat|revis|version|effect|in force)", re.I)


def preamble_last(question: str, hits: Sequence[Hit], records: Records) -> list[Hit]:
    """The hits with header-block lines after the others, unless the question asks about the document itself."""
    if not hits or ABOUT_THE_DOCUMENT.search(question):
        return list(hits)
    header = [records.in_preamble(h.record) for h in hits]
    if not any(header):
        return list(hits)
    return [*(h for h, x in zip(hits, header) if not x), *(h for h, x in zip(hits, header) if x)]
