"""Extract the text of a Word (.docx) document page by page, numbering labels included.

With ``word_numbering``, the only module that imports python-docx. It is deliberately not
named ``docx.py`` so that ``import docx`` finds the library and not this file.

Word's automatic list numbering is the main trap: a template whose articles are
numbered by Word stores "乙は、…" in the paragraph and "第%1条" in numbering.xml, so
the text python-docx reports has no "第１条". ``ListNumbering`` replays Word's list
counters in document order and renders each label the way Word displays it; it and the
number formats live in ``word_numbering``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from pipeline.extract.word_styles import StyleIndex
from pipeline.extract.word_numbering import MC_NS, ListNumbering, int_attribute, is_on
from pipeline.model import ExtractionError

__all__ = ["extract_docx_pages"]

# A template with a few scanned seals or logos unpacks to a few MB.
MAX_UNPACKED_BYTES = 256 * 2**20
# Old binary .doc files and password-protected .docx files are both OLE compound files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE directory are UTF-16LE; an encrypted OOXML package keeps the
# real .docx in a stream called "EncryptedPackage".
_ENCRYPTED_PACKAGE_NAME = "EncryptedPackage".encode("utf-16-le")
_WORD_BINARY_NAME = "WordDocument".encode("utf-16-le")

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
    [qn("w:drawing"), qn("w:pict"), qn("w:object"), f"{{{MC_NS}}}AlternateContent"]
)
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
    # python-docx loads every part into memory, and a part's declared size is only a claim
    # (zipfile inflates past it): what the parts really inflate to is counted, in bounded reads
    unpacked, declaring = _inspect_parts(data, MAX_UNPACKED_BYTES)
    if declaring:
        # Word never writes a DTD; python-docx leaves entity references unexpanded, so the text
        # after one in a run would be lost without a word: such a file is refused instead
        raise ExtractionError(
            source,
            f"the Word file's {declaring} declares a DTD (<!DOCTYPE …>), which Word never writes: the file was "
            "made or altered by another program, and its text cannot be read faithfully; open and save it in Word",
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExtractionError(
            source,
            f"the Word file unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB "
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


def _inspect_parts(data: bytes, limit: int) -> tuple[int, str | None]:
    """What the package's parts inflate to, read in chunks (stops once past ``limit``), and the
    first XML part that declares a DTD, if any."""
    total, declaring = 0, None
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            try:
                with package.open(info) as part:
                    first = True
                    while chunk := part.read(1 << 20):
                        if first and declaring is None and info.filename.endswith((".xml", ".rels")) \
                                and b"<!DOCTYPE" in chunk[:4096]:
                            declaring = info.filename
                        first = False
                        total += len(chunk)
                        if total > limit:
                            return total, declaring
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError):
                continue  # an unreadable part is python-docx's to refuse, with its own message
    return total, declaring


class _BodyExtractor:
    """Walks the document body once, splitting it into pages of paragraph lines."""

    def __init__(self, document):
        self._body = document.element.body
        self._styles = StyleIndex(document.styles.element)
        self._numbering = ListNumbering(_numbering_element(document), self._styles)
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
        return self._styles.chain(style_reference.get(qn("w:val")) if style_reference is not None else None)

    def _has_page_break_before(self, paragraph) -> bool:
        direct = paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
        if direct is not None:
            return is_on(direct)
        for style in self._style_chain(paragraph):
            inherited = style.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
            if inherited is not None:
                return is_on(inherited)
        return False

    def _paragraph_numbering(self, paragraph) -> tuple[int | None, int | None, list[str]]:
        """(numId, ilvl, style ids) of the paragraph's list numbering, from the
        paragraph itself or, failing that, from its style chain."""
        direct = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = ilvl = None
        if direct is not None:
            num_id = int_attribute(direct.find(qn("w:numId")))
            ilvl = int_attribute(direct.find(qn("w:ilvl")))
        style_ids = []
        for style in self._style_chain(paragraph):
            style_ids.append(style.get(qn("w:styleId")))
            inherited = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if inherited is None:
                continue
            inherited_num_id = int_attribute(inherited.find(qn("w:numId")))
            if num_id is None:
                num_id = inherited_num_id
            # A style's level only applies to the list the style itself numbers with.
            if ilvl is None and inherited_num_id in (None, num_id):
                ilvl = int_attribute(inherited.find(qn("w:ilvl")))
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
        if is_on(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")):
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
