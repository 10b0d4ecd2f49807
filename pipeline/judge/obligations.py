"""Obligation analysis: what a clause obliges, not how it is worded.

A clause is read provision by provision (``provisions.py``: sentences with their ただし書, each
with its own subject). ``read(text)`` gives each provision's legal features — modality,
deadline, consent, exception, survival after termination, scope, written form, encryption,
certificate of disposal, subsidiaries, multi-tier subcontracting, incident risk (おそれ),
erasure method, disposal trigger, periodic reporting, the 個人情報保護委員会 — from its
normalised text (``features.py``). ``compare_texts(a, b)`` lists the differences as reasons a
lawyer can check in the source, ``"<dimension>: <A's value> → <B's value>"`` with the values
as printed or ``none``. Spelling variants, party names and numbering are folded before
reading, so wording alone never makes a difference; a feature stated in another sentence of
the same clause is the same feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pipeline.judge.features import (
    CONSENTS,
    DATA_SCOPES,
    DEADLINE_ORDER,
    EXCEPTION_CONDITIONS,
    GROUP_COMPANIES,
    METHOD_STANDARD,
    MODALITIES,
    PPC_ACTS,
    SCOPE_MARKERS,
    TRIGGERS,
    Obligation,
    periodic_key,
    read_provision,
    sentences_of,
)
from pipeline.judge.provisions import split_provisions, subjects
from pipeline.model import Clause, SegmentedDocument
from pipeline.text.folds import fold_text
from pipeline.text.overlap import char_bigrams, dice
from pipeline.text.normalize import normalize_for_analysis

__all__ = ["MODALITIES", "Obligation", "Provision", "compare", "compare_texts", "obligation_text", "profile", "read"]


@dataclass(frozen=True)
class Provision:
    text: str  # folded
    subject: str | None  # 甲 / 乙 (parties folded), or None
    obligation: Obligation


def obligation_text(document: SegmentedDocument, clause: Clause) -> str:
    """The text that states a clause's obligation. An item's is stated by its paragraph's lead
    (乙は、次の措置を講じなければならない。一 …): the item is read with the lead's sentence that
    introduces the items, and with any other sentence of the lead that names this item
    (「(1)及び(2)の措置を講じたときは、届け出なければならない」 binds (1) and (2), not (3))."""
    if clause.kind in ("item", "subitem") and clause.parent:
        return lead_for(document.by_id(clause.parent).own_text, clause.label) + "\n" + clause.text
    return clause.text


_INTRODUCES_ITEMS = re.compile(r"次(?:に掲げる|の|に定める|のとおり)")


def lead_for(lead: str, label: str) -> str:
    sentences = sentences_of(lead)
    if not any(_INTRODUCES_ITEMS.search(s) for s in sentences):
        return lead
    name = re.escape(normalize_for_analysis(label).strip())
    names_item = re.compile(rf"{name}(?=及び|、|又は|並びに|から|まで|の)|(?:及び|、|又は|並びに){name}") if name else None
    return "".join(s for s in sentences if _INTRODUCES_ITEMS.search(s)
                   or (names_item and names_item.search(normalize_for_analysis(s))))


@lru_cache(maxsize=16384)  # a pure function of the text, read again for every pair (features.read_provision)
def read(text: str) -> tuple[Provision, ...]:
    """The provisions of a clause's text, each read with its own subject."""
    sentences = split_provisions(fold_text(text))
    return tuple(Provision(s, subject, read_provision(s)) for s, subject in zip(sentences, subjects(sentences)))


def profile(text: str) -> Obligation:
    """The obligation of a whole text: the main provision's modality (the first that has one),
    each other feature as the strictest any provision states."""
    return _merge([p.obligation for p in read(text)])


def _merge(obligations: list[Obligation]) -> Obligation:
    if not obligations:
        return read_provision("")
    first = lambda name: next((getattr(o, name) for o in obligations if getattr(o, name)), None)  # noqa: E731
    strictest = lambda values, order: min(values, key=order.index) if values else None  # noqa: E731
    exceptions = [o.exception for o in obligations if o.exception is not None]
    return Obligation(
        modality=first("modality"),
        deadline=strictest([o.deadline for o in obligations if o.deadline], [*DEADLINE_ORDER, *sorted(
            {o.deadline for o in obligations if o.deadline and o.deadline not in DEADLINE_ORDER})]),
        consent=strictest([o.consent for o in obligations if o.consent], [name for name, _ in CONSENTS]),
        exception=frozenset().union(*exceptions) if exceptions else None,
        survival=any(o.survival for o in obligations),
        scope=frozenset().union(*(o.scope for o in obligations)),
        form=any(o.form for o in obligations),
        encryption=any(o.encryption for o in obligations),
        certificate=first("certificate"),
        certificate_on_request=next((o.certificate_on_request for o in obligations if o.certificate), False),
        subsidiaries=frozenset().union(*(o.subsidiaries for o in obligations)),
        multi_tier=first("multi_tier"),
        multi_tier_banned=next((o.multi_tier_banned for o in obligations if o.multi_tier), False),
        risk=first("risk"),
        method=first("method"),
        trigger=frozenset().union(*(o.trigger for o in obligations)),
        periodic=first("periodic"),
        ppc=frozenset().union(*(o.ppc for o in obligations)),
    )


# -- reasons -----------------------------------------------------------------------------

def _show(values) -> str:
    return "・".join(values) if values else "none"


def _show_in(order, values) -> str:
    """A set of named values, shown in the order of the names' table."""
    return _show([name for name in order if name in values])


def _show_exception(conditions: frozenset[str] | None) -> str:
    if conditions is None:
        return "none"
    if not conditions:
        return "an exception"
    return "unless " + "・".join(name for name in EXCEPTION_CONDITIONS if name in conditions)


def _modal(provision: Provision, with_subject: bool) -> str:
    shown = MODALITIES[provision.obligation.modality][0]
    return f"{provision.subject or '—'} {shown}" if with_subject else shown


def _dice(x: str, y: str) -> float:
    return dice(char_bigrams(x), char_bigrams(y), both_empty=0.0)


# Two provisions below this overlap are not one provision reworded.
PROVISION_OVERLAP = 0.3


def _modality_reasons(a: tuple[Provision, ...], b: tuple[Provision, ...]) -> list[str]:
    """Modality is compared provision with provision (paired by overlap, one to one): it is
    the one feature a clause states once per sentence, and per subject."""
    from scipy.optimize import linear_sum_assignment

    ma = [p for p in a if p.obligation.modality]
    mb = [p for p in b if p.obligation.modality]
    if a and b and bool(ma) != bool(mb):
        # one side imposes nothing (a 趣旨 or 定義 facing a 基本的事項 that carries a duty)
        return [f"modality: {_modal(ma[0], False) if ma else 'none'} → {_modal(mb[0], False) if mb else 'none'}"]
    if not ma or not mb:
        return []
    overlap = np.array([[_dice(x.text, y.text) + (0.2 if x.subject == y.subject else 0.0) for y in mb] for x in ma])
    reasons = []
    single = len(ma) == 1 and len(mb) == 1  # two clauses of one provision each: that is the pair
    for i, j in zip(*linear_sum_assignment(overlap, maximize=True)):
        x, y = ma[i], mb[j]
        if overlap[i, j] < PROVISION_OVERLAP and not single:
            continue
        if x.obligation.modality == y.obligation.modality and x.subject == y.subject:
            continue
        if x.subject != y.subject and x.subject and y.subject:
            reasons.append(f"modality: {_modal(x, True)} → {_modal(y, True)}")
        elif x.obligation.modality != y.obligation.modality:
            reasons.append(f"modality: {_modal(x, False)} → {_modal(y, False)}")
    return reasons


def _method_is_standard(obligation: Obligation) -> bool:
    return bool(METHOD_STANDARD.search(obligation.method or ""))


def compare(a: Obligation, b: Obligation) -> list[str]:
    """Reasons the obligation B differs from A's, in a fixed order, modality aside; [] when
    equivalent."""
    reasons = []
    if a.deadline != b.deadline:
        reasons.append(f"deadline: {_show([a.deadline] if a.deadline else [])} → {_show([b.deadline] if b.deadline else [])}")
    if a.consent != b.consent:
        reasons.append(f"consent: {a.consent or 'none'} → {b.consent or 'none'}")
    if a.exception != b.exception:
        reasons.append(f"exception: {_show_exception(a.exception)} → {_show_exception(b.exception)}")
    if a.survival != b.survival:
        reasons.append(f"survival: {'終了後も' if a.survival else 'none'} → {'終了後も' if b.survival else 'none'}")
    if a.scope != b.scope:
        scopes = (*SCOPE_MARKERS, *DATA_SCOPES)
        reasons.append(f"scope: {_show_in(scopes, a.scope - b.scope)} → {_show_in(scopes, b.scope - a.scope)}")
    for name, shown in (("form", "書面"), ("encryption", "暗号化")):
        if getattr(a, name) != getattr(b, name):
            reasons.append(f"{name}: {shown if getattr(a, name) else 'none'} → {shown if getattr(b, name) else 'none'}")
    if bool(a.certificate) != bool(b.certificate) or (a.certificate and a.certificate_on_request != b.certificate_on_request):
        shown = lambda o: (o.certificate + ("（求めに応じ）" if o.certificate_on_request else "")) if o.certificate else "none"  # noqa: E731
        reasons.append(f"certificate: {shown(a)} → {shown(b)}")
    if a.subsidiaries != b.subsidiaries:
        reasons.append(f"subsidiaries: {_show_in(GROUP_COMPANIES, a.subsidiaries)} → {_show_in(GROUP_COMPANIES, b.subsidiaries)}")
    if bool(a.multi_tier) != bool(b.multi_tier) or (a.multi_tier and a.multi_tier_banned != b.multi_tier_banned):
        shown = lambda o: (o.multi_tier + ("（禁止）" if o.multi_tier_banned else "")) if o.multi_tier else "none"  # noqa: E731
        reasons.append(f"multi-tier: {shown(a)} → {shown(b)}")
    if a.risk != b.risk:
        reasons.append(f"risk: {a.risk or 'none'} → {b.risk or 'none'}")
    if bool(a.method) != bool(b.method) or (a.method and _method_is_standard(a) != _method_is_standard(b)):
        reasons.append(f"method: {a.method or 'none'} → {b.method or 'none'}")
    if a.trigger != b.trigger:
        reasons.append(f"trigger: {_show_in(TRIGGERS, a.trigger)} → {_show_in(TRIGGERS, b.trigger)}")
    if periodic_key(a.periodic) != periodic_key(b.periodic):
        reasons.append(f"periodic: {a.periodic or 'none'} → {b.periodic or 'none'}")
    if a.ppc != b.ppc:
        acts = ["委員会への直接の報告", *PPC_ACTS, "委員会"]
        reasons.append(f"ppc: {_show_in(acts, a.ppc)} → {_show_in(acts, b.ppc)}")
    return reasons


def compare_texts(a: str, b: str) -> list[str]:
    """Reasons the obligations of text B differ from text A's; [] when equivalent."""
    ra, rb = read(a), read(b)
    return _modality_reasons(ra, rb) + compare(_merge([p.obligation for p in ra]), _merge([p.obligation for p in rb]))
