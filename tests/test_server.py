"""tokki serve: the JSON API keeps the CLI's contracts, and the page's guards hold — a token,
the Host header, CSRF, the upload cap, a job past its time limit, files gone after a job.
Through the ASGI app with httpx (Starlette's TestClient); the page itself is driven in
Chromium by tests/test_server_browser.py."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from pipeline.cli import main
from pipeline.extract.limits import ExtractOptions
from pipeline.server.app import create_app
from pipeline.server.security import csrf_token
from tests.conftest import RAW

TOKEN = "test-token-" + "x" * 20
HOST = "127.0.0.1:8765"
HOFU, FUKUOKA = RAW / "hofu-city.txt", RAW / "fukuoka-pref.txt"
VERSIONS = Path(__file__).resolve().parent / "heldout-pairs" / "02-version-gained-paragraph"


def _client(**kwargs) -> TestClient:
    app = create_app(token=TOKEN, host="127.0.0.1", port=8765, **kwargs)
    return TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)


@pytest.fixture
def client():
    with _client() as c:
        yield c


def _api(client, kind, files, **data):
    return client.post(f"/api/{kind}", headers={"Authorization": f"token {TOKEN}"}, files=files, data=data)


def _files(**paths):
    return {field: (path.name, path.read_bytes()) for field, path in paths.items()}


def test_api_compare_is_the_cli_contract(client, capsys):
    response = _api(client, "compare", _files(a=HOFU, b=FUKUOKA))
    assert response.status_code == 200, response.text
    served = response.json()
    assert main(["compare", str(HOFU), str(FUKUOKA), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    for key in ("a", "b"):  # the CLI names the files by path, the server by the uploaded name
        served[key].pop("source"), printed[key].pop("source")
    assert served == printed


def test_api_diff_and_check_are_the_cli_contracts(client, capsys):
    diff = _api(client, "diff", _files(old=VERSIONS / "a.txt", new=VERSIONS / "b.txt"))
    assert diff.status_code == 200, diff.text
    assert main(["diff", str(VERSIONS / "a.txt"), str(VERSIONS / "b.txt"), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert diff.json()["rows"] == printed["rows"] and diff.json()["references"] == printed["references"]
    check = _api(client, "check", _files(file=HOFU))
    assert check.status_code == 200
    assert main(["check", str(HOFU), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert check.json()["items"] == printed["items"] and check.json()["checklist"] == printed["checklist"]


def test_api_errors_are_json_with_the_clis_message(client, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    response = _api(client, "compare", {"a": ("broken.pdf", broken.read_bytes()), "b": ("hofu.txt", HOFU.read_bytes())})
    assert response.status_code == 422
    assert response.json()["error"].startswith("broken.pdf: the PDF is corrupt or unreadable")
    response = _api(client, "compare", {"a": ("notes.xls", b"..."), "b": ("hofu.txt", HOFU.read_bytes())})
    assert response.status_code == 400 and response.json()["error"].startswith("notes.xls: tokki reads")
    response = _api(client, "compare", {"a": ("hofu.txt", HOFU.read_bytes())})
    assert response.status_code == 400 and response.json()["error"] == "choose a file for b"


def test_no_token_is_refused_and_the_token_becomes_a_cookie(client):
    assert client.get("/").status_code == 401
    assert client.get("/", headers={"Authorization": "token wrong"}).status_code == 401
    assert _api(client.__class__(client.app, base_url=f"http://{HOST}"), "check", _files(file=HOFU)).status_code == 200
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status_code == 200  # the cookie from now on


def test_a_foreign_host_is_refused(client):
    for host in ("evil.example:8765", "127.0.0.1:9999", "attacker.127.0.0.1.nip.io:8765"):
        response = client.get(f"/?token={TOKEN}", headers={"Host": host})
        assert response.status_code == 403, host
    assert client.get(f"/?token={TOKEN}", headers={"Host": "localhost:8765"}).status_code == 303


def _logged_in(client) -> None:
    client.get(f"/?token={TOKEN}")


def test_a_cross_site_form_post_without_the_csrf_token_is_refused(client):
    _logged_in(client)
    files = _files(a=HOFU, b=FUKUOKA)
    assert client.post("/jobs", data={"kind": "compare"}, files=files).status_code == 403
    assert client.post("/jobs", data={"kind": "compare", "csrf": "forged"}, files=files).status_code == 403
    response = client.post("/jobs", data={"kind": "compare", "csrf": csrf_token(TOKEN)}, files=files)
    assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")


def test_an_upload_over_the_cap_is_413_and_the_server_stays_up():
    with _client(max_upload=1 << 20) as client:
        _logged_in(client)
        big = b"0" * (3 << 20)
        response = client.post("/jobs", data={"kind": "check", "csrf": csrf_token(TOKEN)},
                               files={"file": ("big.txt", big)})
        assert response.status_code == 413
        assert _api(client, "check", _files(file=HOFU)).status_code == 200  # still answering


def _run_job(client, kind: str, files: dict, timeout: float = 60) -> str:
    _logged_in(client)
    response = client.post("/jobs", data={"kind": kind, "csrf": csrf_token(TOKEN)}, files=files)
    assert response.status_code == 303, response.text
    page = response.headers["location"]
    deadline = time.monotonic() + timeout
    while "refresh" in (text := client.get(page).text) and time.monotonic() < deadline:
        time.sleep(0.1)
    return page


def test_a_job_past_its_time_limit_is_an_error_page_and_the_server_answers():
    with _client(options=ExtractOptions(timeout=1e-3)) as client:
        page = _run_job(client, "compare", _files(a=RAW / "fukuoka-pref.pdf", b=HOFU))
        response = client.get(page)
        assert response.status_code == 422
        assert "longer than the limit" in response.text or "did not finish" in response.text
        assert client.get("/").status_code == 200  # still answering
        assert "longer than the limit" in _api(client, "check", _files(file=HOFU)).json()["error"]


def test_closing_a_job_deletes_its_files(client):
    page = _run_job(client, "compare", _files(a=HOFU, b=FUKUOKA))
    store = client.app.app.app.app.state.store  # inside HostAllowlist → TokenRequired → BodyLimit
    job_id = page.rsplit("/", 1)[1]
    folder = store.get(job_id).folder
    assert client.get(f"{page}/download/xlsx").status_code == 200
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["a.txt", "b.txt", "tokki-compare.xlsx"]
    response = client.post(f"{page}/close", data={"csrf": csrf_token(TOKEN)})
    assert response.status_code == 303
    assert not folder.exists() and client.get(page).status_code == 404


def test_shutdown_deletes_every_upload():
    with _client() as client:
        _run_job(client, "check", _files(file=HOFU))
        root = client.app.app.app.app.state.store.root
        assert any(root.iterdir())
    assert not root.exists()


def test_re_pairing_a_clause_changes_its_row_and_the_downloads(client):
    page = _run_job(client, "compare", _files(a=HOFU, b=FUKUOKA))
    before = client.get(f"{page}/download/json").json()
    row = next(r for r in before["alignments"] if r["a"] == "3" and r["b"])
    other = next(r["b"] for r in before["alignments"] if r["b"] and r["b"] != row["b"] and r["a"] != "3")
    response = client.post(f"{page}/pair", data={"csrf": csrf_token(TOKEN), "a": "3", "b": other})
    assert response.status_code == 303
    after = client.get(f"{page}/download/json").json()
    paired = [r for r in after["alignments"] if r["a"] == "3"]
    assert [r["b"] for r in paired] == [other]
    assert paired[0]["reasons"] != row["reasons"]
    html = client.get(page).text
    assert "対応を変更しました" in html
    assert re.search(rf'<tr class="row-\w+" id="row-3" data-a="3" data-b="{other}">', html)
    # "no counterpart"
    client.post(f"{page}/pair", data={"csrf": csrf_token(TOKEN), "a": "3", "b": ""})
    assert [r["status"] for r in client.get(f"{page}/download/json").json()["alignments"] if r["a"] == "3"] == ["missing"]


def test_pages_are_text_and_forbid_frames_and_foreign_scripts(client, tmp_path):
    hostile = tmp_path / "x.txt"
    page = _run_job(client, "check", {"file": ("<img src=x onerror=alert(1)>\u202e.txt", HOFU.read_bytes())})
    response = client.get(page)
    assert "<img src=x" not in response.text and "\u202e" not in response.text
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    del hostile
