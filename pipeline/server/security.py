"""What keeps a loopback server private: any web page the user opens can reach 127.0.0.1
(DNS rebinding, cross-site form posts), so every request is checked here, as pure ASGI
middleware, before a route sees it.

    HostAllowlist   the Host header must name this server (127.0.0.1, localhost, [::1] + port)
    TokenRequired   the token printed at start, from ?token= (then a cookie) or Authorization
    BodyLimit       a request body over the cap is refused with 413, read or declared
    csrf_token / csrf_ok   a per-server token every form carries; a cookie alone does not post

Jupyter's design (a token in the printed URL, then a cookie; Host and Origin checks).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import tempfile
from http import cookies
from urllib.parse import parse_qs, urlencode

COOKIE = "tokki_token"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(token: str) -> str:
    """The value every form of this server carries (derived from the token, never the token)."""
    return hmac.new(token.encode(), b"tokki-csrf", hashlib.sha256).hexdigest()


def csrf_ok(token: str, offered: str | None) -> bool:
    return offered is not None and hmac.compare_digest(csrf_token(token), offered)


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    names = set(LOOPBACK) | ({host} if host not in ("127.0.0.1", "::1", "localhost") else set())
    names = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
    return frozenset(f"{name}:{port}" for name in names) | (frozenset(names) if port in (80,) else frozenset())


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


async def _refuse(send, status: int, message: str, *, json_body: bool) -> None:
    body = (json.dumps({"error": message}, ensure_ascii=False) if json_body else message).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json; charset=utf-8" if json_body else b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def _wants_json(scope) -> bool:
    return scope.get("path", "").startswith("/api/")


class HostAllowlist:
    def __init__(self, app, hosts: frozenset[str]):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and (_header(scope, b"host") or "").lower() not in self.hosts:
            await _refuse(send, 403, "tokki: this server answers only to its own address (Host header refused)",
                          json_body=_wants_json(scope))
            return
        await self.app(scope, receive, send)


class TokenRequired:
    """The token from ``?token=`` (answered with a cookie and a redirect to the same page
    without it), the cookie, or ``Authorization: token …``; otherwise 401."""

    def __init__(self, app, token: str):
        self.app, self.token = app, token

    def _presented(self, scope) -> tuple[str | None, bool]:
        authorization = _header(scope, b"authorization") or ""
        if authorization.lower().startswith("token "):
            return authorization[6:].strip(), False
        jar = cookies.SimpleCookie()
        try:
            jar.load(_header(scope, b"cookie") or "")
        except cookies.CookieError:
            pass
        if COOKIE in jar:
            return jar[COOKIE].value, False
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        return (query["token"][0], True) if "token" in query else (None, False)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered, in_query = self._presented(scope)
        if offered is None or not hmac.compare_digest(offered, self.token):
            await _refuse(send, 401, "tokki: open the address tokki serve printed (it carries the token), or send "
                                     "Authorization: token …", json_body=_wants_json(scope))
            return
        if in_query:  # the token leaves the address bar and the history: a cookie from now on
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            query.pop("token")
            location = scope["path"] + ("?" + urlencode(query, doseq=True) if query else "")
            await send({"type": "http.response.start", "status": 303, "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()),
                (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        scope.setdefault("state", {})["cookie_auth"] = _header(scope, b"authorization") is None
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuse a body over ``limit`` bytes with 413: at once when Content-Length declares it, else
    as soon as the bytes received pass it (a chunked upload). The body is read here first, into
    a private temporary file (memory up to 1 MB), and handed on only when it is within the
    limit, so no route ever parses a part of an oversized upload; the file is gone after the
    request."""

    CHUNK = 1 << 16

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        message = f"tokki: the upload is larger than the limit of {self.limit // 2**20} MB (--max-upload)"
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _refuse(send, 413, message, json_body=_wants_json(scope))
            return
        with tempfile.SpooledTemporaryFile(max_size=1 << 20) as body:
            received = 0
            while True:
                event = await receive()
                if event["type"] == "http.disconnect":
                    return
                chunk = event.get("body", b"")
                received += len(chunk)
                if received > self.limit:
                    await _refuse(send, 413, message, json_body=_wants_json(scope))
                    return
                body.write(chunk)
                if not event.get("more_body", False):
                    break
            body.seek(0)
            handed_on = False

            async def replay():
                nonlocal handed_on
                if handed_on:  # after the body: what the client does next (it goes)
                    return await receive()
                chunk = body.read(self.CHUNK)
                handed_on = body.tell() >= received
                return {"type": "http.request", "body": chunk, "more_body": not handed_on}

            await self.app(scope, replay, send)
