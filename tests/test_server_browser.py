"""tokki serve in a real browser: headless Chromium (Debian's, driven by Playwright) drops two
PDFs on the upload page, waits through the progress page, reads the rows, re-pairs a clause and
sees its reasons change, downloads the xlsx and (for two versions) the 新旧対照表 docx and opens
them, then closes the job. Screenshots are kept in build/test-artifacts/ for a person to look at.

The server is the real one (uvicorn on 127.0.0.1, a free port, in a thread of this process).
Without Chromium the tests are skipped locally and fail under CI, like tests/test_browser.py.
"""

from __future__ import annotations

import base64
import shutil
import socket
from pathlib import Path

import pytest

from tests.conftest import RAW
from tests.util import require_installed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"
VERSIONS = Path(__file__).resolve().parent / "heldout-pairs" / "02-version-gained-paragraph"
TOKEN = "browser-test-token-" + "y" * 16
WAIT_MS = 90_000



@pytest.fixture(scope="module")
def server():
    """The app served by uvicorn on 127.0.0.1 until the module's tests are done."""
    from pipeline.server import free_port, running_in_background
    from pipeline.server.app import create_app

    port = free_port()
    app = create_app(token=TOKEN, host="127.0.0.1", port=port)
    store = app.app.app.app.state.store  # inside HostAllowlist → TokenRequired → BodyLimit
    with running_in_background(app, "127.0.0.1", port):
        yield f"http://127.0.0.1:{port}", store
    assert not store.root.exists(), "shutting the server down must delete every upload"


@pytest.fixture(scope="module")
def browser():
    require_installed(CHROMIUM is not None, "headless Chromium is not installed", "browser")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, locale="ja-JP", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    url, _ = server
    page.goto(f"{url}/?token={TOKEN}")  # the token becomes a cookie, the address loses it
    assert page.url == f"{url}/"
    yield page
    context.close()


def _drop(page, zone: str, path: Path) -> None:
    """Drop a file on a drop zone as a user's drag from the file manager does."""
    transfer = page.evaluate_handle(
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""", [path.name, base64.b64encode(path.read_bytes()).decode()])
    page.dispatch_event(zone, "drop", {"dataTransfer": transfer})


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"serve-{name}.png"), full_page=True)


def _row(page, a: str):
    return page.locator(f"#alignments tr[data-a='{a}']")


def test_compare_drop_two_pdfs_read_re_pair_and_download(page, server, tmp_path):
    url, store = server
    _drop(page, ".drop[data-fields^='a']", RAW / "hofu-city.pdf")
    _drop(page, ".drop[data-fields^='b']", RAW / "fukuoka-pref.pdf")
    assert page.locator(".drop .chosen").all_inner_texts() == ["hofu-city.pdf", "fukuoka-pref.pdf"]
    _shot(page, "upload")
    page.click("button[type=submit]")
    page.wait_for_selector("#alignments")  # through the progress page
    _shot(page, "compare")

    assert "hofu-city.pdf" in page.inner_text("main") and "fukuoka-pref.pdf" in page.inner_text("main")
    # rows a reviewer checks: 防府市 第２ ↔ 福岡県 第４ equivalent; 第５ ↔ 第６ divergent, with reasons
    assert _row(page, "2").get_attribute("data-b") == "4"
    assert _row(page, "2").locator(".status").inner_text().startswith("equivalent")
    assert _row(page, "5").get_attribute("data-b") == "6"
    assert _row(page, "5").locator(".status").inner_text().startswith("divergent")
    assert _row(page, "5").locator(".reasons div").count() >= 1
    rows = page.locator("#alignments tbody tr").count()
    assert rows >= 12

    # re-pair 第２ with 福岡県 第６ (another topic): the row's verdict and reasons are recomputed
    before = _row(page, "2").locator(".reasons").inner_text()
    _row(page, "2").locator("select").select_option("6")
    _row(page, "2").locator("button").click()
    page.wait_for_selector(".notice")
    _shot(page, "re-paired")
    assert _row(page, "2").get_attribute("data-b") == "6"
    assert _row(page, "2").locator(".by-hand").count() == 1 and _row(page, "5").locator(".by-hand").count() == 0
    assert _row(page, "2").locator(".status").inner_text().startswith("divergent")
    after = _row(page, "2").locator(".reasons").inner_text()
    assert after and after != before

    # the xlsx reflects the re-pairing
    with page.expect_download() as download:
        page.click("#download-xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    import openpyxl

    book = openpyxl.load_workbook(saved)
    cells = [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("第２" in cell and "秘密" in cell for cell in cells)
    assert any(after.splitlines()[0][:12] in cell for cell in cells), "the re-paired row's reason is in the xlsx"

    # closing the job deletes its files; the page says so
    job = store.get(page.url.rsplit("/", 1)[1].split("#")[0])
    folder = job.folder
    assert folder.exists()
    page.click("form.close button")
    page.wait_for_selector("p.notice")
    assert "削除しました" in page.inner_text("p.notice")
    assert not folder.exists()


def test_diff_two_versions_and_take_the_docx_home(page, tmp_path):
    page.check("input[name=kind][value=diff]")
    assert page.locator("input#file-a").get_attribute("name") == "old"
    _drop(page, ".drop[data-fields^='a']", VERSIONS / "a.txt")
    _drop(page, ".drop[data-fields^='b']", VERSIONS / "b.txt")
    page.click("button[type=submit]")
    page.wait_for_selector("#rows")
    _shot(page, "diff")
    changes = page.locator("#rows tbody tr td:nth-child(3)").all_inner_texts()
    assert "amended" in changes

    with page.expect_download() as download:
        page.click("#download-docx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    import docx

    document = docx.Document(str(saved))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "改正後" in text and "改正前" in text
    assert "日時及び方法を記載した書面" in text  # the paragraph the new version gained
    underlined = [run.text for table in document.tables for row in table.rows for cell in row.cells
                  for paragraph in cell.paragraphs for run in paragraph.runs if run.underline]
    assert any("日時及び方法" in run for run in underlined), "the added text is underlined (傍線)"


def test_a_page_without_the_token_is_refused(browser, server):
    url, _ = server
    context = browser.new_context()
    try:
        response = context.new_page().goto(f"{url}/")
        assert response.status == 401
    finally:
        context.close()


def _raw_request(url: str, head: bytes, body_chunks) -> bytes:
    """Send a request over a plain socket, body chunk by chunk, stopping as soon as the server
    answers (as a browser does when it is refused mid-upload); returns the response head."""
    import select

    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as connection:
        connection.sendall(head)
        for chunk in body_chunks:
            if select.select([connection], [], [], 0)[0]:
                break  # answered before the body was all sent
            try:
                connection.sendall(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
        return connection.recv(4096)


def test_a_600_mb_upload_is_413_and_the_server_stays_up(server):
    """Declared (Content-Length) and undeclared (chunked) 600 MB bodies against the default 64 MB
    cap: 413 for both, without the server reading them whole, and it answers the next request."""
    url, _ = server
    size = 600 * 2**20
    base = (f"POST /jobs HTTP/1.1\r\nHost: {url.removeprefix('http://')}\r\nCookie: tokki_token={TOKEN}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n")
    declared = _raw_request(url, (base + f"Content-Length: {size}\r\n\r\n").encode(), iter(()))
    assert declared.startswith(b"HTTP/1.1 413"), declared[:200]
    mb = b"0" * 2**20
    chunked = _raw_request(url, (base + "Transfer-Encoding: chunked\r\n\r\n").encode(),
                           (b"%x\r\n%s\r\n" % (len(mb), mb) for _ in range(600)))
    assert chunked.startswith(b"HTTP/1.1 413"), chunked[:200]
    import httpx

    assert httpx.get(f"{url}/", headers={"Authorization": f"token {TOKEN}"}).status_code == 200
