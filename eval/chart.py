"""Bar charts of the rate metrics: one bar per metric, or one bar per config in each metric's group."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

from eval.aggregate import RATE_METRICS  # noqa: E402

logger = logging.getLogger(__name__)

LABELS = {
    "hit_at_1": "hit@1",
    "hit_at_5": "hit@5",
    "mrr_at_10": "MRR@10",
    "citation_precision": "citation P",
    "citation_recall": "citation R",
    "grounding": "grounding",
    "key_fact_coverage": "key facts",
    "answer_accuracy": "answer accuracy",
    "negative_rejection": "neg. rejection",
    "leave_out_rejection": "leave-out rejection",
    "false_rejection": "false rejection\n(lower is better)",
    "leave_out_restated": "leave-out answered\nby another document",
}


def draw_chart(metrics_by_config: Mapping[str, Mapping[str, Any]], path: Path) -> Path:
    """Grouped bars of every rate metric for every config; an unmeasured metric is left out."""
    configs = list(metrics_by_config)
    width = 0.8 / len(configs)
    fig, ax = plt.subplots(figsize=(11.0, 4.8))
    for offset, config in enumerate(configs):
        xs, ys = [], []
        for position, metric in enumerate(RATE_METRICS):
            value = metrics_by_config[config].get(metric)
            if value is not None:
                xs.append(position - 0.4 + width * (offset + 0.5))
                ys.append(value)
        bars = ax.bar(xs, ys, width=width, label=config)
        if len(configs) <= 2:
            ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax.set_xticks(range(len(RATE_METRICS)), [LABELS[m] for m in RATE_METRICS], fontsize=8)
    ax.set_ylim(0, 1.18)
    ax.set_ylabel("share")
    ax.grid(axis="y", alpha=0.3)
    title = "Evaluation: " + (configs[0] if len(configs) == 1 else "comparison of configs")
    ax.set_title(title)
    if len(configs) > 1:
        ax.legend(ncols=len(configs), loc="upper center", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    logger.info("chart written to %s", path)
    return path
