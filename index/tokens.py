"""Text normalisation and lexical tokens, shared by the indexer and the retriever."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache

log = logging.getLogger(__name__)

_WORD = re.compile(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]")
# Function words that carry no topic; questions are full of them.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 以 把 将 被 有 哪些 什么 怎么 怎样 如何 多少 几 几个 哪 哪个 吗 呢 吧 啊 "
    "这 那 其 之 等 中 上 下 个 也 都 就 要 会 能 可以 请问 请 问 一下 关于 方面 具体 主要 提到 文中 文章 "
    "里 中的 有关 东西 什么样 是否 为什么 为何 哪里 采取 通过 进行 开展 工作 the a an of to in and or is are "
    "what how which who why does do did for on with by about".split()
)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # exactly Unicode's category Cc


def fold_width(text: str) -> str:
    """Full-width ASCII forms and ideographic space to their half-width forms."""
    return text.translate(_HALF_WIDTH)


def normalise(text: str) -> str:
    """Traditional → simplified Chinese, full-width → half-width, control characters to spaces."""
    return _t2s().convert(fold_width(CONTROL.sub(" ", text)))


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


# jieba's HMM copies its best path at every character, so it is quadratic in a run of characters it does
# not know ("蓉漂" * 20000 took 9 s); it is fed pieces of at most this many. No indexed sentence is longer
# (index/split.py cuts at 400), so the stored tokens do not change.
PIECE_CHARS = 400
# A character jieba never makes part of a word: cutting after one leaves its output unchanged.
_BREAK = re.compile(r"[^\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]")


def pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[str]:
    """`text` in consecutive pieces of at most `limit` characters, cut after a non-word character where
    one lies in the last three quarters of the window, else at the limit; linear in the length."""
    start = 0
    while len(text) - start > limit:
        cut = start + limit
        for found in _BREAK.finditer(text, start + limit // 4, start + limit):
            cut = found.end()
        yield text[start:cut]
        start = cut
    yield text[start:]


@lru_cache(maxsize=1)
def _posseg():
    _jieba()
    import jieba.posseg

    return jieba.posseg


@lru_cache(maxsize=2048)  # about 3.7 kB an entry (7.5 MB at most), measured with tracemalloc on library sentences
def tagged(text: str) -> tuple:
    """jieba's part-of-speech cut of `text` (pairs with .word and .flag), piece by piece. Remembered: one
    question is tagged by several steps (its places, its evidence, the answer spans), about 1.4 ms each."""
    return tuple(pair for piece in pieces(text) for pair in _posseg().cut(piece))


def known_word(word: str) -> bool:
    """Whether jieba's dictionary holds `word` (a real name, not a mis-segmented fragment)."""
    return bool(_posseg().dt.tokenizer.FREQ.get(word))


TOKENS_VERSION = "jieba-search+bigram+pinyin-4/title-2"  # stored per sentence; a change rewrites records (no re-embedding)
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


def words(text: str) -> list[str]:
    """Lower-cased jieba words and their sub-words of a normalised text, minus stopwords."""
    return list(_words(text))


@lru_cache(maxsize=4096)  # about 1.8 kB an entry (7.5 MB at most)
def _words(text: str) -> tuple[str, ...]:
    """words(), remembered: answering one question segments the same candidate sentences several times."""
    found = [w for piece in pieces(normalise(text).lower()) for w in _jieba().lcut_for_search(piece)]
    return tuple(w for w in (w.strip() for w in found) if w and _WORD.search(w) and w not in STOPWORDS)


def tokenize(text: str) -> list[str]:
    """Search tokens: jieba words plus every character bigram of each Chinese run.

    Bigrams catch names jieba does not know (蓉漂 splits into 蓉/漂) and
    paraphrases that share half a word; measured on eval/dev.jsonl they raise
    hybrid MRR@10 (see README, "Retrieval").
    """
    return words(text) + _pairs(text)


@lru_cache(maxsize=1 << 20)
def pinyin_of(word: str) -> str:
    """Toneless pinyin of one word; cached, as the same pairs recur across a library's sentences."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


def _pairs(text: str) -> list[str]:
    return [run[i : i + 2] for run in _CJK_RUN.findall(normalise(text)) for i in range(len(run) - 1)]


def _pinyin_terms(pairs: list[str], found: list[str]) -> list[str]:
    longer = [w for w in found if len(w) > 2 and _CJK_RUN.fullmatch(w)]
    return [pinyin_of(w) for w in dict.fromkeys(pairs + longer)]


def pinyin_terms(text: str) -> list[str]:
    """Toneless pinyin of each Chinese word and character pair ("蓉漂" -> "rongpiao").

    Stored with a sentence only, never added to a question: an English question that
    spells a name in pinyin (Rongpiao, Tianfu) then meets the Chinese word lexically.
    """
    return _pinyin_terms(_pairs(text), words(text))


def index_terms(text: str) -> list[str]:
    """The lexical terms stored for a sentence: its search tokens plus the pinyin of its words
    (the same as tokenize(text) + pinyin_terms(text), segmenting the text once)."""
    found, pairs = words(text), _pairs(text)
    return found + pairs + _pinyin_terms(pairs, found)
