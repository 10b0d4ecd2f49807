"""Word's automatic list numbering: the levels of numbering.xml, the running counters, and
each number format as Word shows it ("第%1条" with 3 in japaneseCounting is 第三条).

A template whose articles are numbered by Word stores "乙は、…" in the paragraph and
"第%1条" in numbering.xml; ``ListNumbering`` replays Word's counters in document order so
that ``word`` can put each label back in front of its paragraph.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

import kanjize
from docx.oxml.ns import qn

from pipeline.text.numbering import AIUEO, IROHA

__all__ = ["ListNumbering", "format_list_number", "int_attribute", "is_on", "MC_NS"]

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OFF_VALUES = frozenset({"0", "false", "off"})


# --- OOXML attributes (shared with ``word``) ----------------------------------------------


def is_on(element) -> bool:
    """An OOXML on/off property: present and not switched off."""
    return element is not None and element.get(qn("w:val"), "true") not in _OFF_VALUES


def int_attribute(element, default: int | None = None) -> int | None:
    """An element's w:val as an int; ``default`` when the element or a number is missing."""
    if element is None:
        return default
    try:
        return int(element.get(qn("w:val")))
    except (TypeError, ValueError):
        return default


def _int_attribute_named(element, attribute: str) -> int | None:
    try:
        return int(element.get(qn(attribute)))
    except (TypeError, ValueError):
        return None


# --- list definitions and counters --------------------------------------------------------


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


class ListNumbering:
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
            start_override = int_attribute(override.find(qn("w:startOverride")))
            if start_override is not None and ilvl in levels:
                levels[ilvl] = dataclasses.replace(levels[ilvl], start=start_override)
        return levels

    def _levels_of_numbering_style(
        self, style_id: str | None, depth: int
    ) -> dict[int, _Level] | None:
        style = self._styles.get(style_id)
        if style is None:
            return None
        linked_num_id = int_attribute(
            style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        )
        if linked_num_id is None:
            return None
        return self._resolve_levels(linked_num_id, depth + 1)

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)



def _parse_level(lvl) -> _Level:
    num_format = lvl.find(qn("w:numFmt"))
    if num_format is None:
        # Word 2010 wraps custom formats in mc:AlternateContent with a plain fallback.
        num_format = lvl.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{qn('w:numFmt')}")
    level_text = lvl.find(qn("w:lvlText"))
    suffix = lvl.find(qn("w:suff"))
    style = lvl.find(qn("w:pStyle"))
    return _Level(
        start=int_attribute(lvl.find(qn("w:start")), default=0),
        num_format=num_format.get(qn("w:val"), "decimal") if num_format is not None else "decimal",
        text=level_text.get(qn("w:val")) if level_text is not None else None,
        suffix=suffix.get(qn("w:val"), "tab") if suffix is not None else "tab",
        restart_after=int_attribute(lvl.find(qn("w:lvlRestart"))),
        is_legal=is_on(lvl.find(qn("w:isLgl"))),
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
# Half-width katakana has no ヰ or ヱ; Word shows ｲ and ｴ in their place.
_NO_HALF_WIDTH = {"ヰ": "ｲ", "ヱ": "ｴ"}


def _half_width(kana: str) -> str:
    """Full-width katakana as their half-width forms (ア → ｱ, by Unicode character name)."""
    return "".join(_NO_HALF_WIDTH.get(c) or unicodedata.lookup(f"HALFWIDTH {unicodedata.name(c)}") for c in kana)


# The kana sequences are the ones labels are read back with (pipeline.text.numbering).
_AIUEO_HALF_WIDTH = _half_width(AIUEO)
_IROHA_HALF_WIDTH = _half_width(IROHA)

_LOWER_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ROMAN_NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


# Word's own bound for a list counter (w:start and its overrides): beyond it a document is
# hostile or broken, and a letter sequence or a kanji numeral would be unbounded (aiueo for
# 10^9 is a label of 20 million characters; kanjize fails above 10^72): the number as digits.
MAX_LIST_NUMBER = 32767


def format_list_number(value: int, num_format: str) -> str | None:
    """A list counter as Word shows it in the w:numFmt ``num_format``
    (3 as "decimalFullWidth" is "３", as "japaneseCounting" "三", as "aiueoFullWidth" "ウ").

    None when the format is not supported. Bullets and "none" are not numbers: the
    caller renders them from the level text.
    """
    if num_format in ("decimal", "decimalHalfWidth") or abs(value) > MAX_LIST_NUMBER:
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
        return _repeating_letter(value, AIUEO)
    if num_format == "aiueo":
        return _repeating_letter(value, _AIUEO_HALF_WIDTH)
    if num_format == "irohaFullWidth":
        return _repeating_letter(value, IROHA)
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
