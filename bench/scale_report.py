"""BENCHMARKS.md's measured part and bench/scale.png, from bench/scale.py's rows."""
from __future__ import annotations

from datetime import date
from pathlib import Path

BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"


def _ms(row: dict, stage: str, key: str) -> str:
    value = row.get("latency_ms", {}).get(stage, {}).get(key)
    return "–" if value is None else f"{value:.0f}"


def _opt(row: dict, key: str, spec: str) -> str:
    """A figure only later runs record ('–' in rows measured before it was)."""
    return "–" if row.get(key) is None else format(row[key], spec)


def table(rows: list[dict], extra: dict) -> str:
    lines = [f"Written {date.today().isoformat()} by `python bench/scale.py` from the rows kept in bench/scale.json "
             "(each size as the run that measured it left it; 2-core machine).", "",
             "| sentences | documents | index sent/s | ready / warm s | RSS MB (anonymous + file-backed) | p50 / p95 ms | "
             "embed / dense / bm25 p50 ms | hit@5 | "
             "naive index s | naive RSS MB | naive p50 / p95 ms | naive hit@5 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        n = r.get("naive", {})
        lines.append(
            f"| {r['size']:,} | {r['documents']:,} | {r['index_rate']:.0f} | {r['ready_s']:.1f} / {_opt(r, 'warm_s', '.1f')} | "
            f"{r['rss_mb']:.0f} ({_opt(r, 'rss_anon_mb', '.0f')} + {_opt(r, 'rss_file_mb', '.0f')}) | "
            f"{_ms(r, 'total', 'p50')} / {_ms(r, 'total', 'p95')} | "
            f"{_ms(r, 'embed', 'p50')} / {_ms(r, 'dense', 'p50')} / {_ms(r, 'bm25', 'p50')} | {r['hit_at_5']} | "
            f"{n.get('index_s', '–')} | {n.get('rss_mb', '–')} | "
            f"{_ms(n, 'total', 'p50') if n else '–'} / {_ms(n, 'total', 'p95') if n else '–'} | {n.get('hit_at_5', '–')} |")
    at = lambda key: extra.get(key, rows[-1]["size"])  # noqa: E731 - where each was measured
    lines += ["", f"Unchanged rebuild at {at('unchanged_at'):,} sentences: {extra.get('unchanged_rebuild_s')} s; "
              f"adding one document at {at('add_one_at'):,}: {extra.get('add_one_document_s', '–')} s.", ""]
    return "\n".join(lines)


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    panels = (("question p50 ms", lambda r: r["latency_ms"]["total"]["p50"]), ("serving RSS MB", lambda r: r["rss_mb"]),
              ("hit@5", lambda r: r["hit_at_5"] or 0))
    for ax, (label, value) in zip(axes, panels):
        ax.plot(sizes, [value(r) for r in rows], "o-", label="this assistant")
        naive = [(r["size"], value(r["naive"])) for r in rows if "naive" in r]
        if naive:
            ax.plot(*zip(*naive), "s--", label="naive LangChain RAG")
        ax.set_xscale("log")
        ax.set_xlabel("indexed sentences")
        ax.set_title(label)
        ax.grid(alpha=0.3)
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def write_report(rows: list[dict], extra: dict, out: Path, png: Path) -> None:
    plot(rows, png)
    body = f"{BEGIN}\n{table(rows, extra)}\n![growth curves](bench/{png.name})\n{END}"
    text = out.read_text(encoding="utf-8") if out.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    out.write_text(head + body + tail, encoding="utf-8")
