"""Obligation analysis: what a clause obliges, not how it is worded.

``profile(text)`` reads the legal features of a clause — modality, deadline, consent,
exceptions, survival after termination, scope, required form, encryption, certificate —
from its normalised text. ``compare(a, b)`` lists the differences as reasons a lawyer can
check in the source ("deadline: 速やかに → 直ちに"). Spelling variants, party names and
numbering are folded before reading, so wording alone never makes a difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Clause, SegmentedDocument
from pipeline.text.folds import fold_text

# How a sentence ends decides its modality (a prohibition quoted inside it — 知らせてはならない
# こと… — does not). Checked in this order: …できるものとする is discretion, not duty; ものとする
# alone is binding, a duty, in drafting practice.
MODALITIES = {
    "prohibition": ("してはならない", re.compile(r"(?:て|で)はならない$")),
    "best_effort": ("努めなければならない", re.compile(r"努め(?:なければならない|るものとする|ること|る)$")),
    "discretion": ("することができる", re.compile(r"ことができる(?:ものとする)?$")),
    "duty": ("しなければならない", re.compile(r"(?:なければならない|ものとする|こと)$")),
}
DEADLINES = (("直ちに", re.compile(r"直ちに|ただちに")), ("速やかに", re.compile(r"速やかに|すみやかに")), ("遅滞なく", re.compile(r"遅滞なく")))
# Consent as a condition of acting (承諾を得て, 承諾なしに), not a passing mention (承諾により借用した).
_GIVEN = r"(?:を得|がある|があった|なし|なく|を受け|の上|を要)"
_WITHOUT = r"(?:なしに|なく|を得ないで|を得ずに|を得ることなく|を受けることなく|を受けないで)"
CONSENTS = (
    ("書面による承諾", re.compile(rf"書面(?:による|により|で|の)[^。、]{{0,8}}?(?:承諾|許可|同意){_GIVEN}|(?:承諾|許可)を書面")),
    ("承諾", re.compile(rf"(?:承諾|許可|同意){_GIVEN}")),
    ("届出", re.compile(r"届け?出")),
)
# An exception is read for what unlocks it, whatever its form (ただし…この限りでない or
# …場合を除き): the same conditions in either form are the same exception.
_EXCEPTION_CLAUSES = (
    re.compile(r"ただし(?P<condition>[^。]{0,160}?)(?:は|には)?、?この限りで(?:ない|はない)"),
    re.compile(r"ただし(?P<condition>[^。]{0,80}?(?:とき|場合))は、?(?:その|当該)?指示(?:に従う|による)"),
    re.compile(r"(?P<condition>[^。、]{0,60}(?:、[^。、]{0,40})?)(?:場合|とき)を除(?:き|いて)"),
    re.compile(rf"(?P<condition>[^。、]{{0,20}}(?:承諾|許可|同意)){_WITHOUT}"),
)
# What unlocks an exception. A written form is the consent dimension's business, and an
# exception for what the law requires goes without saying (法令 prevails anyway).
EXCEPTION_CONDITIONS = {
    "承諾": re.compile(r"承諾|許可|同意"),
    "指示": re.compile(r"指示"),
    "業務上必要": re.compile(r"必要がある|必要な場合|必要と認め"),
}
_CONSENT_DUTY = re.compile(r"しようとする(?:とき|場合)は[^。]*(?:承諾|許可)を得なければならない")
_SURVIVAL = re.compile(r"(?:終了|解除|満了)(?:し|した|された)?[^。]{0,20}?後(?:に)?(?:おいて)?も")
SCOPE_MARKERS = {
    "子会社を含む": re.compile(r"子会社"),
    "再々委託": re.compile(r"再々委託|再委託先が(?:更に|さらに)"),
    "違反": re.compile(r"違反"),
    "事故": re.compile(r"事故|事案"),
    "都度": re.compile(r"都度"),
    "在職中及び退職後": re.compile(r"退職後|離職後|従事しなくなった後"),
    "おそれ": re.compile(r"(?:発生する|生ずる|生じる)おそれ|おそれ(?:が|の)ある"),
}
# 書面 as the form of an act (書面で報告), not of a consent (書面による…承諾: that is consent)
_WRITTEN_FORM = re.compile(r"書面(?:で|により|による|をもって)(?![^。]{0,40}(?:承諾|許可|同意))")
_ENCRYPTION = re.compile(r"暗号化")
_CERTIFICATE = re.compile(r"(?:証する|証明する)書(?:類|面)|証明書")


@dataclass(frozen=True)
class Obligation:
    modality: str | None  # key of MODALITIES: the strongest in the text
    deadline: str | None
    consent: str | None
    exception: frozenset[str] | None  # what unlocks the exception; None if there is none
    survival: bool
    scope: frozenset[str]
    form: bool  # a written form is required (報告 in writing, 書類)
    encryption: bool
    certificate: bool


def obligation_text(document: SegmentedDocument, clause: Clause) -> str:
    """The text that states a clause's obligation. An item's is stated by its paragraph's lead
    (乙は、次の措置を講じ…届け出なければならない。一 …): the item is read with the lead before it."""
    if clause.kind in ("item", "subitem") and clause.parent:
        return document.by_id(clause.parent).own_text + "\n" + clause.text
    return clause.text


def _first(options, text: str) -> str | None:
    return next((name for name, pattern in options if pattern.search(text)), None)


def _modality(folded: str) -> str | None:
    """The modality of the main provision: the first sentence that ends with one."""
    for sentence in re.split(r"。|\n", folded):
        sentence = sentence.strip()
        for key, (_, pattern) in MODALITIES.items():
            if pattern.search(sentence):
                return key
    return None


def _exception(folded: str) -> frozenset[str] | None:
    conditions = [m["condition"] for pattern in _EXCEPTION_CLAUSES for m in pattern.finditer(folded)]
    if not conditions:
        return None
    text = " ".join(conditions)
    return frozenset(name for name, pattern in EXCEPTION_CONDITIONS.items() if pattern.search(text))


def profile(text: str) -> Obligation:
    folded = fold_text(text)
    modality = _modality(folded)
    exception = _exception(folded)
    consent = _first(CONSENTS, folded)
    if consent is None and exception and "承諾" in exception:
        consent = "承諾"  # 指示、承諾又は法令の定めがある場合を除き: consent unlocks the act
    if modality == "duty" and consent and _CONSENT_DUTY.search(folded) and not exception:
        # 委託しようとするときは、承諾を得なければならない is 委託してはならない。ただし承諾を得た
        # ときは、この限りでない: one obligation, two drafting styles
        modality, exception = "prohibition", frozenset({"承諾"})
    return Obligation(
        modality=modality,
        deadline=_first(DEADLINES, folded),
        consent=consent,
        exception=exception,
        survival=bool(_SURVIVAL.search(folded)),
        scope=frozenset(name for name, pattern in SCOPE_MARKERS.items() if pattern.search(folded)),
        form=bool(_WRITTEN_FORM.search(folded)),
        encryption=bool(_ENCRYPTION.search(folded)),
        certificate=bool(_CERTIFICATE.search(folded)),
    )


# Yes/no features and how a reason names their presence.
_FLAGS = (("survival", "survives termination"), ("form", "書面"), ("encryption", "暗号化"), ("certificate", "証明書類"))


def _show(value: str | None) -> str:
    return value or "none"


def _show_exception(conditions: frozenset[str] | None) -> str:
    if conditions is None:
        return "none"
    if not conditions:
        return "an exception"
    return "unless " + "・".join(name for name in EXCEPTION_CONDITIONS if name in conditions)


def compare(a: Obligation, b: Obligation) -> list[str]:
    """Reasons the obligation of B differs from A's, in a fixed order; [] when equivalent."""
    reasons = []
    if a.modality != b.modality and a.modality and b.modality:
        reasons.append(f"modality: {MODALITIES[a.modality][0]} → {MODALITIES[b.modality][0]}")
    for name in ("deadline", "consent"):
        if getattr(a, name) != getattr(b, name):
            reasons.append(f"{name}: {_show(getattr(a, name))} → {_show(getattr(b, name))}")
    if a.exception != b.exception:
        reasons.append(f"exception: {_show_exception(a.exception)} → {_show_exception(b.exception)}")
    if a.scope != b.scope:
        only_a = [m for m in SCOPE_MARKERS if m in a.scope and m not in b.scope]
        only_b = [m for m in SCOPE_MARKERS if m in b.scope and m not in a.scope]
        reasons.append(f"scope: {'・'.join(only_a) or 'none'} → {'・'.join(only_b) or 'none'}")
    for name, shown in _FLAGS:
        if getattr(a, name) != getattr(b, name):
            reasons.append(f"{name}: {shown if getattr(a, name) else 'none'} → {shown if getattr(b, name) else 'none'}")
    return reasons
