"""Plain text (.txt) with its encoding detected.

Order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; strict GB18030 (GBK and GB2312 files are GB18030),
or UTF-16 without BOM when the file has NUL bytes, if the result reads as simplified Chinese or ASCII;
charset-normalizer's guess for the rest (Big5, …). Newlines become \n. A file of only whitespace (U+3000 included) is empty.
"""
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
    """(text, encoding) by BOM, strict UTF-8, trial GB18030 or UTF-16, then charset-normalizer's guess."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    nul = b"\x00" in data  # never in UTF-8 or GB18030 text; the high half of ASCII characters in UTF-16
    if not nul:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    # Trial decoding before statistical guessing, which fails on short Chinese texts.
    for encoding in ("utf-16-le", "utf-16-be") if nul else ("gb18030",):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_simplified_chinese(text):
            return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (str(best), best.encoding.replace("_", "-")) if best is not None else None


def looks_simplified_chinese(text: str, sample: int = 20000) -> bool:
    """True when nearly every character is ASCII or in GB2312 (common simplified hanzi, CJK punctuation)."""
    def common(c: str) -> bool:
        if c.isascii():
            return True
        try:
            c.encode("gb2312")
            return True
        except UnicodeEncodeError:
            return c.isspace()

    chars = text[:sample]
    return bool(chars) and sum(map(common, chars)) >= 0.97 * len(chars) and "\x00" not in chars


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
