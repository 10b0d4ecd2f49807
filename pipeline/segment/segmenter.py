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
from pipeline.segment.checks import covering_note_warning, numbering_warnings, truncation_warning, unassigned_warning
from pipeline.segment.cover import covering_note_end
from pipeline.segment.chrome import (TRAILING_DATE, TRAILING_ISSUER, WEB_FOOTER, WEB_FOOTER_SENTENCE, closing_formula_start,
                                     running_repeats)
from pipeline.segment.headings import share_headings
from pipeline.segment.labels import ARTICLE_STYLE, BARE_ARTICLE_STYLES, NUMERAL, PARAGRAPH_STYLE
from pipeline.segment.labels import Label as _Label
from pipeline.segment.labels import Line as _Line
from pipeline.segment.labels import read_label as _read_label
from pipeline.segment.lines import ITEMS_LEAD, heading_text, is_heading_like, is_page_number_line, page_lines
from pipeline.segment.title import choose_title
from pipeline.text.folds import CLIENT_WORDS, CONTRACTOR_WORDS
from pipeline.text.normalize import invisible_characters, label_key, squeeze_cjk_spaces

_HEADING = re.compile(r"\((?P<text>(?=[^()。]*[^()。\s])[^()。]{1,40})\)")  # not blank
_STRUCTURE = re.compile(rf"第(?:{NUMERAL})(?:章|節|款|目)(?:の(?:{NUMERAL}))*(?:\s|$)")
_ATTACHMENT = re.compile(r"(?:別記|別紙|別表|様式)(?:\s*第?\s*[0-9]+\s*号?)?(?:\s*\(.*\))?\s*$")
_NOTE_START = re.compile(r"\((?:注[0-9]*|備考|注記)\)|(?:注[0-9]*[):]?|注記|備考|※)(?:\s|$)|[附付]\s*則(?:\s|\(|$)|以\s*上\s*$"
                         r"|別表[0-9０-９一二三四五六七八九十]*(?:\s|\(|$)")
_ERA_DATE = re.compile(r"(?:令和|平成|昭和)\s*(?:元|[0-9]+)\s*年|[0-9]{4}\s*年")
_REVISION_WORD = re.compile(r"改正|施行|制定|適用|作成|改訂")
# A revision line starts with its date or its verb, often in brackets: （令和５年４月１日改正）
_REVISION_START = re.compile(r"\(?\s*(?:令和|平成|昭和|[0-9]{4}\s*年|改正|改訂|制定|施行)")
_ENACTMENT = re.compile(
    r"この(?:特記事項|要領|規程|基準|要綱|仕様書)は.*(?:令和|平成|昭和|[0-9]{4}\s*年).*(?:施行|適用)"
)


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
    line: int = 0  # index of the line the node starts on
    value: tuple[int, ...] = ()
    heading_line: bool = False  # its heading stood on a line of its own, before the label
    fragment_lines: list[_Line] = field(default_factory=list)  # the line each fragment stands on
    after_structure: bool = False  # a chapter or section heading (第二節 …) stands before it

    def add(self, text: str, line: _Line) -> None:
        self.fragments.append(text)
        self.fragment_lines.append(line)


def _is_next(last: tuple[int, ...], value: tuple[int, ...]) -> bool:
    return len(value) == 1 and len(last) == 1 and value[0] == last[0] + 1


class _Segmenter:
    """One pass over the lines; the numbering state lives in ``levels``."""

    # Articles may skip a few numbers (削除 articles left out) but never go back.
    MAX_ARTICLE_GAP = 3

    def __init__(self, lines: list[_Line], article_style: str, heading_lines: frozenset[int] = frozenset()):
        self.lines = lines
        self.article_style = article_style
        # 特記仕様書 style: "1 秘密の保持" — the heading on the number's line, the body below
        self.heading_lines = heading_lines
        # 項 are numbered ２, ３ … unless the articles themselves are (１ / ２ with no 第)
        self.paragraph_style = PARAGRAPH_STYLE if article_style != PARAGRAPH_STYLE else None
        self.levels: list[_Level] = []
        self.open: list[_Node] = []  # the open node at each depth
        self.articles: list[_Node] = []
        self.metadata: list[MetaLine] = []
        self.pending_heading: tuple[str, list[_Line]] | None = None
        self.in_trailer = False
        self.structure_seen = False  # a 章/節 line since the last article

    # -- numbering state -------------------------------------------------------------
    def _accepts(self, label: _Label, line: _Line | None = None,
                 headed: bool = False) -> tuple[int, str, tuple[int, ...]] | None:
        """(depth, style, value) if the label on ``line`` continues the numbering in force
        (``headed``: a bracketed heading stands above it)."""
        for style, value in label.options:
            if style == self.article_style:
                if not self.levels:
                    return (0, style, value)
                if (self.heading_lines and line is not None and line.index not in self.heading_lines
                        and style != ARTICLE_STYLE):  # 第N is never a 項
                    # 特記仕様書 style: an article's number carries its heading; a bare "２" is a 項,
                    # or an item where a lead (次に掲げる措置を講じなければならない。) started them at １
                    if len(self.levels) > 2 and self.levels[2].style == style and _is_next(self.levels[2].last, value):
                        return (2, style, value)
                    if value == (1,) and len(self.levels) == 2 and self._announces_items():
                        return (2, style, value)
                    if self.levels[1].style in (None, style) and _is_next(self.levels[1].last, value):
                        return (1, style, value)
                    continue
                last = self.levels[0].last
                # a bare numeral skips a number only where it carries a heading (特記仕様書 style)
                # or stands under one: elsewhere 「5年間」 or a page number could start a line
                carries_heading = headed or (bool(self.heading_lines) and line is not None
                                             and line.index in self.heading_lines)
                if value > last and (value[0] - last[0]) <= self.MAX_ARTICLE_GAP and (
                    self.article_style == ARTICLE_STYLE or carries_heading or _is_next(last, value)
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

    def _announces_items(self) -> bool:
        node = self.open[-1]
        return bool(node.fragments) and bool(ITEMS_LEAD.search(join_lines(node.fragments)))

    def _paragraph_one_is_bare(self) -> bool:
        para = self.open[1]
        return len(self.levels) == 2 and para.label == "" and not para.fragments and not para.children

    def _start(self, depth: int, style: str, value: tuple[int, ...], label: _Label, line: _Line, heading):
        rest = label.rest
        if depth == 0:
            from_line = heading is not None
            if heading is None and (m := _HEADING.match(label_key(rest))):
                heading = heading_text(rest[1 : m.end() - 1])
                rest = rest[m.end() :].lstrip()
            elif heading is None and line.index in self.heading_lines:
                heading, rest = heading_text(rest), ""
            article_id = "_".join(str(v) for v in value)
            article = _Node("article", article_id, label.label, heading, line.page, line=line.index, value=value,
                            heading_line=from_line, after_structure=self.structure_seen)
            self.structure_seen = False
            paragraph = _Node("paragraph", f"{article_id}.1", "", None, line.page)
            article.children.append(paragraph)
            self.articles.append(article)
            self.open = [article, paragraph]
            self.levels = [_Level(style, value), _Level(self.paragraph_style, (1,))]
            if rest:
                paragraph.add(rest, line)
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
            node.add(rest, line)

    # -- line classification ---------------------------------------------------------
    def _meta(self, kind: str, line: _Line) -> None:
        self.metadata.append(MetaLine(kind, line.text, line.page, line.index))

    def _heading_at(self, i: int) -> tuple[str, int] | None:
        """(heading text, lines it spans) if a heading for the next clause starts at line i.

        A long heading may have been wrapped over two or three lines by the PDF, and a flowed
        line with spaced glyphs cut into more."""
        for span in range(1, 7):  # a PDF may wrap a heading; spaced glyphs cut a flowed one
            if i + span > len(self.lines):
                return None
            key = "".join(line.key for line in self.lines[i : i + span])
            if not key.startswith("(") or len(key) > 42:
                return None
            if not _HEADING.fullmatch(key):
                continue
            following = self.lines[i + span] if i + span < len(self.lines) else None
            label = _read_label(following) if following else None
            accepted = self._accepts(label, following, headed=True) if label else None
            if accepted and (accepted[0] == 0 or self._sentence_complete()):
                text = "".join(line.text for line in self.lines[i : i + span])
                return heading_text(text[1:-1]), span
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
                self.structure_seen = True
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
            accepted = self._accepts(label, line, headed=self.pending_heading is not None) if label else None
            if accepted:
                heading_text = self.pending_heading[0] if self.pending_heading else None
                self.pending_heading = None
                self._start(*accepted, label, line, heading_text)
                continue
            self._flush_heading_as_text()
            if not self.articles:
                self._meta("attachment" if _ATTACHMENT.fullmatch(key) else "preamble", line)
            else:
                self.open[-1].add(line.text, line)
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
                self.open[-1].add(line.text, line)
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
    """第N articles if the document has any; otherwise its first bare numbering — unless dotted
    numerals (1. 2. …) count further than the bare ones before them (a covering note numbered
    1 2 before a template numbered 1. … 12.)."""
    labels = [label for line in lines if (label := _read_label(line))]
    if any(style == ARTICLE_STYLE for label in labels for style, _ in label.options):
        return ARTICLE_STYLE
    reach: dict[str, int] = {}
    first = None
    for label in labels:
        style, value = label.options[0]
        if style in BARE_ARTICLE_STYLES and len(value) == 1 and value[0] == reach.get(style, 0) + 1:
            reach[style] = value[0]
            first = first or style
    if first is None:
        return ARTICLE_STYLE
    if first == PARAGRAPH_STYLE and reach.get("dotted", 0) > reach[first]:
        return "dotted"
    return first


# The body under a heading on the number's line starts a sentence with its subject (受注者は、…),
# as a definitions article does (この特記仕様書において「個人情報」とは), or as a closing one does
# (この基準に定めるもののほか、): what a line broken after a first word ("３ 個人" / "情報を…") does not.
_SUBJECT_START = re.compile(r"^(?:[^、。,.\s]{1,15}(?:は|が)[、,]|この[^、。,.\s]{1,12}において"
                            r"|この[^、。,.\s]{1,20}(?:ほか|場合)[、,]"
                            # …or with a party named (受注者の責めに帰すべき事由により…): not a word's tail
                            rf"|(?:{'|'.join(sorted((w for w in CLIENT_WORDS | CONTRACTOR_WORDS if len(w) >= 2), key=len, reverse=True))})[のはがにも])")


def _headings_on_number_lines(lines: list[_Line], article_style: str) -> frozenset[int]:
    """The article lines that hold their heading ("1 秘密の保持", the body below, 特記仕様書
    style): the template's style when most article lines hold a short noun phrase and nothing
    else, each different, with no bracketed heading above and a sentence starting below."""
    rests, last = 0, 0
    headed: dict[int, str] = {}
    for n, line in enumerate(lines):
        label = _read_label(line)
        if not (label and any(style == article_style for style, _ in label.options) and label.rest):
            continue
        rests += 1
        above = lines[n - 1].key if n else ""
        below = squeeze_cjk_spaces(lines[n + 1].key) if n + 1 < len(lines) else ""  # 「受注 者は」 spaced
        # …or the article holds only items: the next line is their first label
        starts_body = bool(_SUBJECT_START.match(below)) or (bool(below) and _read_label(lines[n + 1]) is not None)
        # …and it counts the articles on (items 「１ 個人情報管理責任者の指定」 under 「１１」 do not)
        value = next(v for style, v in label.options if style == article_style)[0]
        counts_on = not last or last < value <= last + _Segmenter.MAX_ARTICLE_GAP
        if is_heading_like(label.rest) and not _HEADING.fullmatch(above) and starts_body and counts_on:
            headed[line.index] = heading_text(label.rest)
            last = value
    names = list(headed.values())
    if (rests >= 2 and len(names) / rests >= 0.6 and len(set(names)) >= 0.8 * len(names)
            and not any(h in CLIENT_WORDS or h in CONTRACTOR_WORDS for h in names)):
        return frozenset(headed)
    return frozenset()


def _trailing_chrome(articles: list[_Node]) -> list[MetaLine]:
    """Short lines after the document's last full stop — the issuer's name, a web page's
    "お問い合わせ" footer — are no part of the last clause (a truncated sentence is: the line
    before it does not end a sentence). Taken out of the clause and returned as metadata."""
    node = articles[-1]
    while node.children:
        node = node.children[-1]
    lines = node.fragment_lines
    if len(lines) == len(node.fragments) and (start := closing_formula_start(node.fragments)) is not None:
        # 本書２通を作成し、…記名押印の上… and the signatures: the contract's close, not the clause
        closing = [MetaLine("note", text, line.page, line.index) for text, line in zip(node.fragments[start:], lines[start:])]
        del node.fragments[start:], node.fragment_lines[start:]
        return closing
    ends = [n for n, text in enumerate(node.fragments) if text.rstrip().endswith("。") and not WEB_FOOTER_SENTENCE.search(text)]
    if not ends or ends[-1] == len(node.fragments) - 1 or len(lines) != len(node.fragments):
        return []
    tail = node.fragments[ends[-1] + 1:]
    if not all((6 <= len(text) <= 30 and not re.search(r"[、。,，\s]", text)) or WEB_FOOTER.search(text)
               or TRAILING_DATE.match(squeezed := "".join(text.split())) or TRAILING_ISSUER.match(squeezed) for text in tail):
        return []
    trailer = [MetaLine("note", text, line.page, line.index) for text, line in zip(tail, lines[ends[-1] + 1:])]
    del node.fragments[ends[-1] + 1:], node.fragment_lines[ends[-1] + 1:]
    return trailer


def _infer_first_article(segmenter: "_Segmenter", title_line: int | None) -> str | None:
    """The numbering starts at 2 and body text stands before it under a label that could not be
    read (第■条, 〓〓: damaged, masked): that text is article 1. Returns the warning, or None."""
    first = segmenter.articles[0]
    if first.value != (2,):
        return None
    body = [m for m in segmenter.metadata if m.kind == "preamble" and (title_line is None or m.line > title_line)]
    if not body or sum(len(m.text) for m in body) < 20 or not any("。" in m.text for m in body):
        return None
    heading, taken = None, {m.line for m in body}
    if _HEADING.fullmatch(label_key(body[0].text)) and len(body) > 1:
        heading = heading_text(body[0].text[1:-1])
        body = body[1:]
    fragments = [m.text for m in body]
    # the unreadable label itself (〓〓, ■) stays in the metadata, so nothing is lost
    label = re.match(r"^(?:第[^\w\s]{1,4}条?|[^\w\s(（「【〔]{1,4})(?=\s|[(（【〔])", fragments[0])  # 〓〓, ■, 第■条
    if not label:
        # nothing printed where the label stood (a lost page, a label in an image): which article
        # the text is cannot be known — it stays unassigned text, and unassigned_warning says so
        return None
    kept = [MetaLine("label", label.group(), body[0].page, body[0].line)]
    fragments[0] = fragments[0][label.end():].lstrip()
    # 「第■条（基本的事項）」: the heading after the unreadable number is the article's
    if heading is None and (m := _HEADING.match(label_key(fragments[0]))):
        heading = heading_text(fragments[0][1 : m.end() - 1])
        fragments[0] = fragments[0][m.end():].lstrip()
        fragments = fragments if fragments[0] else fragments[1:]
    article = _Node("article", "1", "", heading, body[0].page, line=body[0].line, value=(1,))
    article.children.append(_Node("paragraph", "1.1", "", None, article.page, fragments=fragments))
    segmenter.articles.insert(0, article)
    segmenter.metadata = sorted([m for m in segmenter.metadata if m.line not in taken] + kept, key=lambda m: m.line)
    return (f"the numbering starts at {first.label}: the {sum(len(t) for t in fragments)} characters before the "
            "first recognised article are read as article 1, whose label could not be read — check them against "
            "the original")


def segment_lines(pages: list[str], source: str) -> SegmentedDocument:
    lines: list[_Line] = []
    page_numbers: list[MetaLine] = []  # lines that are only a page number: chrome, not text
    texts = [(page_number, text) for page_number, page_text in enumerate(pages, start=1) for text in page_lines(page_text)]
    running = running_repeats(texts)  # a header repeated where pages broke
    for index, (page_number, text) in enumerate(texts):
        if is_page_number_line(text) or index in running:
            page_numbers.append(MetaLine("page", text, page_number, index))
        else:
            lines.append(_Line(index, page_number, text, label_key(text)))
    cover = covering_note_end(lines)
    page_numbers += [MetaLine("cover", line.text, line.page, line.index) for line in lines[:cover]]
    lines = lines[cover:]
    style = _article_style(lines)
    segmenter = _Segmenter(lines, style, _headings_on_number_lines(lines, style))
    segmenter.run()
    segmenter.metadata = sorted(segmenter.metadata + page_numbers, key=lambda m: m.line)
    if not segmenter.articles:
        raise SegmentationError(source, "no numbered clauses found (第１ / 第1条 / １ …): is this a 特記事項 template?")
    share_headings(segmenter.articles)
    segmenter.metadata = sorted(segmenter.metadata + _trailing_chrome(segmenter.articles), key=lambda m: m.line)
    title, title_lines = choose_title(segmenter.metadata, segmenter.articles[0].line)
    warnings = [cover_note] if (cover_note := covering_note_warning(segmenter.metadata, title)) else []
    if inferred := _infer_first_article(segmenter, max(title_lines) if title_lines else None):
        warnings.append(inferred)
    metadata = [replace(m, kind="title") if m.line in title_lines else m for m in segmenter.metadata]
    clauses: list[Clause] = []
    for article in segmenter.articles:
        _to_clauses(article, None, clauses)
    warnings += numbering_warnings([(a.label, a.value) for a in segmenter.articles])
    if not inferred and (unassigned := unassigned_warning(metadata, segmenter.articles[0].label,
                                                          starts_above_one=segmenter.articles[0].value > (1,))):
        warnings.append(unassigned)
    if truncated := truncation_warning(clauses, metadata):
        warnings.append(truncated)
    if hidden := invisible_characters("".join(pages)):
        warnings.append(f"the text holds invisible characters ({', '.join(hidden[:6])}): they are ignored when "
                        "texts are compared — check the original for text they may hide or reorder")
    return SegmentedDocument(source, title, tuple(clauses), tuple(metadata), warnings=tuple(warnings))


def segment(document: Document) -> SegmentedDocument:
    """The segmentation stage: an extracted Document → its clauses (carrying the document's
    warnings and OCR marks along)."""
    segmented = segment_lines([page.text for page in document.pages], document.source)
    return replace(segmented, ocr_pages=document.ocr_pages, ocr_confidence=document.ocr_confidence,
                   warnings=document.warnings + segmented.warnings)


def segment_text(text: str, source: str = "<text>") -> SegmentedDocument:
    """Segment plain text; pages are separated by form feeds."""
    return segment_lines(text.split("\f"), source)
