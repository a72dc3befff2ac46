"""Questions generated from the documents' own forms, asked of the library: does the answer cite the sentence
of that form?

- definitions: every "本法所称X，是指…" (本条例/本规定/本办法 too) of a national document gives "什么是X？" and
  "X的定义是什么？"; right when a cited sentence (of the first two) defines X (assistant/definitions.py).
- penalties: every fine that cites the article of its duty by number alone ("违反本条例第五条规定的，…处二百元以上
  五百元以下罚款") gives "违反“<the duty article's first clause>”这一规定，会被罚多少钱？"; right when a cited
  sentence holds the fine (assistant/liability.py).
- item fines: every item of an article that a later sentence of its article cites by number with a fine ("（三）
  占用、堵塞、封闭疏散通道…的；" … "个人有前款第二项、第三项…行为之一的，处警告或者五百元以下罚款") gives
  "<the item>的，会被罚多少钱？"; right when a cited sentence holds one of those fines (assistant/item_refs.py).
- inclusions: every sentence that opens with a short term followed by 包括 / 分为 and a list ("社会保险基金包括
  基本养老保险基金、…") gives "X包括哪些？" and "X有哪些？"; right when a cited sentence (of the first three)
  holds X and the list's first member.

The terms are sampled with a fixed seed, so a run is comparable with another. No question is written from an
answer. `.venv/bin/python -m eval.form_probes --library subset [--terms 60] [-v]` prints the two shares.
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from eval.library import Which, ensure_library_index, library_settings, subset_entries
from settings import Settings

_LOCAL = re.compile(r"^(北京|上海|天津|重庆|.{2,3}(省|市|自治区))")
_DEFINED = re.compile(r"(?:本法|本条例|本规定|本办法)所称([^的\W\d][\u4e00-\u9fff]{1,9})，是指")
_INCLUDES = re.compile(r"(?:^|[。；\n]|第[一二三四五六七八九十百千]+条\s)([\u4e00-\u9fff]{2,8})，?(?:包括|分为)"
                       r"([^。；：:\n]{2,60}?)[、，]")
_NOT_A_TERM = ("本", "前款", "上述", "其", "该", "下列", "国家", "应当")


def documents(laws: Path, which: Which) -> list[Path]:
    roots = [laws] if which == "full" else [laws / entry for entry in subset_entries()]
    files = [f for root in roots for f in ([root] if root.is_file() else sorted(root.rglob("*.md")))]
    return [f for f in files if not _LOCAL.match(f.stem)]


def forms(files: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """(defined term -> document, listed term -> the list's first member)."""
    defined: dict[str, str] = {}
    listed: dict[str, str] = {}
    for f in files:
        text = f.read_text(encoding="utf-8")
        for m in _DEFINED.finditer(text):
            defined.setdefault(m.group(1), f.stem)
        for m in _INCLUDES.finditer(text):
            term, first = m.group(1), m.group(2).strip()
            if not term.startswith(_NOT_A_TERM) and "的" not in term and len(first) >= 2:
                listed.setdefault(term, first[-6:])
    return defined, listed


_NUM = "[零〇一二三四五六七八九十百千]+"
_ARTICLE = re.compile(rf"^(第{_NUM}条)\s*(.+)$", re.M)
_PENALTY = re.compile(rf"违反本(?:法|条例|规定|办法)(第{_NUM}条)(?:第{_NUM}款)?规定的?，[^。；]*?处([^。；，]*?(?:元|倍)[^。；，]*?)(?:的)?罚款")


def penalties(files: list[Path]) -> dict[str, str]:
    """A duty ("携犬出户时，养犬人应当为犬只束犬链") -> the fine of the sentence that cites its article by number
    alone ("违反本条例第五条规定的，…处二百元以上五百元以下罚款"); one per cited article."""
    found: dict[str, str] = {}
    for f in files:
        articles = {m.group(1): m.group(2) for m in _ARTICLE.finditer(f.read_text(encoding="utf-8"))}
        for body in articles.values():
            for m in _PENALTY.finditer(body):
                duty = re.split(r"[。；：:]", articles.get(m.group(1), ""))[0].strip()
                if 8 <= len(duty) <= 60 and "罚" not in duty and "违反" not in duty:
                    found.setdefault(duty, m.group(2).lstrip("以"))
    return found


_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*(.+?)[；;。]?$")
_ITEM_FINE = re.compile(r"处([^。；，]*?(?:元|倍)[^。；，]*?)(?:的)?罚款")


def item_fines(files: list[Path]) -> dict[str, set[str]]:
    """An item of an article ("占用、堵塞、封闭疏散通道、安全出口…的") -> the fines of the later sentences of its
    article that cite it by number ("个人有前款第二项、第三项…行为之一的，处警告或者五百元以下罚款")."""
    from assistant.item_refs import cited_items

    found: dict[str, set[str]] = {}
    for f in files:
        article: list[str] = []
        for line in [*f.read_text(encoding="utf-8").splitlines(), "第一条 "]:
            line = line.strip()
            if _ARTICLE.match(line) or line.startswith("#"):
                items = [m.group(1) for p in article if (m := _ITEM.match(p))]
                for p in article:
                    fines = [m.group(1).lstrip("以") for m in _ITEM_FINE.finditer(p)] if not _ITEM.match(p) else []
                    for n in cited_items(p) if fines else ():
                        if 0 < n <= len(items) and 6 <= len(items[n - 1]) <= 60:
                            found.setdefault(items[n - 1], set()).update(fines)
                article = []
            if line:
                article.append(line)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", choices=["subset", "full"], default="subset")
    parser.add_argument("--terms", type=int, default=60, help="terms sampled of each form")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each question answered otherwise")
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.definitions import defines

    settings = library_settings(Settings(), args.library)
    ensure_library_index(settings, args.library, show_bar=False)
    assistant = Assistant.from_settings(settings)
    files = documents(settings.laws_dir, args.library)
    defined, listed = forms(files)
    fines = penalties(files)
    cited = item_fines(files)
    rng = random.Random(7)
    checks = {
        "definitions": (lambda t: [f"什么是{t}？", f"{t}的定义是什么？"], sorted(defined),
                        lambda t, texts: any(defines(t, x) for x in texts[:2])),
        "inclusions": (lambda t: [f"{t}包括哪些？", f"{t}有哪些？"], sorted(listed),
                       lambda t, texts: any(t in x and listed[t] in x for x in texts[:3])),
        "penalties": (lambda t: [f"违反“{t}”这一规定，会被罚多少钱？"], sorted(fines),
                      lambda t, texts: any(fines[t] in x for x in texts)),
        "item fines": (lambda t: [f"{t.removesuffix('的')}的，会被罚多少钱？"], sorted(cited),
                       lambda t, texts: any(fine in x for fine in cited[t] for x in texts)),
    }
    for name, (questions, terms, right) in checks.items():
        picked = rng.sample(terms, min(args.terms, len(terms)))
        good = asked = 0
        for term in picked:
            for question in questions(term):
                answer = assistant.ask(question)
                texts = [c.text for c in answer.citations]
                ok = not answer.abstained and right(term, texts)
                good, asked = good + ok, asked + 1
                if args.verbose and not ok:
                    print(f"  {name}: {question} -> {'(abstained)' if answer.abstained else texts[0][:60]}")
        print(f"{name}: {good}/{asked} answered by a sentence of that form ({len(terms)} terms found, "
              f"{len(picked)} sampled)")


if __name__ == "__main__":
    main()
