"""``pipeline.extract.pdf.page_chars`` gives pdfplumber's own characters, without its cost.

tokki reads a page's characters from pdfplumber's ``page.layout`` instead of ``page.chars``,
which resolves every attribute of every layout object (half of a page's reading time). The
values must stay pdfplumber's: every PDF the tests ship, and pages built to exercise the
formulas (a MediaBox not at the origin, an image and text inside a Form XObject), are read
both ways and compared key by key.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from pipeline.extract.pdf import page_chars

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted([*ROOT.glob("data/raw/*.pdf"), *ROOT.glob("tests/fixtures/pdf/*.pdf")])
# What no stage reads: colours, colour space, a tagged PDF's marked-content id and tag.
NOT_READ = ("stroking_color", "non_stroking_color", "ncs", "mcid", "tag")


def _compare(data: bytes) -> int:
    """Assert page_chars agrees with pdfplumber on every page; the number of characters seen."""
    seen = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            expected = [{k: v for k, v in c.items() if k not in NOT_READ} for c in page.chars]
            images = len(page.images)
            chars, counted = page_chars(page)
            assert chars == expected, f"page {page.page_number}"
            assert counted == images, f"page {page.page_number}"
            seen += len(chars)
    return seen


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_pdfs_read_the_same_chars_as_pdfplumber(path):
    assert _compare(path.read_bytes()) or path.name == "scanned.pdf"


def _offset_page_with_a_form() -> bytes:
    """A page whose MediaBox starts at (30, 40), text drawn directly and inside a Form
    XObject that also holds an image: the offsets and the walk into containers."""
    from reportlab.pdfgen import canvas
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.lib.utils import ImageReader
    from PIL import Image
    import pikepdf

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(400, 300), invariant=1)
    c.setFont("HeiseiMin-W3", 12)
    c.drawString(50, 250, "第１　乙は、秘密を保持しなければならない。")
    c.beginForm("box")
    c.setFont("HeiseiMin-W3", 10)
    c.drawString(60, 120, "（図）個人情報の取扱い")
    c.drawImage(ImageReader(Image.new("RGB", (8, 8), "gray")), 60, 60, 16, 16)
    c.endForm()
    c.doForm("box")
    c.showPage()
    c.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    pdf.pages[0].MediaBox = pikepdf.Array([30, 40, 430, 340])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_offset_mediabox_and_form_xobject_read_the_same_chars_as_pdfplumber():
    data = _offset_page_with_a_form()
    assert _compare(data) > 20
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        chars, images = page_chars(page)
        assert images == 1
        assert "".join(c["text"] for c in chars).endswith("（図）個人情報の取扱い")
