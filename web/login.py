"""The page's sign-in against the local users file: GET/POST /login, POST /logout.

A successful sign-in sets a signed, HttpOnly session cookie (SameSite=Lax over
HTTP; SameSite=None and Secure over HTTPS, so the widget's iframe on another
intranet site carries it too). Attempts count against the write rate limit of
the client's address. Passwords are never logged.
"""
from __future__ import annotations

import html
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from prompts import render

from .access import SESSION_COOKIE, info
from .auth import SESSION_HOURS
from .errors import ApiError
from .service import AnswerService, service

router = APIRouter(include_in_schema=False)


def _form(next_url: str, failed: bool) -> HTMLResponse:
    e = lambda name: html.escape(render(name), quote=True)  # noqa: E731
    error = f'<p class="error">{e("login_failed")}</p>' if failed else ""
    page = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e("login_title")}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="widget/embed.css"></head><body><main id="qa">'
            f'<header id="title">{e("login_title")}</header><form method="post" action="login" id="login">{error}'
            f'<p><label>{e("login_user")}<br><input name="username" autocomplete="username" required></label></p>'
            f'<p><label>{e("login_password")}<br><input name="password" type="password" '
            'autocomplete="current-password" required></label></p>'
            f'<input type="hidden" name="next" value="{html.escape(next_url, quote=True)}">'
            f'<button id="send" type="submit">{e("login_submit")}</button></form></main></body></html>')
    return HTMLResponse(page, status_code=401 if failed else 200)


def _safe_next(request: Request, target: str) -> str:
    root = request.scope.get("root_path", "")
    ok = target.startswith((root or "") + "/") and not target.startswith("//") and "\\" not in target
    return target if ok else (root or "") + "/"


def _users(request: Request):
    users = request.app.state.access.users
    if users is None:
        raise ApiError("not_found")
    return users


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002 - the query parameter's name
    _users(request)
    return _form(_safe_next(request, next), failed=False)


@router.post("/login")
async def login(request: Request, svc: AnswerService = Depends(service)) -> Response:
    users = _users(request)
    found = info(request.scope)
    svc.writes.check(f"login:{found.client}")
    fields = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=5)
    get = lambda name: (fields.get(name) or [""])[0]  # noqa: E731
    target = _safe_next(request, get("next"))
    who = await run_in_threadpool(users.verify, get("username")[:128], get("password")[:1024])
    if who is None:
        return _form(target, failed=True)
    response = RedirectResponse(target, status_code=303)
    secure = found.scheme == "https"
    response.set_cookie(SESSION_COOKIE, request.app.state.access.sessions.issue(who.name),
                        max_age=SESSION_HOURS * 3600, httponly=True, secure=secure,
                        samesite="none" if secure else "lax", path=(request.scope.get("root_path") or "") + "/")
    return response


@router.api_route("/logout", methods=["GET", "POST"])
def logout(request: Request) -> Response:
    response = RedirectResponse(_safe_next(request, "/") + "login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=(request.scope.get("root_path") or "") + "/")
    return response
