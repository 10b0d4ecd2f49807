"""Page chrome in text that lost its pages: a running header repeated where the pages broke,
and the closing formula and signature block of a contract after its last clause."""

from __future__ import annotations

import re

from pipeline.text.normalize import squeeze_cjk_spaces

# A running header names the document (…特記事項 / …特約条項 / …仕様書 / …委託基準) and is
# short; a clause never repeats word for word.
_NAMES_DOCUMENT = re.compile(r"特記事項|特約条項|特記仕様書|仕様書|委託基準")
RUNNING_LINE_LENGTH = 60


def _key(text: str) -> str:
    return "".join(squeeze_cjk_spaces(text).split())


def _names_document(text: str) -> bool:
    key = _key(text)
    return bool(key) and len(key) <= RUNNING_LINE_LENGTH and "。" not in key and bool(_NAMES_DOCUMENT.search(key))


def running_repeats(lines: list[tuple[int, str]]) -> set[int]:
    """Indexes of the (page, text) lines that are a running header: a short line naming the
    document, without a sentence end, that was seen before or heads a page after the first.
    The first occurrence on the first page stays (it may be the title)."""
    seen: set[str] = set()
    repeats: set[int] = set()
    for index, (page, text) in enumerate(lines):
        if not _names_document(text):
            continue
        key = _key(text)
        heads_page = page > 1 and (index == 0 or lines[index - 1][0] != page)
        if key in seen or heads_page:
            repeats.add(index)
        seen.add(key)
    return repeats


# The contract's closing formula (本書２通を作成し、…記名押印の上…) and the signatures after it.
_CLOSING = re.compile(r"締結を証するため|本書[0-9０-９一二三四]+通を作成|記名押印|署名押印")


def closing_formula_start(fragments: list[str]) -> int | None:
    """Where the closing formula starts among a last clause's lines, if it does."""
    return next((n for n, text in enumerate(fragments) if n and _CLOSING.search(_key(text))), None)


# A line that starts inside a word or sentence (ければならない。…, を講じ…): a fragment, not a
# preamble or a covering note, whatever it says (この…, また… start sentences: they are not).
_CONTINUATION = re.compile(r"^(?:ければ|なけれ|ならな|ない[。、]|とする|ものと|こと[。、]|する[。、]|した[。、]|れば|られ|させ"
                           r"|[をはがへ][^ぁ-ゖ]|[、。])")


def is_fragment(text: str) -> bool:
    return bool(_CONTINUATION.match(_key(text)))
