"""Obligation analysis: the legal features, and that wording alone never differs.

The examples are case files, tests/cases/obligations/*.case, one per topic (format:
tests/util.py, ``read_obligation_cases``): a clause and the fields ``profile`` must read
from it, or two clauses and the exact reasons ``compare_texts`` must give (none: equivalent).
Adding an example is adding a few lines to a file, or a file.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.judge.obligations import Obligation, compare_texts, profile
from tests.util import CaseFormatError, CompareCase, ProfileCase, read_obligation_cases

CASE_DIR = Path(__file__).resolve().parent / "cases" / "obligations"
CASE_FILES = sorted(CASE_DIR.glob("*.case"))
OBLIGATION_FIELDS = {field.name for field in fields(Obligation)}


def _read_all() -> tuple[list[ProfileCase | CompareCase], dict[str, str]]:
    """Every case, and the files that do not parse (they fail test_case_file_is_well_formed
    rather than the collection of the whole module)."""
    cases, malformed = [], {}
    for path in CASE_FILES:
        try:
            cases += read_obligation_cases(path)
        except CaseFormatError as error:
            malformed[path.name] = str(error)
    return cases, malformed


CASES, MALFORMED = _read_all()
PROFILE_CASES = [pytest.param(case, id=case.id) for case in CASES if isinstance(case, ProfileCase)]
COMPARE_CASES = [pytest.param(case, id=case.id) for case in CASES if isinstance(case, CompareCase)]


def test_case_directory_has_cases():
    # 16 profile and 7 compare examples when the examples moved out of this file
    assert len(PROFILE_CASES) >= 16 and len(COMPARE_CASES) >= 7, (len(PROFILE_CASES), len(COMPARE_CASES))


@pytest.mark.parametrize("path", [pytest.param(path, id=path.name) for path in CASE_FILES])
def test_case_file_is_well_formed(path: Path):
    assert path.name not in MALFORMED, MALFORMED.get(path.name)
    for case in read_obligation_cases(path):
        if isinstance(case, ProfileCase):
            unknown = set(case.fields) - OBLIGATION_FIELDS
            assert not unknown, f"{case.id}: no such profile field {sorted(unknown)}, want some of {sorted(OBLIGATION_FIELDS)}"


@pytest.mark.parametrize("case", PROFILE_CASES)
def test_profile(case: ProfileCase):
    read = profile(case.text)
    got = {name: getattr(read, name, "<no such field>") for name in case.fields}
    assert got == case.fields, case.note or case.text


@pytest.mark.parametrize("case", COMPARE_CASES)
def test_compare(case: CompareCase):
    assert compare_texts(case.a, case.b) == list(case.reasons), case.note or (case.a, case.b)
