"""Obligation analysis: the legal features, and that wording alone never differs."""

from __future__ import annotations

import pytest

from pipeline.judge.obligations import compare, profile


@pytest.mark.parametrize(
    "text, modality",
    [
        ("乙は、甲に報告しなければならない。", "duty"),
        ("乙は、第三者に知らせてはならない。", "prohibition"),
        ("乙は、教育を実施するよう努めなければならない。", "best_effort"),
        ("乙は、研修を実施するよう努めるものとする。", "best_effort"),
        ("甲は、実地に調査することができる。", "discretion"),
        ("甲は、損害賠償の請求をすることができるものとする。", "discretion"),
        ("乙は、甲の指示に従うものとする。", "duty"),
        # the quoted prohibition is the content of the training, not the clause's modality
        ("乙は、従事者に対し、知り得た情報を他人に知らせてはならないことについて研修を実施するものとする。", "duty"),
    ],
)
def test_modality(text, modality):
    assert profile(text).modality == modality


def test_deadline_consent_exception_survival():
    hofu = profile("乙は、取扱場所から情報を持ち出してはならない。ただし、持ち出しを行う都度、甲から書面による承諾を得た場合はこの限りでない。")
    fukuoka = profile("乙は、この契約による事務を処理するために必要がある場合を除き、保有個人情報を作業場所の外へ持ち出してはならない。")
    assert hofu.consent == "書面による承諾" and fukuoka.consent is None
    assert hofu.exception == {"承諾"} and fukuoka.exception == {"業務上必要"}
    reasons = compare(hofu, fukuoka)
    assert "consent: 書面による承諾 → none" in reasons
    assert "exception: unless 承諾 → unless 業務上必要" in reasons
    assert "scope: 都度 → none" in reasons
    assert compare(profile("速やかに甲に報告しなければならない。"), profile("直ちに甲に報告しなければならない。")) == [
        "deadline: 速やかに → 直ちに"
    ]
    assert profile("この契約が終了し、又は解除された後においても、同様とする。").survival
    assert not profile("在職中及び退職後においても漏らしてはならない。").survival


def test_exception_form_alone_is_no_difference():
    a = profile("乙は、甲の指示又は承諾がある場合を除き、目的以外に利用してはならない。")
    b = profile("乙は、目的以外に利用してはならない。ただし、甲の指示又は承諾があるときは、この限りでない。")
    assert compare(a, b) == []


@pytest.mark.parametrize(
    "a, b",
    [
        ("乙は、情報の漏えい、滅失及びき損を防止しなければならない。", "受託者は、情報の漏洩、滅失及び毀損を防止しなければならない。"),
        ("乙は、甲の承諾を得て、複写することができる。", "受注者は、発注者の承諾を得て、複写することができる。"),
        ("乙は、第１項の事故について速やかに報告しなければならない。", "乙は、第1項の事故について速やかに報告しなければならない。"),
        ("乙は、資料を持出してはならない。", "乙は、資料を持ち出してはならない。"),
    ],
)
def test_wording_alone_is_equivalent(a, b):
    assert compare(profile(a), profile(b)) == []


def test_written_form_and_certificate():
    assert profile("乙は、その経緯を甲に書面で報告するものとする。").form
    assert not profile("乙は、甲の書面による承諾を得なければならない。").form  # that is consent
    assert profile("廃棄したことを証する書類を甲に提出しなければならない。").certificate
    assert profile("記録媒体は暗号化しなければならない。").encryption
