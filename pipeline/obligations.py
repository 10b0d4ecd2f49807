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

from pipeline.normalize import normalize_for_analysis

# Spelling variants and party names folded before any keyword or pattern is applied (here and
# in the checklist criteria, which are written in these folded forms: see pipeline/data/README.md).
_FOLDS = (
    (re.compile(r"漏えい|漏せつ"), "漏洩"),
    (re.compile(r"き損"), "毀損"),
    (re.compile(r"取扱い|取り扱い|取扱"), "取り扱"),
    (re.compile(r"持出し|持ち出し|持出"), "持ち出"),
    (re.compile(r"引渡し|引き渡し"), "引き渡"),
    (re.compile(r"委託者|発注者|委託元"), "甲"),
    (re.compile(r"受託者|受注者"), "乙"),
)

# Checked in this order on the main sentence (…できるものとする is discretion, not duty);
# ものとする alone is binding, a duty, in drafting practice.
MODALITIES = {
    "prohibition": ("してはならない", re.compile(r"(?:て|で)はならない")),
    "best_effort": ("努めなければならない", re.compile(r"努め(?:なければならない|るものとする|る(?:こと)?(?:。|$))")),
    "discretion": ("することができる", re.compile(r"ことができる")),
    "duty": ("しなければならない", re.compile(r"なければならない|ものとする|こと(?:。|$)")),
}
DEADLINES = (("直ちに", re.compile(r"直ちに|ただちに")), ("速やかに", re.compile(r"速やかに|すみやかに")), ("遅滞なく", re.compile(r"遅滞なく")))
CONSENTS = (
    ("書面による承諾", re.compile(r"書面(?:による|により|で|の)(?:承諾|許可|同意)|(?:承諾|許可)を書面")),
    ("承諾", re.compile(r"承諾|許可|同意")),
    ("届出", re.compile(r"届け?出")),
)
EXCEPTIONS = (
    ("ただし…この限りでない", re.compile(r"ただし.{0,120}?この限りで(?:ない|はない)")),
    ("…場合を除き", re.compile(r"(?:場合|とき)を除き|除くほか")),
)
_SURVIVAL = re.compile(r"(?:終了|解除|満了)(?:し|した|された)?[^。]{0,20}?後(?:に)?(?:おいて)?も|退職後")
SCOPE_MARKERS = {
    "子会社を含む": re.compile(r"子会社"),
    "再々委託": re.compile(r"再々委託|再委託先が(?:更に|さらに)"),
    "違反": re.compile(r"違反"),
    "事故": re.compile(r"事故|事案"),
    "都度": re.compile(r"都度"),
    "在職中及び退職後": re.compile(r"退職後"),
}
_WRITTEN_FORM = re.compile(r"書面(?:で|により|による|をもって)(?!.{0,4}(?:承諾|許可|同意))|書類(?:を|により)")
_ENCRYPTION = re.compile(r"暗号化")
_CERTIFICATE = re.compile(r"(?:証する|証明する)書(?:類|面)|証明書")


@dataclass(frozen=True)
class Obligation:
    modality: str | None  # key of MODALITIES: the strongest in the text
    deadline: str | None
    consent: str | None
    exception: str | None
    survival: bool
    scope: frozenset[str]
    form: bool  # a written form is required (報告 in writing, 書類)
    encryption: bool
    certificate: bool


def fold_text(text: str) -> str:
    """Normalised text with spelling variants and party names folded."""
    folded = normalize_for_analysis(text)
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return folded


def _first(options, text: str) -> str | None:
    return next((name for name, pattern in options if pattern.search(text)), None)


def _modality(folded: str) -> str | None:
    """The modality of the main provision: the first sentence that has one."""
    for sentence in re.split(r"(?<=。)|\n", folded):
        for key, (_, pattern) in MODALITIES.items():
            if pattern.search(sentence):
                return key
    return None


def profile(text: str) -> Obligation:
    folded = fold_text(text)
    modality = _modality(folded)
    return Obligation(
        modality=modality,
        deadline=_first(DEADLINES, folded),
        consent=_first(CONSENTS, folded),
        exception=_first(EXCEPTIONS, folded),
        survival=bool(_SURVIVAL.search(folded)),
        scope=frozenset(name for name, pattern in SCOPE_MARKERS.items() if pattern.search(folded)),
        form=bool(_WRITTEN_FORM.search(folded)),
        encryption=bool(_ENCRYPTION.search(folded)),
        certificate=bool(_CERTIFICATE.search(folded)),
    )


def _show(value) -> str:
    return "none" if value in (None, False, frozenset()) else "あり" if value is True else str(value)


def compare(a: Obligation, b: Obligation) -> list[str]:
    """Reasons the obligation of B differs from A's, in a fixed order; [] when equivalent."""
    reasons = []
    if a.modality != b.modality and a.modality and b.modality:
        reasons.append(f"modality: {MODALITIES[a.modality][0]} → {MODALITIES[b.modality][0]}")
    if a.deadline != b.deadline:
        reasons.append(f"deadline: {_show(a.deadline)} → {_show(b.deadline)}")
    if a.consent != b.consent:
        reasons.append(f"consent: {_show(a.consent)} → {_show(b.consent)}")
    if a.exception != b.exception:
        reasons.append(f"exception: {_show(a.exception)} → {_show(b.exception)}")
    if a.survival != b.survival:
        reasons.append(f"survival: {'survives termination' if a.survival else 'none'} → {'survives termination' if b.survival else 'none'}")
    if a.scope != b.scope:
        only_a, only_b = sorted(a.scope - b.scope), sorted(b.scope - a.scope)
        reasons.append(f"scope: {'・'.join(only_a) or 'none'} → {'・'.join(only_b) or 'none'}")
    if a.form != b.form:
        reasons.append(f"form: {'書面' if a.form else 'none'} → {'書面' if b.form else 'none'}")
    if a.encryption != b.encryption:
        reasons.append(f"encryption: {'暗号化' if a.encryption else 'none'} → {'暗号化' if b.encryption else 'none'}")
    if a.certificate != b.certificate:
        reasons.append(f"certificate: {'証明書類' if a.certificate else 'none'} → {'証明書類' if b.certificate else 'none'}")
    return reasons
