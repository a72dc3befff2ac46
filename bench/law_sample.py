"""Real sentences from the law library for embedding benchmarks, the same ones on every run.

Laws are drawn (with a fixed seed) from several folders of ``shared/corpus/laws`` and split
with the indexer's own splitter; headings and the dates block before ``<!-- INFO END -->``
are left out, so what is measured is the text the indexer embeds most.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.load import read_doc  # noqa: E402
from index.split import split_document  # noqa: E402
from index.types import SourceDoc  # noqa: E402

LAWS = ROOT.parent / "shared" / "corpus" / "laws"
FOLDERS = ("行政法规", "司法解释", "地方性法规/北京", "地方性法规/广东", "经济法", "社会法", "民法商法", "刑法")
MIN_CHARS = 6


def law_documents(root: Path = LAWS, seed: int = 0) -> Iterator[list[str]]:
    """Each law's body sentences (shuffled within the law), laws in a fixed random order."""
    if not root.is_dir():
        raise SystemExit(f"the law corpus is not at {root}: pass --laws")
    files = sorted(p for folder in FOLDERS for p in (root / folder).rglob("*.md"))
    rng = random.Random(seed)
    rng.shuffle(files)
    for path in files:
        doc = read_doc(path, root)
        if not isinstance(doc, SourceDoc):
            continue
        body = doc.text.find("<!-- INFO END -->")
        sentences = [s.text for s in split_document(doc)
                     if not s.is_heading and s.start > body and len(s.text) >= MIN_CHARS]
        rng.shuffle(sentences)
        if sentences:
            yield sentences


def law_sentences(n: int, per_law: int = 40, root: Path = LAWS, seed: int = 0) -> list[str]:
    """``n`` sentences, at most ``per_law`` from each law, so many laws and folders are covered."""
    out: list[str] = []
    for sentences in law_documents(root, seed):
        out.extend(sentences[:min(per_law, n - len(out))])
        if len(out) >= n:
            break
    return out


def corpus_and_queries(n_corpus: int, n_queries: int, per_law: int = 30, root: Path = LAWS,
                       seed: int = 0) -> tuple[list[str], list[str]]:
    """``n_corpus`` sentences to search and ``n_queries`` other sentences of the same laws to ask with."""
    corpus: list[str] = []
    spare: list[str] = []
    for sentences in law_documents(root, seed):
        corpus.extend(sentences[:min(per_law, n_corpus - len(corpus))])
        spare.extend(sentences[per_law:per_law + 2])
        if len(corpus) >= n_corpus:
            break
    rng = random.Random(seed + 1)
    return corpus, rng.sample(spare, min(n_queries, len(spare)))
