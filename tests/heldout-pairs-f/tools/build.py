"""Write the 8 pair folders (a.txt, b.txt, gold.tsv, README.md) from pairs1.py / pairs2.py."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from render import render  # noqa: E402
from pairs1 import P01, P02, P03, P04  # noqa: E402
from pairs2 import P05, P06, P07, P08  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAIRS = [P01, P02, P03, P04, P05, P06, P07, P08]

LAYOUT_DESC = {
    "dai_fw": "（見出し） line + `第１　本文` (full-width number, no 条)",
    "dai_fw_jo": "（見出し） line + `第１条　本文`",
    "dai_space": "（見出し） line + `第　１　本文` (U+3000 around the number)",
    "dai_alone": "（見出し） line + `第1` alone, body on the next line",
    "dai_half_jo": "(見出し) line + `第1条 本文` (half-width)",
    "dai_jo_after": "`第1条(見出し)` alone, body on the next line",
    "dai_jo_after_fw": "`第１条（見出し）` alone, body on the next line",
    "kanji": "（見出し） line + `第十一条　本文` (kanji numerals)",
    "kanji_after": "`第十一条（見出し）` alone (kanji), body on the next line",
    "dotted": "（見出し） line + `1. 本文`; one heading over two articles",
    "dotted_after": "`1. (見出し)` alone, body on the next line",
    "shiyousho": "特記仕様書 `1 見出し` alone, body on the next line",
    "single": "one single line (HTML copy): `(見出し) 第1条 本文。 2 本文。`",
}


def fmt_reasons(rs):
    return "-" if not rs else ", ".join(f"{d}: {a} → {b}" for d, a, b in rs)


def layout_text(t):
    bits = [LAYOUT_DESC[t["layout"]]]
    if t["layout"] != "single":
        bits.append(f"wrapped at {t['width']}")
    if t.get("blank"):
        bits.append("blank line + trailing space after every line")
    if t.get("ascii"):
        bits.append("ASCII , ( )")
    if t.get("glyph"):
        bits.append("glyph-spacing artefacts")
    if t.get("title_spaced"):
        bits.append("letter-spaced title")
    if t.get("chrome"):
        bits.append("page chrome " + " ".join(t["chrome"]))
    if t.get("preamble"):
        bits.append("preamble sentence")
    if t.get("notes"):
        bits.append("trailing 注")
    return "; ".join(bits)


def heading_of(t, n):
    arts = t["articles"]
    h = arts[n - 1].get("h")
    while h is None and n > 1:  # shared heading
        n -= 1
        h = arts[n - 1].get("h")
    return h


def pair_readme(P):
    A, B = P["A"], P["B"]
    rows = P["gold"]
    c = {s: sum(1 for r in rows if r[2] == s) for s in ("equivalent", "divergent", "missing", "extra")}
    nreasons = sum(len(r[3]) for r in rows)
    L = [f"# {P['name']}", "", f"**Kind:** {P['kind']}.", "",
         f"- `a.txt` (reference): {A['title']} — {len(A['articles'])} articles; {layout_text(A)}.",
         f"- `b.txt` (under review): {B['title']} — {len(B['articles'])} articles; {layout_text(B)}.",
         "",
         f"Rows: {len(rows)} — equivalent {c['equivalent']}, divergent {c['divergent']}, missing {c['missing']}, extra {c['extra']}; reasons {nreasons}.",
         "", "| a | heading (A) | b | heading (B) | status | reasons | why |", "|---|---|---|---|---|---|---|"]
    for a, b, s, rs, note in rows:
        ha = heading_of(A, a) if a != "-" else ""
        hb = heading_of(B, b) if b != "-" else ""
        L.append(f"| {a} | {ha} | {b} | {hb} | {s} | {fmt_reasons(rs)} | {note} |")
    L += ["", "## Judgement calls", ""] + [f"- {x}" for x in P["calls"]] + [""]
    return "\n".join(L)


def main():
    for P in PAIRS:
        d = os.path.join(ROOT, P["name"])
        os.makedirs(d, exist_ok=True)
        for side in ("A", "B"):
            with open(os.path.join(d, side.lower() + ".txt"), "w", encoding="utf-8") as f:
                f.write(render(P[side]))
        with open(os.path.join(d, "gold.tsv"), "w", encoding="utf-8") as f:
            f.write("a\tb\tstatus\treasons\n")
            for a, b, s, rs, _ in P["gold"]:
                f.write(f"{a}\t{b}\t{s}\t{fmt_reasons(rs)}\n")
        with open(os.path.join(d, "README.md"), "w", encoding="utf-8") as f:
            f.write(pair_readme(P))
    print("wrote", len(PAIRS), "pairs")


if __name__ == "__main__":
    main()


TRAPS = {
    "01": "split article (解除 / 損害賠償) with client's right vs contractor's duty; damages article sharing 漏えい、滅失、き損 with the incident report; 法令 exception; 承認/承諾 and しないこと wording",
    "02": "cross-reference 「第8条の規定により再委託する場合を除き」 in the take-out clause; generic 個人情報の取扱い article; 努めなければならない; moved article (8 → 9); split 返還及び廃棄; 漏えい/漏洩, き損/毀損, party words",
    "03": "merged articles (2+3 → 2); an article with no counterpart (10, 15); glyph-spacing; 業務上必要 vs 指示 exception; 事務/業務 and party words",
    "04": "特定個人情報 vs general (yardstick); duty moved into a ただし書; two merges; client's right (報告を求め) vs periodic duty; 書面による許諾 vs 承諾; single-line text",
    "05": "指定管理者 adaptation of survival/trigger (指定期間の満了); 速やかに vs 遅滞なく; 法令 exception; extra article for designated managers; 特記仕様書 labels with a preamble",
    "06": "kanji article numbers; 努める look-alike that is still a duty; おそれ vs 疑い; split 報告及び検査; article with no counterpart on each side (11 / 12); ASCII punctuation",
    "07": "same numbering, nine wording-only rows (許諾/承諾, しないこと, 漏洩/毀損, 届け出/提出, 書面により/書面で) to catch over-reporting; 努めなければならない turning a ban into an effort duty",
    "08": "趣旨 (no obligation) vs 基本的事項 (duty); generic article with no counterpart; widening to 業務上の秘密; paragraph differing on both sides; letter-spaced title, glyph-spacing, page chrome",
}


def short_layout(t):
    s = t["layout"] + (f"/{t['width']}" if t["layout"] != "single" else "")
    for k, tag in (("blank", "blank+trailing"), ("ascii", "ASCII"), ("glyph", "glyph"), ("title_spaced", "spaced title")):
        if t.get(k):
            s += ", " + tag
    return s


def top_readme():
    import collections
    per_dim = collections.Counter()
    tot = collections.Counter()
    L = ["# heldout-pairs-f — 8 unseen pairs of 個人情報取扱特記事項 templates", "",
         "Written from the brief `/work/sealed/briefs/pairs-f.md` without looking at the tool: the only sources were",
         "`/work/shared/reference/real-conventions.md` (layouts, drafting variants, traps), the two real templates in",
         "`/work/shared/corpus/` (福岡県, 防府市) for prose style, and the PPC guideline section 委託先の監督 in",
         "`/work/shared/reference/ppc-mynumber-guideline-gyosei.txt` (秘密保持義務, 事業所内からの持ち出しの禁止, 目的外利用の禁止,",
         "再委託における条件, 漏えい等事案が発生した場合の委託先の責任, 委託契約終了後の返却又は廃棄, 従業者の明確化, 従業者に対する監督・教育,",
         "契約内容の遵守状況の報告, 実地の監査・調査), which pair 04's 特定個人情報 side follows.",
         "",
         "All issuers are fictitious and the wording is new, written in the real style. No article is copied from the corpus; checked with",
         "a 40-character overlap scan, the only shared strings are the stock sentences that nearly every real template has (…みだりに他に",
         "漏らしてはならない。この契約が終了し、又は解除された後においても、同様とする。 and …適法かつ公正な手段により収集しなければならない。).",
         "",
         "## How it was written",
         "",
         "1. The differences were planned first: 58 reasons over 17 dimensions, each dimension at least 3 times and each both as a",
         "   change of value and as presence/absence (`none` on one side), plus a set of wording-only differences for equivalent rows.",
         "2. Each template is written as structured data (article → heading, paragraphs, items) in `tools/pairs1.py` and",
         "   `tools/pairs2.py`, together with its gold rows and a note per row.",
         "3. `tools/render.py` turns the data into extracted-looking text: a fixed wrap width (36–46 characters) with",
         "   breaks inside words, pulled back by one or more characters whenever the next line would start with 、。）」 or with a",
         "   digit, 第, an opening bracket or a kanji numeral (which could be mistaken for a label); optional blank line and trailing",
         "   space after every line; ASCII `,` `( )`; glyph-spacing artefacts (spaces between Japanese characters, fixed seed); a",
         "   letter-spaced title; page chrome; one template as a single line.",
         "4. `tools/build.py` writes the folders; `tools/check.py` checks the delivered files without importing the generator.",
         "",
         "Regenerate and check: `python3 tools/build.py && python3 tools/check.py`.",
         "",
         "## Format",
         "",
         "Each folder `NN-short-name/` has `a.txt` (reference template), `b.txt` (template under review), `gold.tsv` and `README.md`",
         "(what the pair is, a row-by-row table with a reason for each judgement, the judgement calls).",
         "",
         "`gold.tsv`: header `a<TAB>b<TAB>status<TAB>reasons`, one row per article correspondence. Ids are the arabic article numbers as",
         "printed (第十一条 → 11, 第１２ → 12, 3. → 3), `-` for no counterpart. status ∈ equivalent / divergent / missing (A only) / extra",
         "(B only). An article spread over two articles of the other side has two rows. reasons is `-` except for divergent rows, where it is",
         "a `, `-separated list of `dimension: A's value → B's value` (`none` when absent on one side; values contain no ASCII comma),",
         "at most one reason per dimension per row.",
         "",
         "## Pairs",
         "",
         "| pair | kind | A layout | B layout | arts A/B | eq | div | miss | extra | reasons | dimensions | traps |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for P in PAIRS:
        rows = P["gold"]
        c = collections.Counter(r[2] for r in rows)
        dims = []
        for r in rows:
            for d, _, _ in r[3]:
                per_dim[d] += 1
                if d not in dims:
                    dims.append(d)
        n = sum(len(r[3]) for r in rows)
        tot.update(c)
        tot["reasons"] += n
        tot["rows"] += len(rows)
        tot["arts"] += len(P["A"]["articles"]) + len(P["B"]["articles"])
        L.append(f"| {P['name']} | {P['kind']} | {short_layout(P['A'])} | {short_layout(P['B'])} | "
                 f"{len(P['A']['articles'])}/{len(P['B']['articles'])} | {c['equivalent']} | {c['divergent']} | "
                 f"{c['missing']} | {c['extra']} | {n} | {', '.join(dims)} | {TRAPS[P['name'][:2]]} |")
    L.append(f"| **total** | | | | {tot['arts']} articles | {tot['equivalent']} | {tot['divergent']} | {tot['missing']} | "
             f"{tot['extra']} | {tot['reasons']} | | |")
    L += ["", f"Totals: {tot['rows']} rows — equivalent {tot['equivalent']}, divergent {tot['divergent']}, missing {tot['missing']}, "
          f"extra {tot['extra']}; {tot['reasons']} reasons.", "",
          "Layout keys (see `tools/render.py`): " + "; ".join(f"`{k}` = {v}" for k, v in LAYOUT_DESC.items()) + ".",
          "", "## Reasons per dimension", "", "| dimension | reasons | as value change | as presence/absence |", "|---|---|---|---|"]
    from collections import defaultdict
    kinds = defaultdict(lambda: [0, 0])
    where = defaultdict(list)
    for P in PAIRS:
        for r in P["gold"]:
            for d, a, b in r[3]:
                kinds[d]["none" in (a, b)] += 1
    for d in ["modality", "deadline", "consent", "exception", "survival", "scope", "form", "encryption", "certificate",
              "subsidiaries", "multi-tier", "risk", "method", "trigger", "periodic", "ppc", "paragraph"]:
        L.append(f"| {d} | {per_dim[d]} | {kinds[d][0]} | {kinds[d][1]} |")
    L += ["", "## Judgement conventions used across the set", "", "(\"NN row a→b\" names the gold row of pair NN; \"row N\" the row whose a is N.)", "",
          "- Each provision is read with its own subject. A client's right (甲は…できる) is not a contractor's duty (乙は…ならない):"
          " 01 row 11→13 is `modality: 甲の権利 → 義務`. Where the client's right is how a report 'on request' is expressed (04 row 11→9),"
          " the specific dimension (periodic) is used and no modality reason is added.",
          "- Modality values: 義務 (しなければならない, ものとする), 禁止 (してはならない, しないこと), 努力義務 (努めなければならない),"
          " 甲の権利, and none for an article that states no obligation (趣旨/目的). 「…に努めるとともに、…しなければならない」 is still 義務 (06 row 5).",
          "- Pure wording is equivalent: 漏えい/漏洩, き損/毀損, 承認/承諾/許諾, しないこと/してはならない, 届け出/提出, 書面により/書面で,"
          " 返却/返還, 事務/業務, party words (甲/乙, 委託者/受託者, 発注者/受注者, 市, 区, 町, 財団, 指定管理者), numbering, full/half width,"
          " headings, kanji vs arabic numerals in statute citations.",
          "- Consent values: 書面による承諾, 承諾 (承認/許諾 count as 承諾), 届出, none. Exception lists the grounds other than the"
          " client's consent that lift a prohibition (指示, 法令の定め, 業務上必要な場合); a ground added or dropped is an exception reason, and"
          " when 承諾 itself appears or disappears it is a consent reason (04 row 4 has both).",
          "- A ただし書 belongs to its sentence: a duty moved into a ただし書 of another article makes that article its counterpart (04 row 10→8).",
          "- A merged or split article has one row per counterpart, and each difference goes on the row of the part it belongs to"
          " (02 rows 10→10 / 10→11, 04 rows 9/10→8 and 11/12→9, 06 rows 9→9 / 9→10, 03 rows 2/3→2, 01 rows 11→12 / 11→13).",
          "- The most specific dimension wins: a lost encryption paragraph is encryption (02 row 5), a new disposal record is certificate"
          " (01 row 8), a new PPC paragraph is ppc (01 row 9), an added quarterly report is periodic (08 row 11), a 準用 to"
          " re-subcontracting is multi-tier (01 row 6). paragraph is used only for a provision no other dimension describes (03 row 7,"
          " 08 rows 8 and 10); when both sides have such a paragraph with different content it is one paragraph reason with both values.",
          "- Widening is divergence: 業務上の秘密 added (08 row 2), return duty widened to data the contractor collected or made (01 row 7).",
          "- The object of the whole template (特定個人情報 included or not) is recorded once, as scope on the purpose article that defines"
          " it (04 row 1), not on every article that uses the defined word.",
          "- Cross-references are not topics: 「第8条（第九条）の規定により再委託する場合を除き」 in a take-out clause names the"
          " subcontracting article of its own side; renumbering does not make the exception differ (02 row 5).",
          "- Designated-manager adaptation: the end of the designation period is the counterpart of 契約の終了・解除 for survival (equivalent,"
          " 05 row 2) but a different trigger from 業務完了 (05 row 9).",
          "- おそれ (may have happened / may happen) and 疑い (suspected) are different risk values (06 row 7). 直ちに, 速やかに and 遅滞なく are"
          " three different deadline values.",
          "- Preamble sentences, trailing 注 defining 甲/乙, page chrome (別紙, [PDF 120KB]) and titles are not articles and get no rows.",
          "- Heading changes alone are not reasons (07 row 7: 再委託の禁止 → 再委託 is judged on the text).",
          ""]
    with open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))


if __name__ == "__main__":
    top_readme()
