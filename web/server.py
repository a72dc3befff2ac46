"""`create_app`: one FastAPI app with the APIs, the widget, metrics and the Gradio page mounted at /.

    app = create_app(settings, provider, status=loader.status)   # provider() -> Assistant or raises NotReady
    uvicorn.run(app, host=settings.host, port=settings.port)

Middlewares, outermost first: request log (request id, JSON instead of a
traceback) -> body size limit -> access (who, from where, may it pass) -> CORS
-> security (headers, foreign-origin writes, Gradio's unused routes).
"""
from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Iterator

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount

from settings import Settings

from . import admin_api, apidocs, embed, login, openai_compat, rest
from .access import Access, AccessMiddleware, principal
from .auth import Principal
from .errors import ApiError, json_response, validation_detail
from .library_admin import LibraryAdmin
from .limits import BodyLimit
from .observability import RequestLog
from .page_html import PageLanguage
from .security import SecurityMiddleware
from .service import AnswerService, NotReady

HTTP_CODES = {401: "unauthorised", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
              429: "rate_limited", 503: "busy"}
DESCRIPTION = ("Cited answers over the organisation's documents. Every error is JSON "
               '`{"error": {"code", "type", "message"}}` with a stable code.')


def _handle_errors(app: FastAPI) -> None:
    """JSON for every error of our routes, and for unknown paths under /api and /v1."""
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError):
        return json_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        return json_response(ApiError("bad_request", detail=validation_detail(exc.errors())))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException):
        code = HTTP_CODES.get(exc.status_code, "bad_request" if exc.status_code < 500 else "internal_error")
        return json_response(ApiError(code, headers=exc.headers))

    async def unknown(request: Request, rest: str = ""):  # noqa: ARG001 - the path parameter
        scope = {**request.scope, "method": "*"}
        known = [r for r in app.router.routes
                 if not isinstance(r, Mount) and getattr(r, "endpoint", None) is not unknown]
        if any(r.matches(scope)[0] != Match.NONE for r in known):
            raise ApiError("method_not_allowed")
        raise ApiError("not_found")

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
    for prefix in ("/api", "/v1"):  # unknown paths under the APIs answer JSON, not Gradio's 404
        app.add_api_route(prefix + "/{rest:path}", unknown, methods=methods, include_in_schema=False)


def _metrics_route(app: FastAPI, service: AnswerService, access: Access) -> None:
    @app.get("/metrics", include_in_schema=False)
    def metrics(who: Principal = Depends(principal)) -> Response:
        if access.enabled and not (who.admin or who.kind == "token"):
            raise ApiError("forbidden")
        return Response(service.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")


def page_secret(settings: Settings) -> str | None:
    """The key the page's saved conversations are stored under in the browser: kept in the data
    folder so they survive a restart (None, a new key each start, when the folder is read-only)."""
    path = settings.data_dir / "page-secret"
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        pass
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(24)
        path.write_text(secret, encoding="ascii")
        path.chmod(0o600)
        return secret
    except OSError:
        return None


def _mount_page(app: FastAPI, settings: Settings, service: AnswerService, access: Access,
                status: Callable[[], Iterator[object]]) -> None:
    import gradio as gr

    from ui.examples import Examples
    from ui.hooks import PageHooks, Viewer
    from ui.page import THEME, build_page, page_css, page_head

    from .gradio_bridge import GradioBridge, caller

    bridge = GradioBridge(service)

    def documents():
        try:
            return service.provider().documents
        except NotReady:
            return None

    def viewer(request) -> Viewer:
        who = caller(request)  # anonymous visitors share one owner label: their address may change
        return Viewer(who.label if who.kind != "anonymous" else "anonymous", who.name if who.admin else None)

    examples = Examples(settings.examples_file, service.provider)
    hooks = PageHooks(
        ask=bridge.ask, vote=bridge.vote, status=status, documents=documents, viewer=viewer, examples=examples.get,
        admin_token=bool(settings.admin_token), max_question_chars=settings.max_question_chars,
        max_file_mb=settings.max_file_mb, upload_folder=settings.upload_folder, storage_secret=page_secret(settings),
        api={"ask": bridge.api_ask, "feedback": bridge.api_feedback})
    demo = build_page(hooks)
    demo.delete_cache = (3600, 3600)  # Gradio's temporary files: swept hourly, and all of them at start
    who = (lambda request: request.scope["state"]["qa"].principal.label) if access.enabled else None
    links = ["api", "settings"] if settings.page_developer_links else []
    gr.mount_gradio_app(app, demo, path="/", theme=THEME, css=page_css(), head=page_head(), footer_links=links,
                        show_error=False, enable_monitoring=False, run_history=False, auth_dependency=who,
                        max_file_size=0, ssr_mode=False, mcp_server=False)


def _idle_status() -> Iterator[str]:
    yield ""


def create_app(settings: Settings, assistant_provider: Callable[[], object], *,
               status: Callable[[], Iterator[str]] | None = None, page: bool = True) -> FastAPI:
    """The whole server. `assistant_provider()` returns the loaded Assistant or raises web.service.NotReady."""
    access = Access(settings)
    service = AnswerService(settings, assistant_provider)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        service.close()

    app = FastAPI(title="文档问答助手 API", version="1", description=DESCRIPTION, root_path=settings.root_path,
                  openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings, app.state.service, app.state.access = settings, service, access
    app.state.library_admin = LibraryAdmin(settings)
    for module in (rest, admin_api, openai_compat, embed, login, apidocs):
        app.include_router(module.router)
    _metrics_route(app, service, access)
    _handle_errors(app)  # after the routes: its catch-alls must come last, before the page
    if page:
        _mount_page(app, settings, service, access, status or _idle_status)
    app.add_middleware(PageLanguage)
    app.add_middleware(SecurityMiddleware, embed_origins=settings.embed_origins)
    app.add_middleware(CORSMiddleware, allow_origins=settings.embed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type", "X-Request-ID"], max_age=600)
    app.add_middleware(AccessMiddleware, access=access)
    larger = {admin_api.UPLOAD_ROUTE: settings.max_file_bytes + 2**20,  # one file and its form fields
              "/gradio_api/queue/join": settings.page_body_bytes, "/gradio_api/run/predict": settings.page_body_bytes}
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, larger=larger)
    app.add_middleware(RequestLog, metrics=service.metrics)
    return app
