"""The title: the line that names the document, nearest above its first article.

Real files put page chrome (別紙2, 別添, 参考資料10, a file name, [PDF 90KB]) and covering
notes before the title, and the title may be letter-spaced (個 人 情 報 取 扱 特 記 事 項),
printed a character a line (特 / 記 / 事 / 項) or wrapped over two lines.
"""

from __future__ import annotations

import re

from pipeline.model import MetaLine
from pipeline.text.normalize import squeeze_cjk_spaces

# What a document of this kind is called at the end of its title.
_NAMES_DOCUMENT = re.compile(
    r"(?:特記事項|特約条項|特約事項|特記仕様書|仕様書|委託基準|取扱基準|取扱要領|取扱事項|遵守事項|留意事項|要領|規程)"
    r"(?:[(（][^()（）]{0,20}[)）])?$"
)
# The looser hint of old, for a title that names the document in other words
_TITLE_HINT = re.compile(r"特記事項|取扱.*(?:事項|基準|要領)|仕様書|規程|要領")
TITLE_MAX_LENGTH = 50
# Page chrome, never a title: 別紙2, 別添, 参考資料10, a file name, a size, a breadcrumb
_CHROME = re.compile(
    r"^(?:別紙|別添|別記|別表|参考資料|資料|様式|添付)\s*[0-9０-９一二三四五六七八九十]*(?:[(（].*[)）])?$"
    r"|\.(?:pdf|docx?|txt|html?)\b|\[?PDF|[0-9]+\s*[KM]B|>|＞|^ホーム$|^[0-9０-９\s/／.\-－]+$",
    re.IGNORECASE,
)
_COVERING_NOTE = ("について", "送付", "添付", "お知らせ")
_SPACES = re.compile(r"\s+")
# A title wrapped over two lines breaks off after a connective (…に関する / 特記事項); a line
# that ends a phrase of its own (印刷用ページを表示する, a web page's button) is not its head.
_BREAKS_OFF = re.compile(r"(?:に関する|における|に係る|に対する|についての|のための|[のにをとへ]|及び|並びに|又は|等)$")
# …or the second line cannot begin a title: it goes on from what the line before named
# (特定個人情報 / 取扱特記事項; 個人情報の / 取扱いに関する特記事項).
_GOES_ON = re.compile(r"^(?:取扱|取り扱|に関|に係|に対|等|及び|並びに|の)|^(?:特記事項|特約条項|特記仕様書)$")
_NOUN_PHRASE = re.compile(r"^[^、。,，\s]{2,25}$")
_KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff々]")


def names_document(text: str) -> bool:
    """The text ends as the name of a 特記事項 template does (…特記事項, …特記仕様書 …)."""
    return _NAMES_DOCUMENT.search(text) is not None


def _squeezed(text: str) -> str:
    return _SPACES.sub("", squeeze_cjk_spaces(text)) if _letter_spaced(text) else squeeze_cjk_spaces(text)


def _letter_spaced(text: str) -> bool:
    """個 人 情 報 …: most characters stand between spaces."""
    parts = text.split()
    return len(parts) >= 4 and sum(len(p) == 1 for p in parts) / len(parts) >= 0.7


def _candidates(lines: list[MetaLine]) -> list[tuple[str, tuple[int, ...]]]:
    """(text, line indices): each line, runs of one-character lines joined, and a line joined
    with the one before it when that one breaks off mid-phrase (…に関する / 特記事項)."""
    out: list[tuple[str, tuple[int, ...]]] = []
    run: list[MetaLine] = []
    for n, line in enumerate(lines + [None]):  # type: ignore[list-item]
        single = line is not None and len(line.text.strip()) == 1 and _KANA_KANJI.match(line.text.strip()) is not None
        if single and (not run or run[-1].line == line.line - 1):
            run.append(line)
            continue
        if len(run) >= 2:
            out.append(("".join(m.text.strip() for m in run), tuple(m.line for m in run)))
        run = [line] if single else []
        if line is None or single:
            continue
        text = _squeezed(line.text)
        out.append((text, (line.line,)))
        previous = lines[n - 1] if n else None
        if previous is not None and previous.line == line.line - 1:
            before = _squeezed(previous.text)
            if before and "。" not in before and (
                    _BREAKS_OFF.search(before)
                    or (_GOES_ON.search(text) and _NOUN_PHRASE.match(before) and not _CHROME.search(before))):
                out.append((before + text, (previous.line, line.line)))
    return out


def choose_title(metadata: list[MetaLine], first_article_line: int) -> tuple[str | None, tuple[int, ...]]:
    """(title, the indices of the lines it stands on) — (None, ()) when no line names it."""
    above = [m for m in metadata if m.line < first_article_line and m.kind in ("preamble", "attachment")]
    candidates = [(t, lines) for t, lines in _candidates(above) if t and len(t) <= TITLE_MAX_LENGTH and "。" not in t]
    named = [c for c in candidates if names_document(c[0])]
    if named:
        # the nearest above the first article; of two ending on the same line, the longer
        return max(named, key=lambda c: (max(c[1]), len(c[1])))
    plain = [c for c in candidates if not _CHROME.search(c[0]) and not c[0].endswith(_COVERING_NOTE)]
    hinted = [c for c in plain if _TITLE_HINT.search(c[0])]
    # no line names the document: the first plain short line (a law's name: 行政手続法), if any
    return (hinted or plain or [(None, ())])[0]
