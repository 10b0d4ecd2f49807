"""The national-scale benchmark corpus: 1,800 特記事項 of about three pages each, as PDFs.

Every template is a variant of one of the two real ones (scripts/samples: 防府市 and 福岡県),
made by what really differs between municipal templates:

- articles reordered (and renumbered), some dropped, two merged into one, one split in two;
- spelling variants (漏えい/漏洩, き損/毀損, 取扱い/取り扱い, 持出し/持ち出し);
- party names (甲/乙, 委託者/受託者, 発注者/受注者, 市/受託者 …) and the issuer's name (a real
  prefecture or municipality from the list below, written into the text where the original
  names 防府市 or 福岡県);
- numbering style (第１ / 第1条 / 第一条 / bare １ with paragraphs folded, items 一 / （１）);
- duties weakened or strengthened (直ちに/速やかに/遅滞なく, 書面による承諾/承諾);
- layout: character grid chosen so the text runs to about three pages, 別記/別紙, item indent,
  running header, faux-bold headings, blank lines between articles.

Files are named like a download folder: ``<prefecture>/<issuer> <title>.pdf`` (Japanese, with
spaces). Document 0 is the 防府市 original itself: the reference the batch compares against.

Deterministic: document i depends only on i and the seed, so ``--size 60`` gives the first 60
documents of the full corpus. Built once: a file that exists and is listed in the manifest
(``_manifest.json``, which also records what each file should segment into) is skipped; a
change to this script or to the source texts rebuilds the corpus. Fonts are referenced, not
embedded (``embed_font=False``): the extracted text is identical (checked when this was
written, and re-checked by the bench on every build), the files are ~12x smaller and typeset
~3x faster.

    .venv/bin/python scripts/bench_corpus.py [--size N] [--out DIR] [--jobs 2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.tools.typeset import wrap_line  # noqa: E402  (pure: no reportlab import)

SOURCES = REPO / "scripts" / "samples"
BENCH_CACHE = REPO / ".cache" / "bench"
FULL_SIZE = 1800
SEED = 20241122
EMBED_FONT = False
MANIFEST = "_manifest.json"  # not a .pdf/.txt/.docx: the batch does not see it
TARGET_PAGES = 3

# Real prefectures and municipalities (kanji names only, so that issuer detection can read
# them). The prefecture is the folder; it is an issuer itself too.
MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "北海道": ("札幌市", "函館市", "小樽市", "旭川市", "釧路市", "帯広市", "北見市", "苫小牧市", "江別市",
             "千歳市", "倶知安町", "余市町", "美瑛町", "東川町"),
    "青森県": ("青森市", "弘前市", "八戸市", "黒石市", "五所川原市", "十和田市", "三沢市", "平川市", "七戸町",
             "六戸町"),
    "岩手県": ("盛岡市", "宮古市", "大船渡市", "花巻市", "北上市", "一関市", "奥州市", "滝沢市", "雫石町", "紫波町"),
    "宮城県": ("仙台市", "石巻市", "塩竈市", "気仙沼市", "白石市", "名取市", "多賀城市", "岩沼市", "大崎市",
             "富谷市", "松島町", "利府町"),
    "秋田県": ("秋田市", "能代市", "横手市", "大館市", "男鹿市", "湯沢市", "由利本荘市", "大仙市", "仙北市"),
    "山形県": ("山形市", "米沢市", "鶴岡市", "酒田市", "新庄市", "寒河江市", "上山市", "天童市", "東根市"),
    "福島県": ("福島市", "会津若松市", "郡山市", "白河市", "須賀川市", "喜多方市", "相馬市", "二本松市", "南相馬市"),
    "茨城県": ("水戸市", "日立市", "土浦市", "古河市", "石岡市", "結城市", "取手市", "笠間市", "那珂市"),
    "栃木県": ("宇都宮市", "足利市", "栃木市", "佐野市", "鹿沼市", "日光市", "小山市", "真岡市", "大田原市",
             "那須塩原市", "益子町"),
    "群馬県": ("前橋市", "高崎市", "桐生市", "伊勢崎市", "太田市", "沼田市", "館林市", "渋川市", "藤岡市",
             "富岡市", "草津町"),
    "埼玉県": ("川越市", "熊谷市", "川口市", "行田市", "秩父市", "所沢市", "飯能市", "加須市", "本庄市",
             "東松山市", "春日部市", "狭山市", "越谷市", "戸田市", "朝霞市", "新座市", "三芳町"),
    "千葉県": ("千葉市", "銚子市", "市川市", "船橋市", "館山市", "木更津市", "松戸市", "野田市", "茂原市",
             "成田市", "佐倉市", "柏市", "市原市", "流山市", "浦安市", "習志野市", "八千代市", "我孫子市"),
    "東京都": ("千代田区", "中央区", "港区", "新宿区", "文京区", "台東区", "墨田区", "江東区", "品川区", "目黒区",
             "大田区", "世田谷区", "渋谷区", "中野区", "杉並区", "豊島区", "北区", "荒川区", "板橋区", "練馬区",
             "足立区", "葛飾区", "江戸川区", "八王子市", "立川市", "武蔵野市", "三鷹市", "青梅市", "府中市",
             "昭島市", "調布市", "町田市", "小金井市", "小平市", "日野市", "国分寺市", "国立市", "多摩市",
             "瑞穂町", "奥多摩町"),
    "神奈川県": ("横浜市", "川崎市", "相模原市", "横須賀市", "平塚市", "鎌倉市", "藤沢市", "小田原市", "逗子市",
              "三浦市", "秦野市", "厚木市", "大和市", "伊勢原市", "海老名市", "座間市", "南足柄市", "綾瀬市",
              "葉山町", "寒川町", "大磯町", "二宮町", "箱根町"),
    "新潟県": ("新潟市", "長岡市", "三条市", "柏崎市", "新発田市", "小千谷市", "加茂市", "十日町市", "見附市",
             "村上市", "燕市", "糸魚川市", "妙高市", "五泉市", "上越市", "佐渡市", "魚沼市", "南魚沼市", "湯沢町"),
    "富山県": ("富山市", "高岡市", "魚津市", "氷見市", "滑川市", "黒部市", "砺波市", "小矢部市", "南砺市",
             "射水市", "立山町"),
    "石川県": ("金沢市", "七尾市", "小松市", "輪島市", "珠洲市", "加賀市", "羽咋市", "白山市", "能美市", "野々市市"),
    "静岡県": ("静岡市", "浜松市", "沼津市", "熱海市", "三島市", "富士宮市", "伊東市", "島田市", "富士市",
             "磐田市", "焼津市", "掛川市", "藤枝市", "御殿場市", "袋井市", "下田市", "裾野市", "湖西市", "伊豆市",
             "御前崎市", "菊川市", "牧之原市", "函南町", "清水町", "長泉町"),
    "愛知県": ("名古屋市", "豊橋市", "岡崎市", "一宮市", "瀬戸市", "半田市", "春日井市", "豊川市", "津島市",
             "碧南市", "刈谷市", "豊田市", "安城市", "西尾市", "蒲郡市", "犬山市", "常滑市", "江南市", "小牧市",
             "稲沢市", "新城市", "東海市", "大府市", "知多市", "知立市", "尾張旭市", "高浜市", "岩倉市", "豊明市",
             "日進市", "田原市", "愛西市", "清須市", "北名古屋市", "弥富市", "長久手市", "東郷町", "東浦町",
             "武豊町"),
    "京都府": ("京都市", "福知山市", "舞鶴市", "綾部市", "宇治市", "宮津市", "亀岡市", "城陽市", "向日市",
             "長岡京市", "八幡市", "京田辺市", "京丹後市", "南丹市", "木津川市", "精華町"),
    "大阪府": ("大阪市", "堺市", "岸和田市", "豊中市", "池田市", "吹田市", "泉大津市", "高槻市", "貝塚市",
             "守口市", "枚方市", "茨木市", "八尾市", "泉佐野市", "富田林市", "寝屋川市", "河内長野市", "松原市",
             "大東市", "和泉市", "箕面市", "柏原市", "羽曳野市", "門真市", "摂津市", "高石市", "藤井寺市",
             "東大阪市", "泉南市", "交野市", "大阪狭山市", "阪南市", "島本町", "熊取町"),
    "兵庫県": ("神戸市", "姫路市", "尼崎市", "明石市", "西宮市", "洲本市", "芦屋市", "伊丹市", "相生市",
             "豊岡市", "加古川市", "赤穂市", "西脇市", "宝塚市", "三木市", "高砂市", "川西市", "小野市", "三田市",
             "加西市", "丹波篠山市", "養父市", "丹波市", "朝来市", "淡路市", "宍粟市", "加東市", "猪名川町",
             "稲美町", "播磨町"),
    "広島県": ("広島市", "呉市", "竹原市", "三原市", "尾道市", "福山市", "三次市", "庄原市", "大竹市",
             "東広島市", "廿日市市", "安芸高田市", "江田島市", "府中町", "海田町", "熊野町"),
    "山口県": ("下関市", "宇部市", "山口市", "萩市", "防府市", "下松市", "岩国市", "光市", "長門市", "柳井市",
             "美祢市", "周南市", "山陽小野田市", "周防大島町", "和木町", "上関町", "田布施町", "平生町", "阿武町"),
    "福岡県": ("北九州市", "福岡市", "大牟田市", "久留米市", "直方市", "飯塚市", "田川市", "柳川市", "八女市",
             "筑後市", "大川市", "行橋市", "豊前市", "中間市", "小郡市", "筑紫野市", "春日市", "大野城市",
             "宗像市", "太宰府市", "古賀市", "福津市", "宮若市", "嘉麻市", "朝倉市", "糸島市", "那珂川市",
             "宇美町", "篠栗町", "志免町", "須恵町", "新宮町", "久山町", "粕屋町", "芦屋町", "水巻町", "岡垣町",
             "遠賀町"),
    "熊本県": ("熊本市", "八代市", "人吉市", "荒尾市", "水俣市", "玉名市", "山鹿市", "菊池市", "宇土市",
             "上天草市", "宇城市", "阿蘇市", "天草市", "合志市", "大津町", "菊陽町"),
    "沖縄県": ("那覇市", "宜野湾市", "石垣市", "浦添市", "名護市", "糸満市", "沖縄市", "豊見城市", "宮古島市",
             "南城市", "読谷村", "嘉手納町", "北谷町", "西原町", "与那原町", "南風原町"),
}

TITLES = {
    "hofu-city": ("重要情報資産・個人情報取扱特記事項", "情報資産及び個人情報取扱特記事項", "個人情報取扱特記事項",
                  "情報セキュリティ及び個人情報取扱特記事項"),
    "fukuoka-pref": ("保有個人情報取扱特記事項", "個人情報取扱特記事項", "個人情報の取扱いに関する特記事項",
                     "個人情報保護に関する特記事項"),
}
# Name suffixes that keep two templates of one issuer apart, as real download folders do.
NAME_SUFFIXES = ("", "（令和５年４月改正）", "（委託契約用）", " 令和６年度", "（指定管理用）", " 旧様式", "（改正後）",
                 " 別記", "（令和４年度版）", " 参考様式", "（業務委託）", "（令和７年度）")
# The heading of the second half of a split article, by the heading of the article split.
SPLIT_HEADINGS = {
    "安全管理義務": "監督及び教育", "複写・複製の禁止": "記録媒体等の持込み", "情報資産の返還・消去": "取得した情報の帰属",
    "再委託の禁止": "再委託先の監督", "管理及び実施体制": "従事者の範囲", "複写又は複製等の禁止": "送信等の制限",
    "事故報告": "事故の調査及び報告",
}
SPELLINGS = (("漏えい", "漏洩"), ("き損", "毀損"), ("取扱い", "取り扱い"), ("持出し", "持ち出し(?!て)"))
PARTIES = (("甲", "乙"), ("委託者", "受託者"), ("発注者", "受注者"), ("{kind}", "受託者"), ("{kind}", "乙"))
PARTY_WEIGHTS = (5, 2, 2, 1, 1)
NUMBERING = ("zen", "jo", "kanji", "bare")
NUMBERING_WEIGHTS = (5, 3, 2, 1)

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI_DIGITS = "〇一二三四五六七八九"


def full_width(n: int) -> str:
    return str(n).translate(_FULL)


def kanji_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _KANJI_DIGITS[tens] + "十")) + (_KANJI_DIGITS[ones] if ones else "")


# -- the source templates as a structure ----------------------------------------------------
@dataclass
class Paragraph:
    text: str
    items: list[str] = field(default_factory=list)


@dataclass
class Article:
    heading: str
    paragraphs: list[Paragraph]


@dataclass
class Template:
    base: str
    title: str
    articles: list[Article]
    notes: list[str]


def parse_source(name: str) -> Template:
    """scripts/samples/NAME.src.txt (別記, title, （見出し）, 第N …, ２ …, 一 …, 注 …) → a Template."""
    lines = [line.strip() for line in (SOURCES / f"{name}.src.txt").read_text(encoding="utf-8").split("\n")]
    lines = [line for line in lines if line]
    assert lines[0] == "別記", lines[0]
    title, articles, notes = lines[1], [], []
    heading = None
    in_notes = False
    for line in lines[2:]:
        if in_notes:
            notes.append(re.sub(r"^[０-９]+\s+", "", line))
        elif line == "注":
            in_notes = True
        elif m := re.fullmatch(r"（(.+)）", line):
            heading = m[1]
        elif m := re.fullmatch(r"第[０-９]+\s+(.+)", line):
            articles.append(Article(heading, [Paragraph(m[1])]))
        elif m := re.fullmatch(r"[０-９]+\s+(.+)", line):
            articles[-1].paragraphs.append(Paragraph(m[1]))
        elif m := re.fullmatch(r"[一二三四五六七八九十]+\s+(.+)", line):
            articles[-1].paragraphs[-1].items.append(m[1])
        else:
            raise ValueError(f"{name}: cannot read line {line!r}")
    return Template(name, title, articles, notes)


@dataclass(frozen=True)
class Issuer:
    prefecture: str
    name: str

    @property
    def kind(self) -> str:
        return self.name[-1]  # 県 市 町 村 区 都 道 府


def issuers() -> list[Issuer]:
    """Every issuer (prefectures and municipalities) in a fixed shuffled order."""
    everyone = [Issuer(p, p) for p in MUNICIPALITIES] + [Issuer(p, m) for p, ms in MUNICIPALITIES.items() for m in ms]
    random.Random(f"{SEED}-issuers").shuffle(everyone)
    return everyone


# -- one document ------------------------------------------------------------------------
@dataclass
class Spec:
    """Everything needed to typeset one corpus document, and what it should segment into."""

    index: int
    relpath: str
    base: str
    issuer: str
    lines: list[str]
    title_index: int
    typeset: dict
    articles: int
    clauses: int


def _edit_structure(t: Template, rng: random.Random) -> tuple[list[Article], list[str]]:
    articles = [Article(a.heading, [Paragraph(p.text, list(p.items)) for p in a.paragraphs]) for a in t.articles]
    edits = []
    # drop 0–3 articles (never the first, 基本的事項)
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        del articles[rng.randrange(1, len(articles))]
        edits.append("drop")
    # merge two neighbours into one
    if rng.random() < 0.3 and len(articles) > 4:
        i = rng.randrange(1, len(articles) - 1)
        first, second = articles[i], articles.pop(i + 1)
        heading = f"{first.heading}及び{second.heading}" if len(first.heading) + len(second.heading) <= 16 else first.heading
        articles[i] = Article(heading, first.paragraphs + second.paragraphs)
        edits.append("merge")
    # split one with several paragraphs
    candidates = [i for i, a in enumerate(articles) if len(a.paragraphs) > 1]
    if rng.random() < 0.3 and candidates:
        i = rng.choice(candidates)
        article = articles[i]
        rest = article.paragraphs[1:]
        rest[0] = Paragraph(rest[0].text.replace("前項", "前条"), rest[0].items)
        heading = SPLIT_HEADINGS.get(article.heading, f"{article.heading}に係る措置")
        articles[i:i + 1] = [Article(article.heading, article.paragraphs[:1]), Article(heading, rest)]
        edits.append("split")
    # reorder: a few swaps among the middle articles (基本的事項 first, the last stays last)
    if rng.random() < 0.5 and len(articles) > 4:
        for _ in range(rng.randint(1, 3)):
            i, j = rng.sample(range(1, len(articles) - 1), 2)
            articles[i], articles[j] = articles[j], articles[i]
        edits.append("reorder")
    return articles, edits


def _reword(text: str, rng: random.Random, spellings: list[int], parties: tuple[str, str], issuer: Issuer) -> str:
    # spelling variants, one direction per document: 0 as printed, 1 → first form, 2 → second
    for (first, second), mode in zip(SPELLINGS, spellings):
        if mode == 1:
            text = re.sub(second, first, text)
        elif mode == 2:
            text = re.sub(first, second.split("(")[0], text)
    # duties: deadline and consent, weakened or strengthened clause by clause
    text = re.sub("直ちに|速やかに", lambda m: m[0] if rng.random() < 0.75 else
                  rng.choice([w for w in ("直ちに", "速やかに", "遅滞なく") if w != m[0]]), text)
    text = re.sub("書面による承諾", lambda m: m[0] if rng.random() < 0.8 else "承諾", text)
    text = re.sub("甲の承諾", lambda m: m[0] if rng.random() < 0.9 else "甲の書面による承諾", text)
    # the issuer's own name, then the parties
    text = text.replace("防府市", issuer.name)
    client, contractor = (p.format(kind=issuer.kind) for p in parties)
    return text.replace("甲", client).replace("乙", contractor)


def document_spec(index: int, t_by_base: dict[str, Template], issuer_list: list[Issuer], taken: set[str]) -> Spec:
    rng = random.Random(f"{SEED}-{index}")
    if index == 0:  # the reference: the 防府市 original, as the 3-page bench PDF typesets it
        base, issuer, articles, edits = "hofu-city", Issuer("山口県", "防府市"), t_by_base["hofu-city"].articles, []
        numbering, parties, spellings, title = "zen", PARTIES[0], [0, 0, 0, 0], t_by_base["hofu-city"].title
    else:
        base = rng.choice(("hofu-city", "fukuoka-pref"))
        issuer = issuer_list[(index - 1) % len(issuer_list)]
        articles, edits = _edit_structure(t_by_base[base], rng)
        numbering = rng.choices(NUMBERING, NUMBERING_WEIGHTS)[0]
        parties = rng.choices(PARTIES, PARTY_WEIGHTS)[0]
        spellings = [rng.choice((0, 0, 1, 2)) for _ in SPELLINGS]
        title = rng.choice(TITLES[base])
        if rng.random() < 0.3:
            title = issuer.name + title
    template = t_by_base[base]
    sep = " " if index == 0 or rng.random() < 0.6 else "\u3000"
    heading_inline = numbering != "bare" and index != 0 and rng.random() < 0.15
    blank_between = base == "fukuoka-pref" and rng.random() < 0.7 or base == "hofu-city" and rng.random() < 0.2
    item_style = "paren" if numbering == "bare" or (index and rng.random() < 0.3) else "kanji"
    ascii_paragraphs = numbering == "jo" and rng.random() < 0.5

    def reword(text: str) -> str:
        text = text.replace(template.title, "この特記事項") if base == "fukuoka-pref" else text
        return _reword(text, rng, spellings, parties, issuer)

    attachment = "別記" if index == 0 else rng.choice(("別記", "別紙", "別記", None))
    lines = ([attachment] if attachment else []) + [title]
    title_index = len(lines) - 1
    if blank_between:
        lines.append("")
    clauses = 0
    for n, article in enumerate(articles, start=1):
        label = {"zen": f"第{full_width(n)}", "jo": f"第{n}条", "kanji": f"第{kanji_number(n)}条", "bare": full_width(n)}[numbering]
        paragraphs = article.paragraphs
        if numbering == "bare" and len(paragraphs) > 1:
            # bare numbers leave no room for paragraph numbers: the paragraphs become one
            paragraphs = [Paragraph("".join([paragraphs[0].text] + [
                "また、" + p.text for p in paragraphs[1:]]), [i for p in paragraphs for i in p.items])]
        heading = f"（{reword(article.heading)}）"
        if not heading_inline:
            lines.append(heading)
        clauses += 1
        for k, paragraph in enumerate(paragraphs, start=1):
            clauses += 1 + len(paragraph.items)
            text = reword(paragraph.text)
            if k == 1:
                lines.append(f"{label}{heading}{sep}{text}" if heading_inline else f"{label}{sep}{text}")
            else:
                lines.append(f"{k if ascii_paragraphs else full_width(k)}{sep}{text}")
            for m, item in enumerate(paragraph.items, start=1):
                item_label = (kanji_number(m) if item_style == "kanji" else f"（{full_width(m)}）") + sep
                lines.append(f"{item_label}{reword(item)}")
        if blank_between:
            lines.append("")
    if template.notes:
        client, contractor = (p.format(kind=issuer.kind) for p in parties)
        if parties == PARTIES[0]:
            note = f"甲は委託者である{issuer.name}を、乙は受託者を指す。"
        elif client == "委託者":
            note = f"委託者は{issuer.name}を指す。"
        else:
            note = None
        if note:
            lines += ["注", f"{sep}１{sep}{note}"]

    # a grid on which the text runs to about three pages
    if index == 0:
        chars, lines_per_page, item_indent, extras = 34, 30, 0, {}
    else:
        chars = rng.randint(34, 45)
        item_indent = rng.choice((0, 0, 2))
        extras = {}
        if rng.random() < 0.15:
            extras["header"] = rng.choice((issuer.name, "別記", f"{issuer.name}　{title}"[:24]))
        if rng.random() < 0.1:
            extras["faux_bold_headings"] = True
        extras["title_size"] = rng.choice((12.0, 14.0))
    display = 0
    for i, line in enumerate(lines):
        if i == title_index or not line.strip():
            display += 1
        else:
            display += len(wrap_line(line, chars - (item_indent if re.match(r"[一二三四五六七八九十]+[ \u3000]", line) else 0)))
    if index:
        lines_per_page = min(56, max(24, math.ceil(display / TARGET_PAGES) + rng.randint(0, 3)))

    name_title = title if not title.startswith(issuer.name) else title[len(issuer.name):]
    space = " " if rng.random() < 0.85 else "\u3000"
    for suffix in NAME_SUFFIXES:
        relpath = f"{issuer.prefecture}/{issuer.name}{space}{name_title}{suffix}.pdf"
        if relpath not in taken:
            break
    else:
        relpath = f"{issuer.prefecture}/{issuer.name}{space}{name_title}（{index}）.pdf"
    taken.add(relpath)
    typeset = dict(chars_per_line=chars, lines_per_page=lines_per_page, item_indent=item_indent, embed_font=EMBED_FONT,
                   **extras)
    return Spec(index, relpath, base, issuer.name, lines, title_index, typeset, len(articles), clauses)


def specs(size: int) -> list[Spec]:
    templates = {name: parse_source(name) for name in TITLES}
    issuer_list, taken = issuers(), set()
    return [document_spec(i, templates, issuer_list, taken) for i in range(size)]


def variant(spec: Spec) -> Spec:
    """The same document re-typeset on another grid: a changed file with the same text."""
    typeset = dict(spec.typeset, chars_per_line=spec.typeset["chars_per_line"] + 1)
    return replace(spec, typeset=typeset)


# -- building ------------------------------------------------------------------------------
def typeset_one(spec: Spec, path: str) -> tuple[int, int]:
    """Typeset ``spec`` to ``path`` atomically; (pages, bytes)."""
    from pipeline.tools.typeset import typeset_pdf

    tmp = f"{path}.part"
    pages = typeset_pdf(spec.lines, tmp, title_index=spec.title_index, **spec.typeset)
    os.replace(tmp, path)
    return pages, os.path.getsize(path)


def generator_version() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for name in sorted(TITLES):
        digest.update((SOURCES / f"{name}.src.txt").read_bytes())
    return digest.hexdigest()[:16]


def corpus_dir(size: int) -> Path:
    return BENCH_CACHE / ("corpus" if size == FULL_SIZE else f"corpus-{size}")


@dataclass
class Corpus:
    root: Path
    files: list[dict]  # relpath, base, issuer, articles, clauses, pages, bytes
    built: int
    seconds: float

    @property
    def reference(self) -> Path:
        return self.root / self.files[0]["path"]

    @property
    def pages(self) -> int:
        return sum(f["pages"] for f in self.files)

    @property
    def megabytes(self) -> float:
        return sum(f["bytes"] for f in self.files) / 1e6

    def paths(self) -> list[Path]:
        return [self.root / f["path"] for f in self.files]


def load(root: Path) -> Corpus:
    """The corpus already built in ``root`` (from its manifest)."""
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return Corpus(root, manifest["files"], 0, 0.0)


def build(size: int = FULL_SIZE, out: Path | None = None, jobs: int = 2, verbose: bool = True) -> Corpus:
    """Build (or find) the corpus of ``size`` documents; typeset only what is missing."""
    root = out or corpus_dir(size)
    start = time.perf_counter()
    version = generator_version()
    manifest_path = root / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if manifest is not None and manifest.get("version") != version:
        if verbose:
            print(f"bench corpus: generator changed, rebuilding {root}")
        shutil.rmtree(root)
        manifest = None
    known = {f["path"]: f for f in (manifest or {}).get("files", [])}
    all_specs = specs(size)
    todo = [s for s in all_specs if s.relpath not in known or not (root / s.relpath).exists()]
    if todo:
        if verbose:
            print(f"bench corpus: typesetting {len(todo)} of {size} PDFs into {root} ({jobs} processes) …", flush=True)
        for spec in todo:
            (root / spec.relpath).parent.mkdir(parents=True, exist_ok=True)
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=jobs, batch_size=8)(delayed(typeset_one)(s, str(root / s.relpath)) for s in todo)
        for spec, (pages, size_bytes) in zip(todo, results):
            known[spec.relpath] = {"path": spec.relpath, "base": spec.base, "issuer": spec.issuer,
                                   "articles": spec.articles, "clauses": spec.clauses, "pages": pages, "bytes": size_bytes}
    files = [known[s.relpath] for s in all_specs]
    if todo:
        tmp = manifest_path.with_suffix(".part")
        tmp.write_text(json.dumps({"version": version, "seed": SEED, "size": size, "embed_font": EMBED_FONT,
                                   "files": files}, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(tmp, manifest_path)
    corpus = Corpus(root, files, len(todo), time.perf_counter() - start)
    if verbose:
        verb = "built" if todo else "found (already built)"
        print(f"bench corpus {verb} in {corpus.seconds:.1f} s: {len(files)} files, {corpus.pages} pages, "
              f"{corpus.megabytes:.1f} MB, in {len({Path(f['path']).parent for f in files})} prefecture folders: {root}")
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=FULL_SIZE)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    corpus = build(args.size, args.out, args.jobs)
    pages = [f["pages"] for f in corpus.files]
    spread = {n: pages.count(n) for n in sorted(set(pages))}
    print("pages per file: " + ", ".join(f"{n} pages × {c}" for n, c in spread.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
