"""The status line at the top of the page: a progress bar with the latest steps while the index is
built and loaded (first start), then one line describing what is indexed.

`status()` generators (app.Loader.status) yield {"lines": [...], "fraction": 0..1 | None,
"ready": bool, "failed": bool}; a plain string is a finished status line.
"""
from __future__ import annotations

from prompts import render

from .markup import esc


def status_html(update: dict | str | None) -> str:
    if update is None or isinstance(update, str):
        text = update or ""
        return f'<div class="status qa ready"><p>{esc(text)}</p></div>' if text else '<div class="status qa"></div>'
    lines = "".join(f"<li>{esc(line)}</li>" for line in update.get("lines", []))
    if update.get("failed"):
        return f'<div class="status qa failed" role="alert"><ul>{lines}</ul></div>'
    if update.get("ready"):
        return f'<div class="status qa ready"><ul>{lines}</ul></div>'
    fraction = update.get("fraction")
    label = esc(render("app_progress_label"))
    if fraction is None:  # no estimate: an indeterminate bar
        bar = f'<progress aria-label="{label}"></progress>'
    else:
        percent = max(0, min(100, round(fraction * 100)))
        bar = f'<progress max="100" value="{percent}" aria-label="{label}">{percent}%</progress><span class="pct">{percent}%</span>'
    return f'<div class="status qa loading" role="status" aria-live="polite"><div class="bar">{bar}</div><ul>{lines}</ul></div>'
