"""A question about one place is not answered by another place's local regulation.

"在北京排队的时候抽烟，会被罚款多少？" is about Beijing's rules: 上海市公共场所控制吸烟条例 sets a fine for the same act,
but it does not hold in Beijing. When the question names a place, a candidate from a local document of a
different place is shown among the closest passages but never quoted (the answer abstains if nothing else
answers), and it comes after the others in the order of the hits. National documents apply everywhere.

Places are compared by the head of a local title (上海市… -> 上海). Containment is known only for the
province-level divisions: a question about a city (青岛) may be answered by its province's regulation
(山东省…), which is kept; a question about a province is not answered by one city's regulation.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from index.tokens import normalise
from index.tokens import tagged as tag_words

from .references import LOCAL_TITLE, PLACE_SUFFIX
from .types import Hit

# China's province-level divisions as people name them (a fact of geography, the same for every library).
PROVINCES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 "
    "陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split())

# The country itself: a question "在中国境内…" names no place in it.
COUNTRY = frozenset("中国 中华人民共和国 华 我国 祖国 全国 国内 境内 大陆 内地".split())


def _bare(place: str) -> str:
    """北京市 -> 北京, 广西壮族自治区 -> 广西 (a province's short name when it starts the place)."""
    bare = PLACE_SUFFIX.sub("", place)
    place = bare if len(bare) >= 2 else place
    return next((p for p in PROVINCES if place.startswith(p)), place)


def document_place(hit: Hit) -> str:
    """The place a local document is for ('' for a national one)."""
    found = LOCAL_TITLE.match(hit.record.title or hit.record.short_title or "")
    return _bare(found.group()) if found else ""


def asked_places(words: Iterable[str], hits: Sequence[Hit]) -> tuple[str, ...]:
    """The places among `words` (the question's place words, an English question's Chinese terms) that are
    provinces or the place of a candidate's document: a place-like word the library has no rules for is
    no reason to set any candidate aside."""
    known = {document_place(h) for h in hits} - {""}
    found = (_bare(normalise(w)) for w in words if w)
    return tuple(dict.fromkeys(p for p in found if p in PROVINCES or p in known))


def names_a_place(question: str, also: str = "", places: Iterable[str] = ()) -> bool:
    """A place word in the question (jieba's; the country itself is none), or among an English question's
    Chinese terms (`also`) a province or one of the library's `places`."""
    if any(p.flag == "ns" and p.word not in COUNTRY for p in tag_words(normalise(question))):
        return True
    return bool(set(also.split()) & (PROVINCES | set(places)))


def question_places(question: str, also: str, hits: Sequence[Hit]) -> tuple[str, ...]:
    """asked_places over the question's jieba place words and the extra terms searched for it."""
    tagged = [p.word for p in tag_words(normalise(question)) if p.flag == "ns"]
    return asked_places([*tagged, *also.split()], hits)


def elsewhere(hit: Hit, asked: Sequence[str]) -> bool:
    """Whether the hit's document is a local one of a place the question does not ask about."""
    place = document_place(hit)
    if not place or not asked:
        return False
    if any(place.startswith(q) or q.startswith(place) for q in asked):
        return False
    # a province's regulation may hold in a city the question names: only a named province excludes it
    return not (place in PROVINCES and not any(q in PROVINCES for q in asked))


def unasked_local(hits: Sequence[Hit], named: bool) -> list[bool]:
    """For a question that names no place (`named` False), which hits are local documents that do not answer
    it: all of them, as long as national documents are among the candidates too (a library of one place's
    documents answers its questions, place named or not). A Shanghai regulation's rule is Shanghai's; a
    question that names no place asks what holds everywhere."""
    local = [bool(document_place(h)) for h in hits]
    return local if not named and not all(local) else [False] * len(hits)


def here_first(hits: Sequence[Hit], asked: Sequence[str]) -> list[Hit]:
    """The hits with those from another place's documents last, each group in its order."""
    if not asked:
        return list(hits)
    away = [elsewhere(h, asked) for h in hits]
    return [h for h, a in zip(hits, away) if not a] + [h for h, a in zip(hits, away) if a]
