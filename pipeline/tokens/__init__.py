"""Tokens stage: clause texts → content terms. The only module that uses SudachiPy.

A clause becomes a list of *terms*: content words in Sudachi's normalized form (mode C keeps
個人情報 and 損害賠償 whole; き損→毀損, 漏えい→漏洩, 取扱い→取り扱い), with two folds on top:

- a verb and its 連用形 noun are one term (持出し is tagged as the verb 持ち出す, 持ち出し and
  持出 as nouns — all three are the take-out obligation), by dropping the final kana;
- the parties are roles, not words: 甲/委託者/発注者/県/市 → CLIENT, 乙/受託者/受注者 → CONTRACTOR;
- a small thesaurus (``pipeline.text.folds.CONCEPTS``): 研修 = 教育, 返却 = 返還 ….

Sudachi tokenizers cannot be pickled or shared between threads: one per thread, created on
first use, so a worker process pays for the dictionary once.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from pipeline.model import SegmentedDocument, TokenizedDocument
from pipeline.text.folds import CLIENT_WORDS, CONCEPTS, CONTRACTOR_WORDS, fold_parties
from pipeline.text.normalize import normalize_for_analysis
from pipeline.text.references import without_cross_references

CLIENT = "〈委託者〉"
CONTRACTOR = "〈受託者〉"

# Parts of speech that carry no obligation content.
_FUNCTION_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号", "接続詞", "感動詞"})
# Light verbs and formal nouns: 為る (する), 成る (ならない), 有る, 物 (ものとする) …
_LIGHT_WORDS = frozenset({"為る", "成る", "有る", "居る", "物", "事", "等", "其の", "此の", "よる", "おく", "いる", "ある", "なる", "する", "いう", "言う", "当該", "又"})
_FINAL_KANA = re.compile(r"(?<=[\u4e00-\u9fff々\u3040-\u309f])[\u3040-\u309f]$")
_HAS_KANJI = re.compile(r"[\u4e00-\u9fff々]")

_local = threading.local()


def tokenizer():
    """This thread's Sudachi tokenizer (mode C), created once."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import Dictionary, SplitMode

        tok = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
        _local.tokenizer = tok
    return tok


def _term(surface: str, normalized: str, pos: tuple[str, ...]) -> str | None:
    if pos[0] in _FUNCTION_POS or pos[1] == "数詞" or pos[1] == "非自立可能":
        return None
    if surface in CLIENT_WORDS or normalized in CLIENT_WORDS:
        return CLIENT if pos[0] == "名詞" or surface in ("甲",) else None
    if surface in CONTRACTOR_WORDS or normalized in CONTRACTOR_WORDS:
        return CONTRACTOR
    if normalized in _LIGHT_WORDS:
        return None
    if pos[0] in ("動詞", "名詞") and _HAS_KANJI.search(normalized):
        # 持ち出す / 持ち出し → 持ち出; 取り扱う / 取り扱い → 取り扱
        stem = _FINAL_KANA.sub("", normalized)
        return CONCEPTS.get(stem, stem)
    return CONCEPTS.get(normalized, normalized)


@lru_cache(maxsize=65536)
def terms(text: str) -> tuple[str, ...]:
    """The content terms of a text, in order (a pure function, cached)."""
    clean = normalize_for_analysis(text)
    if not clean:
        return ()
    clean = fold_parties(clean)  # party names Sudachi would split (受注 + 者) become 甲/乙 first
    from sudachipy import SplitMode

    out = []
    for morpheme in tokenizer().tokenize(clean):
        term = _term(morpheme.surface(), morpheme.normalized_form(), morpheme.part_of_speech())
        if not term:
            continue
        out.append(term)
        # a compound also counts by its parts: 作業場所 shares 場所 with 取扱場所
        parts = morpheme.split(SplitMode.A)
        if len(parts) > 1 and term not in (CLIENT, CONTRACTOR):
            for part in parts:
                sub = _term(part.surface(), part.normalized_form(), part.part_of_speech())
                if sub and sub != term:
                    out.append(sub)
    return tuple(out)


def tokenize(document: SegmentedDocument) -> TokenizedDocument:
    """The tokens stage: the terms of every clause's text and of every article's heading (and
    the normalised text they were read from)."""
    return TokenizedDocument(
        document,
        {clause.id: terms(without_cross_references(clause.text)) for clause in document.clauses},
        {article.id: terms(article.heading or "") for article in document.articles()},
        {clause.id: normalize_for_analysis(clause.text) for clause in document.clauses},
    )
