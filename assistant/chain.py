"""`Assistant`: the one place that wires settings, catalogue, stores, retriever and answerer into an LCEL chain."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np
from langchain_core.runnables import RunnableLambda

from index.tokens import normalise
from prompts import render
from settings import Settings

from .citations import make_citation
from .conversation import Conversation
from .documents import Documents
from .english import EnglishBridge, article_reference, is_english, law_named
from .everyday import EverydayWords, merged, notice_pairs
from .followup import asks_for_parent, resolve, without_markers
from .further import FurtherSearches
from .index_view import DEFAULT_FILTER, IndexView, SearchFilter
from .locality import names_a_place, question_places
from .outline import Outlines, asks as asks_outline
from .parts import asks_where, inside, scope
from .guard import check_input
from .preferences import preferred
from .records import Records
from .structured import Plan, StructuredAnswers
from .synonyms import Synonyms
from .types import Answer, Answerer, Hit

log = logging.getLogger(__name__)


CONTEXT_SENTENCES = 30  # the nearest sentences that pick an English question's translations, an everyday word's


class Candidates(NamedTuple):
    query: str
    hits: list[Hit]
    also: str  # words the question is compared by besides its own (an English question's Chinese terms)
    searched: str = ""  # what the lexical search was given: the question and every word searched besides it


def _timed(name: str, step: Callable[[dict], dict]) -> RunnableLambda:
    """A chain step that records its own duration in state['timings'] (state is per call)."""

    def run(state: dict) -> dict:
        started = time.perf_counter()
        state = step(state)
        state["timings"][name] = round((time.perf_counter() - started) * 1e3, 3)
        return state

    return RunnableLambda(run, name=name)


def mean_direction(*vectors: np.ndarray) -> np.ndarray:
    """The unit vector halfway between unit vectors: an English question beside its Chinese terms (e5 puts an
    English question far from every Chinese sentence; its terms, however rough, are near the right ones)."""
    total = np.sum(vectors, axis=0)
    return (total / max(float(np.linalg.norm(total)), 1e-12)).astype(np.float32)


class Assistant:
    """Answers questions over the indexed documents: `ask` returns an `Answer`.

    Safe to call from several threads at once: everything a question needs lives in its
    own state dict; the shared parts (records cache, index view) are read-only or locked.
    """

    def __init__(self, settings: Settings, view: IndexView, records: Records, retriever: Any, answerer: Answerer,
                 structured: StructuredAnswers, english: EnglishBridge | None = None, reranker: Any | None = None,
                 conversation: Conversation | None = None, ranker: Any | None = None,
                 everyday: EverydayWords | None = None, synonyms: Synonyms | None = None):
        self.settings, self.view, self.records, self.retriever = settings, view, records, retriever
        self.answerer, self.structured, self.english, self.reranker = answerer, structured, english, reranker
        self.conversation, self.ranker = conversation, ranker  # the answer selector orders the hits last
        self.everyday = everyday
        self.synonyms = synonyms or Synonyms()  # the listed everyday words (员工: 劳动者 职工)
        self.library = records.library
        self.documents = Documents(self.library)
        self.further = FurtherSearches(retriever, settings.category_tiers)  # lower tiers, a term's answering form
        self.outlines = Outlines(records, retriever, settings.neighbour_window)  # "分为哪几章": the document's headings
        self.chain = (
            _timed("normalise", self._normalise)
            | _timed("retrieve", self._retrieve)
            | _timed("rerank", self._rerank)
            | _timed("answer", self._answer)
        )

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        """Build everything from settings (env and .env when none are given)."""
        from .wiring import build_parts

        settings = settings or Settings()
        return cls(settings, *build_parts(settings))

    # --- chain steps -------------------------------------------------------------
    def _normalise(self, state: dict) -> dict:
        state["query"] = state["search"] = query = normalise(resolve(state["question"], state["history"]))
        state["vector"], state["topic"], state["also"], state["replaced"], located = None, None, "", {}, query
        if self.english is not None and is_english(query):  # search Chinese terms too; find the law it names
            state["vector"] = state["topic"] = self.retriever.embed(query)
            context = self.retriever.nearest(state["vector"], CONTEXT_SENTENCES, state["filter"])
            state["also"] = " ".join(self.english.search_terms(query, state["vector"], context))
            state["search"] = f"{query} {state['also']}".strip()
            if state["also"]:  # the dense search too: the question and its Chinese terms, as one direction
                state["vector"] = mean_direction(state["vector"], self.retriever.embed(state["also"]))
            located = self.english.reference_text(query) or query
        elif self.everyday is not None and (unknown := self.everyday.unknown(query)):  # 抽烟: search 吸烟 too
            state["vector"] = self.retriever.embed(query)
            context = self.retriever.nearest(state["vector"], CONTEXT_SENTENCES, state["filter"])
            state["replaced"] = replaced = self.everyday.terms(unknown, context)
            state["search"] = " ".join([query, *(w for found in replaced.values() for w in found)])
        if not is_english(query) and (listed := self.synonyms.of(query)):  # 员工: search 劳动者 too
            state["replaced"] = merged(listed, state["replaced"])  # 租房: the list's 租赁 and the embedding's 出租
            searched = set(state["search"].split())
            state["search"] = " ".join(dict.fromkeys([state["search"], *(w for found in listed.values() for w in found
                                                                        if w not in searched)]))
        state["plan"] = plan = self.structured.plan(located)
        if located is query and is_english(query) and article_reference(query) and (name := law_named(query)):
            # an article of a law whose English name matches no title: never another law's article of that number
            state["plan"] = plan = Plan(unknown=(name,))
        state["direct"] = self.structured.article(query, plan, state["filter"])
        own = normalise(state["question"])  # a follow-up asks its own kind of question; its document may be earlier
        # "劳动合同法第四章里关于经济补偿…": searched in the law, its sentences in that chapter first
        state["part"] = scope(own) if plan.reference is not None and not plan.reference.article_no else []
        if state["direct"] is None and asks_outline(own):
            thread = self.conversation.thread(state["history"]) if self.conversation and state["history"] else None
            state["direct"] = self.outlines.answer(own, plan, state["filter"], thread.docs if thread else ())
        state["filter"] = plan.search(state["filter"])
        chosen = state["filter"].docs or state["filter"].categories  # the caller chose where to look
        state["wider"], tiers = None, self.settings.category_tiers
        if plan.reference is None and not chosen \
                and not names_a_place(query, state["also"], self.structured.titles.places()):
            if self.structured.titles.national_and_local():
                # a question that names no place asks what holds everywhere: national documents, not the many
                # local regulations that restate them for one place (locality.py)
                state["filter"] = replace(state["filter"], national=True)
            if len(tiers) > 1:
                # the highest tier of authority searched, a few of the lower tiers' best beside it (_lower_tiers):
                # the interpretations and rules that restate a law no longer crowd it out of the candidates
                state["wider"] = state["filter"]
                state["filter"] = replace(state["filter"], categories=tuple(tiers[0]))
        state["thread"] = None
        if not plan.unknown and self.structured.titles.find(state["question"]) is None:
            self._follow(state)
        return state

    def _follow(self, state: dict) -> None:
        """A question that goes on with the previous turn: its item, or its documents searched first."""
        thread = self.conversation.thread(state["history"]) if self.conversation and state["history"] else None
        if thread is None:
            return
        item = self.conversation.item(state["question"], thread)
        if item is not None and item[0].doc_id not in state["filter"].exclude_docs:
            anchor, n = item
            state["direct"] = self.structured.article_item(state["question"], anchor.doc_id, anchor.article_no, n)
        elif state["direct"] is None and state["plan"].reference is None \
                and self.conversation.continues(state["question"], thread):
            state["thread"] = thread

    def _retrieve(self, state: dict) -> dict:
        if state["direct"] is not None:  # answered by structure: its sentences are the hits
            records = self.records.by_ids([c.sentence_id for c in state["direct"].citations])
            state["hits"] = [Hit(record=records[c.sentence_id], score=1.0, as_is=True)
                             for c in state["direct"].citations if c.sentence_id in records]
            return state
        k = max(self.settings.top_k, 10)
        previous = asks_for_parent(state["question"], state["history"])
        hits = self._parent_hits(previous, k, state) if previous else []
        if not hits:
            search = state["thread"].search(state["filter"]) if state["thread"] else state["filter"]
            found = self.retriever.retrieve(state["search"], k, search, vector=state["vector"], topic=state["topic"])
            hits = self.conversation.fresh(state["question"], state["thread"], found.hits) if state["thread"] \
                else found.hits
            state["timings"].update(found.timings)
            state["vector"] = found.vector
            if state["wider"] is not None and state["thread"] is None:
                hits = hits + self._lower_tiers(state, hits)
            hits = hits + self.further.of_form(state["query"], search, hits)  # "什么是X？": "所称X，是指…" too
        if state.get("part"):  # the chapter (section) the question names: its sentences, when any were found
            hits = [h for h in hits if inside(h.record.section, state["part"])] or hits
        state["hits"] = hits
        return state

    def _lower_tiers(self, state: dict, hits: list[Hit]) -> list[Hit]:
        """The best few sentences of the lower tiers, after the highest tier's `hits` (further.py)."""
        return self.further.lower_tiers(state["search"], state["wider"], hits, state["vector"], state["topic"])

    def _parent_hits(self, previous_answer: str, k: int, state: dict) -> list[Hit]:
        """"这属于哪一项工作？": find what the previous answer quoted, then the line it sits under."""
        anchors = self.retriever.retrieve(normalise(without_markers(previous_answer)), k, state["filter"]).hits
        parent = self.records.parent(anchors[0].record) if anchors else None
        if parent is None:
            return []
        top = anchors[0].model_copy(update={"record": parent, "score": anchors[0].score + 1.0, "as_is": True})
        state["direct"] = Answer(question=state["question"], answer=f"{parent.text}[1]",
                                 citations=[make_citation(self.records, 1, top, [], self.settings.neighbour_window)])
        return [top, *(h for h in anchors if h.record.id != parent.id)][:k]

    def _rerank(self, state: dict) -> dict:
        """The optional cross-encoder, then the answer selector's ranking (trained on the development questions,
        it puts the answering sentence among the first more often than the fused score does; Selector.rerank), then
        the order of preference among close candidates (preferences.preferred, which the answerer applies to its
        own ranking too). Sentences answered by structure keep their order."""
        if self.reranker is not None:
            state["hits"] = self.reranker.rerank(state["query"], state["hits"])
        if self.ranker is not None and state.get("direct") is None:
            ranked = self.ranker.rerank(state["query"], state["hits"], also=state["also"])
            asked = question_places(state["query"], state["also"], ranked)
            state["hits"] = preferred(state["query"], ranked, self.records, self.settings.category_tiers, asked=asked)
        return state

    def _answer(self, state: dict) -> dict:
        plan = state["plan"]
        if state["direct"] is not None:
            answer = state["direct"]
        elif plan.unknown:
            answer = self.structured.missing_document(state["query"], plan, state["hits"], [])
        else:
            own = normalise(state["question"])  # a follow-up's own words, without the context it was searched with
            answer = self.answerer.answer(state["query"], state["hits"], also=state["also"], own=own)
            if state["thread"] is not None:  # searched within the conversation's documents first
                answer = self._beyond_thread(state) if answer.abstained else answer
            if asked := asks_where(own):  # "…在哪一章？": its chapter, then the answer
                answer = self.outlines.located(state["query"], answer, asked) or answer
        # the answerer's own notices (a long list's remaining items) first
        answer.notices = [*answer.notices, *self._scope_notice(state, answer), *self.structured.version_notices(answer)]
        pairs = notice_pairs(state["replaced"], [c.text for c in answer.citations]) if not answer.abstained else ""
        if pairs:
            answer.notices.append(render("everyday_notice", pairs=pairs))
        state["answer"] = answer
        return state

    def _beyond_thread(self, state: dict) -> Answer:
        """The conversation's documents do not answer: search the whole library (the lower tiers' best beside)."""
        state["thread"] = None
        found = self.retriever.retrieve(state["search"], max(self.settings.top_k, 10), state["filter"],
                                        vector=state["vector"], topic=state["topic"])
        hits = found.hits + (self._lower_tiers(state, found.hits) if state["wider"] is not None else [])
        state["hits"] = self._rerank({**state, "hits": hits})["hits"]
        return self.answerer.answer(state["query"], state["hits"], also=state["also"],
                                    own=normalise(state["question"]))

    def _scope_notice(self, state: dict, answer: Answer) -> list[str]:
        """Say that a follow-up was answered from the documents the conversation is about (when the search
        could have drawn on others)."""
        thread = state["thread"]
        if thread is None or int(self.view.doc_mask(state["filter"]).sum()) <= len(thread.docs):
            return []
        titles = dict.fromkeys(f"《{c.short_title or c.title}》" for c in answer.citations)
        return [render("followup_scope", titles="、".join(titles))] if titles else []

    # --- public API --------------------------------------------------------------
    def is_ready(self) -> bool:
        """True when an index generation is loaded (it may hold no documents)."""
        return self.view.current() is not None

    def retrieve(self, question: str, history: Sequence[dict] = (), search: SearchFilter = DEFAULT_FILTER) -> list[Hit]:
        """The ranked hits the answerer would see (after the optional rerank), before answering."""
        return self.candidates(question, history, search).hits

    def candidates(self, question: str, history: Sequence[dict] = (),
                   search: SearchFilter = DEFAULT_FILTER) -> Candidates:
        """The question as searched (follow-ups resolved), its candidate sentences before selection, the words
        it is compared by besides its own (an English question's Chinese terms) and the lexical search's text."""
        state = {"question": question, "history": list(history), "timings": {}, "filter": search}
        state = self._rerank(self._retrieve(self._normalise(state)))
        return Candidates(state["query"], state["hits"], state["also"], state["search"])

    def ask(self, question: str, history: Sequence[dict] = (), search: SearchFilter = DEFAULT_FILTER) -> Answer:
        return self.run(question, history, search)[0]

    def run(self, question: str, history: Sequence[dict] = (),
            search: SearchFilter = DEFAULT_FILTER) -> tuple[Answer, list[Hit]]:
        """The answer and the ranked hits behind it, from one pass (no hits for a refused question).

        Any input is accepted: a malformed one gets an Answer with `error` set (assistant/guard.py)."""
        started = time.perf_counter()
        checked = check_input(question, history, self.settings)
        if isinstance(checked, Answer):
            return checked, []
        cleaned, notices = checked.question, checked.notices
        generation = self.view.current()
        if generation is None or not generation.n_live:
            return Answer(question=question, answer=render("no_index"), abstained=True, error="no_index"), []
        state = self.chain.invoke({"question": cleaned, "history": checked.history, "timings": {},
                                   "filter": search})
        answer: Answer = state["answer"]
        answer.question = question
        answer.resolved_question = state["query"]
        if state["query"] != normalise(cleaned):
            notices.append(render("followup_notice", resolved=state["query"]))
        answer.notices = notices + answer.notices
        answer.timings = dict(state["timings"])
        answer.timings["total"] = round((time.perf_counter() - started) * 1e3, 3)
        return answer, state["hits"]

    def sample_texts(self, n: int = 2000) -> list[str]:
        """Up to `n` indexed sentences spread over the library (for evaluation controls)."""
        rows = self.library.con.execute(
            "SELECT s.text FROM sentences s JOIN documents d ON d.id = s.doc AND d.version = s.version "
            "WHERE s.row % (1 + (SELECT count(*) FROM sentences) / ?) = 0 LIMIT ?", (n, n)).fetchall()
        return [r[0] for r in rows]
