"""Reading the tests' case files (as black's tests/util.py): one format, several kinds of case.

A case file is plain text that a person writes by hand, with the expectation beside the
input, so that adding a case is adding a file and no test edit.

Case file format (UTF-8, LF line ends, no byte-order mark)::

    # one or more comment lines: what the file covers
    === <section name>
    <the section's lines, verbatim>
    === <section name>
    ...

* A marker line is ``=== `` followed by a section name (lower-case letters, digits, ``-``).
  A section runs from the line after its marker to the next marker line or the end of the
  file; the file's final line break is not part of it. Any other line starting with ``===``
  is an error (a mistyped marker must not become content).
* Only ``#`` comment lines may precede the first marker, and there must be at least one.
* What the sections are called, in which order they come and what their lines mean is up to
  the kind of case; each kind has a reader below:

  ``read_segment_case``       tests/cases/segment/*.case: ``input`` then ``expected``
  ``read_expectation``        tests/cases/bad-input/<case>.expected: ``ok`` or ``error``
  ``read_obligation_cases``   tests/cases/obligations/*.case: many cases in one file

A malformed file raises ``CaseFormatError`` naming the file and line.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

MARKER = "=== "
SECTION_NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")
EMPTY = "-"  # an empty field, None, or "no reasons"


class CaseFormatError(Exception):
    """A case file that does not follow its format; names the file and line."""


def fail(path: Path, lineno: int | None, problem: str) -> CaseFormatError:
    where = f"{path.name}:{lineno}" if lineno is not None else path.name
    return CaseFormatError(f"{where}: malformed case: {problem}")


@dataclass(frozen=True)
class Section:
    path: Path
    name: str
    lineno: int  # 1-based line number of the marker line
    lines: tuple[str, ...]  # verbatim

    def content(self) -> tuple[tuple[int, str], ...]:
        """(line number, line) for each line, trailing blank lines dropped: in sections that hold
        fields rather than verbatim text, blank lines before the next marker are only layout."""
        lines = list(self.lines)
        while lines and not lines[-1].strip():
            lines.pop()
        return tuple((self.lineno + 1 + i, line) for i, line in enumerate(lines))


@dataclass(frozen=True)
class CaseFile:
    path: Path
    comment: str  # the header comment, "#" stripped
    sections: tuple[Section, ...]


def read_case_file(path: Path) -> CaseFile:
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(path, None, f"not UTF-8: {exc}") from None
    if content.startswith("\ufeff"):
        raise fail(path, 1, "starts with a byte-order mark")
    if "\r" in content:
        raise fail(path, None, "contains CR characters; use LF line ends")
    if content.endswith("\n"):
        content = content[:-1]
    lines = content.split("\n")

    markers = []
    for i, line in enumerate(lines):
        if line.startswith("==="):
            name = line[len(MARKER):] if line.startswith(MARKER) else ""
            if not SECTION_NAME_RE.match(name):
                raise fail(path, i + 1, f"bad marker line {line!r} (want '{MARKER}<section name>')")
            markers.append((i, name))
    if not markers:
        raise fail(path, None, f"no section (a marker line '{MARKER}<section name>')")

    header = lines[: markers[0][0]]
    if not header:
        raise fail(path, 1, "needs at least one '#' comment line saying what the file covers")
    for i, line in enumerate(header, start=1):
        if not line.startswith("#"):
            raise fail(path, i, f"only '#' comment lines may precede the first section: {line!r}")
    comment = "\n".join(line.lstrip("#").strip() for line in header)
    if not comment.strip():
        raise fail(path, 1, "the comment is empty")

    ends = [start for start, _ in markers[1:]] + [len(lines)]
    sections = tuple(Section(path, name, start + 1, tuple(lines[start + 1: end]))
                     for (start, name), end in zip(markers, ends))
    return CaseFile(path, comment, sections)


def _sections_named(case: CaseFile, names: tuple[str, ...]) -> tuple[Section, ...]:
    """The file's sections, which must be exactly ``names`` in this order."""
    found = tuple(section.name for section in case.sections)
    if found != names:
        raise fail(case.path, None, f"needs the sections {list(names)} in this order, found {list(found)}")
    return case.sections


# -- segment golden cases ------------------------------------------------------------------------
#
#     === input
#     <the template text, exactly as an extractor would give it>
#     === expected
#     title: <title or ->
#     <id> | <kind> | <label or -> | <heading or -> | <own_text or ->
#     === warnings                        (optional)
#     <a phrase some warning must contain, one per line>
#
# * The input is the section's lines joined with "\n" (trailing spaces and blank lines are kept:
#   they are part of what is tested). The two characters "\f" (backslash, f) stand for a page
#   break (U+000C), so that page breaks stay visible in the file.
# * One expected line per clause, in document order; fields are separated by " | ".
#   "-" stands for an empty label, a missing heading (None) or an empty own_text.

TITLE_PREFIX = "title: "
SEP = " | "
PAGE_BREAK_ESCAPE = "\\f"
# "4", "4.1", "4.1.3", "4.1.3.2", "36_2", "36_2.1"
ID_RE = re.compile(r"^[1-9][0-9]*(?:_[1-9][0-9]*)?(?:\.[1-9][0-9]*)*$")
KIND_BY_DEPTH = {1: "article", 2: "paragraph", 3: "item"}


@dataclass(frozen=True)
class SegmentCase:
    path: Path
    comment: str
    text: str  # the segmenter's input, page-break escapes resolved
    expected: tuple[str, ...]  # "title: …" then one rendered line per clause
    warnings: tuple[str, ...] = ()  # phrases the warnings must contain (none: no warning at all)


def _article_key(article_id: str) -> tuple[int, int]:
    number, _, branch = article_id.partition("_")
    return int(number), int(branch or 0)


def _check_clause_line(path: Path, lineno: int, line: str, seen: dict[str, str]) -> None:
    # imported here: conftest imports this module, and no test should fail to load over it
    from pipeline.model import CLAUSE_KINDS

    fields = line.split(SEP)
    if len(fields) != 5:
        raise fail(
            path,
            lineno,
            f"expected 5 fields 'id | kind | label | heading | own_text' separated by "
            f"{SEP!r}, got {len(fields)}: {line!r}",
        )
    for name, value in zip(("id", "kind", "label", "heading", "own_text"), fields):
        if value == "":
            raise fail(path, lineno, f"empty {name} field (write {EMPTY!r} for empty): {line!r}")
        if value != value.strip():
            raise fail(path, lineno, f"{name} field has surrounding whitespace: {value!r}")
    clause_id, kind, label, heading, own_text = fields
    if not ID_RE.match(clause_id):
        raise fail(path, lineno, f"bad id {clause_id!r} (want e.g. '4', '4.1', '4.1.3', '36_2.1')")
    if kind not in CLAUSE_KINDS:
        raise fail(path, lineno, f"bad kind {kind!r}, want one of {CLAUSE_KINDS}")
    if clause_id in seen:
        raise fail(path, lineno, f"duplicate id {clause_id!r}")
    parts = clause_id.split(".")
    if "_" in ".".join(parts[1:]):
        raise fail(path, lineno, f"only the article part of an id may be a branch (_): {clause_id!r}")
    want_kind = KIND_BY_DEPTH.get(len(parts), "subitem")
    if kind != want_kind:
        raise fail(path, lineno, f"id {clause_id!r} has depth {len(parts)}, so kind must be {want_kind!r}, not {kind!r}")
    if kind == "article":
        if own_text != EMPTY:
            raise fail(path, lineno, f"an article's own_text is always empty ({EMPTY!r}), its text lives in its paragraphs")
        articles = [i for i, k in seen.items() if k == "article"]
        if articles:
            previous = articles[-1]
            if f"{previous}.1" not in seen:
                raise fail(path, lineno, f"article {previous!r} has no paragraph 1 ({previous}.1)")
            if _article_key(clause_id) <= _article_key(previous):
                raise fail(path, lineno, f"article {clause_id!r} does not come after {previous!r}")
    else:
        if heading != EMPTY:
            raise fail(path, lineno, f"only articles have headings, {clause_id!r} has {heading!r}")
        if label == EMPTY and not (kind == "paragraph" and parts[-1] == "1"):
            raise fail(path, lineno, f"only paragraph 1 may be unlabelled, {clause_id!r} has no label")
        parent = ".".join(parts[:-1])
        if parent not in seen:
            raise fail(path, lineno, f"parent {parent!r} of {clause_id!r} is not listed before it")
        siblings = [i for i in seen if i.rsplit(".", 1)[0] == parent and i.count(".") == clause_id.count(".")]
        want_number = len(siblings) + 1
        if int(parts[-1]) != want_number:
            raise fail(path, lineno, f"{clause_id!r} should be number {want_number} under {parent!r}")
    seen[clause_id] = kind


def read_segment_case(path: Path) -> SegmentCase:
    case = read_case_file(path)
    if "\f" in path.read_text(encoding="utf-8"):
        raise fail(path, None, f"contains a raw form feed; write page breaks as {PAGE_BREAK_ESCAPE!r}")
    names = tuple(section.name for section in case.sections)
    sections = _sections_named(case, ("input", "expected", "warnings") if "warnings" in names else ("input", "expected"))
    source, expected = sections[:2]
    # "=== warnings": one phrase per line that some warning must contain; without the
    # section, the document must give no warning at all
    warnings = tuple(line.strip() for _, line in sections[2].content() if line.strip()) if len(sections) > 2 else ()

    if not any(line.strip() for line in source.lines):
        raise fail(path, source.lineno + 1, "the input section is empty")
    text = "\n".join(source.lines).replace(PAGE_BREAK_ESCAPE, "\f")

    expected_lines = list(expected.lines)
    first = expected.lineno + 1  # 1-based line number of the first expected line
    if not expected_lines or not expected_lines[0].startswith(TITLE_PREFIX):
        raise fail(path, first, f"the expected section must start with '{TITLE_PREFIX}<title or ->'")
    title = expected_lines[0][len(TITLE_PREFIX):]
    if not title or title != title.strip():
        raise fail(path, first, f"bad title {title!r} (write {EMPTY!r} for no title)")
    clause_lines = expected_lines[1:]
    if not clause_lines:
        raise fail(path, first + 1, "no expected clauses")
    seen: dict[str, str] = {}
    for offset, line in enumerate(clause_lines, start=1):
        if not line.strip():
            raise fail(path, first + offset, "blank line in the expected section (clause lines must be contiguous)")
        _check_clause_line(path, first + offset, line, seen)
    last_article = [i for i, k in seen.items() if k == "article"][-1]
    if f"{last_article}.1" not in seen:
        raise fail(path, None, f"article {last_article!r} has no paragraph 1 ({last_article}.1)")
    return SegmentCase(path, case.comment, text, tuple(expected_lines), warnings)


# -- bad-input expectations ----------------------------------------------------------------------
#
# Beside each case file <name> in tests/cases/bad-input lies <name>.expected:
#
#     # what is wrong with the file (and, when it is generated, how make_cases.py makes it)
#     === error
#     <words the error message must contain, one phrase per line>
#
# or, for a file tokki must read:
#
#     === ok
#     at least <N> articles
#     === warning                      (optional)
#     <words a warning must contain, one phrase per line>
#
# Either may start with the options the case runs with (tests/cases/hostile):
#
#     === options
#     --ocr --timeout 10

EXPECTATION_SUFFIX = ".expected"
_AT_LEAST_RE = re.compile(r"^at least ([1-9][0-9]*) articles?$")


@dataclass(frozen=True)
class Expectation:
    path: Path  # the .expected file
    comment: str
    articles: int | None  # "ok": read, with at least this many articles
    error: tuple[str, ...]  # otherwise: the words the error must contain
    warning: tuple[str, ...] = ()
    options: tuple[str, ...] = ()  # command-line options the case is run with ("options" section)

    @property
    def ok(self) -> bool:
        return self.articles is not None


def _phrases(section: Section) -> tuple[str, ...]:
    content = section.content()
    if not content:
        raise fail(section.path, section.lineno, f"the {section.name!r} section is empty")
    for lineno, line in content:
        if not line.strip() or line != line.strip():
            raise fail(section.path, lineno, f"blank line or surrounding whitespace in a phrase: {line!r}")
    return tuple(line for _, line in content)


def read_expectation(path: Path) -> Expectation:
    case = read_case_file(path)
    sections = list(case.sections)
    options: tuple[str, ...] = ()
    if sections and sections[0].name == "options":  # one line of options, split as a shell would
        import shlex

        options = tuple(shlex.split(" ".join(line for _, line in sections.pop(0).content())))
    names = tuple(section.name for section in sections)
    if names == ("error",):
        return Expectation(path, case.comment, None, _phrases(sections[0]), options=options)
    if names not in (("ok",), ("ok", "warning")):
        raise fail(path, None, f"needs an 'error' section, or an 'ok' section (and a 'warning' one), found {list(names)}")
    content = sections[0].content()
    match = _AT_LEAST_RE.match(content[0][1]) if len(content) == 1 else None
    if match is None:
        raise fail(path, sections[0].lineno + 1, "the 'ok' section is one line 'at least <N> articles'")
    warning = _phrases(sections[1]) if len(sections) == 2 else ()
    return Expectation(path, case.comment, int(match[1]), (), warning, options=options)


def bad_input_cases(folder: Path, *, not_cases: frozenset[str] = frozenset()) -> tuple[list[Path], list[Path]]:
    """(case files, expectation files) in ``folder``: every file there is a case, except the
    expectations and ``not_cases`` (a generator script); hidden files and folders are skipped."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    expectations = [p for p in files if p.name.endswith(EXPECTATION_SUFFIX)]
    cases = [p for p in files if p not in expectations and p.name not in not_cases]
    return cases, expectations


def expectation_path(case: Path) -> Path:
    return case.with_name(case.name + EXPECTATION_SUFFIX)


# -- obligation cases ----------------------------------------------------------------------------
#
# Many cases in one file, each a run of sections:
#
#     === text                     a profile case: one clause ...
#     <the clause text>
#     === profile                  ... and the fields of profile(text) it must have
#     <field>: <value>
#
#     === a                        a compare case: two clauses ...
#     <clause A>
#     === b
#     <clause B>
#     === reasons                  ... and compare(profile(a), profile(b)), exactly, in order
#     <reason>                     ("-" alone: no reasons, the two are equivalent)
#
# * Texts are the section's lines joined with "\n", trailing blank lines dropped (blank lines
#   between cases are layout).
# * A profile lists only the fields the case is about; the others are not checked. Values:
#   "-" is None, "yes"/"no" a bool, "{x, y}" a set ("{}" the empty set), anything else a string.
# * A "#" line directly after a case's first marker is a note on the case, not text.

_CASE_SHAPES = {"text": ("text", "profile"), "a": ("a", "b", "reasons")}
_FIELD_RE = re.compile(r"^([a-z_]+): (.+)$")


@dataclass(frozen=True)
class ProfileCase:
    path: Path
    lineno: int  # the case's first marker
    note: str
    text: str
    fields: dict  # field name → expected value

    @property
    def id(self) -> str:
        return f"{self.path.stem}:{self.lineno}"


@dataclass(frozen=True)
class CompareCase:
    path: Path
    lineno: int
    note: str
    a: str
    b: str
    reasons: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.path.stem}:{self.lineno}"


def parse_value(value: str):
    if value == EMPTY:
        return None
    if value in ("yes", "no"):
        return value == "yes"
    if value.startswith("{") and value.endswith("}"):
        inner = value[1:-1].strip()
        return frozenset(item.strip() for item in inner.split(",")) if inner else frozenset()
    return value


def _clause_text(section: Section, *, notes: bool) -> tuple[str, str]:
    """(note, text) of a text section; the note is the leading "#" lines when ``notes``."""
    content = list(section.content())
    note = []
    while notes and content and content[0][1].startswith("#"):
        note.append(content.pop(0)[1].lstrip("#").strip())
    if not content or not any(line.strip() for _, line in content):
        raise fail(section.path, section.lineno, f"the {section.name!r} section holds no text")
    return " ".join(note), "\n".join(line for _, line in content)


def _profile_fields(section: Section) -> dict:
    fields = {}
    for lineno, line in section.content():
        match = _FIELD_RE.match(line)
        if match is None or match[2] != match[2].strip():
            raise fail(section.path, lineno, f"want '<field>: <value>', got {line!r}")
        if match[1] in fields:
            raise fail(section.path, lineno, f"field {match[1]!r} given twice")
        fields[match[1]] = parse_value(match[2])
    if not fields:
        raise fail(section.path, section.lineno, "the 'profile' section lists no field")
    return fields


def _reasons(section: Section) -> tuple[str, ...]:
    lines = _phrases(section)
    if lines == (EMPTY,):
        return ()
    if EMPTY in lines:
        raise fail(section.path, section.lineno, f"{EMPTY!r} (no reasons) cannot stand beside reasons")
    return lines


def read_obligation_cases(path: Path) -> list[ProfileCase | CompareCase]:
    case = read_case_file(path)
    sections = list(case.sections)
    cases: list[ProfileCase | CompareCase] = []
    while sections:
        first = sections[0]
        shape = _CASE_SHAPES.get(first.name)
        if shape is None:
            raise fail(path, first.lineno, f"a case starts with '{MARKER}text' or '{MARKER}a', not {first.name!r}")
        run, sections = sections[: len(shape)], sections[len(shape):]
        if tuple(s.name for s in run) != shape:
            raise fail(path, first.lineno, f"this case needs the sections {list(shape)}, found {[s.name for s in run]}")
        note, text = _clause_text(first, notes=True)
        if shape[0] == "text":
            cases.append(ProfileCase(path, first.lineno, note, text, _profile_fields(run[1])))
        else:
            _, b = _clause_text(run[1], notes=False)
            cases.append(CompareCase(path, first.lineno, note, text, b, _reasons(run[2])))
    return cases


# -- scripts -------------------------------------------------------------------------------------
def load_script(path: Path):
    """A script that is no package module (a fixture maker), imported from its path."""
    spec = importlib.util.spec_from_file_location(f"{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def require_installed(condition: bool, reason: str, target: str) -> None:
    """Skip a test whose system tool is missing, locally; under CI (CI=true) fail instead, so a
    missing install step cannot pass unnoticed. ``target`` is the make target that installs it."""
    import pytest

    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — `make {target}` installs it")
        pytest.skip(f"{reason} (run `make {target}`)")
