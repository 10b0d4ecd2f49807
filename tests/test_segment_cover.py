"""Where the template begins after a covering note (segment.cover): the note must be numbered
on its own, stand before a line naming the document, and the numbering must start again."""

from pipeline.segment.cover import COVER_MAX_CHARS, covering_note_end
from pipeline.segment.labels import Line
from pipeline.text.normalize import label_key


def _lines(*texts: str) -> list[Line]:
    return [Line(n, 1, text, label_key(text)) for n, text in enumerate(texts)]


NOTE = ("令和９年度　入札に関する留意事項", "1 この留意事項は、入札参加者に配布する。", "2 別添の特記仕様書を遵守すること。", "別添")
TEMPLATE = ("個人情報の取扱いに関する特記仕様書", "1 目的", "この仕様書は、遵守事項を定める。", "2 秘密の保持", "受注者は、漏らさないこと。")


def test_note_ends_with_its_last_sentence_and_the_title_stays():
    assert covering_note_end(_lines(*NOTE, *TEMPLATE)) == 3  # 別添 and the title stay the template's


def test_no_note_when_the_numbering_does_not_start_again():
    lines = _lines(*NOTE, "個人情報の取扱いに関する特記仕様書", "3 目的", "この仕様書は、遵守事項を定める。")
    assert covering_note_end(lines) == 0


def test_no_note_without_a_line_naming_the_document():
    lines = _lines(*NOTE, "以下の事項を守ること", "1 目的", "この仕様書は、遵守事項を定める。")
    assert covering_note_end(lines) == 0


def test_a_template_without_a_note_starts_at_its_first_line():
    assert covering_note_end(_lines(*TEMPLATE)) == 0


def test_a_long_numbered_text_before_the_title_is_no_covering_note():
    # a contract with the template attached after it: left as it reads
    contract = [f"{n} 受注者は、契約書第{n}条に定める事項を誠実に履行しなければならない。" for n in range(1, 30)]
    assert sum(len(t) for t in contract) > COVER_MAX_CHARS
    assert covering_note_end(_lines(*contract, *TEMPLATE)) == 0
