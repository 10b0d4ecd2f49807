"""Documents as the stages see them: a source's pages, its clauses, its terms."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property

CLAUSE_KINDS = ("article", "paragraph", "item", "subitem")


class TokkiError(Exception):
    """A problem with one input that the user must hear about, naming the file."""

    def __init__(self, source: str, problem: str):
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")

    def __reduce__(self):  # back from a child process as itself (args holds the joined message)
        return type(self), (self.source, self.problem)


class ExtractionError(TokkiError):
    """The file cannot be turned into trustworthy text (corrupt, scanned, no Unicode map …)."""


class TimeLimitExceeded(ExtractionError):
    """Reading the file took longer than the per-file limit: may succeed with a higher one."""


class ResourceLimitExceeded(ExtractionError):
    """Reading the file needed more memory than the per-file limit, or crashed its process."""


class SegmentationError(TokkiError):
    """The text holds no numbered clauses, so it is not a template tokki can segment."""


@dataclass(frozen=True)
class Page:
    """One page of a document's text, as extracted (running headers, footers and
    page numbers already removed), lines separated by "\\n"."""

    number: int  # 1-based
    text: str
    # None: the PDF's text layer (or a .txt/.docx); a number in [0, 1]: read by OCR, with
    # tesseract's mean confidence, so every later stage can say the text is less certain
    ocr_confidence: float | None = None


@dataclass(frozen=True, eq=False)
class Source:
    """One input file's bytes, read once: every reader parses ``data`` (never the path again),
    and the hash is computed once, for the document and the batch's cache alike."""

    name: str  # the path as the user gave it, or the upload's file name: used in messages
    data: bytes

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffix(self) -> str:
        """The name's extension, lower case, without the dot ("pdf"; "" when there is none)."""
        tail = self.name.rsplit("/", 1)[-1]
        return tail.rsplit(".", 1)[-1].lower() if "." in tail else ""


@dataclass(frozen=True)
class Document:
    """An extracted document: its pages of display text, before segmentation."""

    source: str  # the path as the user gave it
    format: str  # "pdf" | "txt" | "docx"
    pages: tuple[Page, ...]
    sha256: str
    warnings: tuple[str, ...] = ()

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        return tuple(page.number for page in self.pages if page.ocr_confidence is not None)

    @property
    def ocr_confidence(self) -> float | None:
        """The OCR'd pages' mean confidence, or None when no page was read by OCR."""
        scores = [page.ocr_confidence for page in self.pages if page.ocr_confidence is not None]
        return round(sum(scores) / len(scores), 4) if scores else None


@dataclass(frozen=True)
class Clause:
    """One numbered unit of a template: an article (条), paragraph (項), item (号) or sub-item.

    ``id`` is the path of arabic numbers "article.paragraph.item[.subitem…]" ("4", "4.2",
    "4.1.3"); a branch article 第三十六条の二 is "36_2" as in e-Gov law XML. Every article
    has paragraph 1 (its unnumbered first paragraph), so items always sit under a paragraph.
    """

    id: str
    kind: str  # one of CLAUSE_KINDS
    label: str  # as printed: "第４", "２", "一", "（１）"; "" for an unnumbered first paragraph
    heading: str | None  # "秘密の保持" (brackets stripped) or None
    text: str  # whole text including sub-units; sub-units start on a new line with their label
    page: int  # page on which the clause starts
    own_text: str = ""  # the clause's own lead text, without its sub-units
    parent: str | None = None
    # where ``text`` starts inside its article's ``text`` (0 for an article): the part of an
    # article a match points at, without searching for it
    start: int = 0

    @property
    def title(self) -> str:
        """How an article is named to a reader: 第４（安全管理義務）."""
        return self.label + (f"（{self.heading}）" if self.heading else "")

    def to_json(self) -> dict:
        """The CLI contract's fields, in contract order."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "page": self.page,
        }


@dataclass(frozen=True)
class MetaLine:
    """A line that is document metadata, not a clause: title, 別記/別紙, preamble,
    revision date, structure headings (第一章 …), a trailing 注/備考/附則 block."""

    # "title" | "attachment" | "preamble" | "revision" | "structure" | "note" | "page" (a page-number
    # line) | "label" (an unreadable article label, 〓〓) | "cover" (a covering note before the template)
    kind: str
    text: str
    page: int
    line: int  # 0-based index of the line in the document's line sequence


@dataclass(frozen=True)
class SegmentedDocument:
    source: str
    title: str | None
    clauses: tuple[Clause, ...]
    metadata: tuple[MetaLine, ...] = field(default=())
    # pages read by OCR and their mean confidence (see Document): () / None for a text layer
    ocr_pages: tuple[int, ...] = ()
    ocr_confidence: float | None = None
    # what extraction and segmentation noticed (unmapped glyphs, a truncated file …)
    warnings: tuple[str, ...] = ()

    @property
    def extraction(self) -> str:
        """"ocr" when any page was read by OCR (its text is less certain), else "text"."""
        return "ocr" if self.ocr_pages else "text"

    def ocr_confidence_of(self, page: int) -> float | None:
        """The OCR confidence of what stands on ``page``, or None when it is from a text layer."""
        return self.ocr_confidence if page in self.ocr_pages else None

    @property
    def ocr_note(self) -> str:
        """"" for a text layer; else a line that says the text came from OCR and how sure it is."""
        if not self.ocr_pages:
            return ""
        pages = ", ".join(str(n) for n in self.ocr_pages)
        return (f"OCR で読み取り（頁 {pages}、平均信頼度 {self.ocr_confidence:.0%}）: read by OCR, "
                "lower confidence — check the text against the scan")

    def articles(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind == "article")

    def units(self) -> tuple[Clause, ...]:
        """The clauses that stand on their own: every article, the paragraphs of articles that
        have several (a lone paragraph 1 says the same as its article), every item."""
        paragraphs: dict[str | None, int] = {}
        for clause in self.clauses:
            if clause.kind == "paragraph":
                paragraphs[clause.parent] = paragraphs.get(clause.parent, 0) + 1
        return tuple(c for c in self.clauses if not (c.kind == "paragraph" and paragraphs[c.parent] == 1))

    def by_id(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    def to_json(self) -> dict:
        payload = {
            "source": self.source,
            "title": self.title,
            "clauses": [c.to_json() for c in self.clauses],
            # what was not read as it stands (a numbering gap, a truncated end …); [] when none
            "warnings": list(self.warnings),
        }
        if self.ocr_pages:  # the contract's keys, plus the mark that the text is OCR's
            payload["extraction"] = self.extraction_json()
        return payload

    def extraction_json(self) -> dict:
        """How the text was read, for JSON output: method "text" or "ocr" (with pages, confidence)."""
        if not self.ocr_pages:
            return {"method": "text"}
        return {"method": "ocr", "pages": list(self.ocr_pages), "confidence": self.ocr_confidence}

    def to_dict(self) -> dict:
        """Everything, for caching; ``from_dict`` reads it back."""
        return {
            "source": self.source,
            "title": self.title,
            "clauses": [asdict(c) for c in self.clauses],
            "metadata": [asdict(m) for m in self.metadata],
            "ocr_pages": list(self.ocr_pages),
            "ocr_confidence": self.ocr_confidence,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "SegmentedDocument":
        return cls(
            data["source"],
            data["title"],
            tuple(Clause(**c) for c in data["clauses"]),
            tuple(MetaLine(**m) for m in data["metadata"]),
            tuple(data.get("ocr_pages", ())),
            data.get("ocr_confidence"),
            tuple(data.get("warnings", ())),
        )

    def to_records(self) -> list[dict]:
        """One flat record per clause, for tables (Parquet)."""
        return [{"source": self.source, "title": self.title, **asdict(c)} for c in self.clauses]


@dataclass(frozen=True)
class TokenizedDocument:
    """A segmented document with the content terms of every clause (the tokens stage's output):
    what alignment compares, so that no later stage needs the tokenizer."""

    document: SegmentedDocument
    terms: Mapping[str, tuple[str, ...]]  # clause id → the terms of its text
    heading_terms: Mapping[str, tuple[str, ...]]  # article id → the terms of its heading
    analysis_texts: Mapping[str, str]  # clause id → its text as normalised for analysis

    def to_dict(self) -> dict:
        return {"document": self.document.to_dict(),
                "terms": {k: list(v) for k, v in self.terms.items()},
                "heading_terms": {k: list(v) for k, v in self.heading_terms.items()},
                "analysis_texts": dict(self.analysis_texts)}

    @classmethod
    def from_dict(cls, data: dict) -> "TokenizedDocument":
        return cls(SegmentedDocument.from_dict(data["document"]),
                   {k: tuple(v) for k, v in data["terms"].items()},
                   {k: tuple(v) for k, v in data["heading_terms"].items()},
                   data["analysis_texts"])

__all__ = ["CLAUSE_KINDS", "TokkiError", "ExtractionError", "TimeLimitExceeded", "ResourceLimitExceeded", "SegmentationError", "Page", "Source", "Document", "Clause", "MetaLine", "SegmentedDocument", "TokenizedDocument"]
