"""The legal features of one provision, read from its folded text (parties are 甲 and 乙).

Each feature is read in context, not from a keyword alone — the drafting variants that
templates of other issuers use (``../shared/reference/real-conventions.md``) are named beside
the pattern that reads them:

- consent: 承認 is 承諾; 書面による承認 is written consent; a 報告 of the staff list or of a
  manager is a 届出; a 書面 *application* for consent (承諾を受けようとするときは…書面を提出)
  does not make the consent itself written;
- exception: read for what unlocks it, whatever its form (ただし…この限りでない or …場合を除き);
  法令 counts: a voluntary request made under a law is not compulsory, so 「法令の定めがある場合
  を除き」 against no such exception is a real difference;
- encryption: required only where it is prescribed, not where it is one option
  (暗号化又はパスワードによる保護, 暗号化等) or the subject of a written application;
- certificate: 証明書, 証する書類, 「その旨を記載した書面」, 「日時及び方法を記載した書面」 — in a
  provision about return, erasure or disposal;
- risk: an incident *or its risk* (漏えい等が発生し、又は発生するおそれがある場合), but not a
  「おそれのある行為について準用する」 that extends other rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# How a sentence ends decides its modality (a prohibition quoted inside it — 知らせてはならない
# こと… — does not). Checked in this order: …できるものとする is discretion, not duty; ものとする
# alone is binding, a duty, in drafting practice.
MODALITIES = {
    # …ないこと after any verb's negative stem (取り扱わないこと, 漏らさないこと, 用いないこと), not
    # なければならないこと
    "prohibition": ("してはならない", re.compile(r"(?:て|で)はならない$|(?:[わかがさたばましせいけえべめれ]|(?<!な)ら)ないこと$"
                                           r"|禁止する$|禁ずる$")),
    "best_effort": ("努めなければならない", re.compile(r"努め(?:なければならない|るものとする|ること|る)$")),
    "discretion": ("することができる", re.compile(r"ことができる(?:ものとする)?$")),
    "duty": ("しなければならない", re.compile(r"(?:なければならない|ものとする|こと)$")),
}
DEADLINE_ORDER = ("直ちに", "速やかに", "遅滞なく")
DEADLINES = (("直ちに", re.compile(r"直ちに|ただちに")), ("速やかに", re.compile(r"速やかに|すみやかに")),
             ("遅滞なく", re.compile(r"遅滞なく")))
_PERIOD = re.compile(r"[0-9０-９一二三四五六七八九十]+(?:日|時間|営業日)以内")

_CONSENT_WORD = r"(?:承諾|承認|許諾|許可|同意)"
# Consent as a condition of acting (承諾を得て, 承諾なしに), not a passing mention (承諾により借用した).
_GIVEN = r"(?:を得|がある|があった|なし|なく|を受け|の上|を要|した(?:場合|とき))"
_WITHOUT = r"(?:なしに|なく|を得ないで|を得ずに|を得ることなく|を受けることなく|を受けないで)"
CONSENTS = (
    ("書面による承諾", re.compile(rf"(?:書面|文書)(?:による|により|で|の)[^。、]{{0,8}}?{_CONSENT_WORD}{_GIVEN}|{_CONSENT_WORD}を(?:書面|文書)")),
    ("承諾", re.compile(rf"{_CONSENT_WORD}{_GIVEN}|(?:事前|あらかじめ)の?[^。、]{{0,6}}{_CONSENT_WORD}")),
    # a 報告 of the staff, the manager or the measures taken is a notification; a request for a
    # report (報告を求める) and the report of an incident are not
    ("届出", re.compile(r"届け?出|(?:名簿|従事者|従業者|責任者|管理者|措置を講じたとき)[^。]{0,40}?(?:報告|通知)(?:し|する|を(?!求))"
                       r"|名簿を[^。]{0,20}?(?:提出|交付)")),
)
# what a parenthetical says (（以下「従事者」という。）) is no part of the sentence's structure
_PARENTHETICAL = re.compile(r"（[^（）]*）|\([^()]*\)")
# An exception is read for what unlocks it, whatever its form (ただし…この限りでない or
# …場合を除き): the same conditions in either form are the same exception.
_EXCEPTION_CLAUSES = (
    re.compile(r"ただし(?P<condition>[^。]{0,160}?)(?:は|には)?、?この限りで(?:ない|はない)"),
    re.compile(r"ただし(?P<condition>[^。]{0,80}?(?:とき|場合))は[、,]?(?:その|当該)?指示(?:に従う|による)"),
    re.compile(r"(?P<condition>[^。、]{0,60}(?:、[^。、]{0,40})?)(?:場合|とき)を除(?:き|いて|くほか)"),
    re.compile(rf"(?P<condition>[^。、]{{0,20}}{_CONSENT_WORD}){_WITHOUT}"),
    # 業務上必要な範囲を超えて…してはならない: within what the work needs, the act is allowed
    re.compile(r"(?P<condition>[^。、]{0,30}必要な範囲)を超えて"),
)
# What unlocks an exception. A written form is the consent dimension's business.
EXCEPTION_CONDITIONS = {
    "指示": re.compile(r"指示"),
    "承諾": re.compile(_CONSENT_WORD),
    "法令": re.compile(r"法令|法律(?:の(?:規定|定め)|に(?:基づ|定め))"),
    # the condition is read without its 場合/とき: …必要がある / …必要な / …必要と認める
    "業務上必要": re.compile(r"必要(?:がある|な|と認め)"),
}
_CONSENT_DUTY = re.compile(rf"(?:しようとする|する)(?:とき|場合)(?:は|には)[^。]*{_CONSENT_WORD}を得なければならない")
_SURVIVAL = re.compile(r"(?:終了|解除|満了)(?:し|した|された)?[^。]{0,20}?後(?:に)?(?:おいて)?も")
# 違反 and 事故 are the scope of a duty to report (what must be reported), not a damages
# clause's condition: read only in a provision that reports
_REPORTS = re.compile(r"報告|通知|連絡")
SCOPE_MARKERS = {
    "違反": re.compile(r"違反"),
    "事故": re.compile(r"事故|事案"),
    "都度": re.compile(r"都度"),
    # what the duty protects beyond personal information: the client's secrets (個人情報及び
    # 業務上の秘密), not the 秘密 of a heading-like phrase (秘密の保持, 秘密保持)
    "秘密": re.compile(r"秘密(?!の保持|保持|を保持)"),
    "在職中及び退職後": re.compile(r"退職後|離職後|従事しなくなった後|従事しなくなった場合|(?:従業者|従事者|職員|者)であった者"),
    # what a duty covers beyond what the client handed over: what the contractor collected or
    # made itself (提供を受け、又は乙が収集し、若しくは作成した資料等 / 自ら収集し、又は作成した
    # 個人情報についても適用する)
    # a limit on how much is done: 業務の目的を達成するために必要な範囲内で収集する
    "必要な範囲内": re.compile(r"必要な(?:範囲内|範囲で|限度)"),
    "自ら収集・作成したもの": re.compile(r"(?:収集|作成)し[、,]?(?:又は|若しくは)[^。]{0,10}?(?:作成|収集)した|自ら[^。]{0,6}?(?:収集|作成)し"),
}
# The data a template covers, where it defines them (個人情報（死者に関する情報を含む。以下同じ。）,
# この特記事項において「特定個人情報等」とは…をいう): read in definitions only, so that a 番号法
# template's every article naming 特定個人情報 is not a difference of scope each time.
DATA_SCOPES = {
    "特定個人情報": re.compile(r"特定個人情報|個人番号"),
    "死者に関する情報": re.compile(r"死者"),
}  # (保有個人情報 names the client's data — 甲が保有する個人情報（以下「保有個人情報」という。）: no scope)
_DEFINITIONS = re.compile(r"[（(][^（）()]*?(?:含む|含め|以下|をいう)[^（）()]*[)）]|[^。]*とは[、,][^。]*をいう|以下「[^」]+」という")
# 書面 as the form of an act (書面で報告), not of a consent (書面による…承諾: that is consent)
_WRITTEN_FORM = re.compile(rf"(?:書面|文書)(?:で|により|による|をもって)(?![^。]{{0,40}}{_CONSENT_WORD})")
# a document to hand in (…を記載した書面を提出): a written form, unless it is the certificate
_WRITTEN_SUBMISSION = re.compile(r"(?:書面|文書|名簿)を[^。]{0,6}?(?:提出|交付)")
# 暗号化 prescribed: not one option (暗号化又は…, …又は暗号化, 暗号化等), not an application's subject
_ENCRYPTION = re.compile(r"(?<!又は)(?<!若しくは)暗号化(?!又は|若しくは|等|その他|の有無|、[^。]{0,20}?(?:その他|等の))")
_ENCRYPTION_APPLICATION = re.compile(r"暗号化[^。]{0,30}(?:記載した書面|申請)")
_DISPOSAL = re.compile(r"返還|返却|廃棄|消去|抹消|引き渡")
_CERTIFICATE = re.compile(r"(?:証する|証明する)(?:書類|書面)|証明書|(?:その旨|日時|方法|結果|内容)[^。]{0,20}?を?記載した(?:書面|報告書)"
                          r"|(?:廃棄|消去)[^。]{0,10}?報告書|完了報告書")
# Group companies counted as third parties (or as subcontractors), each named as printed
GROUP_COMPANIES = {
    "親会社": re.compile(r"親会社"),
    "子会社": re.compile(r"子会社"),
    "関連会社": re.compile(r"関連会社"),
    "関係会社": re.compile(r"関係会社"),
    "グループ会社": re.compile(r"グループ(?:会社|企業)"),
}
_MULTI_TIER = re.compile(r"再々委託|再委託先が(?:更に|さらに)[^。]{0,20}?委託|(?:更に|さらに)[^。、]{0,15}?(?:再)?委託"
                         r"|二以上の段階|当該第三者が(?:更に|さらに)")
_RISK = re.compile(r"(?:発生し?|生じ|生ずる|生じる|起こ)[^。]{0,8}おそれ|おそれ(?:が|の)ある(?:場合|とき|事態|事案)")
_EXTENDS = re.compile(r"準用する")
# How disposal is done: a standard to meet (復元不可能な方法), or named means (物理的に破壊し、又は
# 専用のソフトウェアにより消去). Means given as examples of the standard (物理的な破壊その他…復元
# できない方法) are the standard.
METHOD_STANDARD = re.compile(r"復元(?:(?:又は|若しくは)判読)?(?:が)?(?:不可能|できない|困難)|判読(?:が)?(?:不可能|できない|困難)"
                             r"|再生(?:が)?不可能")
_METHOD_MEANS = re.compile(r"物理的(?:に|な)?(?:破壊|破砕)|完全に(?:消去|抹消)|(?:ソフトウェア|ソフト)[^。]{0,6}?(?:消去|抹消)")
TRIGGERS = {
    # the contract's end and the work's completion are two moments
    "終了時": re.compile(r"契約(?:が|の)?(?:終了|満了|解除)|(?:終了|解除)(?:し|した|された)(?:とき|後)|期間(?:が|の)?満了"
                      r"|取り?消され(?:た)?(?:とき|場合)"),
    "完了時": re.compile(r"(?:業務|事務|履行)(?:が|の)?完了|完了(?:し|した)?(?:とき|後)"),
    "不要時": re.compile(r"不要と(?:なった|なる)|不要になっ|(?:保有|保管|利用)?する必要が(?:なくなっ|なくな[るり])"),
    "指示時": re.compile(r"の(?:指示|請求|求め)が?あった(?:とき|場合)|甲から(?:指示|請求|求め)|(?:廃棄|返還|消去)の指示"),
}
_PERIODIC = re.compile(r"定期的に|毎月|毎年度?|年[0-9一二三四]+回|月[0-9一二三四]+回|四半期(?:ごと|毎)")
_PPC = re.compile(r"個人情報保護委員会")
# What a provision has the contractor do about the 個人情報保護委員会 (in a sentence naming it):
# help the client report to it, help notify the persons concerned, or tell the client when the
# 委員会 itself asks for reports or inspects. A sentence naming it for none of these is "委員会".
PPC_ACTS = {
    "委員会への報告": re.compile(r"個人情報保護委員会(?:への|へ|に)(?:の)?(?:報告|届出|届け出)"),
    "本人への通知": re.compile(r"本人(?:への|に)(?:通知|連絡)"),
    "委員会の報告徴収・立入検査": re.compile(r"個人情報保護委員会から[^。]{0,20}?(?:報告|資料|質問)|立入検査"
                                   r"|(?:同|個人情報保護)委員会(?:による|の)(?:調査|検査)"),
}
# 甲が…報告を行うときは、これに協力: the client reports, the contractor helps
_HELPS = re.compile(r"協力|甲が[^。]{0,30}(?:報告|届出)")
# an incident that may have happened (発生したおそれ) is not one that may happen (発生するおそれ)
_PAST_RISK = re.compile(r"(?:発生し|生じ)た[^。]{0,4}おそれ")
_BREACH_RISK = re.compile(r"違反[^。]{0,12}?(?:生じ|生ずる|生じる|発生し?)[^。]{0,10}?おそれ")
_GRAVE_RISK = re.compile(r"おそれ(?:のうち|であって)[^。]{0,6}重大|重大な[^。]{0,10}おそれ")


def _risk(sentences: list[str]) -> str | None:
    found = [s for s in sentences if _RISK.search(s)]
    if not found:
        return None
    if any(_GRAVE_RISK.search(s) for s in found):
        risk = "重大なおそれ"  # …おそれのうち重大なもの: only the grave risks
    else:
        risk = "発生したおそれ" if any(_PAST_RISK.search(s) for s in found) else "おそれ"
    # 違反する事態が生じ、若しくは生ずるおそれ: the risk of a breach as well as of an incident
    return risk + "（違反を含む）" if any(_BREACH_RISK.search(s) for s in found) else risk


# a certificate due only on the client's request: its sentence is conditioned on one
_ON_REQUEST = re.compile(r"求め(?:られ|が(?:あ|な)|に応じ)|請求(?:があ|され|に応じ)|要求(?:があ|され)")
_SUFFIX_EVERY = re.compile(r"(?<=[期月年度週])毎")  # 四半期毎 = 四半期ごと (not 毎月)
_KANJI_COUNT = {"一": "1", "二": "2", "三": "3", "四": "4"}


@dataclass(frozen=True)
class Obligation:
    modality: str | None  # key of MODALITIES
    deadline: str | None  # 直ちに / 速やかに / 遅滞なく / a period (７日以内)
    consent: str | None  # 書面による承諾 / 承諾 / 届出
    exception: frozenset[str] | None  # what unlocks the exception; None if there is none
    survival: bool
    scope: frozenset[str]
    form: bool  # a written form is required (報告 in writing, 書類)
    encryption: bool  # prescribed, not an option
    certificate: str | None  # the proof of return or disposal, as printed
    certificate_on_request: bool = False  # …due only when the client asks for it (甲から求められたときは)
    subsidiaries: frozenset[str] = frozenset()  # group companies named (keys of GROUP_COMPANIES)
    multi_tier: str | None = None  # the rule for further subcontracting, as printed
    multi_tier_banned: bool = False  # …and further subcontracting is forbidden outright
    risk: str | None = None  # the incident duty covers its risk too: おそれ (of occurring), or 発生したおそれ
    method: str | None = None  # how data must be erased, as printed
    trigger: frozenset[str] = frozenset()  # when return or disposal happens (keys of TRIGGERS)
    periodic: str | None = None  # a periodic report or inspection, as printed
    ppc: frozenset[str] = frozenset()  # what is done about the 個人情報保護委員会 (keys of PPC_ACTS, or 委員会)


def _first(options, text: str) -> str | None:
    return next((name for name, pattern in options if pattern.search(text)), None)


def _modality(folded: str) -> str | None:
    """The modality of the main sentence: the first that ends with one."""
    purpose = False
    for sentence in re.split(r"。|\n", folded):
        sentence = sentence.strip()
        # 「この特記事項は、…を定めるものとする」 says what the template is for: no duty (its
        # sentence goes on after a 。 inside brackets: 「（以下「甲」という。）が…」)
        purpose = bool(_STATES_PURPOSE.match(sentence)) or (purpose and sentence.startswith(("）", ")")))
        if purpose:
            continue
        for key, (_, pattern) in MODALITIES.items():
            if pattern.search(sentence):
                # 監督及び教育を行い、その理解の促進に努めなければならない: the duty to act stands;
                # only what is added after it is an effort
                return "duty" if key == "best_effort" and _DUTY_BEFORE_EFFORT.search(sentence) else key
    return None


_STATES_PURPOSE = re.compile(r"この(?:特記事項|特記仕様書|仕様書|規定)は[、,]")
_DUTY_BEFORE_EFFORT = re.compile(r"を[^、。]{0,12}?(?:行い|講じ|実施し|設け|定め)、(?:その|これらの|併せて)?[^。、]{0,20}に努め")


def _exception(folded: str) -> frozenset[str] | None:
    conditions = [m["condition"] for pattern in _EXCEPTION_CLAUSES for m in pattern.finditer(folded)]
    if not conditions:
        return None
    text = " ".join(conditions)
    return frozenset(name for name, pattern in EXCEPTION_CONDITIONS.items() if pattern.search(text))


def _printed(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None


# A comparison reads the same clauses again (the reference in every pair of a batch, a
# template family's shared wording): the readings are pure functions of the text, kept.
@lru_cache(maxsize=16384)
def read_provision(folded: str) -> Obligation:
    """The features of one provision (or of any folded text read as one)."""
    modality = _modality(folded)
    exception = _exception(folded)
    consent = _first(CONSENTS, _PARENTHETICAL.sub("", folded))
    if consent is None and exception and "承諾" in exception:
        consent = "承諾"  # 指示、承諾又は法令の定めがある場合を除き: consent unlocks the act
    if modality == "duty" and consent and _CONSENT_DUTY.search(folded) and not exception:
        # 委託しようとするときは、承諾を得なければならない is 委託してはならない。ただし承諾を得た
        # ときは、この限りでない: one obligation, two drafting styles
        modality, exception = "prohibition", frozenset({"承諾"})
    deadline = _first(DEADLINES, folded) or _printed(_PERIOD, folded)
    disposal = bool(_DISPOSAL.search(folded))
    certificate = _printed(_CERTIFICATE, folded) if disposal else None
    all_sentences = sentences_of(folded)
    sentences = [s for s in all_sentences if not _EXTENDS.search(s)]
    on_request = [s for s in sentences if certificate and certificate in s and _ON_REQUEST.search(s)]
    return Obligation(
        modality=modality,
        deadline=deadline,
        consent=consent,
        exception=exception,
        survival=bool(_SURVIVAL.search(folded)),
        scope=frozenset(name for name, pattern in SCOPE_MARKERS.items() if pattern.search(folded)
                        and (name not in ("違反", "事故") or _REPORTS.search(folded))
                        # 必要な範囲内に限り…利用する is the exception 業務上必要 worded as a limit
                        and (name != "必要な範囲内" or not (exception and "業務上必要" in exception)))
        | _defined_data(folded),
        form=bool(_WRITTEN_FORM.search(folded)) or bool(_WRITTEN_SUBMISSION.search(folded)) and not certificate,
        encryption=bool(_ENCRYPTION.search(folded)) and not _ENCRYPTION_APPLICATION.search(folded),
        certificate=certificate,
        certificate_on_request=bool(on_request),
        subsidiaries=frozenset(name for name, pattern in GROUP_COMPANIES.items() if pattern.search(folded)),
        multi_tier=(multi_tier := _printed(_MULTI_TIER, folded)),
        # forbidden outright: not where the client's consent lifts the ban (…場合には、あらかじめ承諾を得なければならない)
        multi_tier_banned=bool(multi_tier) and not (exception and "承諾" in exception) and (
            modality == "prohibition" or any(multi_tier in s and "禁止" in s for s in all_sentences)),  # …を禁止しなければならない
        risk=_risk(sentences),
        method=_method(folded),
        trigger=_triggers(folded, all_sentences, on_request) if disposal else frozenset(),
        periodic=_printed(_PERIODIC, folded),
        ppc=_ppc_acts(all_sentences),
    )


def _method(folded: str) -> str | None:
    """How disposal is done: the means where they are prescribed (物理的破壊若しくは専用ソフトウェア
    による消去により復元不可能な状態にして: the means are the duty), else the standard; means
    given as its examples (物理的な破壊その他…復元できない方法) are the standard."""
    means = _METHOD_MEANS.search(folded)
    examples = means is not None and re.match(r"[^。]{0,12}?その他", folded[means.end():]) is not None
    if means and not examples:
        return means.group()
    return _printed(METHOD_STANDARD, folded) or (means.group() if means else None)


def _defined_data(folded: str) -> frozenset[str]:
    definitions = " ".join(m.group() for m in _DEFINITIONS.finditer(folded))
    return frozenset(name for name, pattern in DATA_SCOPES.items() if pattern.search(definitions))


def sentences_of(text: str) -> list[str]:
    """The sentences of a text, each with its 。."""
    return [s for s in re.split(r"(?<=。)", text) if s.strip()]


def _triggers(folded: str, sentences: list[str], on_request: list[str]) -> frozenset[str]:
    """When return or disposal happens; the client's request that a certificate waits for
    (甲から求められたときは、…廃棄したことを証する書面を提出) is no trigger of the disposal."""
    found = {name for name, pattern in TRIGGERS.items() if pattern.search(folded)}
    if "指示時" in found and on_request:
        rest = "".join(s for s in sentences if s not in on_request)
        found -= {"指示時"} if not TRIGGERS["指示時"].search(rest) else set()
    return frozenset(found)


def _ppc_acts(sentences: list[str]) -> frozenset[str]:
    named = [s for s in sentences if _PPC.search(s)]
    acts = {name for name, pattern in PPC_ACTS.items() for s in named if pattern.search(s)}
    # the contractor reporting to the 委員会 itself, not helping the client report
    if "委員会への報告" in acts and any(PPC_ACTS["委員会への報告"].search(s) and not _HELPS.search(s) for s in named):
        acts = acts - {"委員会への報告"} | {"委員会への直接の報告"}
    return frozenset(acts or ({"委員会"} if named else set()))


def periodic_key(printed: str | None) -> str | None:
    """A period as compared: 四半期毎 = 四半期ごと, 月一回 = 月1回 = 毎月, 毎年度 = 毎年."""
    if printed is None:
        return None
    printed = _SUFFIX_EVERY.sub("ごと", printed)
    printed = re.sub(r"(?<=[年月])[一二三四](?=回)", lambda m: _KANJI_COUNT[m.group()], printed)
    return {"月1回": "毎月", "年1回": "毎年", "毎年度": "毎年"}.get(printed, printed)
