"""Build the bad-input cases beside this file: one file per way a template arrives broken.

Each case ``<name>`` has its expectation beside it in ``<name>.expected``, written by hand
(format: tests/util.py, ``read_expectation``): ``ok`` (read, with at least N articles) or the
words its error must contain. This script makes only the case files that must be generated;
it never writes an expectation. tests/test_bad_input.py finds every case in this folder and
runs it through the single-file command and through the batch, so adding a case is adding
two files (the case, made here when it must be generated, and its ``.expected``).

Deterministic: a second run writes byte-identical files.

    .venv/bin/python tests/cases/bad-input/make_cases.py
"""

from __future__ import annotations

import io
import shutil
import sys
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.tools.typeset import typeset_pdf  # noqa: E402

PDF_FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
HOFU = (ROOT / "data" / "raw" / "hofu-city.txt").read_text(encoding="utf-8")

# A short template every text case is made from (防府市's first three articles).
TEMPLATE = HOFU[: HOFU.index("（安全管理義務）")]

# Japanese prose without a numbered clause: a covering letter, not a 特記事項.
LETTER = (
    "令和７年４月１日",
    "受託事業者 各位",
    "防府市総務部長",
    "個人情報の取扱いに関する特記事項の改正について（通知）",
    "日頃より本市の業務にご協力いただき、誠にありがとうございます。",
    "さて、個人情報の保護に関する法律の改正に伴い、本市の個人情報取扱特記事項を改正しましたので、"
    "お知らせします。改正後の特記事項は、本年４月１日以降に締結する契約から適用します。",
    "なお、既に締結している契約については、従前の例によります。",
    "ご不明な点は、下記の担当までお問い合わせください。",
    "担当 総務課 情報政策係",
)

# Numbered like a template, but about something else: read, with a warning.
AGENDA = (
    "情報公開審査会 議事次第\n"
    "第１ 開会\n"
    "第２ 前回の議事録について、事務局から説明があり、了承された。\n"
    "第３ 令和７年度の審査案件の進め方について協議した。\n"
    "第４ 閉会\n"
)

# Text that tries to run in a browser or a spreadsheet, inside an ordinary template.
HOSTILE = (
    "個人情報取扱特記事項<script>alert('title')</script>\n"
    "（秘密の保持）\n"
    "第１ 乙は、<script>alert(1)</script>業務上知り得た個人情報を他に漏らしてはならない。\n"
    "（再委託）\n"
    "第２ 乙は、\"><img src=x onerror=alert(2)>甲の承諾なく再委託してはならない。\n"
    "２ =HYPERLINK(\"http://example.invalid\",\"承諾\")により甲の承諾を得たときは、この限りでない。\n"
    "（事故報告）\n"
    "第３ 乙は、事故が生じたときは、直ちに甲に報告しなければならない。\n"
)


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def typeset(name: str, lines, **options) -> None:
    typeset_pdf(lines, HERE / name, embed_font=False, **options)


def save_pdf(pdf, name: str, **options) -> None:
    # static_id, no dates and RC4 (AES draws a random IV): byte-identical output on every run
    pdf.save(HERE / name, static_id=True, deterministic_id=False, **options)


def main() -> None:
    import pikepdf

    template_pdf = PDF_FIXTURES / "footer-page-numbers.pdf"
    data = template_pdf.read_bytes()

    # -- PDFs ---------------------------------------------------------------------------
    write("empty.pdf", b"")
    write("corrupt.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)
    # cut inside the first page's content stream: nothing after it (no xref, no %%EOF)
    write("truncated.pdf", data[: data.index(b"stream") + 200])
    with pikepdf.open(template_pdf) as pdf:
        save_pdf(pdf, "encrypted-user-password.pdf",
                 encryption=pikepdf.Encryption(user="secret", owner="owner-secret", R=4, aes=False, metadata=False))
    with pikepdf.open(template_pdf) as pdf:
        # an owner password only: anyone can open it, printing/copying are "restricted"
        save_pdf(pdf, "encrypted-owner-password-only.pdf",
                 encryption=pikepdf.Encryption(user="", owner="owner-secret", R=4, aes=False, metadata=False,
                                               allow=pikepdf.Permissions(extract=False, modify_other=False)))
    typeset("not-a-template.pdf", LETTER, title_index=3)
    with pikepdf.open(template_pdf) as pdf:
        # 500 pages sharing one content stream: a few KB, yet 500 pages to parse
        first = pdf.pages[0]
        while len(pdf.pages) < 500:
            pdf.pages.append(first)
        save_pdf(pdf, "500-pages.pdf")
    with pikepdf.open(template_pdf) as pdf:
        # a page whose content stream inflates to 80 MB (of spaces after the text) from ~80 KB
        page = pdf.pages[0]
        content = page.Contents.read_bytes() + b"\n" + b" " * (80 * 2**20)
        page.Contents = pdf.make_stream(zlib.compress(content, 9))
        page.Contents.Filter = pikepdf.Name.FlateDecode
        save_pdf(pdf, "decompression-bomb.pdf", compress_streams=False)
    shutil.copyfile(PDF_FIXTURES / "scanned.pdf", HERE / "scanned.pdf")
    shutil.copyfile(PDF_FIXTURES / "cid-garbage.pdf", HERE / "cid-garbage.pdf")

    # -- text ----------------------------------------------------------------------------
    write("empty.txt", b"")
    write("cp932.txt", TEMPLATE.replace("\n", "\r\n").encode("cp932"))
    write("euc-jp.txt", TEMPLATE.encode("euc_jp"))
    write("utf-16-bom.txt", TEMPLATE.encode("utf-16"))  # Python writes the BOM
    write("日本語の 名前 と　全角空白.txt", TEMPLATE.encode("utf-8"))
    # another program read UTF-8 as Shift_JIS and saved what it saw: kanji soup, no hiragana
    write("mojibake-utf8-read-as-sjis.txt",
          TEMPLATE.encode("utf-8").decode("cp932", errors="replace").encode("utf-8"))
    # … or as Latin-1
    write("mojibake-utf8-read-as-latin1.txt", TEMPLATE.encode("utf-8").decode("latin-1").encode("utf-8"))
    write("hostile-markup.txt", HOSTILE.encode("utf-8"))
    write("numbered-but-no-template.txt", AGENDA.encode("utf-8"))

    # -- Word ----------------------------------------------------------------------------
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # a zip, but not a Word document
        info = zipfile.ZipInfo("notes/readme.txt", date_time=(2020, 1, 1, 0, 0, 0))
        archive.writestr(info, "これは Word の文書ではありません。")
    write("zip-not-word.docx", buffer.getvalue())
    write("html-saved-as.docx", "<html><body>特記事項は別紙のとおり</body></html>".encode("utf-8"))


if __name__ == "__main__":
    main()
