"""The e5 tokenizer for questions, in Python: the same ids as the `tokenizers` one, in a tenth of the memory.

`tokenizers` keeps the 250,002-piece unigram vocabulary in a trie that costs about 270 MB of
resident memory, for every answering process, to tokenise one short question at a time. This
class keeps the pieces in one dict (about 30 MB) and runs the same steps for the one text:

1. the added tokens (<s>, <pad>, </s>, <unk>) are matched first, as written;
2. each other section is normalised: the one-character rules as one translate table (see
   `onnx_embed._Tokenizer`), then runs of spaces collapsed;
3. spaces become "▁", and the section at the start of the text gets a leading "▁" (Metaspace,
   prepend "first");
4. every character outside the vocabulary's alphabet stands alone (the Split pre-tokenizer);
5. each piece of text is segmented by Viterbi over the pieces' log probabilities; a character no
   piece starts with is <unk> at the lowest score minus 10, consecutive <unk>s are one;
6. <s> … </s> around, at most `max_tokens` in all.

`from_spec` returns None for a tokenizer spec of any other shape; the caller then keeps `tokenizers`.
tests/integration/test_tokenizer_table.py checks the ids against `tokenizers` on thousands of texts.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

UNK_PENALTY = 10.0  # tokenizers' K_UNK_PENALTY
SPACE = "\u2581"


@dataclass(frozen=True)
class Encoding:
    ids: list[int]


def _python_class(pattern: str) -> str:
    """tokenizers' (Oniguruma) \\x{HHHH} escapes as Python's."""
    return re.sub(r"\\x\{([0-9A-Fa-f]+)\}", lambda m: f"\\U{int(m.group(1), 16):08x}", pattern)


class UnigramTokenizer:
    def __init__(self, pieces: dict[str, int], scores: array, unk_id: int, special: dict[str, int], bos: int, eos: int,
                 table: dict[int, str], isolate: re.Pattern, max_tokens: int) -> None:
        self.pieces, self.scores, self.unk_id, self.bos, self.eos = pieces, scores, unk_id, bos, eos
        self.special = re.compile("|".join(re.escape(t) for t in sorted(special, key=len, reverse=True)))
        self.special_ids = special
        self.table, self.isolate, self.max_tokens = table, isolate, max_tokens
        self.longest = max(len(p) for p in pieces)
        self.unk_score = min(scores) - UNK_PENALTY

    @classmethod
    def from_spec(cls, spec: dict, table: dict[int, str], max_tokens: int) -> UnigramTokenizer | None:
        """From a tokenizer.json whose literal Replace rules were taken out as `table` (None: another shape)."""
        model, norm, pre = spec.get("model") or {}, spec.get("normalizer") or {}, spec.get("pre_tokenizer") or {}
        post = spec.get("post_processor") or {}
        kept = norm.get("normalizers", [])
        steps = pre.get("pretokenizers", [])
        shape_ok = (
            model.get("type") == "Unigram" and not model.get("byte_fallback")
            and [r.get("pattern") for r in kept] == [{"Regex": " {2,}"}] and kept[0].get("content") == " "
            and [s.get("type") for s in steps] == ["Metaspace", "Split"]
            and steps[0].get("replacement") == SPACE and steps[0].get("prepend_scheme") == "first"
            and not steps[0].get("split") and steps[1].get("behavior") == "Isolated" and not steps[1].get("invert")
            and "Regex" in steps[1].get("pattern", {}) and post.get("type") == "TemplateProcessing"
        )
        if not shape_ok:
            return None
        vocab = model["vocab"]
        pieces = {piece: i for i, (piece, _score) in enumerate(vocab)}
        scores = array("d", (score for _piece, score in vocab))
        special = {t["content"]: t["id"] for t in spec.get("added_tokens", []) if t.get("special")}
        single = [s["SpecialToken"]["id"] for s in post["single"] if "SpecialToken" in s]
        if len(single) != 2 or any(name not in special for name in single):
            return None
        return cls(pieces, scores, model["unk_id"], special, special[single[0]], special[single[1]], table,
                   re.compile(_python_class(steps[1]["pattern"]["Regex"])), max_tokens)

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best: list[tuple[float, int, int] | None] = [None] * (n + 1)  # (score, start, id) of the best path ending here
        best[0] = (0.0, 0, -1)
        for start in range(n):
            if best[start] is None:
                continue
            base = best[start][0]
            single = False
            for end in range(start + 1, min(n, start + self.longest) + 1):
                found = self.pieces.get(text[start:end])
                if found is None:
                    continue
                single = single or end == start + 1
                score = base + self.scores[found]
                if best[end] is None or score > best[end][0]:
                    best[end] = (score, start, found)
            if not single:
                score = base + self.unk_score
                if best[start + 1] is None or score > best[start + 1][0]:
                    best[start + 1] = (score, start, self.unk_id)
        ids, end = [], n
        while end > 0:
            _score, start, piece = best[end]
            ids.append(piece)
            end = start
        ids.reverse()
        return [i for k, i in enumerate(ids) if not (i == self.unk_id and k and ids[k - 1] == self.unk_id)]

    def _section(self, text: str, first: bool) -> list[int]:
        text = re.sub(" {2,}", " ", text.translate(self.table)).replace(" ", SPACE)
        if not text:  # normalised away (control characters): no token, not even the leading "▁"
            return []
        if first and not text.startswith(SPACE):
            text = SPACE + text
        ids, pos = [], 0
        for m in self.isolate.finditer(text):
            for part in (text[pos:m.start()], m.group()):
                if part:
                    ids += self._viterbi(part)
            pos = m.end()
        if pos < len(text):
            ids += self._viterbi(text[pos:])
        return ids

    def encode(self, text: str) -> Encoding:
        ids, pos = [], 0
        for m in self.special.finditer(text):
            if m.start() > pos:
                ids += self._section(text[pos:m.start()], pos == 0)
            ids.append(self.special_ids[m.group()])
            pos = m.end()
        if pos < len(text):
            ids += self._section(text[pos:], pos == 0)
        return Encoding([self.bos, *ids[: self.max_tokens - 2], self.eos])

    def encode_batch(self, texts: list[str], add_special_tokens: bool = True) -> list[Encoding]:
        return [self.encode(t) for t in texts]
