"""The ONNX path's tokenizers: the e5 normalisation rules as one translate table (same ids, one pass), and the
pure-Python question tokenizer (same ids as `tokenizers`, without its 270 MB trie)."""
import json
import random

import numpy as np

import pytest
from tokenizers import Tokenizer

from conftest import ROOT
from index.onnx_embed import load_tokenizer

pytestmark = pytest.mark.integration


def test_translate_table_gives_the_same_ids_as_the_rules(model_dir):
    plain = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    plain.enable_truncation(max_length=512)
    fast = load_tokenizer(model_dir)
    assert len(fast.table) > 1000  # the rules really moved out of the tokenizer
    seed = [line for p in (ROOT / "seeds").glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()]
    odd = ["query: 試用期最長是幾個月？ＡＢＣ　全角\t tab  two  spaces Ⅷ ﬁ ①", "passage: " + "\u3000" * 5,
           "x\u00a0y\u200bz", "Café naïve ÅÉ", ""]
    rng = random.Random(7)
    noise = ["".join(chr(rng.choice([rng.randint(1, 0xD7FF), rng.randint(0xE000, 0x2FFFF)])) for _ in range(40))
             for _ in range(300)]
    texts = seed + odd + noise
    assert [e.ids for e in fast.encode_batch(texts)] == [e.ids for e in plain.encode_batch(texts)]


def test_the_python_question_tokenizer_gives_the_same_ids_as_tokenizers(model_dir):
    from index.onnx_embed import load_question_tokenizer
    from index.unigram import UnigramTokenizer

    fast = load_tokenizer(model_dir)
    python = load_question_tokenizer(model_dir)
    assert isinstance(python, UnigramTokenizer)
    questions = [json.loads(line)["question"] for name in ("questions", "dev", "laws", "laws_dev")
                 for line in (ROOT / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    seed = [line for p in (ROOT / "seeds").glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()]
    odd = ["query: 試用期最長是幾個月？ＡＢＣ　全角\t tab  two  spaces Ⅷ ﬁ ①", "passage: " + "\u3000" * 5, "", " lead",
           "x\u00a0y\u200bz", "Café naïve ÅÉ", "a<s>b", "<s>x", "x </s> y", "<unk><unk>", "   ", "\t\t",
           "emoji 😀🙈 ok", "한국어 日本語 ひらがな Русский عربى हिन्दी", "query: " + "长" * 2000,
           "\x01", "\x01\x02", "a\x01", "\u200b", "<s>\x01", "\x01<s>", " <s> ", "\ufeff", "\x00"]
    rng = random.Random(11)
    noise = ["".join(chr(rng.choice([rng.randint(1, 0xD7FF), rng.randint(0xE000, 0x2FFFF)])) for _ in range(40))
             for _ in range(500)]
    texts = questions + [f"query: {q}" for q in questions] + seed + odd + noise
    assert [e.ids for e in python.encode_batch(texts)] == [e.ids for e in fast.encode_batch(texts)]


def test_each_side_loads_only_its_own_tokenizer(model_dir, tmp_path):
    from index.onnx_embed import OnnxEmbeddings

    calls = []
    e = OnnxEmbeddings(model_dir, lambda ids, mask: calls.append(ids) or np.ones((len(ids), 4), np.float32), "query: ",
                       "passage: ")
    assert e._tokenizer is None and e._question_tokenizer is None  # neither is loaded before it is needed
    e.embed_query("试用期最长多久？")
    assert calls and e._tokenizer is None and e._question_tokenizer is not None
    indexing = OnnxEmbeddings(model_dir, lambda ids, mask: calls.append(ids) or np.ones((len(ids), 4), np.float32),
                              "query: ", "passage: ")
    indexing.embed_documents(["试用期最长不得超过六个月。"])
    assert indexing._tokenizer is not None and indexing._question_tokenizer is None
    assert calls[-1].tolist() == [indexing.tokenizer.encode_batch(["passage: 试用期最长不得超过六个月。"])[0].ids]
