"""A question's own term of art must be where its answer is.

A library answers "契税的税率是多少？" from 契税法; with that document missing, the best candidates are other
laws' sentences on a neighbouring topic (个人所得税法's "…适用比例税率，税率为百分之二十"), which share the
question's everyday words and the kind of answer it asks for but never say 契税. A word of the question that is rare in general Chinese (jieba's dictionary
counts it at most RARE_IN_GENERAL times, or does not hold a word of three characters or more), is a noun,
and occurs somewhere in the documents, is a term of art the answer must be about. The quoted sentences answer
only when each such term stands in what surrounds them: their article (or paragraph), chapter, section, list
head or document title, whole or by at least half of its character pairs (立遗嘱 in an article on 遗嘱,
税务局 beside 税务机关). Everyday words (老人, 朋友, 小区) are common in general Chinese and are not checked:
laws name those cases in their own words; nor are set phrases of everyday words (物业公司 = 物业 + 公司, 追究责任),
whose rare words alone are.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.tokens import normalise, tagged, word_frequency

from .records import Records
from .types import Hit

RARE_IN_GENERAL = 100  # jieba dictionary counts: 契税 20, 定金 84, 居住权 18; 工龄 103, 小区 414, 时候 31521
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
PARAGRAPH_REACH = 10  # sentences looked at on either side for the paragraph of a sentence outside any article


def _noun(flag: str) -> bool:
    """A noun or a verbal noun; not a person's or place's name (locality.py and the missing names judge those)."""
    return (flag.startswith("n") and not flag.startswith(("nr", "ns"))) or flag == "vn"


def terms_of_art(question: str, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The question's words that are terms of art the documents use."""
    found = []
    for pair in tagged(normalise(question)):
        word = pair.word
        if not _CJK_WORD.fullmatch(word) or not _noun(pair.flag):
            continue
        count = word_frequency(word)
        # two characters jieba's dictionary lacks are most often a cut across words ("个人能" -> 人能)
        if count > RARE_IN_GENERAL or not (count or len(word) >= 3) or not known(word):
            continue
        pieces = _cover(word)  # a set phrase of words (物业公司, 追究责任) is judged by its rare words alone
        found += [p for p in pieces if word_frequency(p) <= RARE_IN_GENERAL] if pieces else [word]
    return tuple(dict.fromkeys(found))


def _cover(word: str) -> list[str]:
    """The word as two or more dictionary words of at least two characters each (物业公司 = 物业 + 公司), fewest
    first; [] when it cannot be written so (居住权, 停工留薪期)."""
    best: dict[int, list[str]] = {0: []}
    for end in range(2, len(word) + 1):
        ways = [best[start] + [word[start:end]] for start in range(end - 1)
                if start in best and (start, end) != (0, len(word)) and word_frequency(word[start:end])]
        if ways:
            best[end] = min(ways, key=len)
    return best.get(len(word), [])


def stands_in(term: str, text: str) -> bool:
    """The term, or at least half of its character pairs, occurs in `text`."""
    if term in text:
        return True
    pairs = [term[i:i + 2] for i in range(len(term) - 1)]
    return 2 * sum(p in text for p in pairs) >= len(pairs)


def surroundings(records: Records, hits: Sequence[Hit]) -> str:
    """The text around the quoted sentences: their documents' titles, chapters, sections, list heads and
    articles (or paragraphs)."""
    parts: list[str] = []
    seen: set[tuple] = set()
    for hit in hits:
        r = hit.record
        parts += [r.title, r.short_title, r.chapter, r.section, r.list_head, r.text]
        place = (r.doc_id, r.article_no) if r.article_no else (r.doc_id, "p", r.paragraph)
        if place in seen:
            continue
        seen.add(place)
        around = records.article(r.doc_id, r.article_no) if r.article_no else [
            s for s in records.span(r, PARAGRAPH_REACH, PARAGRAPH_REACH) if s.paragraph == r.paragraph]
        parts += [s.text for s in around]
    return normalise("\n".join(parts))


def unmet_terms(terms: Sequence[str], records: Records, hits: Sequence[Hit]) -> list[str]:
    """The terms that do not stand around the quoted `hits`."""
    if not terms or not hits:
        return []
    text = surroundings(records, hits)
    return [t for t in terms if not stands_in(t, text)]
