"""Cross-references inside a revised template (条項ズレ), resolved against the new version.

A reference carried over from the old version (「第５の規定により」, 「前条」, 「前項」) meant a
provision of the old numbering; when that provision moved or was deleted, the reference now
points at the wrong place. A reference to a law (法第２条第１項, 会社法第２条第３号, 平成１７年
法律第８６号) is not the template's own and is never flagged.
"""

from __future__ import annotations

import re

from pipeline.model import ReferenceProblem, SegmentedDocument, VersionRow
from pipeline.text.normalize import label_key
from pipeline.text.numbering import parse_number

_N = r"[0-9一二三四五六七八九十百]+"
# a law's name right before: 法 / 法律 / 令 / 規則 / 条例 (with an optional （…） after it)
_LAW = r"(?:法|法律|令|規則|条例|規程|要綱|告示)(?:[（(][^（）()]{0,40}[）)])?"
_ABSOLUTE = re.compile(rf"(?P<law>{_LAW})?第(?P<art>{_N})(?P<jo>条)?(?:の(?P<branch>{_N}))?"
                       rf"(?:第(?P<para>{_N})項)?(?:第(?P<item>{_N})号)?(?![0-9一二三四五六七八九十百号年回者次期種類章節款])")
_RELATIVE = re.compile(r"(?P<rel>前条|次条|前項|次項|同条|同項|前(?P<n>[0-9二三四五六七八九])項|前各項)")


def _number(token: str) -> int | None:
    try:
        return parse_number(token)
    except ValueError:
        return None


def _render(number: int, like: str) -> str:
    """``number`` written as ``like`` writes its digits (１２ / 12 / 十二)."""
    if like.isascii():
        return str(number)
    if all("０" <= c <= "９" for c in like):
        return "".join(chr(ord("０") + int(d)) for d in str(number))
    import kanjize

    return kanjize.number2kanji(number)


def _texts(document: SegmentedDocument) -> list[tuple[str, str]]:
    """(clause id, the clause's own text), in order, for every paragraph and item (an article's
    own words are its first paragraph's)."""
    return [(c.id, c.own_text or c.text) for c in document.clauses if c.kind != "article"]


# between two references of one list (法第三十七条若しくは第五十四条): the second is the law's too
_LIST_JOIN = re.compile(r"^(?:若しくは|又は|及び|並びに|、|から|まで|，)+$")


def _references(text: str) -> list[tuple[str, dict]]:
    key = label_key(text)  # length-preserving: the printed span is text[start:end]
    found = []
    law_until = -1  # where the last reference to a law ended
    for m in _ABSOLUTE.finditer(key):
        if m["law"] or (law_until >= 0 and _LIST_JOIN.match(key[law_until:m.start()])):
            law_until = m.end()
            continue
        law_until = -1
        found.append((text[m.start("art") - 1:m.end()], {"art": m["art"], "para": m["para"], "jo": m["jo"]}))
    for m in _RELATIVE.finditer(key):
        count = (_number(m["n"]) if m["n"] else None) if m["rel"] != "前各項" else 0  # 0: every one before
        found.append((text[m.start():m.end()], {"rel": m["rel"], "count": count}))
    return found


def reference_problems(old: SegmentedDocument, new: SegmentedDocument, rows: list[VersionRow]) -> list[ReferenceProblem]:
    new_of_old: dict[str, str | None] = {}  # old article id → new article id (None: deleted)
    units_new_of_old: dict[str, str | None] = {}  # old clause id → new clause id
    old_of_new: dict[str, str] = {}
    for row in rows:
        if row.old is not None and (row.old not in new_of_old or new_of_old[row.old] is None):
            new_of_old[row.old] = row.new
        if row.new is not None and row.old is not None:
            old_of_new.setdefault(row.new, row.old)
        for unit in row.units:
            if unit.old is not None:
                units_new_of_old.setdefault(unit.old, unit.new)
    new_articles = {a.id for a in new.articles()}
    old_texts = dict(_texts(old))
    problems: list[ReferenceProblem] = []
    for clause_id, text in _texts(new):
        article = clause_id.split(".")[0]
        old_article = old_of_new.get(article)
        # the same clause in the old version, to tell a carried-over reference from a new one
        old_clause = next((u.old for row in rows if row.new == article for u in row.units if u.new == clause_id), None)
        old_text = old_texts.get(old_clause or (old_article if clause_id == article else ""), "")
        carried = {t for t, _ in _references(old_text)}
        for printed, ref in _references(text):
            if "art" in ref:
                problem = _absolute(printed, ref, carried, new_of_old, new_articles)
            elif ref.get("count") is not None:
                problem = _preceding(printed, ref["count"], clause_id, old_clause, carried, units_new_of_old)
            else:
                problem = _relative(printed, ref["rel"], clause_id, old_clause, carried, new_of_old, units_new_of_old, new)
            if problem is not None:
                problems.append(ReferenceProblem(clause_id, printed, *problem))
    return problems


def _absolute(printed: str, ref: dict, carried: set[str], new_of_old: dict, new_articles: set[str]):
    number = _number(ref["art"])
    if number is None:
        return None
    target = str(number)
    if printed in carried and target in new_of_old:  # it meant the old 第N
        now = new_of_old[target]
        if now is None:
            return None, None, f"points at old 第{target}, deleted in the new version"
        if now != target:
            digits = printed[1:1 + len(ref["art"])]  # as printed: １２ / 12 / 十二
            fixed = printed[0] + _render(int(now.split("_")[0]), digits) + printed[1 + len(ref["art"]):]
            return target if target in new_articles else None, fixed, \
                f"points at 第{target}, but the provision it meant (old 第{target}) is now 第{now}"
        return None
    if target not in new_articles:
        return None, None, f"no 第{target} in the new version"
    return None


def _relative(printed: str, relation: str, clause_id: str, old_clause: str | None, carried: set[str],
              new_of_old: dict, units_new_of_old: dict, new: SegmentedDocument):
    if printed not in carried or old_clause is None or relation in ("同条", "同項"):
        return None
    step = -1 if relation.startswith("前") else 1
    if relation.endswith("条"):
        here_old, here_new = old_clause.split(".")[0], clause_id.split(".")[0]
        if not (here_old.isdigit() and here_new.isdigit()):
            return None
        meant_old, points_to = str(int(here_old) + step), str(int(here_new) + step)
        meant_now = new_of_old.get(meant_old, points_to)
    else:
        parts_old, parts_new = old_clause.split("."), clause_id.split(".")
        if len(parts_old) < 2 or len(parts_new) < 2:
            return None
        meant_old = ".".join(parts_old[:1] + [str(int(parts_old[1]) + step)])
        points_to = ".".join(parts_new[:1] + [str(int(parts_new[1]) + step)])
        meant_now = units_new_of_old.get(meant_old, points_to)
    if meant_now == points_to:
        return None
    if meant_now is None:
        return points_to, None, f"{printed} meant old {meant_old}, deleted in the new version"
    return points_to, _spelled(meant_now, relation), f"{printed} now points at {points_to}, but it meant old {meant_old}, now {meant_now}"


def _preceding(printed: str, count: int, clause_id: str, old_clause: str | None, carried: set[str],
               units_new_of_old: dict):
    """前２項 / 前各項: the paragraphs right before, in the old version and now."""
    if printed not in carried or old_clause is None:
        return None
    parts_old, parts_new = old_clause.split("."), clause_id.split(".")
    if len(parts_old) < 2 or len(parts_new) < 2 or not (parts_old[1].isdigit() and parts_new[1].isdigit()):
        return None
    here_old, here_new = int(parts_old[1]), int(parts_new[1])
    n_old = here_old - 1 if count == 0 else count
    n_new = here_new - 1 if count == 0 else count
    meant = [units_new_of_old.get(f"{parts_old[0]}.{k}") for k in range(here_old - n_old, here_old)]
    now = [f"{parts_new[0]}.{k}" for k in range(here_new - n_new, here_new)]
    if meant == now:
        return None
    if any(m is None for m in meant):
        return ", ".join(now), None, f"{printed} meant old paragraphs deleted in the new version"
    numbers = [int(m.split(".")[1]) for m in meant]
    if len(numbers) == 1:
        should = f"第{numbers[0]}項"
    elif numbers == list(range(numbers[0], numbers[-1] + 1)):
        should = f"第{numbers[0]}項から第{numbers[-1]}項まで"
    else:
        should = "、".join(f"第{n}項" for n in numbers[:-1]) + f"及び第{numbers[-1]}項"
    return ", ".join(now), should, f"{printed} now points at {', '.join(now)}, but it meant {', '.join(meant)}"


def _spelled(clause_id: str, relation: str) -> str:
    parts = clause_id.split(".")
    return f"第{parts[0]}" if relation.endswith("条") else f"第{parts[1]}項"
