"""The default answerer: quote the sentences that answer, each followed by its [n]."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from index.tokens import words

from .abstain import AbstentionPolicy, evidence
from .answer_spans import answer_spans
from .citations import make_citation
from .kinds import AMOUNT, LIST_QUESTION, RULE
from .item_refs import citing
from .liability import ASKS_PENALTY, penalty_answer
from .lists import MAX_ITEMS, is_list_head, list_of, topics_after, under_heading
from .locality import asked_places, elsewhere, names_a_place, unasked_local
from .preferences import preferred
from .records import Records
from .requests import asks_for_writing
from .selector import Selector
from prompts import render
from .types import Answer, Citation, Hit

# A sentence this short is quoted only with "as_is": otherwise it is a topic line and the sentence
# after it, which says how, is quoted instead. (Stricter than records.TOPIC_LINE_CHARS, which finds
# the line a sentence sits under; 16 fits the seed's topic lines and was not tuned.)
LEAD_MAX_CHARS = 16
KEEP_SHARE = 0.7  # a runner-up is quoted too when the selector rates it at least this share of the best
LIST_SHARE = 0.35  # the same for a list question ("有哪些举措？"), whose answer prose spreads over sentences
ALTERNATIVES = 10  # candidates looked at for one that holds the answer type the best one lacks...
ARTICLE_NUMBER = re.compile(r"^\s*第[^条]{1,8}条\s*")
EARLIER_PARAGRAPH = re.compile(r"前款|上款")
REFERRED_SENTENCES = 6  # sentences looked back for the paragraph a 前款 refers to
ALTERNATIVE_SHARE = 0.5  # ...when the selector rates it at least this share of the best
SEVERAL = re.compile(r"分别|各自|各是|各为|各多少|各几|respectively", re.I)  # asks a value for each of several
_QUESTION_MARK = re.compile(r"[？?]")


def asks_further(text: str) -> bool:
    """A second question after the first ("…要在多长时间内作出决定？情况紧急呢？"): it asks the next case's value."""
    return text.rstrip().endswith(("？", "?")) and sum(bool(p.strip()) for p in _QUESTION_MARK.split(text)) >= 2


def in_best_place(hits: Sequence[Hit], ordered: list[Hit]) -> list[Hit]:
    """`ordered` (a reordering of the selector's `hits`) with its new lead taking the best one's probability and
    the others scaled down by the lead's share of the best (lead / best, not best / lead: the candidates the order
    of preference put behind the lead weigh less as runners-up and alternatives). Keeping their odds against the
    lead instead was measured on 2026-12-02: demoted candidates came back as runners-up (a case's excluded
    ranges quoted beside the fitting one; held-out subset citation precision 0.824 -> 0.816, negative rejection
    0.974 -> 0.949)."""
    if not ordered or not hits or ordered[0] is hits[0]:
        return ordered
    lead, top_p = ordered[0], hits[0].probability
    if lead.probability is None or not top_p:
        return ordered
    ratio = lead.probability / top_p
    others = [h.model_copy(update={"probability": (h.probability or 0.0) * ratio}) for h in ordered[1:]]
    return [lead.model_copy(update={"probability": top_p}), *others]


class ExtractiveAnswerer:
    """Composes answers from retrieved sentences; never writes a word the documents do not contain."""

    def __init__(self, records: Records, known: Callable[[str], bool], policy: AbstentionPolicy,
                 selector: Selector, *, max_sentences: int = 3, max_related: int = 5, window: int = 1,
                 keep_margin: float = 0.25, keep_dense_gap: float = 0.02, tiers: Sequence[Sequence[str]] = ()):
        self.records, self.known, self.policy, self.selector = records, known, policy, selector
        self.max_sentences, self.max_related, self.window = max_sentences, max_related, window
        self.keep_margin, self.keep_dense_gap = keep_margin, keep_dense_gap
        self.tiers = tiers  # categories in tiers of authority (settings.category_tiers)

    def _chosen(self, question: str, hits: Sequence[Hit]) -> list[Hit]:
        """The best sentence, plus close runners-up that cover question words the ones before did not."""
        top = hits[0]
        chosen = [top]
        terms = set(words(question))
        covered = terms & set(words(top.record.text))
        share = LIST_SHARE if LIST_QUESTION.search(question) else KEEP_SHARE
        for hit in hits[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if top.probability is not None:  # the selector's estimate: nearly as likely to answer
                close = similar = (hit.probability or 0.0) >= share * top.probability
            else:
                close = hit.score >= top.score - self.keep_margin
                similar = (hit.dense or 0.0) >= (top.dense or 0.0) - self.keep_dense_gap
            adds = (terms & set(words(hit.record.text))) - covered
            same_document = (hit.record.short_title or hit.record.doc) == (top.record.short_title or top.record.doc)
            if close and similar and adds and same_document:
                chosen.append(hit)
                covered |= adds
        # A short topic line ("深化新思想教育培训。") names what its paragraph does; the sentence after it
        # says how, so that sentence is quoted in its place (the topic line stays visible as context). A short
        # sentence with a figure ("…一般不超过12个月。"), a rule word ("退回商品的运费由消费者承担；") or a clause's
        # semicolon is a rule, no topic line.
        quoted: list[Hit] = []
        for hit in chosen:
            body = ARTICLE_NUMBER.sub("", hit.record.text).strip()
            topic_line = len(hit.record.text) <= LEAD_MAX_CHARS and not hit.as_is and not AMOUNT.search(body) \
                and not RULE.search(body) and not body.endswith(("；", ";"))
            body = self.records.same_paragraph_next(hit.record) if topic_line else None
            if body is not None:
                hit = Hit(record=body, score=hit.score, dense=hit.dense, bm25=None, dense_z=hit.dense_z)
            if all(h.record.id != hit.record.id for h in quoted):
                quoted.append(hit)
        return sorted(quoted, key=lambda h: (h.record.doc, h.record.sentence))

    def _citation(self, n: int, hit: Hit, terms: Sequence[str], ev=None) -> Citation:
        """Citation [n]; with the question's evidence `ev`, the spans holding the kind of answer it asks for."""
        spans = answer_spans(ev, hit.record.text) if ev is not None else ()
        return make_citation(self.records, n, hit, terms, self.window, spans)

    def _refuses(self, ev, hits: Sequence[Hit]) -> bool:
        """With a trained selector: instructions overridden, names the documents never mention, or no
        candidate likely enough to answer. Without one: every rule of the abstention policy."""
        if self.selector.model is None:
            return self.policy.reason(ev) is not None
        return self.policy.reason(ev, selector=True) is not None or not self.selector.confident(hits)

    def answer(self, question: str, hits: Sequence[Hit], also: str = "", own: str | None = None) -> Answer:
        """`own`: the asker's own words, when `question` carries a follow-up's context too."""
        # the order the assistant shows (Selector.rerank), so the quoted sentence is the first source shown
        hits = self.selector.rerank(question, hits, also=also)
        ev = evidence(question, hits, self.known)
        asked = asked_places([*ev.question_places, *also.split()], hits)
        # another place's rules never answer, nor any place's a question that names none (locality.py)
        unasked = unasked_local(hits, bool(asked) or names_a_place(question))
        here = [h for h, u in zip(hits, unasked) if not u and not elsewhere(h, asked)]
        if len(here) < len(hits):
            ev = evidence(question, here, self.known)
        terms = ev.terms
        ordered = in_best_place(here, preferred(question, here, self.records, self.tiers,
                                                place=bool(ev.question_places))) if here else []
        writing = asks_for_writing(question)  # "帮我写一份请假条": the documents are quoted, nothing is written
        answers = ordered and not writing and not self._refuses(ev, here)
        chosen, more = self._typed(question, ev, ordered, own) if answers else ([], [])
        judged = bool(hits) and hits[0].probability is not None  # a trained selector rated the candidates
        confidence = round(sum(h.probability or 0.0 for h in here), 4) if judged else None
        if not chosen:
            text = render(("not_written" if writing else "not_found") + ("" if ev.chinese else "_en"))
            related = [self._citation(i, h, terms) for i, h in enumerate(hits[:3], 1)]
            return Answer(question=question, answer=text, abstained=True, related=related, confidence=confidence)
        citations = [self._citation(i, h, terms, ev) for i, h in enumerate(chosen, 1)]
        answer = "".join(f"{c.text}[{c.n}]" for c in citations)
        cited = {c.sentence_id for c in citations}
        rest = [Hit(record=r, score=0.0) for r in more] + [h for h in hits if h.record.id not in cited]
        related = [self._citation(i, h, terms) for i, h in enumerate(rest[: self.max_related + len(more)],
                                                                    len(citations) + 1)]
        notices = [render("list_more", count=len(more))] if more else []
        return Answer(question=question, answer=answer, citations=citations, related=related, notices=notices,
                      confidence=confidence)

    def _typed(self, question: str, ev, hits: Sequence[Hit], own: str | None = None) -> tuple[list[Hit], list]:
        """The quoted hits (with their list) led by the best candidate that holds what the question asks
        for (a number of the unit asked, a place, a person, N items), or whose next sentence in its article or
        paragraph does (then both are quoted). When the best does not, a runner-up
        the selector still rates at least ALTERNATIVE_SHARE of it and that does is quoted instead; when
        none does, nothing is (the answer abstains)."""
        lacks = partial(self.policy.lacks_answer_type, ev)
        if ASKS_PENALTY.search(question) and (found := penalty_answer(self.records, lacks, ev.terms, hits,
                                                                    self.max_sentences)):
            return found, []
        top_p = hits[0].probability
        for i, lead in enumerate(hits[:ALTERNATIVES]):
            if i and (top_p is None or (lead.probability or 0.0) < ALTERNATIVE_SHARE * top_p):
                continue
            ordered = [lead, *hits[:i], *hits[i + 1:]]
            chosen, more = self._as_list(question, lead, self._chosen(question, ordered), ev)
            if not lacks([h.record.text for h in chosen]):
                if not more and SEVERAL.search(question):
                    return self._each(ev, chosen), more
                if not more and asks_further(own or question):  # the next case's value: in the sentence after
                    return self._each(ev, chosen, sides=(1,)), more
                return chosen, more
            # the sentence names the case and the next one gives the figure ("…的，由…责令改正；" "处…罚款。")
            after = self.records.neighbour(chosen[-1].record, 1) if not more else None
            same_place = after is not None and after.doc == chosen[-1].record.doc and (
                after.article_no == chosen[-1].record.article_no if after.article_no
                else after.paragraph == chosen[-1].record.paragraph) \
                and not (after.item and chosen[-1].record.item)  # the next item is another case, not this one's figure
            if (same_place and not lacks([after.text])):
                return [*chosen, Hit(record=after, score=lead.score, probability=lead.probability, as_is=True)], more
            # "用人单位未按前款规定提出…的": the paragraph it refers to gives the figure (quoted first)
            referred = next((r for r in self._referred(chosen[0].record) if not more
                             and not lacks([r.text])), None)
            if referred is not None:
                return [Hit(record=referred, score=lead.score, probability=lead.probability, as_is=True), *chosen], more
            # "（三）非法占用、损坏无障碍设施。": the item names the case, its list's head gives the figure
            # ("逾期未改正的，…对个人处一百元以上五百元以下罚款：")
            head = list_of(self.records, lead.record) if not more and lead.record.item else None
            if head is not None and not lacks([head[0].text]):
                return [Hit(record=head[0], score=lead.score, probability=lead.probability, as_is=True), lead], more
            # "（六）筹集…维修资金；": a later sentence of its article cites the item by number and gives the
            # figure ("决定前款第六项至第八项规定的事项，应当经…四分之三以上的业主…同意")
            cites = next((r for r in citing(self.records, lead.record) if not more and not lacks([r.text])), None)
            if cites is not None:
                return [lead, Hit(record=cites, score=lead.score, probability=lead.probability, as_is=True)], more
        return [], []

    def _each(self, ev, chosen: list[Hit], sides: tuple[int, ...] = (-1, 1)) -> list[Hit]:
        """"单位和个人分别按多少比例交？": the sentences next to the quoted one in its article (or paragraph) that
        hold the kind of answer asked for too, quoted beside it ("…单位…2%…", "…职工…1%…")."""
        if len(chosen) != 1 or not self.policy.asks_a_kind(ev):
            return chosen  # only a kind of answer asked for tells which neighbours hold one too
        record = chosen[0].record
        around = [self.records.neighbour(record, side) for side in sides]
        same = [r for r in around if r is not None and r.doc == record.doc and (
            r.article_no == record.article_no if record.article_no else r.paragraph == record.paragraph)
            and not self.policy.lacks_answer_type(ev, [r.text])]
        extra = [Hit(record=r, score=chosen[0].score, probability=chosen[0].probability, as_is=True) for r in same]
        return sorted([*chosen, *extra][: self.max_sentences], key=lambda h: h.record.sentence)

    def _referred(self, record) -> list:
        """The previous paragraph of the sentence's article, when the sentence refers to it (前款)."""
        if not record.article_no or not EARLIER_PARAGRAPH.search(record.text):
            return []
        earlier = [r for r in self.records.span(record, REFERRED_SENTENCES, 0)
                   if r.doc == record.doc and r.article_no == record.article_no and r.paragraph < record.paragraph]
        last = max((r.paragraph for r in earlier), default=None)
        return [r for r in earlier if r.paragraph == last]

    def _as_list(self, question: str, top: Hit, chosen: list[Hit], ev) -> tuple[list[Hit], list]:
        """A list head with its items (an item with its list, for a list question; a heading or topic line
        with what it introduces, for a list or how question). Returns the hits to quote and the items
        left over beyond MAX_ITEMS."""
        wants = bool(LIST_QUESTION.search(question))
        record = top.record
        found = list_of(self.records, record)
        if found and (is_list_head(record) or wants):
            head, items = found
            quoted = [head, *items]
        elif wants and record.heading:
            quoted = [record, *under_heading(self.records, record)]
            if len(quoted) == 1:
                return chosen, []
        elif wants and (topics := topics_after(self.records, record)):
            quoted = [record, *topics]
        elif found and record.item and not self.policy.asks_a_kind(ev) and not RULE.search(record.text) \
                and RULE.search(found[0].text):  # the item names a case, its head says what holds for it
            quoted = [found[0], *(h.record for h in chosen if h.record.id != found[0].id)]
        else:
            return chosen, []
        shown, more = quoted[: MAX_ITEMS + 1], quoted[MAX_ITEMS + 1:]
        return [Hit(record=r, score=top.score, probability=top.probability, as_is=True) for r in shown], more
