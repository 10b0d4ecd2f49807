"""The routes: an upload page, a job page (progress, then the result), re-pairing, downloads,
and a JSON API with the CLI's contracts. Starlette; pages drawn with Jinja2 from templates/,
assets in static/ (no CDN, no build step)."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline.extract.limits import ExtractOptions
from pipeline.model import TokkiError
from pipeline.server.jobs import KINDS, Job, JobStore, Upload, UploadError
from pipeline.server.security import BodyLimit, HostAllowlist, TokenRequired, allowed_hosts, csrf_ok, csrf_token
from pipeline.text.normalize import visible

HERE = Path(__file__).resolve().parent
TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(("j2", "html")),
                        trim_blocks=True, lstrip_blocks=True)
TEMPLATES.filters["visible"] = visible
# What a page may load: only this server's own files; no frames, no form posts elsewhere.
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}
DOWNLOADS = {"compare": ("xlsx", "html", "json"), "diff": ("docx", "xlsx", "html", "json"), "check": ("json",)}
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "html": "text/html; charset=utf-8", "json": "application/json; charset=utf-8"}
DEFAULT_MAX_UPLOAD = 64 * 2**20  # two templates of 30 MB each


def _page(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context), status_code=status, headers=SECURITY_HEADERS)


def create_app(*, token: str, host: str = "127.0.0.1", port: int = 8765, options: ExtractOptions | None = None,
               max_upload: int = DEFAULT_MAX_UPLOAD, idle_seconds: float | None = None) -> Starlette:
    """The ASGI app, wrapped in its checks (Host, then token, then body size)."""
    store = JobStore(options, **({"idle_seconds": idle_seconds} if idle_seconds is not None else {}))
    csrf = csrf_token(token)

    def context(request: Request, **more) -> dict:
        return {"csrf": csrf, "max_upload_mb": max_upload // 2**20, **more}

    async def form_of(request: Request):
        form = await request.form(max_files=4, max_fields=20)
        if request.scope.get("state", {}).get("cookie_auth", True) and not csrf_ok(token, form.get("csrf")):
            raise PermissionError("tokki: the form is not one of this server's (CSRF token missing or wrong)")
        return form

    async def uploads_of(form) -> list[Upload]:
        out = []
        for name in ("a", "b", "old", "new", "file"):
            value = form.get(name)
            if isinstance(value, UploadFile):
                out.append(Upload(name, value.filename or "", await value.read()))
        return out

    def job_or_404(request: Request) -> Job:
        job = store.get(request.path_params["job"])
        if job is None:
            raise LookupError("tokki: no such job: it was closed, or it expired after 30 minutes without use")
        return job

    # -- pages ---------------------------------------------------------------------------------
    async def upload_page(request: Request):
        store.expire()
        return _page("upload.html.j2", **context(request, closed=request.query_params.get("closed")))

    async def create_job(request: Request):
        form = await form_of(request)
        kind = str(form.get("kind", "compare"))
        uploads = await uploads_of(form)
        checklist = str(form.get("checklist") or "") or None
        job = store.create(kind, uploads, ocr=form.get("ocr") == "on",
                           checklist=checklist if checklist in ("mynumber", "kojinjoho") else None)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def job_page(request: Request):
        job = job_or_404(request)
        if job.status == "running":
            return _page("running.html.j2", **context(request, job=job))
        if job.status == "failed":
            return _page("failed.html.j2", status=422, **context(request, job=job))
        return _page(f"{job.kind}.html.j2", **context(request, job=job, result=job.result,
                                                      downloads=DOWNLOADS[job.kind],
                                                      message=request.query_params.get("message")))

    async def view(request: Request):
        job = job_or_404(request)
        if job.status != "done" or job.kind == "check":
            raise LookupError("tokki: this job has no page to view")
        return HTMLResponse(_render(job, "html"), headers=SECURITY_HEADERS)

    async def repair(request: Request):
        job = job_or_404(request)
        form = await form_of(request)
        a, b = (str(form.get(k) or "") or None for k in ("a", "b"))
        store.repair(job, a, b)
        return RedirectResponse(f"/jobs/{job.id}#row-{a or b}", status_code=303)

    async def download(request: Request):
        job = job_or_404(request)
        fmt = request.path_params["fmt"]
        if job.status != "done" or fmt not in DOWNLOADS[job.kind]:
            raise LookupError(f"tokki: this job has no {fmt} to download")
        stem = f"tokki-{job.kind}"
        if fmt in ("xlsx", "docx"):
            path = await asyncio.to_thread(_write_file, job, fmt)
            return FileResponse(path, media_type=MEDIA[fmt], filename=f"{stem}.{fmt}", headers=SECURITY_HEADERS)
        return Response(_render(job, fmt), media_type=MEDIA[fmt], headers={
            **SECURITY_HEADERS, "content-disposition": f'attachment; filename="{stem}.{fmt}"'})

    async def close(request: Request):
        await form_of(request)
        store.close(request.path_params["job"])
        return RedirectResponse("/?closed=1", status_code=303)

    # -- the API: the CLI's JSON contracts --------------------------------------------------------
    async def api(request: Request):
        kind = request.path_params["kind"]
        form = await form_of(request)
        job = store.create(kind, await uploads_of(form),
                           checklist=str(form.get("checklist") or "") or None)
        try:
            while job.status == "running":
                await asyncio.sleep(0.05)
            if job.status == "failed":
                return JSONResponse({"error": job.error}, status_code=422)
            return Response(_render(job, "json"), media_type=MEDIA["json"])
        finally:
            store.close(job.id)  # an API call keeps nothing

    async def errors(request: Request, error: Exception):
        status = {UploadError: 400, PermissionError: 403, LookupError: 404, TokkiError: 422}
        code = next((s for kind, s in status.items() if isinstance(error, kind)), 500)
        message = str(error) if code != 500 else f"tokki failed ({type(error).__name__}): {error}"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=code)
        return _page("error.html.j2", status=code, **context(request, message=message))

    @asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            store.shutdown()  # nothing a user uploaded outlives the server

    app = Starlette(routes=[
        Route("/", upload_page),
        Route("/jobs", create_job, methods=["POST"]),
        Route("/jobs/{job}", job_page),
        Route("/jobs/{job}/view", view),
        Route("/jobs/{job}/pair", repair, methods=["POST"]),
        Route("/jobs/{job}/download/{fmt}", download),
        Route("/jobs/{job}/close", close, methods=["POST"]),
        Route("/api/{kind:str}", api, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ], exception_handlers={Exception: errors, UploadError: errors, PermissionError: errors, LookupError: errors,
                           TokkiError: errors}, lifespan=lifespan)
    app.state.store = store
    return HostAllowlist(TokenRequired(BodyLimit(app, max_upload), token), allowed_hosts(host, port))


def _render(job: Job, fmt: str) -> str:
    """A finished job's page (html) or JSON contract (json)."""
    result = job.result
    if fmt == "json":
        payload = result if job.kind == "check" else result.to_json()
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if job.kind == "compare":
        from pipeline.report.html import comparison_page

        return comparison_page(result)
    from pipeline.report.shinkyu import shinkyu_page

    return shinkyu_page(result)


def _write_file(job: Job, fmt: str) -> Path:
    folder = job.folder / "downloads"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"tokki-{job.kind}.{fmt}"
    with job.lock:
        if job.kind == "compare":
            from pipeline.report.xlsx import write_comparison_xlsx

            write_comparison_xlsx(job.result, path)
        else:
            from pipeline.report.shinkyu import write_shinkyu_docx, write_shinkyu_xlsx

            (write_shinkyu_docx if fmt == "docx" else write_shinkyu_xlsx)(job.result, path)
    return path


__all__ = ["create_app", "KINDS"]
