"""Admin routes under /api/v1: upload a file into the library, delete or re-index a document,
re-index everything, and follow the jobs. Admins only: a signed-in user with the admin role, or
`Authorization: Bearer <QA_ADMIN_TOKEN>`. Without any admin configured they answer `admin_off`.

    curl -H "Authorization: Bearer $QA_ADMIN_TOKEN" -F file=@规定.docx -F category=制度 \\
         http://127.0.0.1:7860/api/v1/documents
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse

from prompts import render

from .access import principal
from .auth import Principal
from .errors import ApiError
from .library_admin import LibraryAdmin
from .service import AnswerService, service

router = APIRouter(prefix="/api/v1", tags=["Library admin"])
UPLOAD_ROUTE = "/api/v1/documents"
ERRORS = {code: {"description": f"JSON error `{code}`"} for code in (401, 403, 404, 413, 422, 503)}


def admin(request: Request, who: Principal = Depends(principal)) -> LibraryAdmin:
    """FastAPI dependency: the library admin, for an admin caller only."""
    if not request.app.state.access.admin_available:
        raise ApiError("admin_off")
    if not who.admin:
        raise ApiError("forbidden")
    return request.app.state.library_admin


def accepted(job) -> JSONResponse:
    return JSONResponse(job.view(), status_code=202)


def _document(svc: AnswerService, doc_id: int):
    found = svc.assistant().documents.get(doc_id)
    if found is None:
        raise ApiError("not_found", render("document_missing", id=doc_id))
    return found


@router.post("/documents", status_code=202, responses=ERRORS, summary="Upload a file into the library and index it")
async def upload(file: UploadFile = File(..., description="A .txt .md .docx .pdf or .html file."),
                 category: str = Form("", description="Library folder (category) to put it in; default: uploads."),
                 lib: LibraryAdmin = Depends(admin), svc: AnswerService = Depends(service)):
    svc.assistant()  # not while the first build runs
    data = await file.read(lib.settings.max_file_bytes + 1)
    path, replaced = lib.save(file.filename or "", data, category)
    name = path.relative_to(lib.seeds).as_posix()
    job = lib.submit(render("admin_task_upload", name=name), [path])
    return JSONResponse(job.view() | {"path": name, "replaced": replaced}, status_code=202)


@router.delete("/documents/{doc_id}", status_code=202, responses=ERRORS, summary="Delete a document's file and re-index")
def delete(doc_id: int, lib: LibraryAdmin = Depends(admin), svc: AnswerService = Depends(service)):
    doc = _document(svc, doc_id)
    path = lib.library_path(doc.path)
    path.unlink(missing_ok=True)
    return accepted(lib.submit(render("admin_task_delete", name=doc.path), None))


@router.post("/documents/{doc_id}/reindex", status_code=202, responses=ERRORS, summary="Index one document again")
def reindex(doc_id: int, lib: LibraryAdmin = Depends(admin), svc: AnswerService = Depends(service)):
    doc = _document(svc, doc_id)
    path = lib.library_path(doc.path)
    if not path.is_file():
        raise ApiError("outside_library", path=doc.path)
    return accepted(lib.submit(render("admin_task_reindex", name=doc.path), [path]))


@router.post("/library/reindex", status_code=202, responses=ERRORS, summary="Index the whole library folder again")
def reindex_all(lib: LibraryAdmin = Depends(admin), svc: AnswerService = Depends(service)):
    svc.assistant()
    return accepted(lib.submit(render("admin_task_all"), None))


@router.get("/library/jobs", responses=ERRORS, summary="The admin jobs: queued, running and the last finished")
def jobs(lib: LibraryAdmin = Depends(admin)):
    return lib.state()
