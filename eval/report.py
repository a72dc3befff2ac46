"""The report folder: metrics.json, rows.jsonl, report.md and chart.png."""
from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping, Sequence

from eval.aggregate import DEFINITIONS, RATE_METRICS, by_tag
from eval.chart import LABELS, draw_chart
from eval.dataset import EVAL_DIR
from eval.evidence import grounding_evidence, grounding_section
from eval.scoring import Row, row_dict
from eval.tradeoff import tradeoff_section

logger = logging.getLogger(__name__)

REPORTS_DIR = EVAL_DIR / "reports"
Results = Mapping[str, tuple[Sequence[Row], Mapping[str, Any]]]
TAG_COLUMNS = ("hit_at_5", "mrr_at_10", "citation_precision", "citation_recall", "grounding",
               "key_fact_coverage", "answer_accuracy", "negative_rejection", "leave_out_rejection",
               "false_rejection")


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _table(header: Sequence[str], lines: Sequence[Sequence[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(line) + " |" for line in lines]
    return "\n".join(out)


def metric_table(metrics_by_config: Mapping[str, Mapping[str, Any]]) -> str:
    """Metrics as rows, configs as columns, then latency p50 / p95 of every stage seen."""
    configs = list(metrics_by_config)
    lines = [[LABELS[m].split("\n")[0], *(_cell(metrics_by_config[c].get(m)) for c in configs)] for m in RATE_METRICS]
    stages = sorted({s for c in configs for s in metrics_by_config[c].get("latency_ms", {})})
    for stage in stages:
        cells = []
        for config in configs:
            spread = metrics_by_config[config].get("latency_ms", {}).get(stage)
            cells.append("–" if spread is None else f"{spread['p50']:.1f} / {spread['p95']:.1f}")
        lines.append([f"{stage} ms p50 / p95", *cells])
    lines.append(["questions (answerable)", *(f"{metrics_by_config[c]['questions']} "
                                               f"({metrics_by_config[c]['answerable']})" for c in configs)])
    return _table(["metric", *configs], lines)


def tag_table(rows: Sequence[Row]) -> str:
    lines = [[tag, str(m["questions"]), *(_cell(m.get(col)) for col in TAG_COLUMNS)] for tag, m in by_tag(rows).items()]
    return _table(["tag", "n", *(LABELS[c].split("\n")[0] for c in TAG_COLUMNS)], lines)


def failure_counts(results: Results) -> str:
    """How many questions failed each check, per config."""
    checks = sorted({name for rows, _ in results.values() for row in rows for name in row.checks})

    def cell(rows: Sequence[Row], name: str) -> str:
        checked = [row.checks[name] for row in rows if name in row.checks]
        return f"{checked.count(False)} / {len(checked)}"

    return _table(["check", *results], [[name, *(cell(rows, name) for rows, _ in results.values())] for name in checks])


def failures_section(rows: Sequence[Row]) -> str:
    failed = [row for row in rows if row.failed]
    if not failed:
        return "No question failed a check."
    out = []
    for row in failed:
        cited = ", ".join(f"[{c.n}] {c.id}" for c in row.citations) or "none"
        answer = row.answer.replace("\n", " ")[:160]
        out.append(f"- **{row.id}** ({', '.join(row.tags)}) failed: {', '.join(row.failed)} — "
                   f"“{row.question}” → {'ABSTAINED ' if row.abstained else ''}“{answer}” "
                   f"(gold rank {row.gold_rank}, cited {cited})")
    return f"{len(failed)} of {len(rows)} questions failed at least one check.\n\n" + "\n".join(out)


def new_report_dir(root: Path = REPORTS_DIR) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path, suffix = root / stamp, 1
    while path.exists():
        path, suffix = root / f"{stamp}-{suffix}", suffix + 1
    path.mkdir(parents=True)
    return path


def write_report(results: Results, questions_path: Path, out_dir: Path, primary: str,
                 gate_lines: Sequence[str] = (), threshold: float | None = None) -> Path:
    """Write the four report files for ``results`` (one or several configs) into ``out_dir``."""
    metrics = {config: dict(m) for config, (_, m) in results.items()}
    evidence = grounding_evidence(results[primary][0])
    payload: dict[str, Any] = {"questions_file": str(questions_path), "primary": primary,
                               "configs": metrics, "grounding_evidence": evidence}
    (out_dir / "metrics.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    with (out_dir / "rows.jsonl").open("w", encoding="utf-8") as handle:
        for rows, _ in results.values():
            for row in rows:
                handle.write(json.dumps(row_dict(row), ensure_ascii=False) + "\n")
    draw_chart(metrics, out_dir / "chart.png")
    parts = [f"# Evaluation report {out_dir.name}",
             f"Questions: `{questions_path}`. Configs: {', '.join(results)}. "
             "Per-question answers, citations and pass/fail of each check: `rows.jsonl`.",
             "## Metrics", metric_table(metrics), "![chart](chart.png)",
             "## Definitions", "\n".join(f"- `{name}`: {text}." for name, text in DEFINITIONS.items())]
    if gate_lines:
        parts += [f"## Gate ({primary})", "\n".join(f"- {line}" for line in gate_lines)]
    if "naive" in results:
        from eval.naive import CHUNK_OVERLAP, CHUNK_SIZE, SEARCH_K

        parts.append(f"Naive baseline: RecursiveCharacterTextSplitter {CHUNK_SIZE}/{CHUNK_OVERLAP}, in-memory "
                     f"Chroma, similarity_search k={SEARCH_K}, top chunk cited whole; its retrieval metrics "
                     f"rank {SEARCH_K} chunks (a chunk is gold when it contains a gold string), not sentences.")
    parts += [f"## Abstention trade-off ({primary})", tradeoff_section(results[primary][0], threshold)]
    parts += [f"## Grounding: choice of n and threshold ({primary})", grounding_section(evidence)]
    for config, (rows, _) in results.items():
        parts += [f"## Per-tag breakdown: {config}", tag_table(rows)]
    parts += ["## Failed checks (questions failing / questions checked)", failure_counts(results)]
    for config, (rows, _) in results.items():
        parts += [f"## Failures: {config}", failures_section(rows)]
    (out_dir / "report.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    logger.info("report written to %s", out_dir)
    return out_dir
