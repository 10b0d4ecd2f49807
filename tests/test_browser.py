"""The reports in a real browser: headless Chromium opens a comparison page and an index page,
takes screenshots and dumps the DOM; Japanese must render with a real font, not tofu.

Needs Debian's ``chromium`` and a Japanese font (``fonts-noto-cjk``): ``make browser`` installs
them, and ``make test`` depends on it. Without them the tests are skipped locally and fail
under CI (CI=true), so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipeline import report
from pipeline.api import compare_documents
from pipeline.extract import extract
from pipeline.segment import segment
from tests.conftest import RAW

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 120


def _require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — `make browser` installs it")
        pytest.skip(f"{reason} (run `make browser`)")


@pytest.fixture(scope="module")
def chromium():
    _require(CHROMIUM is not None, "headless Chromium is not installed")
    return CHROMIUM


def run_chromium(chromium: str, url: str, profile: Path, *extra: str, window: str = "1280,2000"):
    """One headless Chromium run; returns (stdout, stderr). The whole process group is ended
    on a timeout, so no renderer is left behind."""
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
        f"--window-size={window}", *extra, url,
    ]
    env = {**os.environ, "HOME": str(profile)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"chromium did not finish within {TIMEOUT}s on {url}")
    assert process.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    return out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def screenshot(chromium: str, path: Path, png: Path, profile: Path, window: str = "1280,2000"):
    run_chromium(chromium, path.as_uri(), profile, f"--screenshot={png}", window=window)
    assert png.is_file() and png.stat().st_size > 0
    from PIL import Image

    return Image.open(png).convert("RGB")


def dump_dom(chromium: str, path: Path, profile: Path) -> tuple[str, str]:
    """The DOM after load, and the console (script errors are logged as "Uncaught …")."""
    return run_chromium(chromium, path.as_uri(), profile, "--dump-dom", "--enable-logging=stderr", "--v=0")


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def not_blank(image) -> bool:
    colours = image.getcolors(maxcolors=1 << 20)
    return colours is None or len(colours) > 20


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A comparison page (+ heatmap) and an index page in a folder with a Japanese name."""
    folder = tmp_path_factory.mktemp("site") / "報告 pages"
    comparison = compare_documents(segment(extract(RAW / "hofu-city.txt")), segment(extract(RAW / "fukuoka-pref.txt")))
    page = folder / "hofu-city__fukuoka-pref.html"
    report.write_comparison_html(comparison, page, index_href="index.html")
    documents = [
        {"source": "hofu-city.txt", "title": comparison.a.title, "issuer": "防府市", "pages": 1,
         "articles": len(comparison.a.articles()), "status": "ok", "error": None},
        {"source": "fukuoka-pref.txt", "title": comparison.b.title, "issuer": "福岡県", "pages": 1,
         "articles": len(comparison.b.articles()), "status": "ok", "error": None},
        {"source": "scan.pdf", "title": None, "issuer": None, "pages": 2, "articles": None, "status": "error",
         "error": "no text layer: a scanned PDF"},
    ]
    coverage = pd.DataFrame(
        {"秘密保持義務": ["present", "present", None], "再委託の制限": ["してはならない・書面による承諾", "努めなければならない", None],
         "事故報告": ["しなければならない・速やかに", "しなければならない・直ちに", None], "証明書": ["present", "missing", None]},
        index=pd.Index(["hofu-city.txt", "fukuoka-pref.txt", "scan.pdf"], name="source"),
    )
    index = folder / "index.html"
    report.write_index_html(documents, coverage, [
        {"href": page.name, "a": "hofu-city.txt", "b": "fukuoka-pref.txt", **comparison.counts()},
    ], index)
    return {"comparison": comparison, "page": page, "index": index, "folder": folder}


def test_japanese_font_is_installed():
    _require(shutil.which("fc-list") is not None, "fontconfig (fc-list) is not installed")
    fonts = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=True).stdout
    _require(bool(fonts.strip()), "no font with Japanese coverage (fc-list :lang=ja is empty)")


def test_comparison_page_renders(chromium, site, tmp_path):
    image = screenshot(chromium, site["page"], tmp_path / "comparison.png", tmp_path / "profile")
    assert image.size == (1280, 2000)
    assert not_blank(image)
    # the status colours are painted: the divergent rows' background (#fff3e0) is on screen
    assert any(colour == (0xFF, 0xF3, 0xE0) for _, colour in image.getcolors(maxcolors=1 << 20) or [])

    dom, stderr = dump_dom(chromium, site["page"], tmp_path / "profile-dom")
    assert 'id="alignments"' in dom
    rows = [record for record in site["comparison"].alignments]
    assert dom.count('<tr id="r-') == len(rows)
    assert dom.count('class="row-divergent') == site["comparison"].counts()["divergent"]
    assert 'id="r-a11-b14"' in dom and "<del>" in dom and "<ins>" in dom
    assert "重要情報資産・個人情報取扱特記事項" in dom
    assert not [line for line in console_lines(stderr) if "Uncaught" in line or "ERROR" in line]


def test_heatmap_shows_in_the_page(chromium, site, tmp_path):
    """The page's heatmap <img> loads and decodes in the browser: the exact tag from the page,
    on a page of its own in the same folder (headless screenshots of a scrolled page are blank),
    paints matplotlib's blues."""
    import re

    html = site["page"].read_text(encoding="utf-8")
    (tag,) = re.findall(r'<img id="heatmap"[^>]*>', html)
    probe = site["folder"] / "heatmap-probe.html"
    probe.write_text(f'<!DOCTYPE html><html lang="ja"><body style="margin:0">{tag}</body></html>', encoding="utf-8")
    image = screenshot(chromium, probe, tmp_path / "heatmap.png", tmp_path / "profile", window="1280,1000")
    colours = image.getcolors(maxcolors=1 << 20) or []
    blue = sum(n for n, (r, g, b) in colours if b > 150 and b - r > 60)
    assert blue > 20_000, blue


def test_index_page_renders(chromium, site, tmp_path):
    image = screenshot(chromium, site["index"], tmp_path / "index.png", tmp_path / "profile", window="1280,900")
    assert not_blank(image)
    dom, stderr = dump_dom(chromium, site["index"], tmp_path / "profile-dom")
    assert 'id="documents"' in dom and 'id="coverage"' in dom and 'id="comparisons"' in dom
    assert 'class="doc-failed"' in dom and "no text layer: a scanned PDF" in dom
    assert f'href="{site["page"].name}"' in dom
    assert not [line for line in console_lines(stderr) if "Uncaught" in line]


def test_console_errors_are_seen(chromium, tmp_path):
    """The console check above can fail: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><p>x</p><script>notDefined();</script></body></html>",
                    encoding="utf-8")
    _, stderr = dump_dom(chromium, page, tmp_path / "profile")
    assert any("Uncaught" in line for line in console_lines(stderr))


GLYPH_PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #fff; }}
span {{ position: absolute; top: 10px; width: 100px; height: 100px; font-size: 80px; line-height: 100px;
        color: #000; font-family: {family}; }}
</style></head><body>{spans}</body></html>
"""


def glyph_cells(chromium: str, text: str, tmp_path: Path, family: str = "sans-serif"):
    spans = "".join(f'<span style="left:{10 + 110 * n}px">{ch}</span>' for n, ch in enumerate(text))
    page = tmp_path / f"glyphs-{len(list(tmp_path.iterdir()))}.html"
    page.write_text(GLYPH_PAGE.format(family=family, spans=spans), encoding="utf-8")
    image = screenshot(chromium, page, page.with_suffix(".png"), tmp_path / "profile",
                       # headless windows have a minimum size and the viewport is shorter than
                       # the window: leave room below the glyphs
                       window=f"{max(600, 20 + 110 * len(text))},320")
    return [image.crop((10 + 110 * n, 10, 110 + 110 * n, 110)).tobytes() for n in range(len(text))]


def test_japanese_text_is_not_tofu(chromium, tmp_path):
    """Each character of 秘密の保持 is drawn with its own glyph: a missing font would draw the
    same .notdef box for all of them."""
    cells = glyph_cells(chromium, "秘密の保持", tmp_path)
    white = bytes([255]) * len(cells[0])
    assert all(cell != white for cell in cells), "a character drew nothing"
    assert len(set(cells)) == len(cells), "different characters drew the same box (tofu)"
    # and the glyphs are not the box the browser draws for a character no font has
    (missing,) = glyph_cells(chromium, "\U0010FFFD", tmp_path)
    assert all(cell != missing for cell in cells)
