"""Extract the text of a Word (.docx) document page by page, numbering labels included.

This is the only module that imports python-docx. It is deliberately not named
``docx.py`` so that ``import docx`` finds the library and not this file.

Word's automatic list numbering is the main trap: a template whose articles are
numbered by Word stores "乙は、…" in the paragraph and "第%1条" in numbering.xml, so
the text python-docx reports has no "第１条". ``_Numbering`` replays Word's list
counters in document order and renders each label the way Word displays it.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
import kanjize
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from pipeline.model import ExtractionError

__all__ = ["extract_docx_pages", "format_list_number"]

# A template with a few scanned seals or logos unpacks to a few MB.
MAX_UNPACKED_BYTES = 256 * 2**20
# Old binary .doc files and password-protected .docx files are both OLE compound files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE directory are UTF-16LE; an encrypted OOXML package keeps the
# real .docx in a stream called "EncryptedPackage".
_ENCRYPTED_PACKAGE_NAME = "EncryptedPackage".encode("utf-16-le")
_WORD_BINARY_NAME = "WordDocument".encode("utf-16-le")

_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Block-level elements whose children may hold paragraphs: tables, rows and cells, and
# content controls (w:sdt) or custom XML wrapped around any of them.
_BLOCK_CONTAINERS = frozenset(
    qn(tag) for tag in ("w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:customXml")
)
# Paragraph content that Word does not display as text: properties, tracked
# deletions, the source side of a tracked move.
_HIDDEN_INLINE = frozenset(qn(tag) for tag in ("w:pPr", "w:del", "w:moveFrom"))
# Run children that hold drawings or embedded objects, which may contain text boxes.
_RUN_OBJECTS = frozenset(
    [qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{{{_MC_NS}}}AlternateContent"]
)
_OFF_VALUES = frozenset({"0", "false", "off"})
# Section types that start the next section on a new page (Word's default is nextPage).
_PAGE_STARTING_SECTIONS = frozenset({"nextPage", "oddPage", "evenPage"})

# A page break inside a paragraph's text; never part of real text.
_PAGE_BREAK = "\f"
# What python-docx raises for a zip that is not a Word package (no [Content_Types].xml,
# no main document part, the main part of an .xlsx, malformed XML).
_UNREADABLE_PACKAGE_ERRORS = (
    PackageNotFoundError,
    KeyError,
    ValueError,
    zipfile.BadZipFile,
    etree.XMLSyntaxError,
)


def extract_docx_pages(data: bytes, source: str = "<docx>") -> tuple[list[str], list[str]]:
    """The text of a .docx file's body as (pages, warnings).

    Each page is the paragraphs on it, one per line, in document order; paragraphs in
    tables come where the table stands, row by row and cell by cell. Pages start at
    explicit page breaks, paragraphs marked "page break before" and new-page section
    breaks; without any, the whole text is page 1. Automatic numbering labels are
    rendered and prepended to their paragraphs. Characters are not normalised.

    ``data``: the file's bytes; ``source`` names it in messages. Raises ExtractionError when
    the file is not a .docx, is encrypted, or has no text.
    """
    document = _open_document(data, source)
    extractor = _BodyExtractor(document)
    pages = extractor.extract_pages()
    if not any(page.strip() for page in pages):
        raise ExtractionError(source, "no text: the Word document's body holds no text")
    return pages, extractor.warnings


def _open_document(data: bytes, source: str):
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE_NAME in data:
            raise ExtractionError(
                source,
                "the Word document is encrypted (password-protected); save it without a password",
            )
        if _WORD_BINARY_NAME in data:
            kind = "an old binary Word (.doc) file"
        else:
            kind = "an OLE compound file"
        raise ExtractionError(
            source, f"not a Word (.docx) document: it is {kind}; save it as .docx"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError(source, "not a Word (.docx) document: it is not a zip package")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        # python-docx loads every part into memory; zipfile never inflates a part past the
        # size its header declares, so the declared sizes bound what opening it costs
        unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExtractionError(
            source,
            f"the Word file unpacks to {unpacked / 2**20:.0f} MB, more than {MAX_UNPACKED_BYTES // 2**20} MB "
            "(a zip bomb?): no 特記事項 is that large, so it is not read",
        )
    try:
        return docx.Document(io.BytesIO(data))
    except _UNREADABLE_PACKAGE_ERRORS as error:
        raise ExtractionError(
            source,
            "not a Word (.docx) document: the zip package holds no readable Word document"
            f" ({error})",
        ) from error


def _is_on(element) -> bool:
    """An OOXML on/off property: present and not switched off."""
    return element is not None and element.get(qn("w:val"), "true") not in _OFF_VALUES


def _int_attribute(element, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(qn("w:val")))
    except (TypeError, ValueError):
        return default


class _BodyExtractor:
    """Walks the document body once, splitting it into pages of paragraph lines."""

    def __init__(self, document):
        self._body = document.element.body
        self._styles = document.styles.element
        self._numbering = _Numbering(_numbering_element(document), self._styles)
        self._text_boxes_skipped = 0

    @property
    def warnings(self) -> list[str]:
        warnings = list(self._numbering.warnings)
        if self._text_boxes_skipped:
            warnings.append(
                f"{self._text_boxes_skipped} text box(es) with text were left out: "
                "their position in the reading order is unknown"
            )
        return warnings

    def extract_pages(self) -> list[str]:
        pages: list[list[str]] = [[]]
        section_breaks = self._section_types()
        section_index = 0
        new_page_pending = False
        seen_paragraph = False
        for paragraph in _iter_paragraphs(self._body):
            # Word ignores "page break before" on the document's first paragraph.
            if new_page_pending or (seen_paragraph and self._has_page_break_before(paragraph)):
                pages.append([])
            new_page_pending = False
            seen_paragraph = True

            pieces = self._paragraph_pieces(paragraph)
            label = self._numbering.label_for(*self._paragraph_numbering(paragraph))
            if len(pieces) == 1:
                pages[-1].append(_labelled(label, pieces[0]))
            else:
                # Explicit page breaks split the paragraph; empty parts are not lines.
                for index, piece in enumerate(pieces):
                    if index:
                        pages.append([])
                    if piece:
                        pages[-1].append(_labelled(label, piece))
                        label = ""
                if label:
                    pages[-1].append(label.rstrip())

            if paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                section_index += 1
                new_page_pending = section_breaks[section_index] in _PAGE_STARTING_SECTIONS
        while len(pages) > 1 and not pages[-1]:
            pages.pop()  # a trailing break leaves an empty page that holds nothing
        return ["\n".join(lines) for lines in pages]

    def _section_types(self) -> list[str]:
        """The start type of each section in order; a section's own w:sectPr is at its end."""
        section_properties = [
            element
            for element in self._body.iter(qn("w:sectPr"))
            if element.getparent().tag in (qn("w:pPr"), qn("w:body"))
        ]
        types = []
        for properties in section_properties:
            section_type = properties.find(qn("w:type"))
            if section_type is None:
                types.append("nextPage")
            else:
                types.append(section_type.get(qn("w:val"), "nextPage"))
        # A document whose last paragraph ends a section but lacks the body's sectPr.
        types.append("continuous")
        return types

    def _style_chain(self, paragraph) -> Iterator:
        """The paragraph's style, then the styles it is based on."""
        style_reference = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = (
            self._styles.get_by_id(style_reference.get(qn("w:val")))
            if style_reference is not None
            else None
        )
        if style is None:  # no style, or an unknown one: Word uses the default style
            style = self._styles.default_for(WD_STYLE_TYPE.PARAGRAPH)
        seen_style_ids = set()  # a broken file may base styles on each other in a loop
        while style is not None and style.get(qn("w:styleId")) not in seen_style_ids:
            seen_style_ids.add(style.get(qn("w:styleId")))
            yield style
            style = style.base_style

    def _has_page_break_before(self, paragraph) -> bool:
        direct = paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
        if direct is not None:
            return _is_on(direct)
        for style in self._style_chain(paragraph):
            inherited = style.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
            if inherited is not None:
                return _is_on(inherited)
        return False

    def _paragraph_numbering(self, paragraph) -> tuple[int | None, int | None, list[str]]:
        """(numId, ilvl, style ids) of the paragraph's list numbering, from the
        paragraph itself or, failing that, from its style chain."""
        direct = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = ilvl = None
        if direct is not None:
            num_id = _int_attribute(direct.find(qn("w:numId")))
            ilvl = _int_attribute(direct.find(qn("w:ilvl")))
        style_ids = []
        for style in self._style_chain(paragraph):
            style_ids.append(style.get(qn("w:styleId")))
            inherited = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if inherited is None:
                continue
            inherited_num_id = _int_attribute(inherited.find(qn("w:numId")))
            if num_id is None:
                num_id = inherited_num_id
            # A style's level only applies to the list the style itself numbers with.
            if ilvl is None and inherited_num_id in (None, num_id):
                ilvl = _int_attribute(inherited.find(qn("w:ilvl")))
        return num_id, ilvl, style_ids

    def _paragraph_pieces(self, paragraph) -> list[str]:
        """The paragraph's displayed text, split at explicit page breaks."""
        parts: list[str] = []
        self._collect_text(paragraph, parts)
        return "".join(parts).split(_PAGE_BREAK)

    def _collect_text(self, element, parts: list[str]) -> None:
        # Walk the XML rather than use paragraph.text: python-docx skips runs inside
        # tracked insertions, smart tags, content controls and simple fields.
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _HIDDEN_INLINE:
                continue
            if child.tag == qn("w:r"):
                self._collect_run_text(child, parts)
            else:
                self._collect_text(child, parts)

    def _collect_run_text(self, run, parts: list[str]) -> None:
        if _is_on(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")):
            return  # hidden text is not displayed
        for child in run:
            tag = child.tag
            if tag == qn("w:t"):
                parts.append(child.text or "")
            elif tag in (qn("w:tab"), qn("w:ptab")):
                parts.append("\t")
            elif tag == qn("w:br"):
                parts.append(_PAGE_BREAK if child.get(qn("w:type")) == "page" else "\n")
            elif tag == qn("w:cr"):
                parts.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                parts.append("-")
            elif tag in _RUN_OBJECTS:
                if any(
                    "".join(box.itertext()).strip() for box in child.iter(qn("w:txbxContent"))
                ):
                    self._text_boxes_skipped += 1


def _labelled(label: str, text: str) -> str:
    if label and not text:
        return label.rstrip()
    return label + text


def _numbering_element(document):
    try:
        numbering_part = document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        return None  # a document without numbering.xml has no automatic numbering
    return numbering_part.element


def _iter_paragraphs(container) -> Iterator:
    """The w:p elements under a block container in document order, tables included.

    Walks the XML rather than python-docx's block items so that paragraphs inside
    content controls (w:sdt) are not lost.
    """
    for child in container:
        if child.tag == qn("w:p"):
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _iter_paragraphs(child)


@dataclass(frozen=True)
class _Level:
    """One level (w:lvl) of a list numbering definition."""

    start: int
    num_format: str
    text: str | None  # w:lvlText, "%1" standing for this list's level-1 counter
    suffix: str  # what follows the label: "tab", "space" or "nothing"
    restart_after: int | None  # w:lvlRestart: 1-based level whose use restarts this one
    is_legal: bool  # w:isLgl: show every level's number as decimal
    style_id: str | None  # w:pStyle: the paragraph style linked to this level


_LABEL_SEPARATORS = {"tab": "\u3000", "space": " ", "nothing": ""}
_LEVEL_REFERENCE = re.compile(r"%([1-9])")


class _Numbering:
    """Word list numbering: the definitions of numbering.xml and the running counters."""

    def __init__(self, numbering_element, styles_element):
        self._numbering = numbering_element
        self._styles = styles_element
        self._abstract_by_id = {}
        self._num_by_id = {}
        if numbering_element is not None:
            for abstract in numbering_element.findall(qn("w:abstractNum")):
                self._abstract_by_id[abstract.get(qn("w:abstractNumId"))] = abstract
            for num in numbering_element.findall(qn("w:num")):
                self._num_by_id[_int_attribute_named(num, "w:numId")] = num
        self._levels_cache: dict[int, dict[int, _Level] | None] = {}
        self._counters: dict[int, dict[int, int]] = {}
        self.warnings: list[str] = []

    def label_for(self, num_id: int | None, ilvl: int | None, style_ids: list[str]) -> str:
        """Advance the counters for one numbered paragraph and return its label,
        separator included; "" for a paragraph without numbering."""
        if num_id is None or num_id == 0:  # numId 0 switches inherited numbering off
            return ""
        levels = self._levels(num_id)
        if levels is None:
            self._warn(
                f"numbering definition {num_id} is used but not defined; its labels were left out"
            )
            return ""
        if ilvl is None:
            ilvl = next(
                (level_index for style_id in style_ids for level_index, level in levels.items()
                 if level.style_id == style_id),
                0,
            )
        level = levels.get(ilvl)
        if level is None:
            self._warn(
                f"numbering definition {num_id} has no level {ilvl}; its labels were left out"
            )
            return ""

        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [index for index in counters if index > ilvl]:
            if _restarts(levels.get(deeper), deeper, ilvl):
                del counters[deeper]

        if level.num_format == "bullet":
            label = level.text or ""
        else:
            label = _LEVEL_REFERENCE.sub(
                lambda match: self._format_level(
                    levels, counters, int(match.group(1)) - 1, level.is_legal
                ),
                level.text or "",
            )
        if not label or label[-1].isspace():
            return label
        return label + _LABEL_SEPARATORS.get(level.suffix, "\u3000")

    def _format_level(
        self, levels: dict[int, _Level], counters: dict[int, int], index: int, legal: bool
    ) -> str:
        """The number that "%<index + 1>" stands for in a level text."""
        level = levels.get(index)
        if level is None:
            return ""
        value = counters.get(index, level.start)
        num_format = "decimal" if legal else level.num_format
        if num_format in ("bullet", "none"):
            return ""
        formatted = format_list_number(value, num_format)
        if formatted is None:
            self._warn(
                f"numbering format {num_format!r} is not supported; shown as decimal numbers"
            )
            formatted = str(value)
        return formatted

    def _levels(self, num_id: int) -> dict[int, _Level] | None:
        if num_id not in self._levels_cache:
            self._levels_cache[num_id] = self._resolve_levels(num_id, depth=0)
        return self._levels_cache[num_id]

    def _resolve_levels(self, num_id: int, depth: int) -> dict[int, _Level] | None:
        num = self._num_by_id.get(num_id)
        if num is None or depth > 5:
            return None
        abstract_reference = num.find(qn("w:abstractNumId"))
        abstract = self._abstract_by_id.get(
            abstract_reference.get(qn("w:val")) if abstract_reference is not None else None
        )
        if abstract is None:
            return None
        linked = abstract.find(qn("w:numStyleLink"))
        if linked is not None:
            # The definition lives with a numbering style, which points to another w:num.
            levels = self._levels_of_numbering_style(linked.get(qn("w:val")), depth)
        else:
            levels = {
                _int_attribute_named(lvl, "w:ilvl"): _parse_level(lvl)
                for lvl in abstract.findall(qn("w:lvl"))
            }
        if levels is None:
            return None
        levels = dict(levels)
        for override in num.findall(qn("w:lvlOverride")):
            ilvl = _int_attribute_named(override, "w:ilvl")
            replacement = override.find(qn("w:lvl"))
            if replacement is not None:
                levels[ilvl] = _parse_level(replacement)
            start_override = _int_attribute(override.find(qn("w:startOverride")))
            if start_override is not None and ilvl in levels:
                levels[ilvl] = dataclasses.replace(levels[ilvl], start=start_override)
        return levels

    def _levels_of_numbering_style(
        self, style_id: str | None, depth: int
    ) -> dict[int, _Level] | None:
        style = self._styles.get_by_id(style_id) if style_id else None
        if style is None:
            return None
        linked_num_id = _int_attribute(
            style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        )
        if linked_num_id is None:
            return None
        return self._resolve_levels(linked_num_id, depth + 1)

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _int_attribute_named(element, attribute: str) -> int | None:
    try:
        return int(element.get(qn(attribute)))
    except (TypeError, ValueError):
        return None


def _parse_level(lvl) -> _Level:
    num_format = lvl.find(qn("w:numFmt"))
    if num_format is None:
        # Word 2010 wraps custom formats in mc:AlternateContent with a plain fallback.
        num_format = lvl.find(f"{{{_MC_NS}}}AlternateContent/{{{_MC_NS}}}Fallback/{qn('w:numFmt')}")
    level_text = lvl.find(qn("w:lvlText"))
    suffix = lvl.find(qn("w:suff"))
    style = lvl.find(qn("w:pStyle"))
    return _Level(
        start=_int_attribute(lvl.find(qn("w:start")), default=0),
        num_format=num_format.get(qn("w:val"), "decimal") if num_format is not None else "decimal",
        text=level_text.get(qn("w:val")) if level_text is not None else None,
        suffix=suffix.get(qn("w:val"), "tab") if suffix is not None else "tab",
        restart_after=_int_attribute(lvl.find(qn("w:lvlRestart"))),
        is_legal=_is_on(lvl.find(qn("w:isLgl"))),
        style_id=style.get(qn("w:val")) if style is not None else None,
    )


def _restarts(deeper_level: _Level | None, deeper: int, used: int) -> bool:
    """Whether using level ``used`` restarts the deeper level ``deeper`` (0-based)."""
    restart_after = deeper_level.restart_after if deeper_level is not None else None
    if restart_after is None or restart_after > deeper:
        return True  # default, and the spec says to ignore a level that is not shallower
    if restart_after == 0:
        return False  # 0 means "never restart"
    return used < restart_after  # restart_after is 1-based, ``used`` 0-based


# --- number formats -------------------------------------------------------------------

_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEOGRAPHIC_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
_AIUEO_FULL_WIDTH = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_AIUEO_HALF_WIDTH = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA_FULL_WIDTH = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
# Half-width katakana has no ヰ or ヱ; Word shows ｲ and ｴ in their place.
_IROHA_HALF_WIDTH = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ"
_LOWER_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ROMAN_NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


def format_list_number(value: int, num_format: str) -> str | None:
    """A list counter as Word shows it in the w:numFmt ``num_format``
    (3 as "decimalFullWidth" is "３", as "japaneseCounting" "三", as "aiueoFullWidth" "ウ").

    None when the format is not supported. Bullets and "none" are not numbers: the
    caller renders them from the level text.
    """
    if num_format in ("decimal", "decimalHalfWidth"):
        return str(value)
    if value < 1 and num_format not in ("decimalFullWidth", "decimalFullWidth2", "decimalZero"):
        return str(value)  # no letter, kana or ideograph for zero or less
    if num_format in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(_FULL_WIDTH_DIGITS)
    if num_format == "decimalZero":
        return f"{value:02d}"
    if num_format == "decimalEnclosedParen":
        return chr(0x2474 + value - 1) if value <= 20 else f"({value})"
    if num_format == "decimalEnclosedCircle":
        return chr(0x2460 + value - 1) if value <= 20 else str(value)
    if num_format == "ideographDigital":
        return str(value).translate(_IDEOGRAPHIC_DIGITS)
    if num_format == "japaneseCounting":
        return kanjize.number2kanji(value)
    if num_format == "japaneseDigitalTenThousand":
        ten_thousands, rest = divmod(value, 10000)
        rest_digits = str(rest).translate(_IDEOGRAPHIC_DIGITS) if rest else ""
        if not ten_thousands:
            return rest_digits
        return str(ten_thousands).translate(_IDEOGRAPHIC_DIGITS) + "万" + rest_digits
    if num_format == "aiueoFullWidth":
        return _repeating_letter(value, _AIUEO_FULL_WIDTH)
    if num_format == "aiueo":
        return _repeating_letter(value, _AIUEO_HALF_WIDTH)
    if num_format == "irohaFullWidth":
        return _repeating_letter(value, _IROHA_FULL_WIDTH)
    if num_format == "iroha":
        return _repeating_letter(value, _IROHA_HALF_WIDTH)
    if num_format == "lowerLetter":
        return _repeating_letter(value, _LOWER_LETTERS)
    if num_format == "upperLetter":
        return _repeating_letter(value, _LOWER_LETTERS).upper()
    if num_format == "lowerRoman":
        return _roman(value)
    if num_format == "upperRoman":
        return _roman(value).upper()
    if num_format == "ideographTraditional":
        return _IDEOGRAPH_TRADITIONAL[(value - 1) % len(_IDEOGRAPH_TRADITIONAL)]
    return None


def _repeating_letter(value: int, alphabet: str) -> str:
    """Word's letter sequences: a … z, then aa … zz, then aaa …"""
    repeats, index = divmod(value - 1, len(alphabet))
    return alphabet[index] * (repeats + 1)


def _roman(value: int) -> str:
    numeral = []
    for amount, letters in _ROMAN_NUMERALS:
        count, value = divmod(value, amount)
        numeral.append(letters * count)
    return "".join(numeral)
