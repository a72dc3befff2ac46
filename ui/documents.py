"""The documents view: the library as a table (title, version date, category, sentences, status with
the reason a file was skipped), one page at a time, and a reader that shows a document's text with
the cited sentence marked (and, for PDFs, where each page starts)."""
from __future__ import annotations

import math
from collections.abc import Sequence

from assistant.documents import DocumentInfo, DocumentText
from prompts import render

from .markup import esc

PAGE_SIZE = 20
STATUS = {"indexed": "docs_status_indexed", "skipped": "docs_status_skipped", "pending": "docs_status_pending"}


def pages(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


def status_text(d: DocumentInfo) -> str:
    label = render(STATUS.get(d.status, "docs_status_pending"))
    return f"{label}：{d.reason}" if d.status == "skipped" and d.reason else label


def _row(d: DocumentInfo, admin: bool) -> str:
    title = d.title or d.path
    cells = [
        f'<td><button type="button" class="doc-open" data-doc="{d.id}">{esc(title)}</button>'
        f'<div class="doc-path">{esc(d.path)}</div></td>',
        f"<td>{esc(d.version_date)}</td>",
        f"<td>{esc(d.category or render('docs_no_category'))}</td>",
        f'<td class="num">{d.sentences}</td>',
        f'<td class="status {esc(d.status)}">{esc(status_text(d))}</td>',
    ]
    if admin:
        cells.append(f'<td class="admin-actions"><button type="button" class="admin-reindex" data-doc="{d.id}">'
                     f'{esc(render("admin_reindex"))}</button><button type="button" class="admin-delete" data-doc="{d.id}" '
                     f'data-confirm="{esc(render("admin_delete_confirm", title=title))}">{esc(render("admin_delete"))}'
                     "</button></td>")
    return f"<tr>{''.join(cells)}</tr>"


def list_html(total: int, docs: Sequence[DocumentInfo], page: int, admin: bool = False) -> str:
    """One page (from 0) of the listing with its pager."""
    if not docs:
        return f'<div class="doclist qa"><p class="empty">{esc(render("docs_empty"))}</p></div>'
    names = ["docs_col_title", "docs_col_version", "docs_col_category", "docs_col_sentences", "docs_col_status"]
    names += ["docs_col_actions"] if admin else []
    head = "".join(f'<th scope="col">{esc(render(n))}</th>' for n in names)
    rows = "".join(_row(d, admin) for d in docs)
    last = pages(total) - 1
    summary = esc(render("docs_summary", total=total, page=page + 1, pages=last + 1))
    prev = "" if page > 0 else " disabled"
    nxt = "" if page < last else " disabled"
    pager = (f'<nav class="pager"><button type="button" class="page" data-page="{page - 1}"{prev}>{esc(render("docs_prev"))}'
             f'</button><span class="summary">{summary}</span><button type="button" class="page" data-page="{page + 1}"'
             f'{nxt}>{esc(render("docs_next"))}</button></nav>')
    return f'<div class="doclist qa"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{pager}</div>'


def _page_of(starts: Sequence[int], offset: int) -> int:
    return sum(1 for s in starts if s <= offset)


def text_html(text: str, page_starts: Sequence[int], target: tuple[int, int] | None) -> str:
    """The document's text (newlines kept by CSS) with page markers and the target sentence marked."""
    starts = sorted({s for s in page_starts if 0 <= s < len(text)})
    if target is not None:
        target = (max(0, min(target)), min(len(text), max(target)))
        target = target if target[0] < target[1] else None
    cuts = sorted({0, len(text), *starts, *(target or ())})
    out, first = [], True
    for a, b in zip(cuts, cuts[1:]):
        if a in starts:
            out.append(f'<span class="page-mark" role="separator">{esc(render("meta_page", page=_page_of(starts, a)))}'
                       "</span>")
        segment = esc(text[a:b])
        if target and target[0] <= a and b <= target[1]:
            anchor = ' id="doc-target"' if first else ""
            segment, first = f'<mark class="target"{anchor}>{segment}</mark>', False
        out.append(segment)
    return "".join(out)


def reader_html(doc: DocumentText | None, target: tuple[int, int] | None = None, missing: bool = False) -> str:
    if doc is None:
        key = "docs_reader_missing" if missing else "docs_reader_empty"
        return f'<div class="reader qa"><p class="empty">{esc(render(key))}</p></div>'
    facts = [doc.category or render("docs_no_category"), doc.version_date, doc.issuer, doc.doc_number,
             render("docs_reader_meta", sentences=doc.sentences, format=doc.format or "?")]
    parts = [f'<div class="reader qa" data-doc="{doc.id}"><h3>{esc(doc.title or doc.path)}</h3>',
             f'<p class="meta">{esc(" · ".join(f for f in facts if f))}</p>']
    if doc.status == "skipped":
        parts.append(f'<p class="skipped">{esc(render("docs_reader_skipped", reason=doc.reason))}</p>')
    if target and doc.page_starts:
        page = _page_of(doc.page_starts, target[0])
        parts.append(f'<p class="target-page">{esc(render("docs_reader_target"))} · {esc(render("meta_page", page=page))}</p>')
    if target:
        parts.append(f'<button type="button" class="to-target">{esc(render("docs_reader_back"))}</button>')
    parts.append(f'<div class="doc-text" lang="zh-CN">{text_html(doc.text, doc.page_starts, target)}</div></div>')
    return "".join(parts)
