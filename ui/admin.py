"""The admin panel of the documents view: upload by drag and drop (or a file picker) into a library
folder, re-index everything, and the jobs' progress. Shown only when an admin token is configured
or the signed-in user is an admin; its buttons call the admin REST routes (web/admin_api.py), with
the token typed here (kept in the tab's sessionStorage) or the admin's sign-in."""
from __future__ import annotations

import json

from prompts import render, templates

from .markup import esc

TYPES = ".txt .md .docx .pdf .html"


def panel_html(signed_in_admin: str | None, max_file_mb: float, upload_folder: str) -> str:
    """`signed_in_admin`: the admin's name when the page's user is one (no token needed)."""
    if signed_in_admin:
        who = f'<p class="who">{esc(render("admin_signed_in", name=signed_in_admin))}</p>'
    else:
        who = (f'<label class="token">{esc(render("admin_token_label"))}'
               f'<input type="password" class="admin-token" autocomplete="off" spellcheck="false"></label>'
               f'<p class="hint">{esc(render("admin_token_hint"))}</p>')
    drop = esc(render("admin_drop", types=TYPES, mb=f"{max_file_mb:g}"))
    return (
        f'<section class="admin qa" aria-label="{esc(render("admin_heading"))}" data-signed="{1 if signed_in_admin else 0}">'
        f'<h3>{esc(render("admin_heading"))}</h3>{who}'
        f'<label class="folder">{esc(render("admin_category_label"))}'
        f'<input type="text" class="admin-folder" placeholder="{esc(upload_folder)}" maxlength="64"></label>'
        f'<div class="drop" tabindex="0" role="button" aria-label="{drop}"><span>{drop}</span>'
        f'<input type="file" class="admin-file" multiple accept="{esc(",".join(TYPES.split()))}" hidden></div>'
        f'<div class="upload-progress" hidden><progress max="100" value="0"></progress><span class="upload-name"></span></div>'
        f'<button type="button" class="admin-reindex-all">{esc(render("admin_reindex_all"))}</button>'
        f'<div class="jobs" role="status" aria-live="polite"></div></section>'
    )


def panel_texts() -> str:
    """The texts the panel's script shows, as a JSON object (so every text comes from prompts/)."""
    names = ["admin_uploading", "admin_queued", "admin_job_idle", "admin_job_running", "admin_job_done",
             "admin_job_failed"]
    probe = {"name": "{name}", "task": "{task}", "summary": "{summary}", "error": "{error}"}
    texts = {}
    for name in names:
        wanted = templates()[name]["variables"]
        texts[name] = render(name, **{v: probe[v] for v in wanted})
    return json.dumps(texts, ensure_ascii=False)
