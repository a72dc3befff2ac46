"""The shape rules of the library question sets: fields, tag vocabulary and tag minimums.

Corpus-independent, so eval/check_sets.py can apply them before it opens a document.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eval.dataset import UNANSWERABLE, squash

KINDS = {"literal", "paraphrase", "everyday", "article", "version", "multi_law", "list", "number",
         "date", "who", "where", "english", "traditional", "followup", "multi", "section",
         "topic_change", "penalty", "outline"}
UNANSWERABLE_KINDS = {"near_miss", "missing_article", "not_in_library", "off_topic", "injection"}
TAGS = KINDS | UNANSWERABLE_KINDS | {UNANSWERABLE}

# Minimum counts per file; "subset_share" is the least share of questions with subset=true.
MINIMUMS: dict[str, dict[str, float]] = {
    "laws.jsonl": {"total": 160, "article": 20, "version": 10, "english": 20, "traditional": 10,
                   "followup": 10, "unanswerable": 35, "multi_law": 5, "list": 5, "everyday": 5,
                   "subset_share": 0.70},
    "laws_dev.jsonl": {"total": 80, "article": 10, "version": 5, "english": 10, "traditional": 5,
                       "followup": 5, "unanswerable": 17, "multi_law": 3, "list": 3, "everyday": 3,
                       "subset_share": 0.70},
    "laws_test.jsonl": {"total": 80, "english": 5, "traditional": 3, "unanswerable": 25, "everyday": 5,
                        "subset_share": 1.0},
    "seed_english.jsonl": {"total": 15, "english": 15},
}


def load_lines(path: Path) -> tuple[list[dict], list[str]]:
    """The JSON objects of a JSON Lines file and the problems met reading it (bad JSON, repeated id)."""
    questions: list[dict] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{number}: not JSON: {exc}")
            continue
        if not isinstance(item, dict) or "id" not in item:
            problems.append(f"{path.name}:{number}: not an object with an id")
            continue
        if item["id"] in seen:
            problems.append(f"{path.name}:{number}: repeated id {item['id']!r}")
        seen.add(item["id"])
        questions.append(item)
    return questions, problems


def check_fields(q: dict) -> list[str]:
    """Field types, tag vocabulary and the rules that tie tags to fields."""
    where = q.get("id", "?")
    types = {"question": str, "gold": list, "facts": list, "tags": list, "docs": list, "subset": bool}
    problems = [f"{where}: field {name!r} missing or not {kind.__name__}"
                for name, kind in types.items() if not isinstance(q.get(name), kind)]
    if problems:
        return problems
    tags = set(q["tags"])
    problems += [f"{where}: unknown tag {tag!r}" for tag in sorted(tags - TAGS)]
    if UNANSWERABLE in tags:
        if q["gold"] or q["facts"]:
            problems.append(f"{where}: unanswerable question with gold or facts")
        if not tags & UNANSWERABLE_KINDS:
            problems.append(f"{where}: unanswerable question without a subtype tag")
    elif not (q["gold"] and q["facts"] and q["docs"]):
        problems.append(f"{where}: answerable question needs gold, facts and docs")
    if ("article" in tags or "missing_article" in tags) and not q.get("article"):
        problems.append(f"{where}: article question without the 'article' field")
    if "followup" in tags or "topic_change" in tags:
        roles = [turn.get("role") for turn in q.get("history", [])]
        if roles[-2:] != ["user", "assistant"]:
            problems.append(f"{where}: follow-up needs a history ending with a user and an assistant turn")
    return problems


def check_minimums(name: str, counts: Counter) -> list[str]:
    """Shortfalls against MINIMUMS for the file called ``name``."""
    problems = []
    for tag, least in MINIMUMS.get(name, {}).items():
        if tag == "subset_share":
            share = counts["subset"] / max(counts["total"], 1)
            if share < least:
                problems.append(f"{name}: subset share {share:.2f} below {least}")
        elif counts[tag] < least:
            problems.append(f"{name}: {counts[tag]} question(s) tagged {tag}, at least {int(least)} needed")
    return problems


def overlap(first: Path, second: Path) -> list[str]:
    """Ids or question texts that appear in both sets (the dev set must be written apart)."""
    a, _ = load_lines(first)
    b, _ = load_lines(second)
    ids = {q.get("id") for q in a} & {q.get("id") for q in b}
    texts = {squash(q.get("question", "")) for q in a} & {squash(q.get("question", "")) for q in b}
    return [f"id in both sets: {i}" for i in sorted(ids)] + [f"question in both sets: {t}" for t in sorted(texts)]
