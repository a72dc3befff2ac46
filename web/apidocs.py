"""The API's docs page (/api/v1/docs), rendered here from the OpenAPI schema.

FastAPI's own docs pages load their scripts from a public CDN, which an intranet
server must not depend on; this page is plain HTML from the same schema
(/api/v1/openapi.json), with no script at all.
"""
from __future__ import annotations

import html
import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
STYLE = '<link rel="stylesheet" href="../../widget/embed.css">'


def _schema_ref(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list[{_schema_ref(schema.get('items', {}))}]"
    if "anyOf" in schema:
        return " | ".join(_schema_ref(s) for s in schema["anyOf"])
    return schema.get("type", "object")


def _model(name: str, schema: dict) -> str:
    rows = "".join(
        f"<tr><td><code>{html.escape(field)}</code></td><td>{html.escape(_schema_ref(spec))}</td>"
        f"<td>{html.escape(spec.get('description', ''))}</td></tr>"
        for field, spec in schema.get("properties", {}).items())
    return (f'<h3 id="{html.escape(name)}">{html.escape(name)}</h3><p>{html.escape(schema.get("description", ""))}</p>'
            f"<table><tr><th>field</th><th>type</th><th></th></tr>{rows}</table>")


def render_docs(spec: dict, prefix: str) -> str:
    out = [f"<h1>{html.escape(spec['info']['title'])} {html.escape(spec['info']['version'])}</h1>",
           f'<p>{html.escape(spec["info"].get("description", ""))}</p>',
           f'<p>Schema: <a href="{html.escape(prefix)}/api/v1/openapi.json">/api/v1/openapi.json</a></p>']
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            codes = ", ".join(html.escape(code) for code in op.get("responses", {}))
            out.append(f"<h2><code>{method.upper()} {html.escape(path)}</code></h2>"
                       f"<p>{html.escape(op.get('summary', ''))}</p>"
                       + (f"<p>Body: <code>{html.escape(_schema_ref(body))}</code></p>" if body else "")
                       + f"<p>Responses: {codes}</p>")
    out.append("<h2>Models</h2>")
    out += [_model(name, schema) for name, schema in spec.get("components", {}).get("schemas", {}).items()]
    errors = {"error": {"code": "busy", "type": "busy", "message": "…"}}
    out.append(f"<h2>Errors</h2><p>Every error is JSON: <code>{html.escape(json.dumps(errors))}</code></p>")
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API</title>'
            f'{STYLE}</head><body><main id="docs">{"".join(out)}</main></body></html>')


@router.get("/api/v1/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return HTMLResponse(render_docs(request.app.openapi(), request.scope.get("root_path", "")))
