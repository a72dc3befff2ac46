"""HTML (.html, .htm): the main text only, h1–h6 as Headings, the title from <title>.

trafilatura finds the main content (navigation, headers, footers, sidebars, scripts left out); when it
finds none, lxml keeps the block elements outside nav/header/footer/aside/script/style/form. Tables
become rows with cells joined by a tab. The encoding comes from the page's meta charset, else detection.
"""
from __future__ import annotations

import re
from pathlib import Path

from .reasons import unreadable
from .text import decode_bytes, is_blank
from .types import ExtractedText, join_lines

META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_-]{2,30})""", re.I)
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}  # GB18030 decodes what pages mislabel
BOILERPLATE = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe", "template")
XML_BLOCKS = ("head", "p", "item", "row", "code")  # trafilatura's XML
BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "pre", "blockquote", "tr", "caption"}


def decode_html(data: bytes) -> tuple[str, str]:
    if m := META_CHARSET.search(data[:4096]):
        name = m.group(1).decode("ascii").lower()
        try:
            return data.decode(ALIASES.get(name, name)).replace("\r\n", "\n"), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _text(element) -> str:  # noqa: ANN001 - an lxml element
    """Its text with whitespace runs as one space; a line break or a nested block is set off by a space."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in ("br", "lb"):
            parts.append(" ")
        elif isinstance(child.tag, str):  # not a comment or processing instruction
            inner = _text(child)
            parts.append(f" {inner} " if child.tag in BLOCKS or child.tag in ("div", "ul", "ol", "table") else inner)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _blocks_trafilatura(source: str) -> list[tuple[str, int]] | None:
    """(text, heading level or 0) for each block trafilatura keeps, or None when it finds no main text."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(source, output_format="xml", include_tables=True, include_comments=False,
                              include_links=False, include_images=False, favor_recall=True)
    if not xml:
        return None
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    blocks: list[tuple[str, int]] = []
    for element in main.iter(*XML_BLOCKS):
        if any(a.tag in XML_BLOCKS for a in element.iterancestors()):
            continue
        if element.tag == "row":
            blocks.append(("\t".join(_text(cell) for cell in element.iter("cell")), 0))
        else:
            level = re.fullmatch(r"h([1-6])", element.get("rend", "h2")) if element.tag == "head" else None
            blocks.append((_text(element), int(level.group(1)) if level else 2 if element.tag == "head" else 0))
    return blocks


def _blocks_lxml(root) -> list[tuple[str, int]]:  # noqa: ANN001 - lxml.html root
    for element in root.xpath(" | ".join(f"//{tag}" for tag in BOILERPLATE)):
        element.drop_tree()
    blocks: list[tuple[str, int]] = []
    for element in root.iter(*BLOCKS):
        if any(a.tag in BLOCKS for a in element.iterancestors()):
            continue
        if element.tag == "tr":
            text = "\t".join(_text(cell) for cell in element if cell.tag in ("td", "th"))
        else:
            text = _text(element)
        blocks.append((text, int(element.tag[1]) if re.fullmatch(r"h[1-6]", element.tag) else 0))
    return blocks


def read_html(path: Path) -> ExtractedText:
    import lxml.html

    source, encoding = decode_html(path.read_bytes())
    source = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)  # lxml refuses a str that declares its encoding
    try:
        root = lxml.html.document_fromstring(source)
    except Exception as exc:  # lxml refuses documents it cannot parse at all
        raise unreadable("corrupt", kind="HTML") from exc
    title = " ".join((root.findtext(".//title") or "").split()) or None
    blocks = _blocks_trafilatura(source) or _blocks_lxml(root)
    body, headings = join_lines((text, level or None) for text, level in blocks)
    if is_blank(body):
        raise unreadable("no_text")
    return ExtractedText(text=body, format="html", title=title, headings=headings, encoding=encoding)
