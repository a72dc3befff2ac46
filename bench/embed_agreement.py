"""How far each backend's vectors and neighbours are from torch fp32 on the law library.

`python bench/embed_agreement.py [--corpus 3000] [--queries 100] [--extra NAME=model.onnx ...]`

A library-sized proxy for retrieval quality: N sentences of several laws are embedded as
passages, and other sentences of the same laws, as questions, search them. For each
backend it prints the share of torch's top-10 neighbours it also returns (overlap@10),
how often its first hit is torch's first hit, and the cosine between its vectors and
torch's (mean, 1st percentile, minimum). ``--extra`` adds any exported ONNX graph
(for example a differently quantised one) under a name of your choice.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from index.embed import build_embeddings, onnx_folder, resolve_model_path  # noqa: E402
from index.onnx_embed import OnnxEmbeddings, onnxruntime_runner  # noqa: E402
from law_sample import corpus_and_queries  # noqa: E402
from settings import Settings  # noqa: E402

K = 10


def vectors(embedder, corpus: list[str], queries: list[str]) -> tuple[np.ndarray, np.ndarray]:
    docs = np.asarray(embedder.embed_documents(corpus), dtype=np.float32)
    return docs, np.asarray([embedder.embed_query(q) for q in queries], dtype=np.float32)


def top_k(docs: np.ndarray, queries: np.ndarray, k: int = K) -> np.ndarray:
    scores = queries @ docs.T
    return np.argsort(-scores, axis=1)[:, :k]


def compare(name: str, got: tuple[np.ndarray, np.ndarray], ref: tuple[np.ndarray, np.ndarray]) -> str:
    ref_top, got_top = top_k(*ref), top_k(*got)
    overlap = np.mean([len(set(a) & set(b)) / K for a, b in zip(ref_top, got_top)])
    first = np.mean(ref_top[:, 0] == got_top[:, 0])
    cos = np.concatenate([(got[0] * ref[0]).sum(1), (got[1] * ref[1]).sum(1)])
    return (f"| {name} | {overlap:.3f} | {first:.2f} | {cos.mean():.5f} | {np.percentile(cos, 1):.5f} "
            f"| {cos.min():.5f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=int, default=3000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--backends", default="onnx-fp32,onnx-int8")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=PATH", help="another ONNX graph")
    args = parser.parse_args()
    corpus, queries = corpus_and_queries(args.corpus, args.queries)
    base = Settings()
    ref = vectors(build_embeddings(base.model_copy(update={"embedding_backend": "torch"})), corpus, queries)
    rows = []
    for backend in args.backends.split(","):
        got = vectors(build_embeddings(base.model_copy(update={"embedding_backend": backend})), corpus, queries)
        rows.append(compare(backend, got, ref))
        print(f"… {backend}", file=sys.stderr)
    folder = onnx_folder(base, resolve_model_path(base))
    for spec in args.extra:
        name, path = spec.split("=", 1)
        embedder = OnnxEmbeddings(folder, onnxruntime_runner(Path(path), base.onnx_threads), base.query_prefix,
                                  base.passage_prefix, base.embed_batch_size)
        rows.append(compare(name, vectors(embedder, corpus, queries), ref))
        print(f"… {name}", file=sys.stderr)
    print(f"{len(corpus)} law sentences searched by {len(queries)} other sentences of the same laws; "
          f"reference: torch fp32\n")
    print("| backend | overlap@10 | same first hit | cosine mean | cosine p1 | cosine min |")
    print("| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
