"""The library the `eval/laws*.jsonl` questions are about: its index (whole or the CI subset),
built incrementally into its own data folder, and the questions that subset can answer."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from settings import Settings

from eval.dataset import Question

log = logging.getLogger(__name__)
Which = Literal["subset", "full"]
# The library's hierarchy (its README): national laws and administrative regulations before the judicial
# interpretations and department rules that restate them; local regulations (地方性法规, whose order national_first
# keeps) and anything else after them. A deployment sets the same with QA_CATEGORY_TIERS (.env.example).
LAW_CATEGORY_TIERS = [["宪法", "宪法相关法", "民法典", "民法商法", "社会法", "经济法", "行政法", "刑法", "诉讼与非诉讼程序法",
                       "行政法规"], ["司法解释", "部门规章"]]
SUBSET_FILE = Path(__file__).resolve().parent / "laws_subset.txt"


def subset_entries(path: Path = SUBSET_FILE) -> list[str]:
    """Folders or files relative to the corpus root; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line.rstrip("/") for line in lines if line]


def library_settings(base: Settings, which: Which) -> Settings:
    """Settings whose data folder holds the library index; the embedding model is the base's."""
    from index.embed import resolve_model_path

    model = resolve_model_path(base)  # materialised once, in the base data folder
    return base.model_copy(update={"data_dir": base.data_dir / f"library-{which}", "seeds_dir": base.laws_dir,
                                   "embedding_model": model,
                                   "category_tiers": base.category_tiers or LAW_CATEGORY_TIERS})


def ensure_library_index(settings: Settings, which: Which, *, show_bar: bool = True) -> None:
    """Build (or bring up to date) the library index; unchanged files cost a hash each."""
    from index.build import build_index

    if not settings.laws_dir.is_dir():
        raise FileNotFoundError(f"the library corpus is not at {settings.laws_dir} (set QA_LAWS_DIR)")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    paths = None if which == "full" else [settings.laws_dir / entry for entry in subset_entries()]
    report = build_index(settings, paths, show_bar=show_bar)
    log.info("library %s: %d documents, %d sentences (%d embedded now)", which, report.documents,
             report.sentences, report.embedded)


def questions_for(questions: list[Question], which: Which) -> list[Question]:
    return [q for q in questions if which == "full" or q.subset]
