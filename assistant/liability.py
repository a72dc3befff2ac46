"""A penalty question is answered by the sentence that cites the duty's article.

Laws state a duty in one article ("禁止吸烟场所的经营者、管理者负有下列责任：…（五）对…吸烟者予以劝阻") and its
penalty in the legal-liability chapter, often by number alone ("违反本条例第十三条第一款第五项规定的，…处五千元以上
一万元以下罚款"). That sentence shares none of the question's words, so no search finds it for "餐厅对顾客抽烟不劝阻，
会被罚多少？"; the duty's sentence is found, and the sentences of its document that cite its article are read
(`penalty_answer`, which the answerer asks first for a penalty question).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .records import Records
from .types import Hit, SentenceRecord

ASKS_PENALTY = re.compile(r"罚|处分|penalt|\bfined?\b", re.I)
_THIS_DOCUMENT = r"(?:本法|本条例|本规定|本办法|本细则|本决定|本准则)"
_BRACKETS = re.compile(r"[（）()\s]")
MAX_CITING = 8
DUTIES = 3  # candidates read as the duty a penalty question describes
PENALTY_SENTENCES = 3  # sentences read after a penalty's first, in its paragraph
_NUMBER = r"第[零〇一二三四五六七八九十百千]+条"


def _citation(article: str) -> re.Pattern[str]:
    """"本法第三十一条", "本条例…、第十三条": this document's article `article` (a pattern) cited in a sentence."""
    return re.compile(_THIS_DOCUMENT + r"[^。；]{0,40}?" + article)


_CITES_ANY = _citation(_NUMBER)
_BREACH = re.compile(r"违反" + _THIS_DOCUMENT + _NUMBER)  # not "由本条例第十六条规定的有关部门": who enforces


def cites_an_article(text: str) -> bool:
    """"依照本法第三十一条…": the sentence refers to an article of its own document by number."""
    return _CITES_ANY.search(text) is not None


def punishes_a_breach(text: str) -> bool:
    """"违反本法第三十一条第一款规定的…": the sentence is the penalty for breaking an article named by number."""
    return _BREACH.search(text) is not None


def duties(hits: Sequence[Hit], n: int = DUTIES) -> list[Hit]:
    """The candidates that state a rule in an article of their own (no penalty, no reference to another article
    by number): the best-rated one first when it is such a sentence, then the others most like the question by
    the embedding."""
    own = [h for h in hits if h.record.article_no and not h.record.heading and "罚" not in h.record.text
           and not cites_an_article(h.record.text)]
    first = [hits[0]] if hits and own and own[0] is hits[0] else []
    return [*first, *sorted((h for h in own if h is not hits[0]), key=lambda h: -(h.dense or 0.0))][:n]


def citing(records: Records, record: SentenceRecord) -> list[SentenceRecord]:
    """The sentences of the record's document, outside its article, that cite its article ("违反本法第三十一条
    第一款规定的…"); for an item, those that cite its item ("第五项") first."""
    if not record.article or not record.article_no:
        return []
    cites = _citation(re.escape(record.article))
    found = [r for r in records.mentioning(record.doc_id, record.article)
             if r.article_no != record.article_no and cites.search(r.text)][:MAX_CITING]
    item = _BRACKETS.sub("", record.item)
    if item:
        found.sort(key=lambda r: f"第{item}项" not in r.text)
    return found


def sharing(terms: Sequence[str], text: str) -> int:
    """How many of the question's words, besides those that ask for a penalty (罚款), the text holds."""
    return sum(t in text for t in terms if not ASKS_PENALTY.search(t))


def penalty_answer(records: Records, lacks: Callable[[list[str]], bool], terms: Sequence[str], hits: Sequence[Hit],
                   most: int) -> list[Hit]:
    """For a penalty question, the duty it describes quoted with the sentence that cites the duty's article and
    the rest of that paragraph's penalties (at most `most` of them; "违反本条例第五条规定的，…处二百元以上五百元
    以下罚款；" "拒不改正的，处…"), when the best candidate is no such sentence: it gives no penalty
    (`lacks([text])`: the kind of answer asked for is missing), or the penalty for breaking another article.
    [] when the best candidate stands."""
    top = hits[0]
    # the sentence that names the article the best candidate punishes: itself, or its paragraph's first
    # ("违反本条例第五条规定的，…罚款；" "拒不改正的，处…罚款。")
    before = [r for r in records.span(top.record, PENALTY_SENTENCES, 0) if r.paragraph == top.record.paragraph]
    breach = next((r for r in reversed(before) if punishes_a_breach(r.text)), None)
    if breach is None and not lacks([top.record.text]):
        return []
    shared = sharing(terms, top.record.text)
    for found in duties(hits):
        if breach and found.record.article in breach.text and top.record.doc_id == found.record.doc_id:
            return []  # the best candidate is the penalty for this article already
        if breach and sharing(terms, found.record.text) < shared:
            continue  # the penalty that words the question's case ("个人…将湿垃圾与干垃圾混合投放的") stays
        # the citing sentence that names most of the question's words (its party: "期货结算机构", "个人") first
        for cited in sorted(citing(records, found.record), key=lambda r: -sharing(terms, r.text)):
            rest = [r for r in records.span(cited, 0, PENALTY_SENTENCES)[1:] if r.paragraph == cited.paragraph]
            quoted = [r for r in [cited, *rest] if r is cited or not lacks([r.text])]
            if not lacks([r.text for r in quoted]):
                return [found, *(Hit(record=r, score=found.score, probability=found.probability, as_is=True)
                                 for r in quoted[:most])]
    return []
