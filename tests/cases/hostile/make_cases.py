"""Build the hostile cases beside this file: small files that cost a reader unbounded memory or
time (issue "Nothing lost"). Each ``<name>`` has its expectation beside it in
``<name>.expected`` (written by hand; format: tests/util.py, with an ``options`` section for the
command-line options the case runs with). tests/test_hostile_input.py runs every case through
``tokki segment`` within a time and memory bound, and all of them through the batch.

Deterministic: a second run writes byte-identical files.

    .venv/bin/python tests/cases/hostile/make_cases.py
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF of ``objects`` (object n is objects[n-1], without its ``n 0 obj`` wrapper), with
    a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def one_page(content: bytes, *, size: int = 595, resources: bytes = b"<< >>", more: list[bytes] = ()) -> bytes:
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources %s >>" % (size, size, resources),
        stream(content),
        *more,
    ])


def vector_bomb(rectangles: int) -> bytes:
    """One page drawing ``rectangles`` tiny filled rectangles (a few hundred KB compressed)."""
    return one_page(b"".join(b"%d %d 1 1 re f\n" % (i % 50, i % 70) for i in range(rectangles)))


def length_loop() -> bytes:
    """A content stream whose /Length is a reference to the stream object itself."""
    body = b"BT /F1 12 Tf 72 720 Td (x) Tj ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length 4 0 R >>\nstream\n" + body + b"\nendstream",
    ])


def many_pages(count: int) -> bytes:
    """A page tree of ``count`` empty pages sharing one content stream, written in compressed
    object streams (pikepdf): a few hundred KB that a reader must not walk page by page before
    it sees the page limit."""
    import io

    import pikepdf

    document = pikepdf.new()
    content = document.make_stream(b"")
    for _ in range(count):
        document.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=content)))
    out = io.BytesIO()
    document.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                  deterministic_id=True)
    return out.getvalue()


def huge_page_image() -> bytes:
    """A 14,400 pt (5 m) square page holding one 10,000 px image: rendered for OCR at 300 dpi it
    would be 60,000 px square (10 GB of pixels)."""
    pixels = 10_000
    image = stream(b"\xff" * (pixels * pixels // 8),
                   b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 "
                   % (pixels, pixels))
    return one_page(b"q 14400 0 0 14400 0 0 cm /Im1 Do Q", size=14400,
                    resources=b"<< /XObject << /Im1 5 0 R >> >>", more=[image])


HOFU = HERE.parents[2] / "data" / "raw" / "hofu-city.txt"


def _template_docx(style_count: int = 0, entity: bool = False) -> bytes:
    """The 防府市 template as a .docx (one paragraph a line), optionally with ``style_count``
    extra paragraph styles each paragraph points into, or with an internal DTD entity inside a
    run (Word never writes one). Zip entries are given fixed times (pipeline.storage.stable_zip)."""
    import io
    import zipfile

    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    from pipeline.storage import stable_zip

    document = docx.Document()
    styles = document.styles.element
    for n in range(style_count):
        style = etree.SubElement(styles, qn("w:style"), {qn("w:type"): "paragraph", qn("w:styleId"): f"S{n}"})
        etree.SubElement(style, qn("w:name"), {qn("w:val"): f"Style {n}"})
        # every 50th based on the one before: chains of up to 50, longer than any real file's
        etree.SubElement(style, qn("w:basedOn"), {qn("w:val"): f"S{n - 1}" if n % 50 else "Normal"})
    lines = [line.strip() for line in HOFU.read_text(encoding="utf-8").splitlines() if line.strip()]
    for n, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if style_count:
            paragraph._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), f"S{(n * 7919) % style_count}")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if entity:  # 「乙は」 as an entity at the start of the first run that begins with 乙は
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = {info.filename: package.read(info) for info in package.infolist()}
        xml = parts["word/document.xml"].decode("utf-8")
        head, _, body = xml.partition("?>")
        body = body.replace("<w:t>乙は、", "<w:t>&party;、", 1)
        parts["word/document.xml"] = (head + '?>\n<!DOCTYPE w:document [<!ENTITY party "乙は">]>' + body).encode()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name, blob in parts.items():
                package.writestr(name, blob)
        data = out.getvalue()
    return stable_zip(data)


def math_text_names() -> bytes:
    """The 防府市 template with TeX math markup in its title and in a heading: matplotlib's
    math-text parser raised on ``$x^^$`` and took the whole batch down while the heatmap was
    drawn with it; a title is text, shown as written."""
    text = HOFU.read_text(encoding="utf-8")
    text = text.replace("個人情報取扱特記事項 ", "個人情報取扱特記事項 $x^^$ ", 1)
    text = text.replace("（秘密の保持）", "（秘密の保持 $\\frac{a}{$ ）", 1)
    return text.encode("utf-8")


CASES = {
    "vector-bomb-2m.pdf": lambda: vector_bomb(2_000_000),
    "vector-bomb-300k.pdf": lambda: vector_bomb(300_000),
    "length-refers-to-itself.pdf": length_loop,
    "100000-empty-pages.pdf": lambda: many_pages(100_000),
    "huge-page-image.pdf": huge_page_image,
    "20000-styles.docx": lambda: _template_docx(style_count=20_000),
    "entity-in-a-run.docx": lambda: _template_docx(entity=True),
    "math-text-names.txt": math_text_names,
}


def main() -> None:
    for name, make in CASES.items():
        (HERE / name).write_bytes(make())
        print(f"{name}: {(HERE / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
