"""`python -m eval.rerank_odds`: how the order of the hits scores at each value of the selector's lead odds.

For the answerable, non-article questions of the seed and library sets (the library over its subset
index), the candidates are ranked three ways: the fused order, the selector's order, and the selector's
order with the fused best kept first unless the selector rates another at least R times as likely
(`Selector.rerank`, R = `assistant.selector.LEAD_ODDS`). Prints hit@1, hit@5 and MRR@10 per set and R.
Choose R on the development sets (eval/dev.jsonl, eval/laws_dev.jsonl); the held-out sets only report.
"""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from eval.dataset import load_questions
from eval.library import ensure_library_index, library_settings
from eval.metrics import first_gold_rank, hit_at, reciprocal_rank
from eval.scoring import gold_text
from settings import Settings

EVAL = Path(__file__).resolve().parent
SETS = (("dev.jsonl", "seed"), ("laws_dev.jsonl", "library"), ("questions.jsonl", "seed"), ("laws.jsonl", "library"))
ODDS = (1.0, 1.5, 2.0, 3.0, 5.0, 10.0, float("inf"))


def _rank(question, hits) -> int | None:
    return first_gold_rank([gold_text(h.record.text, h.record.doc, question) for h in hits], question.gold)


def _scores(ranks: list[int | None]) -> str:
    n = max(len(ranks), 1)
    return (f"{sum(hit_at(r, 1) for r in ranks) / n:.3f} {sum(hit_at(r, 5) for r in ranks) / n:.3f} "
            f"{sum(reciprocal_rank(r) for r in ranks) / n:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.rerank_odds", description=__doc__)
    parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from assistant import Assistant

    base = Settings()
    laws = library_settings(base, "subset")
    ensure_library_index(laws, "subset", show_bar=False)
    assistants = {"seed": Assistant.from_settings(base), "library": Assistant.from_settings(laws)}
    print("set | order | hit@1 hit@5 MRR@10")
    for name, corpus in SETS:
        a = assistants[corpus]
        a.ranker = None  # the fused order, which each variant then reorders
        rows = []
        for q in load_questions(EVAL / name):
            if not (q.answerable and q.gold) or "article" in q.tags or (corpus == "library" and not q.subset):
                continue
            rows.append((q, a.candidates(q.question, q.history_dicts())))
        selector = a.answerer.selector
        print(f"{name} | fused | {_scores([_rank(q, c.hits) for q, c in rows])}")
        print(f"{name} | selector | {_scores([_rank(q, selector.rank(c.query, c.hits, c.also)) for q, c in rows])}")
        for odds in ODDS:
            ranks = [_rank(q, selector.rerank(c.query, c.hits, odds, c.also)) for q, c in rows]
            print(f"{name} | fused best kept below {odds:g}x | {_scores(ranks)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
