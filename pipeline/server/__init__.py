"""tokki serve: a page on the user's own machine for legal staff — upload two templates, read
the comparison, re-pair a clause, take the 新旧対照表 home — and a JSON API with the CLI's
contracts. Nothing leaves the machine; nothing uploaded outlives its job.

    app.py        the routes (Starlette, Jinja2 templates, static assets in the package)
    jobs.py       a job's private folder, its work in a bounded child process, its deletion
    security.py   Host allowlist, token, CSRF, upload cap (pure ASGI middleware)
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from pipeline.server.security import new_token


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: str = "127.0.0.1", port: int = 8765, *, options=None, max_upload: int | None = None,
          token: str | None = None, open_browser: bool = False) -> None:
    """Run the server until Ctrl-C; prints the address with its token."""
    import uvicorn

    from pipeline.server.app import DEFAULT_MAX_UPLOAD, create_app

    token = token or new_token()
    if not is_loopback(host):
        print(f"tokki: warning: serving on {host}, not on this machine only: anyone who can reach it and has the "
              "token can upload files to it", file=sys.stderr)
    app = create_app(token=token, host=host, port=port, options=options, max_upload=max_upload or DEFAULT_MAX_UPLOAD)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/?token={token}"
    print(f"tokki serve: open {url}\n(Ctrl-C stops the server and deletes every upload)", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (for the bench and the tests: the app needs its port
    before it starts, for the Host allowlist)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def running_in_background(app, host: str, port: int) -> Iterator[None]:
    """``app`` served by uvicorn from a thread of this process until the block ends, with its
    lifespan (so a shutdown deletes the uploads as ``tokki serve`` does)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="tokki-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError(f"the server did not start on {host}:{port}")
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=30)
