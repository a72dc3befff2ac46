"""Word (.docx) through python-docx: one line per paragraph, tables as text rows, heading styles as Headings.

A paragraph is a heading when its style (or a style it is based on) is Title (level 0), Heading N / 标题 N
(level N), or carries an outline level (level + 1). Page headers, footers and footnotes are left out.
"""
from __future__ import annotations

import re
from pathlib import Path

from .reasons import unreadable
from .text import is_blank
from .types import ExtractedText, join_lines

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx is an OLE container, as is an old .doc
ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")
HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-9])", re.I)
TITLE_STYLES = {"title", "标题"}
CELL_JOIN = "\t"


def _outline_level(element) -> int | None:  # noqa: ANN001 - a w:p or w:style element
    from docx.oxml.ns import qn

    ppr = element.find(qn("w:pPr"))
    lvl = None if ppr is None else ppr.find(qn("w:outlineLvl"))
    if lvl is None:
        return None
    value = int(lvl.get(qn("w:val"), "9"))
    return value + 1 if value < 9 else None  # 9 means body text


def style_level(style) -> int | None:  # noqa: ANN001 - docx.styles.style.ParagraphStyle
    """Heading level given by a paragraph style or a style it is based on, None for body text."""
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() in TITLE_STYLES:
            return 0
        if m := HEADING_STYLE.fullmatch(name):
            return int(m.group(1))
        if (level := _outline_level(style.element)) is not None:
            return level
        style = style.base_style
    return None


def heading_level(paragraph, by_style: dict[str | None, int | None]) -> int | None:  # noqa: ANN001
    """A paragraph's heading level by its own outline level, else its style's (cached per style id)."""
    if (level := _outline_level(paragraph._p)) is not None:
        return level
    style_id = paragraph._p.style
    if style_id not in by_style:  # python-docx's style lookup is slow: once per style
        by_style[style_id] = style_level(paragraph.style)
    return by_style[style_id]


def table_rows(table) -> list[str]:  # noqa: ANN001 - docx.table.Table
    """Each row as its cells' text joined by a tab; a merged cell counts once; line breaks inside become spaces."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append(CELL_JOIN.join(cells))
    return rows


def _open(path: Path):  # noqa: ANN202 - docx.document.Document
    import docx

    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise unreadable("password" if ENCRYPTED_STREAM in path.read_bytes() else "legacy_doc")
    try:
        return docx.Document(str(path))
    except Exception as exc:  # not a zip, parts missing, XML damaged: python-docx raises many kinds
        raise unreadable("corrupt", kind="Word (.docx)") from exc


def read_docx(path: Path) -> ExtractedText:
    from docx.table import Table

    document = _open(path)
    by_style: dict[str | None, int | None] = {}

    def lines():
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                yield from ((row, None) for row in table_rows(block))
            elif (level := heading_level(block, by_style)) is not None:
                yield " ".join(block.text.split()), level
            else:
                yield block.text.strip(), None

    text, headings = join_lines(lines())
    if is_blank(text):
        raise unreadable("empty")
    title = (document.core_properties.title or "").strip() or None
    return ExtractedText(text=text, format="docx", title=title, headings=headings)
