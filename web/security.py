"""Browser-facing protections: security headers, cross-origin writes, and Gradio's unused routes.

- Every response gets a Content-Security-Policy whose frame-ancestors are this
  origin plus QA_EMBED_ORIGINS (everything else may not frame it),
  X-Content-Type-Options and Referrer-Policy. Our own pages (/embed, sign-in,
  API docs) get a strict policy without inline code; Gradio's page needs inline
  scripts and styles, and its HTML component evaluates code ('unsafe-eval').
- A write (POST, PUT, PATCH, DELETE) carrying an Origin that is neither this
  server nor an allowed embedding origin is refused (403 forbidden_origin).
- Gradio is mounted at the root, but only the routes its page and
  gradio_client use are let through: uploads, file serving, the proxy, run
  history, monitoring and the rest answer with JSON errors.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .access import info
from .errors import ApiError, send_error

OWN_PREFIXES = ("/api/", "/v1/", "/widget/")
OWN_PATHS = {"/embed", "/widget.js", "/metrics", "/login", "/logout"}
STRICT_PAGES = ("/embed", "/login", "/api/v1/docs")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
_GRADIO_ALLOWED = [(methods.split("|"), re.compile(pattern)) for methods, pattern in [
    ("GET|HEAD", r"/"),
    ("GET", r"/(config|theme\.css|favicon\.ico|manifest\.json|robots\.txt)/?"),
    ("GET", r"/(assets|static|svelte)/[^?#]+"),
    ("GET", r"/gradio_api/(info|app_id|login_check|startup-events|queue/status|queue/data)/?"),
    ("GET", r"/gradio_api/heartbeat/[\w-]+/?"),
    ("POST", r"/gradio_api/(queue/join|cancel|reset)/?"),
    ("POST", r"/gradio_api/(call|run)/(ask|feedback)/?"),
    ("POST", r"/gradio_api/run/predict/?"),  # the page's unqueued events (clear)
    ("GET", r"/gradio_api/call/(ask|feedback)/[\w-]+/?"),
]]


def gradio_route_allowed(method: str, route: str) -> bool:
    return any(method in methods and pattern.fullmatch(route) for methods, pattern in _GRADIO_ALLOWED)


def policy(route: str, ancestors: str) -> str:
    if route.startswith(STRICT_PAGES):
        return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                f"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}")
    return ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
            f"worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors {ancestors}")


class SecurityMiddleware:
    """Adds the security headers, refuses foreign-origin writes and closes Gradio's unused routes."""

    def __init__(self, app, embed_origins: list[str]):
        self.app = app
        self.origins = {o.rstrip("/") for o in embed_origins}
        self.ancestors = " ".join(["'self'", *sorted(self.origins)])

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        found, method = info(scope), scope["method"]
        extra = [(b"content-security-policy", policy(found.route, self.ancestors).encode()),
                 (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in names)]
            await send(message)

        origin = dict(scope.get("headers", [])).get(b"origin", b"").decode("latin-1").rstrip("/")
        if method in WRITES and origin and origin not in self.origins and urlsplit(origin).netloc != found.host:
            return await send_error(with_headers, ApiError("forbidden_origin"))
        own = found.route in OWN_PATHS or found.route.startswith(OWN_PREFIXES)
        if not own and not gradio_route_allowed(method, found.route):
            upload = found.route.rstrip("/").endswith("/upload")
            return await send_error(with_headers, ApiError("upload_closed" if upload else "not_found"))
        await self.app(scope, receive, with_headers)
