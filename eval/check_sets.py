"""`python -m eval.check_sets`: validate the library question sets against the corpus.

Checks eval/laws.jsonl, eval/laws_dev.jsonl and eval/laws_test.jsonl (and eval/seed_english.jsonl against
seeds/): valid JSON, unique ids, no question shared between two library sets, every
``doc`` present, every gold string verbatim inside one sentence of a named doc (Markdown
marks removed, whitespace ignored), every fact inside a sentence that holds a gold
string, the ``subset`` flag in step with eval/laws_subset.txt, article lookups quoting
every sentence of their article, missing-article questions naming an article the law
lacks, and the tag minimums. Prints the tag counts; exits 1 on any problem.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from eval.dataset import UNANSWERABLE, squash
from eval.lawtext import read_law, split_sentences
from eval.set_rules import check_fields, check_minimums, load_lines, overlap

EVAL_DIR = Path(__file__).resolve().parent
REPO = EVAL_DIR.parent
SUBSET_FILE = EVAL_DIR / "laws_subset.txt"
MIN_GOLD = 8
# held-out, development, and a test set written on 2026-12-03 and never tuned on (README)
LIBRARY_SETS = ("laws.jsonl", "laws_dev.jsonl", "laws_test.jsonl")


def laws_dir() -> Path:
    """The corpus root from settings: $QA_LAWS_DIR, else ../shared/corpus/laws beside the repository."""
    from settings import Settings

    return Settings().laws_dir


def load_subset(path: Path = SUBSET_FILE) -> list[str]:
    """The subset's entries (folders or files relative to the corpus root); '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line.rstrip("/") for line in lines if line]


def in_subset(doc: str, subset: list[str]) -> bool:
    return any(doc == entry or doc.startswith(entry + "/") for entry in subset)


def _check_gold(q: dict, root: Path, subset: list[str]) -> list[str]:
    where, problems = q["id"], []
    texts = {doc: read_law(root / doc) for doc in q["docs"] if (root / doc).is_file()}
    holders: list[str] = []
    reachable = True
    for gold in q["gold"]:
        found = {doc: text.find(gold) for doc, text in texts.items()}
        found = {doc: sentence for doc, sentence in found.items() if sentence}
        if not found:
            problems.append(f"{where}: gold not in any named doc: {gold!r}")
            reachable = False
            continue
        sentence = next(iter(found.values()))
        whole = squash(gold) in {squash(sentence), squash(sentence)[:-1]}
        if len(squash(gold)) < MIN_GOLD and not whole:
            problems.append(f"{where}: gold shorter than {MIN_GOLD} characters: {gold!r}")
        holders.extend(found.values())
        reachable = reachable and any(in_subset(doc, subset) for doc in found)
    for fact in q["facts"]:
        if holders and not any(squash(fact) in squash(sentence) for sentence in holders):
            problems.append(f"{where}: fact not in a gold sentence: {fact!r}")
    if q["gold"] and q["subset"] != reachable:
        problems.append(f"{where}: subset should be {reachable} (gold reachable in the subset: {reachable})")
    return problems


def _check_article(q: dict, root: Path) -> list[str]:
    where, number = q["id"], q.get("article", "")
    laws = [read_law(root / doc) for doc in q["docs"] if (root / doc).is_file()]
    owners = [law for law in laws if number in law.articles]
    if UNANSWERABLE in q["tags"]:
        return [f"{where}: {number} exists in {law.path.name}" for law in owners]
    if not owners:
        return [f"{where}: {number} not found in {q['docs']}"]
    article, problems = owners[0].articles[number], []
    golds = [squash(gold) for gold in q["gold"]]
    for sentence in article.sentences:
        body = squash(article.body(sentence))
        if len(body) >= MIN_GOLD and not any(gold in squash(sentence) for gold in golds):
            problems.append(f"{where}: {number} sentence not covered by gold: {sentence[:40]}…")
    inside = [squash(s) for s in article.sentences]
    for gold, raw in zip(golds, q["gold"]):
        if not any(gold in s for s in inside):
            problems.append(f"{where}: gold outside {number}: {raw!r}")
    return problems


def check_question(q: dict, root: Path, subset: list[str]) -> list[str]:
    """Every problem with one library question (an empty list when it is sound)."""
    problems = check_fields(q)
    if problems:
        return problems
    for doc in q["docs"]:
        if not (root / doc).is_file():
            problems.append(f"{q['id']}: doc not in the corpus: {doc}")
    if UNANSWERABLE in q["tags"]:
        if q["subset"] and q["docs"] and not any(in_subset(doc, subset) for doc in q["docs"]):
            problems.append(f"{q['id']}: subset question whose closest docs all lie outside the subset")
    else:
        problems += _check_gold(q, root, subset)
    if "article" in q["tags"] or "missing_article" in q["tags"]:
        problems += _check_article(q, root)
    return problems


def check_file(path: Path, root: Path, subset: list[str]) -> tuple[list[str], Counter]:
    """Problems and tag counts of one library set (``subset`` counted as a tag too)."""
    questions, problems = load_lines(path)
    counts: Counter = Counter(total=len(questions))
    for q in questions:
        problems += check_question(q, root, subset)
        counts.update(q.get("tags", []))
        counts["subset"] += bool(q.get("subset"))
    problems += check_minimums(path.name, counts)
    return problems, counts


def check_seed_english(path: Path, seeds: Path) -> tuple[list[str], Counter]:
    """The extra English seed questions: gold verbatim in a seed article, tag minimums."""
    questions, problems = load_lines(path)
    lines = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))).splitlines()
    sentences = [squash(s) for line in lines for s in split_sentences(line)]
    counts: Counter = Counter(total=len(questions))
    for q in questions:
        counts.update(q.get("tags", []))
        problems += [f"{q.get('id')}: gold not inside one seed sentence: {g!r}" for g in q.get("gold", [])
                     if not any(squash(g) in sentence for sentence in sentences)]
    problems += check_minimums(path.name, counts)
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.check_sets", description=__doc__.splitlines()[0])
    parser.add_argument("--laws-dir", type=Path, default=None, help="corpus root (default $QA_LAWS_DIR)")
    args = parser.parse_args(argv)
    root = args.laws_dir or laws_dir()
    if not root.is_dir():
        print(f"corpus not found at {root}: set QA_LAWS_DIR or pass --laws-dir", file=sys.stderr)
        return 2
    subset = load_subset()
    problems: list[str] = []
    for name in LIBRARY_SETS:
        found, counts = check_file(EVAL_DIR / name, root, subset)
        problems += found
        print(f"{name}: " + ", ".join(f"{tag} {n}" for tag, n in counts.most_common()))
    found, counts = check_seed_english(EVAL_DIR / "seed_english.jsonl", REPO / "seeds")
    problems += found
    for i, first in enumerate(LIBRARY_SETS):
        for second in LIBRARY_SETS[i + 1:]:
            problems += overlap(EVAL_DIR / first, EVAL_DIR / second)
    print("seed_english.jsonl: " + ", ".join(f"{tag} {n}" for tag, n in counts.most_common()))
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
