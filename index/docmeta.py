"""Document metadata read from the text and the file name: title, short title, category,
issuing body, 文号, and the adoption, amendment, effective and version dates."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import ARTICLE, CHAPTER, PART

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_DATE = re.compile(r"[（(](\d{4})-(\d{2})-(\d{2})[)）]")
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}令第\s*[\d一二三四五六七八九十百零〇]+\s*号|"
                         r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号)")
_ISSUER = re.compile(r"(第[一二三四五六七八九十百]+届)?((全国|[\u4e00-\u9fff]{2,8}?(省|市|自治区))"
                     r"人民代表大会(常务委员会)?)")
_COUNTRY = "中华人民共和国"
_VERSION_NOTE = re.compile(r"[（(][^（）()]*\d{4}[^（）()]*[）)]$")
HEADER_LINES = 15


@dataclass(frozen=True)
class Dates:
    adopted: str = ""
    amended: str = ""
    effective: str = ""


def iso(m: re.Match) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def short_title(title: str) -> str:
    """The name people use: 中华人民共和国劳动合同法 -> 劳动合同法, without a trailing (2018年修正)."""
    short = title.strip()
    if short.startswith(_COUNTRY) and len(short) > len(_COUNTRY) + 1:
        short = short[len(_COUNTRY):]
    return _VERSION_NOTE.sub("", short).strip() or title.strip()


def header_lines(text: str) -> list[str]:
    """The lines before the first chapter, part or article: where dates and issuers are written."""
    out: list[str] = []
    for line in text.split("\n")[1:]:
        stripped = line.strip().lstrip("#").strip()
        if CHAPTER.match(stripped) or PART.match(stripped) or ARTICLE.match(stripped):
            break
        if stripped:
            out.append(stripped)
        if len(out) >= HEADER_LINES:
            break
    return out


def dates(lines: list[str]) -> Dates:
    adopted = amended = effective = ""
    for line in lines:
        found = [iso(m) for m in _DATE.finditer(line)]
        if not found:
            continue
        if "施行" in line or "生效" in line:
            effective = effective or found[-1]
        if re.search(r"修正|修订|修改", line):
            amended = max(amended, found[0])
        elif "通过" in line or "公布" in line or "发布" in line:
            adopted = adopted or found[0]
    return Dates(adopted, amended, effective)


def version_date(path: str, found: Dates) -> str:
    """The date in the file name ("劳动合同法(2012-12-28).md"), else the latest date of the header."""
    m = _FILE_DATE.search(path.rsplit("/", 1)[-1])
    if m:
        return iso(m)
    return max(found.amended, found.adopted)


def issuer(lines: list[str]) -> str:
    for line in lines:
        if m := _ISSUER.search(line):
            return m.group(2)
        if "国务院" in line and ("公布" in line or "发布" in line):
            return "国务院"
    return ""


def doc_number(lines: list[str]) -> str:
    for line in lines:
        if m := _DOC_NUMBER.search(_DATE.sub(" ", line)):
            return re.sub(r"\s+", "", m.group(1))
    return ""


def category(path: str) -> str:
    """The top folder of the document's path ('' for a file at the top)."""
    return path.split("/", 1)[0] if "/" in path else ""
