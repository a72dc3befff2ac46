"""The access middleware: who the client is, where it really connects from, and whether it may pass.

Sign-in is off when no token, users file or SSO header is configured; that is
only allowed on a loopback address unless QA_ALLOW_ANONYMOUS says otherwise.
When it is on, every route but the health checks, the sign-in page and the
widget's script needs a principal: API routes answer 401 JSON, a browser asking
for a page is sent to the sign-in form.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import quote

from starlette.requests import Request

from settings import Settings

from .auth import Principal, Sessions, TokenSet, UserFile
from .errors import ApiError, send_error

SESSION_COOKIE = "qa_session"
PUBLIC = ("/api/v1/healthz", "/api/v1/readyz", "/login", "/logout", "/widget.js", "/widget/")
API = ("/api/", "/v1/", "/metrics")


@dataclass
class RequestInfo:
    """What the middlewares learnt about a request (kept in scope["state"]["qa"])."""

    route: str
    client: str
    scheme: str
    host: str
    principal: Principal | None = None
    request_id: str = ""


def route_path(scope) -> str:
    """The path without the root path (the proxy's sub-path), as the routes see it."""
    path, root = scope.get("path", "/"), scope.get("root_path", "").rstrip("/")
    if root and (path == root or path.startswith(root + "/")):
        return path[len(root):] or "/"
    return path


def info(scope) -> RequestInfo:
    return scope.setdefault("state", {})["qa"]


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


class Access:
    """Identifies callers from the settings' tokens, users file, sessions and trusted proxies."""

    def __init__(self, settings: Settings):
        self.tokens = TokenSet(settings.api_tokens.get_secret_value() if settings.api_tokens else None)
        self.users = UserFile(settings.users_file) if settings.users_file else None
        self.header = settings.trusted_user_header.lower().encode() if settings.trusted_user_header else None
        self.proxies = [ipaddress.ip_network(p, strict=False) for p in settings.trusted_proxies]
        self.admins = set(settings.admin_users)
        self.admin_tokens = TokenSet(settings.admin_token.get_secret_value() if settings.admin_token else None)
        self.sessions = Sessions()
        self.enabled = bool(self.tokens or self.users or self.header)
        if not self.enabled and not is_loopback(settings.host) and not settings.allow_anonymous:
            raise SystemExit(f"refusing to serve {settings.host} without sign-in: set QA_API_TOKENS, QA_USERS_FILE "
                             "or QA_TRUSTED_USER_HEADER, or QA_ALLOW_ANONYMOUS=true")

    @property
    def admin_available(self) -> bool:
        """Can anyone act as admin: an admin token, admin user names, or a users file (which may name admins)?"""
        return bool(self.admin_tokens or self.admins or self.users)

    def trusted(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in net for net in self.proxies)

    def locate(self, scope, headers: dict[bytes, bytes]) -> tuple[str, str, str]:
        """(client address, scheme, public host): X-Forwarded-* believed only from a trusted proxy."""
        peer = (scope.get("client") or ("unknown", 0))[0]
        host = headers.get(b"host", b"").decode("latin-1")
        if not self.trusted(peer):
            return peer, scope.get("scheme", "http"), host
        forwarded = lambda name: headers.get(name, b"").decode("latin-1").split(",")[0].strip()  # noqa: E731
        hops = [h.strip() for h in headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",") if h.strip()]
        client = next((h for h in reversed(hops) if not self.trusted(h)), hops[0] if hops else peer)
        return client, forwarded(b"x-forwarded-proto") or scope.get("scheme", "http"), \
            forwarded(b"x-forwarded-host") or host

    def user(self, name: str) -> Principal:
        role_admin = bool(self.users and self.users.role(name) == "admin")
        return Principal("user", name, admin=name in self.admins or role_admin)

    def identify(self, scope, headers: dict[bytes, bytes], client: str) -> Principal | None:
        peer = (scope.get("client") or ("", 0))[0]
        if self.header and self.trusted(peer) and headers.get(self.header, b"").strip():
            return self.user(headers[self.header].decode("utf-8", "replace").strip()[:128])
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        if self.admin_tokens and scheme.lower() == "bearer" and self.admin_tokens.match(token.strip()):
            return Principal("token", "admin", admin=True)
        if self.tokens and scheme.lower() == "bearer" and (found := self.tokens.match(token.strip())):
            return found
        if self.users and (name := self.sessions.read(_cookie(headers, SESSION_COOKIE))):
            return self.user(name)
        return None if self.enabled else Principal("anonymous", client)


def _cookie(headers: dict[bytes, bytes], name: str) -> str | None:
    for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class AccessMiddleware:
    """Puts a RequestInfo into the scope, then lets the request pass, redirects it or answers 401."""

    def __init__(self, app, access: Access):
        self.app, self.access = app, access

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", []))
        client, scheme, host = self.access.locate(scope, headers)
        state = scope.setdefault("state", {})
        found = RequestInfo(route_path(scope), client, scheme, host, request_id=state.get("request_id", ""))
        state["qa"] = found
        found.principal = self.access.identify(scope, headers, client)
        method = scope.get("method", "GET")
        if found.principal is not None or found.route.startswith(PUBLIC) or method == "OPTIONS":
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        if self.access.users and method == "GET" \
                and not found.route.startswith(API) and b"text/html" in headers.get(b"accept", b""):
            query = scope.get("query_string", b"").decode("latin-1")
            back = scope.get("root_path", "") + found.route + (f"?{query}" if query else "")
            target = scope.get("root_path", "") + "/login?next=" + quote(back)
            await send({"type": "http.response.start", "status": 303, "headers": [(b"location", target.encode())]})
            return await send({"type": "http.response.body", "body": b""})
        await send_error(send, ApiError("unauthorised", headers={"WWW-Authenticate": "Bearer"}))


def principal(request: Request) -> Principal:
    """FastAPI dependency: the caller the middleware identified (anonymous when sign-in is off)."""
    found = request.scope.get("state", {}).get("qa")
    if found is None or found.principal is None:
        raise ApiError("unauthorised", headers={"WWW-Authenticate": "Bearer"})
    return found.principal
