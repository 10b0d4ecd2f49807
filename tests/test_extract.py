"""Plain-text inputs: encodings detected from the bytes; bad inputs named in the error."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.extract import decode_text, extract, sniff_format
from pipeline.model import Document, ExtractionError, Source
from pipeline.segment import segment

TEMPLATE = (
    "個人情報取扱特記事項\n"
    "（秘密の保持）\n"
    "第１条　乙は、この契約による業務に関して知り得た個人情報をみだりに他人に知らせ、又は不当な目的に使用してはならない。\n"
    "２　乙は、この契約が終了し、又は解除された後においても、前項の義務を負う。\n"
    "（再委託の禁止）\n"
    "第２条　乙は、甲の書面による承諾を得た場合を除き、個人情報の取扱いを第三者に委託してはならない。\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp932", "euc_jp"])
def test_text_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / f"template-{encoding}.txt"
    path.write_bytes(TEMPLATE.encode(encoding))
    document = extract(path)
    assert document.format == "txt"
    assert "".join(p.text for p in document.pages) == TEMPLATE
    segmented = segment(document)
    assert [c.id for c in segmented.articles()] == ["1", "2"]
    assert segmented.by_id("1").heading == "秘密の保持"


def test_content_decides_the_format(tmp_path):
    path = tmp_path / "template.text"
    path.write_text(TEMPLATE, encoding="cp932")
    assert extract(path).format == "txt"


@pytest.mark.parametrize("name", ["download.pdf", "template.docx"])
def test_a_name_the_content_contradicts_is_an_error(tmp_path, name):
    path = tmp_path / name
    path.write_text("<html><body>404 ページが見つかりません</body></html>", encoding="utf-8")
    with pytest.raises(ExtractionError, match=rf"{name}: named \.(pdf|docx) but the file is"):
        extract(path)


def test_form_feed_separates_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text(TEMPLATE.replace("（再委託の禁止）", "\f（再委託の禁止）"), encoding="utf-8")
    segmented = segment(extract(path))
    assert segmented.by_id("2").page == 2
    assert segmented.by_id("2").heading == "再委託の禁止"


def test_sniff_format():
    assert sniff_format(b"%PDF-1.7\n") == "pdf"
    assert sniff_format(b"PK\x03\x04rest") == "docx"
    assert sniff_format("第１ 乙は".encode()) == "txt"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        ("This is an English letter, not a template at all.".encode(), "does not read as Japanese"),
        (bytes(range(128, 256)) * 4, "encoding"),
    ],
)
def test_bad_text_is_an_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "壊れた ファイル.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as raised:
        extract(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


def test_missing_file(tmp_path):
    with pytest.raises(ExtractionError, match="not found"):
        extract(tmp_path / "nothing.txt")


def test_decode_reports_encoding():
    assert decode_text(TEMPLATE.encode("cp932"), "x")[1].replace("_", "").lower() in {"cp932", "shiftjis", "shift_jis"}


def test_a_file_larger_than_any_template_is_refused_unread(tmp_path, monkeypatch):
    import pipeline.extract

    monkeypatch.setattr(pipeline.extract, "MAX_FILE_BYTES", 2**20)
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (2 * 2**20))
    with pytest.raises(ExtractionError, match=r"huge\.txt: the file is 2\.0 MB, more than the limit of 1 MB"):
        extract(path)


# --- bytes as well as paths -------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "data" / "raw").glob("*.pdf")) + sorted((REPO / "data" / "raw").glob("*.txt")) + sorted(
    (REPO / "tests" / "fixtures" / "docx").glob("*.docx")
)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_bytes_extract_as_the_file_does(path):
    def outcome(source, **name):
        try:
            return extract(source, **name)
        except ExtractionError as error:  # empty.docx, not-a-docx.docx: the same error
            return (error.source, error.problem)

    from_path = outcome(path)
    assert outcome(path.read_bytes(), name=str(path)) == from_path
    assert outcome(Source(str(path), path.read_bytes())) == from_path
    renamed = outcome(path.read_bytes(), name=f"upload{path.suffix}")
    if isinstance(from_path, Document):
        assert renamed == replace(from_path, source=f"upload{path.suffix}")
    else:
        assert renamed == (f"upload{path.suffix}", from_path[1])


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.pdf", b"", "the file is empty (0 bytes)"),
        ("page.pdf", "<html>404 ページが見つかりません</html>".encode(), "named .pdf but the file is plain text"),
        ("broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 16, "the PDF is corrupt or unreadable"),
        ("broken.docx", b"PK\x03\x04" + bytes(range(256)) * 4, "not a Word (.docx) document"),
        ("letter.txt", b"This is an English letter, not a template at all.", "the text does not read as Japanese"),
    ],
)
def test_bad_bytes_are_an_error_naming_them(name, data, problem):
    with pytest.raises(ExtractionError) as raised:
        extract(data, name=name)
    assert raised.value.source == name
    assert str(raised.value).startswith(f"{name}: {problem}")


def test_bytes_without_a_name_are_named_so():
    with pytest.raises(ExtractionError, match=r"^<bytes>: the file is empty"):
        extract(b"")


def test_one_extract_of_a_pdf_reads_the_file_once(monkeypatch):
    import builtins
    import io

    import pdfplumber

    path = REPO / "data" / "raw" / "hofu-city.pdf"
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        if not isinstance(file, int) and Path(file).resolve() == path.resolve():
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    # builtins.open for open(), io.open for Path.open and Path.read_bytes
    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    handed: list[object] = []
    real_pdfplumber_open = pdfplumber.open

    def recording_pdfplumber_open(file, *args, **kwargs):
        handed.append(file)
        return real_pdfplumber_open(file, *args, **kwargs)

    monkeypatch.setattr(pdfplumber, "open", recording_pdfplumber_open)
    document = extract(path)
    assert len(document.pages) == 2
    assert len(opened) == 1
    assert len(handed) == 1 and isinstance(handed[0], io.BytesIO)
