"""The reports in a real browser: headless Chromium opens a comparison page and an index page,
takes screenshots and dumps the DOM; Japanese must render with a real font, not tofu.

Needs Debian's ``chromium`` and a Japanese font (``fonts-noto-cjk``): ``make browser`` installs
them, and ``make test`` depends on it. Without them the tests are skipped locally and fail
under CI (CI=true), so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from pipeline.api import compare_documents
from pipeline.extract import extract
from pipeline.judge.coverage import coverage_table
from pipeline.model import Strength
from pipeline.report.html import index_page, write_comparison_html
from pipeline.segment import segment
from pipeline.storage import write_text
from tests.conftest import RAW
from tests.util import require_installed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMEOUT = 120



@pytest.fixture(scope="module")
def chromium():
    require_installed(CHROMIUM is not None, "headless Chromium is not installed", "browser")
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


def _wide_template(articles: int, variant: str) -> str:
    """A made-up template with many articles, so the similarity map is wider than the window."""
    lines = [f"特記事項 {variant}", ""]
    for k in range(1, articles + 1):
        deadline = "直ちに" if (k + len(variant)) % 3 == 0 else "速やかに"
        lines += [f"（業務{k}に関する長い見出しの事項{variant}）",
                  f"第{k} 乙は、業務{k}の情報を{deadline}甲に報告しなければならない。項目{k * 7 % 13}。", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Two comparison pages (a real pair, and a made-up 45 × 40 one whose similarity map must
    scroll in its box) and an index page, in a folder with a Japanese name."""
    folder = tmp_path_factory.mktemp("site") / "報告 pages"
    comparison = compare_documents(segment(extract(RAW / "hofu-city.txt")), segment(extract(RAW / "fukuoka-pref.txt")))
    page = folder / "hofu-city__fukuoka-pref.html"
    write_comparison_html(comparison, page, index_href="index.html")
    sources = folder.parent / "wide"
    sources.mkdir()
    (sources / "a.txt").write_text(_wide_template(45, "A"), encoding="utf-8")
    (sources / "b.txt").write_text(_wide_template(40, "BB"), encoding="utf-8")
    wide = compare_documents(segment(extract(sources / "a.txt")), segment(extract(sources / "b.txt")))
    wide_page = folder / "wide.html"
    write_comparison_html(wide, wide_page, index_href="index.html")
    documents = [
        {"source": "hofu-city.txt", "title": comparison.a.title, "issuer": "防府市", "pages": 1,
         "articles": len(comparison.a.articles()), "status": "ok", "error": None},
        {"source": "fukuoka-pref.txt", "title": comparison.b.title, "issuer": "福岡県", "pages": 1,
         "articles": len(comparison.b.articles()), "status": "ok", "error": None},
        {"source": "scan.pdf", "title": None, "issuer": None, "pages": 2, "articles": None, "status": "error",
         "error": "no text layer: a scanned PDF"},
    ]
    coverage = coverage_table({
        "防府市": {"秘密保持義務": Strength("してはならない", "present"),
                   "再委託における条件": Strength("してはならない・書面による承諾", "strong"),
                   "漏えい等事案が発生した場合の委託先の責任": Strength("しなければならない・速やかに", "present")},
        "福岡県": {"秘密保持義務": Strength("してはならない", "present"),
                   "再委託における条件": Strength("努めなければならない", "weak"),
                   "漏えい等事案が発生した場合の委託先の責任": Strength("しなければならない・直ちに", "strong")},
    })
    index = folder / "index.html"
    write_text(index_page(documents, coverage, [
        {"href": page.name, "a": "hofu-city.txt", "b": "fukuoka-pref.txt", **comparison.counts()},
        {"href": wide_page.name, "a": "a.txt", "b": "b.txt", **wide.counts()},
    ]), index)
    return {"comparison": comparison, "page": page, "wide": wide, "wide_page": wide_page, "index": index,
            "folder": folder}


def test_japanese_font_is_installed():
    require_installed(shutil.which("fc-list") is not None, "fontconfig (fc-list) is not installed", "browser")
    fonts = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=True).stdout
    require_installed(bool(fonts.strip()), "no font with Japanese coverage (fc-list :lang=ja is empty)", "browser")


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


# Measures the page as laid out, for the tests only (the pages have no script): the map's
# box and cells, which cells are drawn with an outline, and whether anything makes the page
# wider than the window. The result is written into the DOM, which --dump-dom prints.
PROBE = """<script>
const table = document.getElementById("similarity-map");
const box = table.getBoundingClientRect();
const cells = [...table.querySelectorAll("tbody td")];
const style = getComputedStyle(table);
const result = {
  width: box.width, height: box.height, display: style.display, visibility: style.visibility,
  rows: table.querySelectorAll("tbody tr").length, cells: cells.length,
  outlined: cells.filter(td => getComputedStyle(td).boxShadow.includes("inset")).map(td => getComputedStyle(td).boxShadow),
  shades: new Set(cells.map(td => getComputedStyle(td).backgroundColor)).size,
  page_width: document.documentElement.scrollWidth, window_width: window.innerWidth,
  scroller_width: table.parentElement.clientWidth, scroller_scroll: table.parentElement.scrollWidth,
  section_right: table.closest("section").getBoundingClientRect().right,
  header_position: getComputedStyle(table.querySelector("thead th")).position,
  column_writing: getComputedStyle(table.querySelector("thead th span.axis")).writingMode,
};
const out = document.createElement("pre");
out.id = "probe";
out.textContent = JSON.stringify(result);
document.body.append(out);
</script>"""


def measure_map(chromium: str, page: Path, profile: Path) -> dict:
    probe = page.with_name(page.stem + "-probe.html")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    dom, stderr = dump_dom(chromium, probe, profile)
    assert not [line for line in console_lines(stderr) if "Uncaught" in line], stderr[-2000:]
    (found,) = re.findall(r'<pre id="probe">(.*?)</pre>', dom)
    return json.loads(found.replace("&quot;", '"').replace("&amp;", "&"))


def _rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[k:k + 2], 16) for k in (1, 3, 5)))


@pytest.mark.parametrize("which", ["page", "wide_page"])
def test_similarity_map_renders(chromium, site, tmp_path, which):
    """The map is laid out as a table of articles_a × articles_b shaded cells, the aligned
    pairs outlined in their status colour, and it never widens the page: a map wider than
    the window scrolls inside its own box."""
    from pipeline.report.view import STATUS_COLOURS

    comparison = site["comparison" if which == "page" else "wide"]
    a, b = len(comparison.a.articles()), len(comparison.b.articles())
    m = measure_map(chromium, site[which], tmp_path / "profile")
    assert m["display"] == "table" and m["visibility"] == "visible" and m["width"] > 300 and m["height"] > 200
    assert m["rows"] == a and m["cells"] == a * b
    pairs = [r for r in comparison.alignments if r.a and r.b]
    assert len(m["outlined"]) == len(pairs)
    for status in {r.status for r in pairs}:
        assert sum(_rgb(STATUS_COLOURS[status]) in shadow for shadow in m["outlined"]) == \
            sum(r.status == status for r in pairs)
    assert m["shades"] > 10  # shaded by value, not one colour
    assert m["page_width"] <= m["window_width"], "the page scrolls sideways"
    assert m["section_right"] <= m["window_width"]
    assert m["header_position"] == "sticky" and m["column_writing"] == "vertical-rl"
    if which == "wide_page":  # 40 columns do not fit in 1280 px: the box scrolls instead
        assert m["scroller_scroll"] > m["scroller_width"]


def test_similarity_map_is_painted(chromium, site, tmp_path):
    """The map, on a copy of the page showing nothing else (headless screenshots of a scrolled
    page are blank), paints the blues of its shades and the outlines' orange and green."""
    html = site["page"].read_text(encoding="utf-8").replace(
        "</style>", "body > header, body > section:not(.heatmap) { display: none; }\n</style>")
    probe = site["folder"] / "heatmap-probe.html"
    probe.write_text(html, encoding="utf-8")
    image = screenshot(chromium, probe, tmp_path / "heatmap.png", tmp_path / "profile", window="1280,1000")
    colours = image.getcolors(maxcolors=1 << 20) or []
    blue = sum(n for n, (r, g, b) in colours if b > 150 and b - r > 60)
    assert blue > 20_000, blue
    counts = dict((colour, n) for n, colour in colours)
    assert counts.get((0xE6, 0x51, 0x00), 0) > 1_000  # divergent outlines
    assert counts.get((0x2E, 0x7D, 0x32), 0) > 200  # equivalent outlines


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


VERSIONS = Path(__file__).resolve().parent / "cases" / "versions"

# Measures the 新旧対照表 page as laid out: the underlines as drawn, and how many rows the
# "changed rows only" filter leaves visible.
SHINKYU_PROBE = """<script>
const rows = () => [...document.querySelectorAll("#rows tbody tr")].filter(tr => tr.offsetParent !== null).length;
const before = rows();
document.getElementById("only-changed").checked = true;
const after = rows();
const styles = [...document.querySelectorAll("#rows u")].map(u => getComputedStyle(u).textDecorationStyle);
const out = document.createElement("pre");
out.id = "probe";
out.textContent = JSON.stringify({before, after, solid: styles.filter(s => s === "solid").length,
                                  double: styles.filter(s => s === "double").length});
document.body.append(out);
</script>"""


def test_the_shinkyu_page_draws_its_underlines_and_filters(chromium, tmp_path):
    from pipeline.api import diff_documents, read_document
    from pipeline.report.shinkyu import shinkyu_page

    diff = diff_documents(read_document(VERSIONS / "insert-renumber.old.txt"), read_document(VERSIONS / "insert-renumber.new.txt"))
    page = tmp_path / "新旧対照表.html"
    page.write_text(shinkyu_page(diff).replace("</body>", SHINKYU_PROBE + "\n</body>"), encoding="utf-8")
    dom, stderr = dump_dom(chromium, page, tmp_path / "profile")
    assert not [line for line in console_lines(stderr) if "Uncaught" in line], stderr[-2000:]
    (found,) = re.findall(r'<pre id="probe">(.*?)</pre>', dom)
    probe = json.loads(found.replace("&quot;", '"').replace("&amp;", "&"))
    assert probe["before"] == len(diff.rows) and probe["after"] == len(diff.rows) - diff.counts()["unchanged"]
    # a number that changed is double-underlined on both sides
    assert probe["solid"] > 0 and probe["double"] == 2 * sum(bool(r.old and r.new and r.old != r.new) for r in diff.rows)
    plain = page.with_name("plain.html")
    plain.write_text(shinkyu_page(diff), encoding="utf-8")
    assert not_blank(screenshot(chromium, plain, tmp_path / "page.png", tmp_path / "profile-shot"))
