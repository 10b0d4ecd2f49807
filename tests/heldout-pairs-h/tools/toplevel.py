import os, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from build import PAIRS, ROOT
DIMS = ['modality', 'deadline', 'consent', 'exception', 'survival', 'scope', 'form', 'encryption',
        'certificate', 'subsidiaries', 'multi-tier', 'risk', 'method', 'trigger', 'periodic', 'ppc', 'paragraph']
TRAPS = {
 '01': 'ただし書 carrying the duty to bind the subcontractor; damages vs incident (漏えい、滅失、き損); しないこと; 承諾/承認; 注 lines after the last article',
 '02': '法令 exception; cross-reference 第３/第3条; ただし書 vs 場合を除き; 努めなければならない; unmatched article on both sides; one-line text',
 '03': '趣旨/目的 articles; client right vs contractor duty; merged use+copy and subcontract+supervision; damages (B only) sharing 漏えい、滅失、毀損; preamble sentence',
 '04': '番号法-only items; 努める look-alike next to a kept duty; 許諾/承諾; merged 解除+損害賠償; encryption lost with a whole paragraph',
 '05': 'one heading over two articles; cross-reference 9./第 8 inside a take-out clause; 直ちに vs 遅滞なく; widening to 業務上の秘密; designated-manager party words',
 '06': '承認/承諾 vs 書面による承認; generic 法令遵守 article (B only) vs article 1; damages vs incident; order 複製し又は複写',
 '07': 'purpose article dropped; ものとする vs しなければならない; consent replaced by business-need exception; glyph spacing, letter-spaced title',
 '08': '努力義務 → 義務; added paragraphs that are scope/form not paragraph; deadline added to a return clause',
 '09': 'no headings in A; merged return+disposal (one reason on each row); 在職中及び退職後 is not survival',
 '10': 'many identical articles (over-reporting trap); client right to publish (B only) sharing 漏洩…事故 with the incident article; 承諾/許諾',
}
def main():
    tot = collections.Counter(); dimc = collections.Counter(); kinds = collections.defaultdict(collections.Counter)
    rows_md = []
    for p in PAIRS:
        c = collections.Counter(r[2] for r in p['rows'])
        rs = [x for r in p['rows'] if r[3] != '-' for x in r[3].split(', ')]
        dims = []
        for x in rs:
            d, v = x.split(': ', 1); a, b = v.split(' → ')
            dimc[d] += 1; kinds[d]['presence' if 'none' in (a, b) else 'value'] += 1; dims.append(d)
        tot.update(c); tot['reasons'] += len(rs); tot['A articles'] += len(p['A']['arts']); tot['B articles'] += len(p['B']['arts'])
        rows_md.append('| %s | %s | A: %s<br>B: %s | %d/%d | %d | %d | %d | %d | %d | %s | %s |' % (
            p['dir'], p['kind'], p['layoutA'], p['layoutB'], len(p['A']['arts']), len(p['B']['arts']),
            c['equivalent'], c['divergent'], c['missing'], c['extra'], len(rs), ', '.join(dims), TRAPS[p['dir'][:2]]))
    L = []
    L += ['# heldout-pairs-h — 10 unseen pairs of 個人情報取扱特記事項 templates', '',
 'Written without looking at the comparison tool (nothing under /work/main was opened, no git). Sources read:',
 '/work/shared/reference/real-conventions.md, the two real templates in /work/shared/corpus/ (福岡県, 防府市) for',
 'prose and layout, and the PPC guideline (行政機関等編) section 第4-2-⑴ 委託の取扱い, whose list of contract contents',
 '(秘密保持義務, 持ち出しの禁止, 目的外利用の禁止, 再委託における条件, 漏えい等事案が発生した場合の委託先の責任, 委託契約終了後の',
 '返却又は廃棄, 従業者の明確化, 従業者に対する監督・教育, 遵守状況の報告, 実地の監査・調査) is the model for the 特定個人情報',
 'template in pair 04 (and its multi-tier 許諾 rule, 番号法第10条, for A9 there). All issuers are fictitious; all wording is new,',
 'written in the style of the real texts.', '',
 '## How it was written', '',
 '- Each template was written as a list of articles (heading, paragraphs) in `tools/pairs1.py` / `tools/pairs2.py`; the',
 '  differences between A and B were planned first (dimension, row) so that every dimension occurs at least three times,',
 '  both as a change of value and as presence/absence.',
 '- `tools/render.py` turns a template into extracted-looking text: hard wrap at a fixed width (36–46 characters, one per',
 '  text), mid-word breaks, a line is never started with 、。）」, a digit, 第, a kanji numeral, an opening bracket or a small',
 '  kana (the break is moved back a few characters instead, as kinsoku would do); optional blank line + trailing space after',
 '  every line, glyph-spacing artefacts (random spaces between two Japanese characters, also inside headings), ASCII `()`',
 '  and `,`, and a one-line web-copy variant. `tools/build.py` writes a.txt, b.txt, gold.tsv and README.md per pair; this',
 '  README is written by `tools/toplevel.py`.',
 '- `tools/check.py` re-reads the written texts on its own (label regexes for 第１ / 第 1 / 第　１　/ 第1条(…) / 第一条 / `1.` /',
 '  `1 見出し` / one-line `(見出し) 第1条`) and checks: every gold id is a printed article label of its text, every printed',
 '  article appears in gold, numbering 1..N without gaps, 8–16 articles, statuses agree with `-`, every reason uses a listed',
 '  dimension and has the form `A → B` with no ASCII comma in the values, no duplicate rows, line width 36–46, no',
 '  continuation line starting with a label-like character, and the per-dimension counts. Run: `python3 tools/check.py`.', '',
 '## Format', '',
 '- `NN-name/a.txt` (reference), `b.txt` (under review): UTF-8 plain text.',
 '- `gold.tsv`: header `a	b	status	reasons`; ids are the arabic article numbers as printed (第十一条 → 11, 第１２ → 12, `3.` → 3),',
 '  `-` for no counterpart; status equivalent / divergent / missing (A only) / extra (B only); reasons `-` except for',
 '  divergent rows, where they are `dimension: A\'s value → B\'s value` joined by `, `, with `none` for absence.',
 '- Values name the client 甲 and the contractor 乙 whatever the party words of the text (県/市/町/区/財団/発注者/委託者,',
 '  受注者/受託者/指定管理者); lists inside a value use `・`.',
 '- `README.md` per pair: what the pair is, the row table with a note on each row, the judgement calls.', '',
 '## Pairs', '',
 '| pair | kind | layouts | articles A/B | eq | div | miss | extra | reasons | dimensions | traps |',
 '|---|---|---|---|---|---|---|---|---|---|---|']
    L += rows_md
    L += ['', '**Totals:** %d pairs, %d + %d articles, %d rows: equivalent %d, divergent %d, missing %d, extra %d; %d reasons.' % (
        len(PAIRS), tot['A articles'], tot['B articles'], tot['equivalent'] + tot['divergent'] + tot['missing'] + tot['extra'],
        tot['equivalent'], tot['divergent'], tot['missing'], tot['extra'], tot['reasons']), '',
        '## Reasons per dimension', '', '| dimension | reasons | change of value | presence/absence |', '|---|---|---|---|']
    for d in DIMS:
        L.append('| %s | %d | %d | %d |' % (d, dimc[d], kinds[d]['value'], kinds[d]['presence']))
    L += ['', '## Judgement calls across the set', '',
 '- Each provision is read with its own subject. 甲は…できる (a client right) imposes nothing on the contractor; matched',
 '  against 乙は…しなければならない it is `modality: 義務 → none` (03: 11–8). Client rights on both sides are equivalent.',
 '- A ただし書 belongs to its sentence: consent given in a ただし書 (「ただし、…承諾を得た場合は、この限りでない」) equals',
 '  「承諾を得た場合を除き」; a duty moved into a ただし書 (01: 8) is not a difference.',
 '- Pure wording is equivalent: 漏えい/漏洩, き損/毀損, 承認/承諾/許諾, しないこと/してはならない, 返却/返還, party words,',
 '  label style, full/half width, order of 複写/複製, 「ものとする」 vs 「しなければならない」 (both obligations, 07: 10–9).',
 '- 書面による承諾 vs 承諾 is a consent difference; 承諾 vs 届出 likewise (07: 4–3).',
 '- 直ちに, 速やかに, 遅滞なく are three different deadlines; 「終了後」 with no time limit vs 「10日以内」 is deadline presence.',
 '- 努めなければならない instead of the duty is modality (02, 08); an extra 努める sentence next to an unchanged duty is not (04: 4–3).',
 '- Merged/split articles have one row per counterpart, and each difference sits on the row of the part it belongs to',
 '  (09: trigger on 8–8, method on 9–8). Merged rows without differences are equivalent (03, 04).',
 '- The most specific dimension wins: a lost encryption paragraph is `encryption` (04: 6–5), an added written follow-up',
 '  report is `form` (08: 7–7), an added scope sentence is `scope` (08: 3–3), a disposal-record paragraph is `certificate`',
 '  (01: 10–10). `paragraph` is used only where no listed dimension applies (private devices, misdelivery checks, staff',
 '  pledges).',
 '- Widening is divergence: adding 業務上の秘密 (05: 2–2) or data the contractor collected (08: 3–3).',
 '- A defined term that changes the object of the whole template (特定個人情報等 vs 個人情報, 04) is recorded once, on',
 '  the article that defines it, not on every article that uses it.',
 '- Purpose/趣旨 articles carry no obligation: matched to each other they are equivalent (03: 1–1); dropped, they are',
 '  missing (07: 1) though no duty is lost. Preambles, titles, chrome and 注 lines are not articles.',
 '- Cross-references (第３の規定により届け出た場所, 9.の規定により再委託先に引き渡す場合を除き, 前条の区域) name another',
 '  article and make no topic of their own.',
 '- Articles that share 漏えい、滅失、き損 (damages, publication) are not counterparts of the incident report; when one side',
 '  lacks them they are missing/extra (03: B11, 10: B13).',
 '- 番号法 items (事務取扱担当者, multi-tier 許諾, PPC cooperation) are judged against the A template of pair 04, which is a',
 '  特定個人情報 template; in the other pairs they are ordinary differences between two general templates.',
 '- Values of `risk`: `おそれ` / `none`, or what the おそれ covers (漏えい等 / 漏えい等・違反). `periodic`: the standing',
 '  report (毎月 / 四半期ごと / 毎年度) vs `求めに応じて` or `none` when only the on-request report remains. `trigger`:',
 '  契約終了 / 業務完了 / 甲の指示 / none.', '']
    with open(os.path.join(ROOT, 'README.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(L))
    print('\n'.join(L[L.index('## Pairs'):L.index('## Judgement calls across the set')]))
main()
