"""pipeline.extract.word: .docx text, page by page, with Word's automatic numbering rendered."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.extract.word import extract_docx_pages
from pipeline.extract.word_numbering import format_list_number
from pipeline.model import ExtractionError
from tests.conftest import load_script

FIXTURES = Path(__file__).parent / "fixtures" / "docx"


fixtures = load_script(FIXTURES / "make_fixtures.py")
LevelSpec = fixtures.LevelSpec


def docx_pages(path: Path) -> tuple[list[str], list[str]]:
    """The reader as extract() calls it: the file's bytes, named by its path."""
    return extract_docx_pages(Path(path).read_bytes(), str(path))


def lines_of(pages: list[str]) -> list[list[str]]:
    return [page.split("\n") for page in pages]


def add_raw_paragraph(document, inner_xml: str, paragraph_properties: str = "") -> None:
    """Append a w:p written as XML, for markup python-docx cannot produce."""
    paragraph = parse_xml(
        f"<w:p {nsdecls('w')}><w:pPr>{paragraph_properties}</w:pPr>{inner_xml}</w:p>"
    )
    document.element.body.sectPr.addprevious(paragraph)


def run(text: str) -> str:
    return f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


@pytest.fixture
def saved(tmp_path):
    """Save a python-docx document into tmp_path and return the file's path."""

    def save(document, name: str = "document.docx") -> Path:
        path = tmp_path / name
        fixtures.save(document, path)
        return path

    return save


# --- fixtures in tests/fixtures/docx -------------------------------------------------


def test_typed_numbers_are_kept_as_typed_with_table_in_place_and_page_break():
    pages, warnings = docx_pages(FIXTURES / "typed-numbers.docx")

    assert warnings == []
    assert lines_of(pages) == [
        [
            "個人情報取扱特記事項",
            "（基本的事項）",
            "第１\u3000乙は、個人情報の保護の重要性を認識し、この契約による事務を実施するに当たっては、"
            "個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。",
            "（秘密の保持）",
            "第２\u3000乙は、この契約による事務に関して知り得た個人情報を他に漏らしてはならない。"
            "この契約が終了し、又は解除された後においても、同様とする。",
            "２\u3000乙は、その使用する者に対し、在職中及び退職後においても、"
            "この契約による事務に関して知り得た個人情報を他に漏らしてはならないことを周知しなければならない。",
            "（収集の制限）",
            "第３\u3000乙は、この契約による事務を行うために個人情報を収集するときは、次に掲げる事項を守らなければならない。",
            "一\u3000事務の目的を達成するために必要な範囲内で収集すること。",
            "二\u3000適法かつ公正な手段により収集すること。",
        ],
        [
            "（再委託の禁止）",
            "第４\u3000乙は、甲の承諾があるときを除き、この契約による事務を第三者に委託してはならない。",
            # the table, row by row and cell by cell, where it stands
            "見出し",
            "条項",
            "（複写又は複製の禁止）",
            "第５\u3000乙は、この契約による事務を処理するために甲から提供を受けた個人情報が記録された資料等を、"
            "甲の承諾なしに複写し、又は複製してはならない。",
            "２\u3000前項の承諾を得て作成した複製物は、事務の終了後直ちに廃棄しなければならない。",
            "（事故報告）",
            "第６\u3000乙は、この契約による事務に関し個人情報の漏えい、滅失、毀損その他の事故が生じ、"
            "又は生じるおそれがあることを知ったときは、速やかに甲に報告し、甲の指示に従わなければならない。",
        ],
    ]


def test_word_numbering_articles_paragraphs_and_kanji_items_are_rendered():
    pages, warnings = docx_pages(FIXTURES / "auto-numbering.docx")

    assert warnings == []
    assert len(pages) == 1
    assert lines_of(pages)[0] == [
        "個人情報取扱特記事項",
        "（基本的事項）",
        "第１条\u3000乙は、個人情報の保護の重要性を認識し、この契約による事務を実施するに当たっては、"
        "個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。",
        "（秘密の保持）",
        "第２条\u3000乙は、この契約による事務に関して知り得た個人情報を他に漏らしてはならない。"
        "この契約が終了し、又は解除された後においても、同様とする。",
        "２\u3000乙は、その使用する者に対し、在職中及び退職後においても、"
        "この契約による事務に関して知り得た個人情報を他に漏らしてはならないことを周知しなければならない。",
        "（適正管理）",
        "第３条\u3000乙は、この契約による事務に係る個人情報の漏えい、滅失及び毀損の防止のため、"
        "次に掲げる措置を講じなければならない。",
        "一\u3000個人情報の管理責任者を定めること。",
        "二\u3000個人情報を取り扱う場所を定めること。",
        "三\u3000個人情報を施錠できる保管庫に保管すること。",
        "（再委託の禁止）",
        "第４条\u3000乙は、甲の承諾があるときを除き、この契約による事務を第三者に委託してはならない。",
        # the paragraph level restarts at its start value, ２, under each new article
        "２\u3000乙は、前項の承諾を得て事務を第三者に委託するときは、"
        "この契約により乙が負う個人情報の取扱いに関する義務を当該第三者に遵守させなければならない。",
        "（事故報告）",
        # numbered through a style based on the numbered article style
        "第５条\u3000乙は、この契約による事務に関し個人情報の漏えい、滅失、毀損その他の事故が生じ、"
        "又は生じるおそれがあることを知ったときは、速やかに甲に報告し、甲の指示に従わなければならない。",
        "２\u3000乙は、前項の報告に当たっては、次に掲げる事項を明らかにしなければならない。",
        # items restart at 一 after a shallower level advanced
        "一\u3000事故の発生日時及び場所",
        "二\u3000漏えい等した個人情報の項目及び件数",
    ]


def test_parenthesised_items_and_aiueo_sub_items_restart_with_start_override():
    pages, warnings = docx_pages(FIXTURES / "auto-numbering-paren.docx")

    assert warnings == []
    assert lines_of(pages)[0] == [
        "個人情報取扱特記事項",
        "（適正管理）",
        "第１\u3000乙は、この契約による事務に係る個人情報の適切な管理のために、次に掲げる措置を講じなければならない。",
        "(1)\u3000個人情報の管理責任者を定めること。",
        "(2)\u3000個人情報の持出しを禁止すること。ただし、次に掲げる場合を除く。",
        "ア\u3000甲の承諾を得た場合",
        "イ\u3000法令に基づく場合",
        "(3)\u3000個人情報を施錠できる保管庫に保管すること。",
        "（資料等の返還等）",
        "第２\u3000乙は、この契約が終了し、又は解除されたときは、次に掲げる方法により個人情報を処理しなければならない。",
        "(1)\u3000甲から提供を受けた資料等は、直ちに甲に返還すること。",
        "(2)\u3000乙が作成した資料等は、次のいずれかの方法により消去すること。",
        "ア\u3000復元できない方法による消去",
        "イ\u3000物理的な破壊",
    ]


def test_fixture_script_is_deterministic(tmp_path):
    for name, build in fixtures.BUILDERS.items():
        build(tmp_path / name)
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name


# --- errors ---------------------------------------------------------------------------


def test_text_file_renamed_to_docx_is_not_a_word_document():
    with pytest.raises(ExtractionError, match=r"not-a-docx\.docx: not a Word \(\.docx\) document"):
        docx_pages(FIXTURES / "not-a-docx.docx")


def test_document_without_text_is_refused():
    with pytest.raises(ExtractionError, match=r"empty\.docx: no text"):
        docx_pages(FIXTURES / "empty.docx")


def test_zip_without_word_document_is_not_a_word_document(tmp_path):
    path = tmp_path / "spreadsheet.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ExtractionError, match=r"spreadsheet\.docx: not a Word \(\.docx\) document"):
        docx_pages(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    import pipeline.extract.word

    monkeypatch.setattr(pipeline.extract.word, "MAX_UNPACKED_BYTES", 2**20)
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", " " * (4 * 2**20))
    assert path.stat().st_size < 50_000
    with pytest.raises(ExtractionError, match=r"bomb\.docx: the Word file unpacks to more than 1 MB \(a zip bomb\?\)"):
        docx_pages(path)


# An OLE compound file starts with this signature; its directory holds UTF-16 stream names.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_binary_doc_renamed_to_docx_is_not_a_word_document(tmp_path):
    path = tmp_path / "old-template.docx"
    path.write_bytes(OLE_SIGNATURE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(40))
    expected = r"old-template\.docx: not a Word \(\.docx\) document.*\.doc\b"
    with pytest.raises(ExtractionError, match=expected):
        docx_pages(path)


def test_password_protected_docx_is_reported_as_encrypted(tmp_path):
    path = tmp_path / "protected.docx"
    path.write_bytes(
        OLE_SIGNATURE
        + bytes(504)
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(40)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(40)
    )
    with pytest.raises(ExtractionError, match=r"protected\.docx: .*encrypted"):
        docx_pages(path)


# --- pages ----------------------------------------------------------------------------


def test_page_break_inside_a_paragraph_splits_it_across_pages(saved):
    document = fixtures.new_document()
    page_break = '<w:r><w:br w:type="page"/></w:r>'
    add_raw_paragraph(document, run("第１\u3000乙は、") + page_break + run("甲の指示に従う。"))
    document.add_paragraph("２\u3000次の項")

    pages, _ = docx_pages(saved(document))

    assert pages == ["第１\u3000乙は、", "甲の指示に従う。\n２\u3000次の項"]


def test_page_break_before_starts_a_new_page_except_on_the_first_paragraph(saved):
    document = fixtures.new_document()
    document.add_paragraph("個人情報取扱特記事項").paragraph_format.page_break_before = True
    document.add_paragraph("第１\u3000本文")
    document.add_paragraph("別記").paragraph_format.page_break_before = True

    pages, _ = docx_pages(saved(document))

    assert pages == ["個人情報取扱特記事項\n第１\u3000本文", "別記"]


def test_next_page_section_break_starts_a_page_and_continuous_does_not(saved):
    document = fixtures.new_document()
    add_raw_paragraph(document, run("第一章"), '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>')
    add_raw_paragraph(document, run("第二章"), '<w:sectPr><w:type w:val="continuous"/></w:sectPr>')
    add_raw_paragraph(document, run("第三章"))

    pages, _ = docx_pages(saved(document))

    # A section's type is in its own sectPr, at its end: the body's (nextPage by
    # default) governs the third section, the second says continuous.
    assert pages == ["第一章\n第二章", "第三章"]


def test_without_breaks_everything_is_page_one_and_characters_stay_as_typed(saved):
    document = fixtures.new_document()
    document.add_paragraph("第１２\u3000ＡＢＣ㈱は、①の場合")
    document.add_paragraph("")

    pages, _ = docx_pages(saved(document))

    assert pages == ["第１２\u3000ＡＢＣ㈱は、①の場合\n"]


# --- text -----------------------------------------------------------------------------


def test_deleted_and_hidden_text_is_left_out_inserted_and_controlled_text_kept(saved):
    document = fixtures.new_document()
    add_raw_paragraph(
        document,
        run("乙は、")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>直ちに</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a">' + run("速やかに") + "</w:ins>"
        + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（非表示）</w:t></w:r>'
        + "<w:sdt><w:sdtContent>" + run("甲に") + "</w:sdtContent></w:sdt>"
        + '<w:hyperlink w:anchor="x">' + run("報告する") + "</w:hyperlink>"
        + run("。"),
    )
    pages, _ = docx_pages(saved(document))

    assert pages == ["乙は、速やかに甲に報告する。"]


def test_text_in_block_content_controls_and_nested_tables_is_in_place(saved):
    document = fixtures.new_document()
    document.add_paragraph("前")
    document.element.body.sectPr.addprevious(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p>{run('統制')}</w:p></w:sdtContent></w:sdt>"
        )
    )
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "左"
    table.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "入れ子"
    document.add_paragraph("後")

    pages, _ = docx_pages(saved(document))

    # the empty line is the outer right cell's own (empty) first paragraph
    assert pages == ["前\n統制\n左\n\n入れ子\n\n後"]


VML_NAMESPACE = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def test_text_boxes_are_left_out_with_a_warning(saved):
    document = fixtures.new_document()
    text_box = (
        "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"<w:p>{run('別記様式')}</w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    document.element.body.sectPr.addprevious(
        parse_xml(f"<w:p {nsdecls('w')} {VML_NAMESPACE}>{run('本文')}{text_box}</w:p>")
    )

    pages, warnings = docx_pages(saved(document))

    assert pages == ["本文"]
    assert warnings == [
        "1 text box(es) with text were left out: their position in the reading order is unknown"
    ]


# --- numbering ------------------------------------------------------------------------


def numbered_document(levels: list[LevelSpec]):
    document = fixtures.new_document()
    fixtures.add_numbering_definition(document, abstract_id=50, levels=levels)
    fixtures.add_list(document, num_id=50, abstract_id=50)
    return document


def test_label_suffix_follows_w_suff_and_trailing_space_in_level_text(saved):
    document = numbered_document(
        [
            LevelSpec("decimalFullWidth", "第%1", suffix="space"),
            LevelSpec("decimalFullWidth", "%2", suffix="nothing"),
            LevelSpec("japaneseCounting", "%3\u3000", suffix="tab"),
        ]
    )
    fixtures.numbered(document, "乙は", num_id=50, ilvl=0)
    fixtures.numbered(document, "乙は", num_id=50, ilvl=1)
    fixtures.numbered(document, "事項", num_id=50, ilvl=2)

    pages, _ = docx_pages(saved(document))

    assert pages == ["第１ 乙は\n１乙は\n一\u3000事項"]


def test_multi_level_text_and_restart_control(saved):
    document = numbered_document(
        [
            LevelSpec("decimal", "%1."),
            LevelSpec("decimal", "%1.%2"),
            LevelSpec("lowerLetter", "(%3)", restart_after=0),  # never restarts
        ]
    )
    for ilvl in (0, 1, 2, 1, 2, 0, 1, 2):
        fixtures.numbered(document, "x", num_id=50, ilvl=ilvl)

    pages, _ = docx_pages(saved(document))

    assert pages[0].split("\n") == [
        "1.\u3000x", "1.1\u3000x", "(a)\u3000x", "1.2\u3000x", "(b)\u3000x",
        "2.\u3000x", "2.1\u3000x", "(c)\u3000x",
    ]


def test_num_id_zero_switches_style_numbering_off(saved):
    document = fixtures.new_document()
    fixtures.add_numbering_definition(document, 60, [LevelSpec("decimalFullWidth", "第%1条")])
    fixtures.add_list(document, num_id=60, abstract_id=60)
    style = document.styles.add_style("Numbered Article", WD_STYLE_TYPE.PARAGRAPH)
    fixtures.set_numbering(style, num_id=60, ilvl=0)
    document.add_paragraph("乙は、", style=style)
    unnumbered = document.add_paragraph("（注）番号なし", style=style)
    fixtures.set_numbering(unnumbered, num_id=0)
    document.add_paragraph("乙は、", style=style)

    pages, _ = docx_pages(saved(document))

    assert pages == ["第１条\u3000乙は、\n（注）番号なし\n第２条\u3000乙は、"]


def test_undefined_numbering_and_unsupported_format_are_warned(saved):
    document = numbered_document([LevelSpec("hebrew1", "%1.")])
    fixtures.numbered(document, "未対応", num_id=50, ilvl=0)
    fixtures.numbered(document, "未定義", num_id=99, ilvl=0)

    pages, warnings = docx_pages(saved(document))

    assert pages == ["1.\u3000未対応\n未定義"]
    assert any("'hebrew1'" in warning for warning in warnings)
    assert any("numbering definition 99" in warning for warning in warnings)


def test_bullets_render_their_character(saved):
    document = numbered_document([LevelSpec("bullet", "・")])
    fixtures.numbered(document, "記録媒体", num_id=50, ilvl=0)

    pages, _ = docx_pages(saved(document))

    assert pages == ["・\u3000記録媒体"]


@pytest.mark.parametrize(
    ("value", "num_format", "expected"),
    [
        (12, "decimal", "12"),
        (12, "decimalHalfWidth", "12"),
        (12, "decimalFullWidth", "１２"),
        (3, "decimalFullWidth2", "３"),
        (3, "decimalEnclosedParen", "⑶"),
        (3, "decimalEnclosedCircle", "③"),
        (20, "decimalEnclosedCircle", "⑳"),
        (105, "ideographDigital", "一〇五"),
        (1, "japaneseCounting", "一"),
        (10, "japaneseCounting", "十"),
        (11, "japaneseCounting", "十一"),
        (20, "japaneseCounting", "二十"),
        (36, "japaneseCounting", "三十六"),
        (105, "japaneseCounting", "百五"),
        (12, "japaneseDigitalTenThousand", "一二"),
        (3, "aiueoFullWidth", "ウ"),
        (11, "aiueoFullWidth", "サ"),
        (46, "aiueoFullWidth", "ン"),
        (3, "aiueo", "ｳ"),
        (3, "irohaFullWidth", "ハ"),
        (47, "irohaFullWidth", "ス"),
        (3, "iroha", "ﾊ"),
        (2, "lowerLetter", "b"),
        (28, "lowerLetter", "bb"),
        (2, "upperLetter", "B"),
        (14, "lowerRoman", "xiv"),
        (1994, "upperRoman", "MCMXCIV"),
        (2, "ideographTraditional", "乙"),
        (7, "decimalZero", "07"),
        (1, "hebrew1", None),
    ],
)
def test_format_list_number(value, num_format, expected):
    assert format_list_number(value, num_format) == expected


# The kana tables word.py used to spell out; word_numbering now takes the full-width ones from
# pipeline.text.numbering and derives the half-width ones.
OLD_KANA_TABLES = {
    "aiueoFullWidth": "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
    "aiueo": "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ",
    "irohaFullWidth": "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス",
    "iroha": "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ",  # ヰ, ヱ shown as ｲ, ｴ
}


@pytest.mark.parametrize("num_format", sorted(OLD_KANA_TABLES))
def test_kana_formats_are_as_the_old_tables_had_them(num_format):
    table = OLD_KANA_TABLES[num_format]
    for value in range(1, 101):  # past the end, Word repeats the letter: アア, イイ …
        repeats, index = divmod(value - 1, len(table))
        assert format_list_number(value, num_format) == table[index] * (repeats + 1), value


@pytest.mark.parametrize("num_format", ["aiueoFullWidth", "lowerLetter", "japaneseCounting", "upperRoman", "iroha"])
def test_a_hostile_list_start_is_bounded(num_format):
    """w:start 10^9 in aiueoFullWidth took 55 s and 7.7 GB, 10^72 in japaneseCounting raised
    IndexError: beyond Word's own bound the counter is shown as digits."""
    from pipeline.extract.word_numbering import MAX_LIST_NUMBER, format_list_number

    for value in (10**9, 10**72, -10**9):
        assert format_list_number(value, num_format) == str(value)
    assert len(format_list_number(MAX_LIST_NUMBER, num_format)) <= MAX_LIST_NUMBER // 26 + 1  # a z-run at most


def test_a_part_that_inflates_past_its_declared_size_is_refused(tmp_path):
    """A .docx whose zip directory declares 1 KB for a part that inflates to far more: the
    guard counts what really inflates, not what the header claims."""
    import io
    import struct

    from pipeline.extract.word import MAX_UNPACKED_BYTES, _open_document
    from pipeline.model import ExtractionError

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<w:document/>" + b" " * (MAX_UNPACKED_BYTES + 2**20))
    data = bytearray(buffer.getvalue())
    # lie in the central directory: the big part "is" 1 KB
    index = data.rfind(b"PK\\x01\\x02")
    while index >= 0:
        name_length = struct.unpack_from("<H", data, index + 28)[0]
        if data[index + 46:index + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, index + 24, 1024)
        index = data.rfind(b"PK\\x01\\x02", 0, index)
    with pytest.raises(ExtractionError, match="unpacks to"):
        _open_document(bytes(data), "bomb.docx")
