"""What a question says about documents: the laws it names, the article it asks for, the version.

"劳动合同法第十九条是怎么规定的？" names 劳动合同法 and article 19; "2018年版公司法…" asks for
the 2018 version; "《反垄断法》…" names a document the library does not hold. Titles are
matched against the catalogue's short and full titles (longest match first), after
simplifying traditional characters and folding full-width digits.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass

from index.library import Library
from index.repeals import REPEALED_KEY
from index.structure import chinese_number
from index.tokens import normalise

_NUM = "〇零一二三四五六七八九十百千万两"
ARTICLE_REF = re.compile(rf"第\s*([{_NUM}\d]+)\s*条(之[一二三四五六七八九十]+)?")
# more articles after the first: "第三十六条至第三十八条", "第36至38条", "第三十九条和第四十条", "第十条、第十一条"
RANGE_REF = re.compile(rf"第\s*+([{_NUM}\d]++)\s*+条?\s*+(?:至|到|－|—|~|～|-)\s*+第?\s*+([{_NUM}\d]++)\s*+条")
MORE_REF = re.compile(rf"\s*+(?:和|与|及|以及|、|,|，)\s*+第\s*+([{_NUM}\d]++)\s*+条(?!之)")
MAX_ARTICLES = 10  # quoted for one question at most
ITEM_REF = re.compile(rf"(?:第\s*+[{_NUM}\d]++\s*+款\s*+)?第\s*+([{_NUM}\d]++)\s*+项")  # matched right after the article
YEAR = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:版|修正|修订|修改|的)")
# A year written right before the name ("2018年公司法", "2007年版《反垄断法》") is the version asked for too.
_YEAR_BEFORE = r"((?:19|20)\d{2})\s*年?\s*(?:版|修正|修订|修改)?\s*(?:的)?\s*《?\s*"
OLDER = re.compile(r"旧版|老版|修订前|修正前|修改前|原来的|以前的版本|上一版")
QUOTED = re.compile(r"《([^《》]{2,40})》")
# A document's name as people write it: a run ending in 法 or 条例 (or a 管理/暂行/实施 规定, 办法, 细则),
# cut at words that start a question's other parts; everyday words ending in 法 are not names, nor is a
# 法 that starts another word (法院, 法人, 法官, 法庭, 法治, 法制, 法典, 法律, 法定, 法务, 法理, 法医, 法益).
NAMED = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:条例|法|(?:管理|暂行|若干|实施|保护)(?:规定|办法|细则))(?![律院人官庭治制典定务理医益])")
_RULE_NAMED = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:办法|规定|细则)")
_BREAKS = re.compile(r"[^\u4e00-\u9fff]+|对|关于|按照|根据|依据|依照|里|的|是|有|在|要")
_NOT_NAMES = ("违法", "合法", "依法", "方法", "办法", "做法", "说法", "用法", "看法", "想法", "司法", "执法",
              "立法", "守法", "非法", "不法", "算法", "手法", "写法", "语法", "疗法", "刑法", "无法", "没法", "设法",
              "效法", "书法")
_QUESTION_WORDS = re.compile(r"什么|怎么|如何|哪|吗|呢|多少|几")
_PLACE_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,8}(?:省|市|自治区|特别行政区))\s*$")
PLACE_SUFFIX = re.compile(r"(?:省|市|自治区|自治州|自治县|特别行政区)$")
_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:省|市|自治区|特别行政区)")
# A local document's title starts with its place: 上海市…, 浙江省…, 广西壮族自治区…, 景宁畲族自治县… (not
# 中华人民共和国城市…, 国务院关于…, 人力资源和社会保障部关于…, 城市市容…, whose first 市 is no place's).
LOCAL_TITLE = re.compile(r"^(?!中华人民共和国|国务院|全国|最高人民|关于|人力资源|城市)[\u4e00-\u9fff]{2,6}?"
                         r"(?:省|市|自治区|自治州|自治县|特别行政区)")
MIN_TITLE = 3
# two-character short titles of laws (刑法, 宪法, 水法) name them too; these words end in 法 and name none
_NOT_LAW_NAMES = frozenset("办法 方法 做法 说法 立法 执法 司法 违法 合法 依法 守法 用法 语法 书法 想法 看法 算法 无法 设法 手法 疗法".split())
MIN_ABBREVIATION = 4
PART_CHARS = 6  # parts of short titles up to this length are kept in a set; longer ones are searched for  # "合同法" is another law than 劳动合同法, not a short way of writing it


def abbreviates(name: str, title: str) -> bool:
    """Whether `name` is a short way of writing `title` ("公积金条例" for 住房公积金管理条例, "劳动合同条例" for
    劳动合同法实施条例): its characters in order in the title, the same kind of document (the last two
    characters), at least MIN_ABBREVIATION characters, and the place a local regulation is for kept."""
    if not MIN_ABBREVIATION <= len(name) < len(title) or not title.endswith(name[-2:]):
        return False
    place = _PLACE_HEAD.match(title)
    if place and place.group()[:2] not in name:
        return False
    rest = iter(title)
    return all(ch in rest for ch in name)


@dataclass(frozen=True)
class Doc:
    id: int
    title: str
    short_title: str
    version_date: str
    latest: bool


@dataclass(frozen=True)
class Reference:
    """The documents a question names (one family: all versions and parts), and what it asks of them."""

    name: str  # the name as matched ("劳动合同法")
    family: tuple[Doc, ...]  # every indexed document with that short title
    article_no: int = 0
    article: str = ""  # as written ("第十九条")
    more: tuple[int, ...] = ()  # the articles named after it ("第三十九条和第四十条": (40,); a range: all of it)
    item_no: int = 0  # "第四十二条第四项": 4
    year: str = ""  # a version year the question asks for
    older: bool = False  # "旧版…", "修订前…"

    def chosen(self) -> tuple[Doc, ...]:
        """The version asked for: the year's, the previous one for "旧版", else the latest (all its parts)."""
        dates = sorted({d.version_date for d in self.family}, reverse=True)
        if self.year:
            wanted = [d for d in dates if d.startswith(self.year)]
            date = wanted[0] if wanted else ""
        elif self.older and len(dates) > 1:
            date = dates[1]
        else:
            date = dates[0] if dates else ""
        return tuple(d for d in self.family if d.version_date == date) if date else ()


class Titles:
    """The catalogue's titles, reloaded when the index changes."""

    def __init__(self, library: Library):
        self.library = library
        self._lock = threading.Lock()
        self._by_name: dict[str, list[Doc]] | None = None
        self._places: frozenset[str] | None = None
        self._parts: tuple[frozenset[str], str] | None = None
        self._mixed: bool | None = None
        self._repealed: dict[int, int] | None = None

    def forget(self) -> None:
        with self._lock:
            self._by_name, self._places, self._parts, self._mixed = None, None, None, None
            self._repealed = None

    def holds(self, text: str) -> bool:
        """Whether `text` occurs in some short title (a part of a name being built, as in English titles)."""
        names = self.names()
        with self._lock:
            if self._parts is None:
                shorts = {normalise(d.short_title) for docs in names.values() for d in docs}
                self._parts = (frozenset(t[i:j] for t in shorts for i in range(len(t))
                                         for j in range(i + 1, min(len(t), i + PART_CHARS) + 1)), "\x00".join(shorts))
            parts, joined = self._parts
        return text in parts if len(text) <= PART_CHARS else text in joined

    def places(self) -> frozenset[str]:
        """The places the library's local regulations are for, as people write them ("北京", "浙江")."""
        names = self.names()
        with self._lock:
            if self._places is None:
                heads = [PLACE_SUFFIX.sub("", h.group()) for h in map(LOCAL_TITLE.match, names) if h]
                self._places = frozenset(heads + [h[:2] for h in heads if len(h) >= 4])  # 广西壮族 -> 广西
            return self._places

    def national_and_local(self) -> bool:
        """Does the library hold both national documents and local ones (titles that start with a place)?"""
        names = self.names()
        with self._lock:
            if self._mixed is None:
                local = {bool(LOCAL_TITLE.match(d.title or d.short_title)) for docs in names.values() for d in docs}
                self._mixed = local == {True, False}
            return self._mixed

    def names(self) -> dict[str, list[Doc]]:
        with self._lock:
            if self._by_name is None:
                by_name: dict[str, list[Doc]] = {}
                for d in self.library.documents("status = 'indexed'"):
                    doc = Doc(d.id, d.title, d.short_title, d.version_date, bool(d.latest))
                    for name in {normalise(d.short_title), normalise(d.title)}:
                        if len(name) >= MIN_TITLE or (len(name) == 2 and name.endswith("法")
                                                       and name not in _NOT_LAW_NAMES):
                            by_name.setdefault(name, []).append(doc)
                for docs in by_name.values():  # a family is everything sharing the short title
                    docs.sort(key=lambda x: (x.version_date, x.id))
                self._by_name = by_name
            return self._by_name

    def repealer(self, doc_id: int) -> Doc | None:
        """The later document of the library that repeals this one (index/repeals.py), if any."""
        with self._lock:
            if self._repealed is None:
                raw = json.loads(self.library.get_meta(REPEALED_KEY, "{}") or "{}")
                self._repealed = {int(old): int(new) for old, new in raw.items()}
            by = self._repealed.get(doc_id)
        if by is None:
            return None
        d = self.library.document(by)
        return Doc(d.id, d.title, d.short_title, d.version_date, bool(d.latest)) if d else None

    def family(self, name: str) -> list[Doc]:
        docs = self.names().get(name, [])
        shorts = {d.short_title for d in docs}
        return [d for n in {normalise(s) for s in shorts} for d in self.names().get(n, [])] or docs

    def find(self, question: str) -> Reference | None:
        """The longest catalogue title the question contains (else the one document a shortened name it
        writes stands for), with the article and version it asks for."""
        text = normalise(question)
        found = [name for name in self.names() if name in text and not placed_elsewhere(text, name)]
        if found:
            name = title = max(found, key=len)
        else:
            short = {m: {d.short_title for t, docs in self.names().items() if abbreviates(m, t) for d in docs}
                     for m in [*self._mentions(text), *self._rule_mentions(text)]}
            unique = [(m, normalise(titles.pop())) for m, titles in short.items() if len(titles) == 1]
            if not unique:
                return None
            name, title = unique[0]
        family = tuple({d.id: d for d in self.family(title)}.values())
        rest = text.replace(name, " ")
        span = RANGE_REF.search(rest)
        article = ARTICLE_REF.search(rest) if span is None else ARTICLE_REF.search(f"第{span.group(1)}条")
        year = re.search(_YEAR_BEFORE + re.escape(name), text) or YEAR.search(rest)
        item = ITEM_REF.match(rest[article.end():].lstrip()) if article and span is None else None
        return Reference(name=name, family=family,
                         article_no=chinese_number(article.group(1)) if article and not article.group(2) else 0,
                         article=article.group(0) if article else "", more=more_articles(rest, article, span),
                         item_no=chinese_number(item.group(1)) if item else 0,
                         year=year.group(1) if year and not article_year_only(year.string, year) else "",
                         older=bool(OLDER.search(rest)))

    @staticmethod
    def _mentions(text: str) -> list[str]:
        """Document names the question quotes (《…》) or spells out ("…法", "…条例", "…管理办法"; three
        characters only before an article: "婚姻法第三十二条")."""
        candidates = [q.strip() for q in QUOTED.findall(text)]
        for part in _BREAKS.split(QUOTED.sub(" ", text)):
            for m in NAMED.finditer(part):
                name = m.group(0)
                cited = ARTICLE_REF.match(part, m.end()) is not None  # "婚姻法第三十二条": a name, however short
                if (len(name) >= 4 or cited) and not name.endswith(_NOT_NAMES) and not _QUESTION_WORDS.search(name):
                    candidates.append(name)
        return [name for name in dict.fromkeys(candidates) if name]

    @staticmethod
    def _rule_mentions(text: str) -> list[str]:
        """"放假办法", "考勤规定": a run ending in 办法, 规定 or 细则 (everyday words too, so they are only
        tried as the short form of one catalogue title, never called missing)."""
        parts = _BREAKS.split(QUOTED.sub(" ", text))
        return [m.group(0) for part in parts for m in _RULE_NAMED.finditer(part)
                if m.group(0) not in _NOT_NAMES and not _QUESTION_WORDS.search(m.group(0))]

    def unknown_names(self, question: str) -> list[str]:
        """Document names the question writes that no indexed title matches or is shortened to."""
        titles = self.names()
        return [name for name in self._mentions(normalise(question))
                if not any((t in name and not placed_elsewhere(name, t)) or name in t or abbreviates(name, t)
                           for t in titles)]


def placed_elsewhere(text: str, title: str) -> bool:
    """Whether `text` writes a place right before `title` that the title is not for: "天津市物业管理条例"
    is not the national 物业管理条例 (nor Beijing's)."""
    before = text[: text.find(title)]
    place = _PLACE_BEFORE.search(before[-12:])
    return place is not None and PLACE_SUFFIX.sub("", place.group(1))[:2] not in title


def more_articles(rest: str, article: re.Match | None, span: re.Match | None) -> tuple[int, ...]:
    """The article numbers a question names after its first: the rest of a range, or a list."""
    if span is not None:
        first, last = chinese_number(span.group(1)), chinese_number(span.group(2))
        return tuple(range(first + 1, min(last, first + MAX_ARTICLES - 1) + 1)) if last > first else ()
    if article is None or article.group(2):
        return ()
    more, at = [], article.end()
    while m := MORE_REF.match(rest, at):
        more.append(chinese_number(m.group(1)))
        at = m.end()
    return tuple(more[:MAX_ARTICLES - 1])


def article_year_only(rest: str, year: re.Match) -> bool:
    """A year that is part of a date asked about ("2018年1月1日起…") is not a version."""
    return bool(re.match(r"\s*\d{1,2}\s*月", rest[year.end():]))
