"""Plain text (.txt): the encoding detected (UTF-8 with or without BOM, UTF-16/32 with BOM, GB18030/GBK, Big5, …)."""
from __future__ import annotations

import codecs
from pathlib import Path

from .reasons import unreadable
from .types import ExtractedText

# Longest BOMs first: the UTF-32-LE mark starts with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Python's str.strip() already strips U+3000 and other Unicode spaces; these are invisible but not "space".
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def is_blank(text: str) -> bool:
    """True when `text` has nothing but whitespace (U+3000 included) and invisible marks."""
    return not text.strip().strip(INVISIBLE).strip()


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) by BOM, strict UTF-8, then charset-normalizer's guess, then strict GB18030."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding.replace("_", "-")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of `data` with newlines normalised, and the encoding it was in; Unreadable when empty or undecodable."""
    found = _detect(data)
    if found is None:
        raise unreadable("binary" if b"\x00" in data[:8192] else "encoding")
    text, encoding = found
    if "\x00" in text[:8192]:  # NULs that decoded as characters: a binary file, not text
        raise unreadable("binary")
    if is_blank(text):
        raise unreadable("empty")
    return normalise_newlines(text), encoding


def read_txt(path: Path) -> ExtractedText:
    text, encoding = decode_bytes(path.read_bytes())
    return ExtractedText(text=text, format="txt", encoding=encoding)
