"""Segmentation: document text → numbered clauses (条 → 項 → 号 → sub-items) with stable ids.

The stage is a pure function of the text. It works line by line:

1. every line is stripped and given a *key* (``normalize.label_key``: same length, labels
   folded — full-width digits, brackets, Kangxi radicals) so matching is done on the key
   and the label is shown as printed;
2. a line may *start* a clause only if its label continues the numbering in force
   (siblings count up by one, a new level starts at one, articles never go back). This is
   what keeps a PDF's mid-sentence line break ("２５年法律…", "第２条第１項の…") from
   being read as a new clause;
3. every other line continues the text of the clause that is open, joined without a break;
4. lines that are not clauses — title, 別記, preamble, revision dates, chapter headings,
   a trailing 注/備考/附則 block — are kept as ``MetaLine``s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.model import Clause, Document, MetaLine, SegmentationError, SegmentedDocument
from pipeline.text.normalize import label_key
from pipeline.text.numbering import circled_number, kana_positions, parse_number

_NUM = r"[0-9]+|[〇一二三四五六七八九十百千]+"
_ARTICLE = re.compile(rf"第(?P<num>{_NUM})(?P<jo>条)?(?P<branches>(?:の(?:{_NUM}))*)(?=[\s(]|$)")
_BRANCH = re.compile(rf"の({_NUM})")
_ARABIC = re.compile(r"(?P<num>[0-9]+)(?:\.(?![0-9])|(?=\s)|$)")
_PAREN_ARABIC = re.compile(r"\((?P<num>[0-9]+)\)")
_KANJI = re.compile(r"(?P<num>[一二三四五六七八九十]+)(?=\s|$)")
_PAREN_KANJI = re.compile(r"\((?P<num>[一二三四五六七八九十]+)\)")
_KANA = re.compile(r"(?P<kana>[ア-ン])(?:\.|(?=\s)|$)")
_PAREN_KANA = re.compile(r"\((?P<kana>[ア-ン])\)")
_CIRCLED = re.compile(r"(?P<circ>[\u2460-\u2473])")

_HEADING = re.compile(r"\((?P<text>(?=[^()。]*[^()。\s])[^()。]{1,40})\)")  # not blank
_STRUCTURE = re.compile(rf"第(?:{_NUM})(?:章|節|款|目)(?:の(?:{_NUM}))*(?:\s|$)")
_ATTACHMENT = re.compile(r"(?:別記|別紙|別表|様式)(?:\s*第?\s*[0-9]+\s*号?)?(?:\s*\(.*\))?\s*$")
_NOTE_START = re.compile(r"(?:\(注[0-9]*\)|注[0-9]*[):]?|注記|備考|※)(?:\s|$)|[附付]\s*則(?:\s|\(|$)|以上\s*$")
_ERA_DATE = re.compile(r"(?:令和|平成|昭和)\s*(?:元|[0-9]+)\s*年|[0-9]{4}\s*年")
_REVISION_WORD = re.compile(r"改正|施行|制定|適用|作成|改訂")
# A revision line starts with its date or its verb, often in brackets: （令和５年４月１日改正）
_REVISION_START = re.compile(r"\(?\s*(?:令和|平成|昭和|[0-9]{4}\s*年|改正|改訂|制定|施行)")
_ENACTMENT = re.compile(
    r"この(?:特記事項|要領|規程|基準|要綱|仕様書)は.*(?:令和|平成|昭和|[0-9]{4}\s*年).*(?:施行|適用)"
)
_TITLE_HINT = re.compile(r"特記事項|取扱.*(?:事項|基準|要領)|仕様書|規程|要領")

ARTICLE_STYLE = "article"
PARAGRAPH_STYLE = "arabic"  # 項 are numbered ２, ３ … under a 第N article


@dataclass(frozen=True)
class _Line:
    index: int
    page: int
    text: str  # display text, stripped
    key: str  # label_key(text)


@dataclass(frozen=True)
class _Label:
    """A label read at the start of a line, before we know whether it is accepted."""

    options: tuple[tuple[str, tuple[int, ...]], ...]  # (style, value) readings
    label: str  # as printed
    rest: str  # display text after the label and its separator


@dataclass
class _Level:
    style: str | None
    last: tuple[int, ...]


@dataclass
class _Node:
    kind: str
    id: str
    label: str
    heading: str | None
    page: int
    fragments: list[str] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)


def _read_label(line: _Line) -> _Label | None:
    try:
        return _read_label_numbers(line)
    except ValueError:
        # looks like a numeral but reads as none: 十十 / 百百 (kanjize refuses them) or more
        # digits than int() converts (4,300): text, not a label
        return None


def _read_label_numbers(line: _Line) -> _Label | None:
    key, text = line.key, line.text

    def made(options, end: int) -> _Label:
        rest = text[end:].lstrip()
        return _Label(tuple(options), text[:end].rstrip(), rest)

    if m := _ARTICLE.match(key):
        value = (parse_number(m["num"]), *(parse_number(b) for b in _BRANCH.findall(m["branches"])))
        return made([(ARTICLE_STYLE, value)], m.end())
    for pattern, style in ((_PAREN_ARABIC, "paren_arabic"), (_PAREN_KANJI, "paren_kanji")):
        if m := pattern.match(key):
            return made([(style, (parse_number(m["num"]),))], m.end())
    if m := _ARABIC.match(key):
        return made([(PARAGRAPH_STYLE, (int(m["num"]),))], m.end())
    if m := _KANJI.match(key):
        return made([("kanji", (parse_number(m["num"]),))], m.end())
    if m := _PAREN_KANA.match(key):
        return made([(f"paren_{s}", (v,)) for s, v in kana_positions(m["kana"])], m.end())
    if m := _KANA.match(key):
        return made([(s, (v,)) for s, v in kana_positions(m["kana"])], m.end())
    if m := _CIRCLED.match(key):
        return made([("circled", (circled_number(m["circ"]),))], m.end())
    return None


def _is_next(last: tuple[int, ...], value: tuple[int, ...]) -> bool:
    return len(value) == 1 and len(last) == 1 and value[0] == last[0] + 1


class _Segmenter:
    """One pass over the lines; the numbering state lives in ``levels``."""

    # Articles may skip a few numbers (削除 articles left out) but never go back.
    MAX_ARTICLE_GAP = 3

    def __init__(self, lines: list[_Line], article_style: str):
        self.lines = lines
        self.article_style = article_style
        self.paragraph_style = PARAGRAPH_STYLE if article_style == ARTICLE_STYLE else None
        self.levels: list[_Level] = []
        self.open: list[_Node] = []  # the open node at each depth
        self.articles: list[_Node] = []
        self.metadata: list[MetaLine] = []
        self.pending_heading: tuple[str, list[_Line]] | None = None
        self.in_trailer = False

    # -- numbering state -------------------------------------------------------------
    def _accepts(self, label: _Label) -> tuple[int, str, tuple[int, ...]] | None:
        """(depth, style, value) if the label continues the numbering in force."""
        for style, value in label.options:
            if style == self.article_style:
                if not self.levels:
                    return (0, style, value)
                last = self.levels[0].last
                if value > last and (value[0] - last[0]) <= self.MAX_ARTICLE_GAP and (
                    self.article_style == ARTICLE_STYLE or _is_next(last, value)
                ):
                    return (0, style, value)
                continue
            if not self.levels:
                continue
            depth = next((d for d, lv in enumerate(self.levels) if lv.style == style), None)
            if depth is not None:
                if _is_next(self.levels[depth].last, value):
                    return (depth, style, value)
                if depth == 1 and value == (1,) and self._paragraph_one_is_bare():
                    return (1, style, value)  # "１" explicitly numbering the first paragraph
                continue
            if style == self.paragraph_style:
                continue  # paragraphs always sit at depth 1
            if value == (1,):
                return (len(self.levels), style, value)
        return None

    def _paragraph_one_is_bare(self) -> bool:
        para = self.open[1]
        return len(self.levels) == 2 and para.label == "" and not para.fragments and not para.children

    def _start(self, depth: int, style: str, value: tuple[int, ...], label: _Label, line: _Line, heading):
        rest = label.rest
        if depth == 0:
            if heading is None and (m := _HEADING.match(label_key(rest))):
                heading = rest[1 : m.end() - 1].strip()
                rest = rest[m.end() :].lstrip()
            article_id = "_".join(str(v) for v in value)
            article = _Node("article", article_id, label.label, heading, line.page)
            paragraph = _Node("paragraph", f"{article_id}.1", "", None, line.page)
            article.children.append(paragraph)
            self.articles.append(article)
            self.open = [article, paragraph]
            self.levels = [_Level(style, value), _Level(self.paragraph_style, (1,))]
            if rest:
                paragraph.fragments.append(rest)
            return
        if depth == 1 and value == (1,):
            node = self.open[1]  # relabel the unnumbered first paragraph
            node.label = label.label
            if heading is not None:  # a heading line between 第N and its "１"
                node.heading = heading
            self.levels[1] = _Level(style, value)
        else:
            parent = self.open[depth - 1]
            kind = "paragraph" if depth == 1 else "item" if depth == 2 else "subitem"
            node = _Node(kind, f"{parent.id}.{value[0]}", label.label, heading, line.page)
            parent.children.append(node)
            del self.open[depth:]
            self.open.append(node)
            del self.levels[depth:]
            self.levels.append(_Level(style, value))
        if rest:
            node.fragments.append(rest)

    # -- line classification ---------------------------------------------------------
    def _meta(self, kind: str, line: _Line) -> None:
        self.metadata.append(MetaLine(kind, line.text, line.page, line.index))

    def _heading_at(self, i: int) -> tuple[str, int] | None:
        """(heading text, lines it spans) if a heading for the next clause starts at line i.

        A long heading may have been wrapped over two or three lines by the PDF."""
        for span in (1, 2, 3):
            if i + span > len(self.lines):
                return None
            key = "".join(line.key for line in self.lines[i : i + span])
            if not key.startswith("(") or len(key) > 42:
                return None
            if not _HEADING.fullmatch(key):
                continue
            following = self.lines[i + span] if i + span < len(self.lines) else None
            label = _read_label(following) if following else None
            accepted = self._accepts(label) if label else None
            if accepted and (accepted[0] == 0 or self._sentence_complete()):
                text = "".join(line.text for line in self.lines[i : i + span])
                return text[1:-1].strip(), span
            return None
        return None

    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            i += 1
            if self.in_trailer:
                self._meta("note", line)
                continue
            key = line.key
            if _STRUCTURE.match(key):
                self._flush_heading_as_text()
                self._meta("structure", line)
                continue
            if self.articles and (
                _NOTE_START.match(key)
                or _ATTACHMENT.fullmatch(key)
                or (_ENACTMENT.match(key) and self._sentence_complete())
            ):
                self._flush_heading_as_text()
                self.in_trailer = True
                self._meta("note", line)
                continue
            if self._is_revision(key):
                self._flush_heading_as_text()
                self._meta("revision", line)
                continue
            if heading := self._heading_at(i - 1):
                self._flush_heading_as_text()
                text, span = heading
                self.pending_heading = (text, self.lines[i - 1 : i - 1 + span])
                i += span - 1
                continue
            label = _read_label(line)
            accepted = self._accepts(label) if label else None
            if accepted:
                heading_text = self.pending_heading[0] if self.pending_heading else None
                self.pending_heading = None
                self._start(*accepted, label, line, heading_text)
                continue
            self._flush_heading_as_text()
            if not self.articles:
                self._meta("attachment" if _ATTACHMENT.fullmatch(key) else "preamble", line)
            else:
                self.open[-1].fragments.append(line.text)
        self._flush_heading_as_text()

    def _sentence_complete(self) -> bool:
        node = self.open[-1] if self.open else None
        return node is None or not node.fragments or node.fragments[-1].endswith(("。", ")", "）"))

    def _flush_heading_as_text(self) -> None:
        """A heading-like line that no clause claimed is ordinary text where it stood."""
        if self.pending_heading is None:
            return
        _, lines = self.pending_heading
        self.pending_heading = None
        for line in lines:
            if self.articles:
                self.open[-1].fragments.append(line.text)
            else:
                self._meta("preamble", line)

    @staticmethod
    def _is_revision(key: str) -> bool:
        short = len(key) <= 60 and not key.rstrip().endswith("。")
        dated = bool(_REVISION_START.match(key) and _ERA_DATE.search(key) and _REVISION_WORD.search(key))
        return (short and dated) or bool(
            _ENACTMENT.match(key)
        )


def join_lines(fragments: list[str]) -> str:
    """Rejoin lines a PDF broke mid-sentence: nothing between Japanese characters or inside a
    number, one space between two Latin words (a Latin line break was a space)."""
    text = ""
    for fragment in fragments:
        if text and fragment and _latin_word_boundary(text[-1], fragment[0]):
            text += " "
        text += fragment
    return text


def _latin_word_boundary(left: str, right: str) -> bool:
    both_ascii_alnum = left.isascii() and left.isalnum() and right.isascii() and right.isalnum()
    return both_ascii_alnum and not (left.isdigit() and right.isdigit())


def _to_clauses(node: _Node, parent: str | None, out: list[Clause], start: int = 0) -> str:
    """Append ``node`` and its descendants in document order; return the node's whole text.
    ``start``: where that text begins in its article's text."""
    index = len(out)
    out.append(None)  # type: ignore[arg-type]  # placeholder keeps document order
    own = join_lines(node.fragments)
    parts = [own] if own else []
    length = len(own)  # of "\n".join(parts)
    for child in node.children:
        prefix = ("\n" if parts else "") + (f"{child.label} " if child.label else "")
        child_text = _to_clauses(child, node.id, out, start + length + len(prefix))
        parts.append(f"{child.label} {child_text}" if child.label else child_text)
        length += len(prefix) + len(child_text)
    text = "\n".join(parts)
    out[index] = Clause(node.id, node.kind, node.label, node.heading, text, node.page, own, parent, start)
    return text


def _article_style(lines: list[_Line]) -> str:
    """第N articles if the document has any; otherwise its first top-level numbering."""
    labels = [label for line in lines if (label := _read_label(line))]
    if any(style == ARTICLE_STYLE for label in labels for style, _ in label.options):
        return ARTICLE_STYLE
    for label in labels:
        for style, value in label.options:
            if value == (1,) and style in (PARAGRAPH_STYLE, "paren_arabic", "kanji", "paren_kanji", "circled"):
                return style
    return ARTICLE_STYLE


def _title(metadata: list[MetaLine]) -> str | None:
    candidates = [m for m in metadata if m.kind == "preamble" and len(m.text) <= 50 and "。" not in m.text]
    hinted = [m for m in candidates if _TITLE_HINT.search(m.text)]
    chosen = (hinted or candidates or [None])[0]
    return chosen.text if chosen else None


def segment_lines(pages: list[str], source: str) -> SegmentedDocument:
    lines: list[_Line] = []
    for page_number, page_text in enumerate(pages, start=1):
        for raw in page_text.split("\n"):
            text = raw.strip()
            if text:
                lines.append(_Line(len(lines), page_number, text, label_key(text)))
    segmenter = _Segmenter(lines, _article_style(lines))
    segmenter.run()
    if not segmenter.articles:
        raise SegmentationError(source, "no numbered clauses found (第１ / 第1条 / １ …): is this a 特記事項 template?")
    title = _title(segmenter.metadata)
    metadata = [
        MetaLine("title", m.text, m.page, m.line) if title is not None and m.text == title and m.kind == "preamble" else m
        for m in segmenter.metadata
    ]
    clauses: list[Clause] = []
    for article in segmenter.articles:
        _to_clauses(article, None, clauses)
    return SegmentedDocument(source, title, tuple(clauses), tuple(metadata))


def segment(document: Document) -> SegmentedDocument:
    """The segmentation stage: an extracted Document → its clauses (carrying the document's
    warnings and OCR marks along)."""
    segmented = segment_lines([page.text for page in document.pages], document.source)
    return replace(segmented, ocr_pages=document.ocr_pages, ocr_confidence=document.ocr_confidence,
                   warnings=document.warnings)


def segment_text(text: str, source: str = "<text>") -> SegmentedDocument:
    """Segment plain text; pages are separated by form feeds."""
    return segment_lines(text.split("\f"), source)
