"""Spreadsheet cell text that cannot run: the formula-injection guard of every workbook."""

from __future__ import annotations

# = + - @ start a formula, and some spreadsheets fold the full-width forms to them; a leading
# tab or line break is stripped by some importers, exposing what follows
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def xml_text(value: str) -> str:
    """``value`` without the control characters XML (so xlsx) cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)


def safe_cell_text(value: str) -> str:
    """A string a spreadsheet will show as text, never run as a formula (CSV/formula
    injection): one starting with = + - @ (or their full-width forms) or a tab/CR/LF gets a
    leading apostrophe, the OWASP-recommended neutraliser that survives copy-paste and CSV
    export. Characters XML cannot hold are dropped."""
    value = xml_text(value)
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def set_text(cell, value) -> None:
    """Assign a value; strings are neutralised and kept as strings (never formulas)."""
    if isinstance(value, str):
        cell.value = safe_cell_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
