"""The ONNX path's tokenizer applies the e5 normalisation rules as one translate table: same ids, one pass."""
import random

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
