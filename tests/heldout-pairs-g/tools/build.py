# Writes the 8 pair folders from pairs1.py / pairs2.py.  Run: python3 tools/build.py
import os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from render import render
import pairs1, pairs2
PAIRS = dict(pairs1.P); PAIRS.update(pairs2.P)

LAYOUT = {
 'L1': '`（見出し）` line, `第１　乙は…`, paragraphs `２　`',
 'L2': '`第1条(見出し)` then body on the next line, paragraphs `2 `',
 'L3': '特記仕様書 style `1 見出し` then body, paragraphs `(1)` `(2)`',
 'L4': 'dotted `1.（見出し）` then body, paragraphs `２　`',
 'L5': 'one single line (web copy): `(見出し) 第1条 … 2 …`',
 'L6': '`(見出し)` then `第 1 受注者は…` (ASCII space), paragraphs `2 `',
 'L7': '`（見出し）`, `第1` alone on its line, body on the next line',
 'L8': '`（見出し）`, kanji `第十一条　…`',
 'L9': '`（見出し）`, `第１条　…` full-width',
}
def describe(t):
    s = [t['layout'] + ': ' + LAYOUT[t['layout']]]
    if t['layout'] != 'L5': s.append('wrapped at %d' % t['width'])
    if t.get('blank'): s.append('blank line + trailing space after every line')
    if t.get('spacing'): s.append('glyph-spacing artefacts')
    if t.get('asc'): s.append('ASCII , ( )')
    if t.get('digits_fw'): s.append('full-width digits')
    s.append('parties %s/%s' % t['parties'])
    return '; '.join(s)

def main():
    for name, p in sorted(PAIRS.items()):
        d = os.path.join(ROOT, name); os.makedirs(d, exist_ok=True)
        for side in 'ab':
            with open(os.path.join(d, side + '.txt'), 'w', encoding='utf-8') as f:
                f.write(render(p[side]))
        with open(os.path.join(d, 'gold.tsv'), 'w', encoding='utf-8') as f:
            f.write('a\tb\tstatus\treasons\n')
            for a, b, st, rs, _ in p['gold']:
                f.write('\t'.join([a, b, st, rs]) + '\n')
        cnt = collections.Counter(r[2] for r in p['gold'])
        nres = sum(len(r[3].split(', ')) for r in p['gold'] if r[2] == 'divergent')
        L = ['# %s' % name, '', p['kind'] + '.', '',
             '- a.txt: %s — %d articles (%s)' % (p['a']['title'] if isinstance(p['a']['title'], str) else p['a']['title'][0], len(p['a']['arts']), describe(p['a'])),
             '- b.txt: %s — %d articles (%s)' % (p['b']['title'] if isinstance(p['b']['title'], str) else p['b']['title'][0], len(p['b']['arts']), describe(p['b'])),
             '- rows: %d (equivalent %d, divergent %d, missing %d, extra %d); reasons %d' % (
                 len(p['gold']), cnt['equivalent'], cnt['divergent'], cnt['missing'], cnt['extra'], nres),
             '', 'Headings, in order — A: ' + ' / '.join('%d %s' % (n, (h or '').lstrip('^=') or '(shared)') for n, h, _ in p['a']['arts']),
             '', 'B: ' + ' / '.join('%d %s' % (n, (h or '').lstrip('^=') or '(shared)') for n, h, _ in p['b']['arts']),
             '', '## Rows', '', '| a | b | status | reasons | why |', '|---|---|---|---|---|']
        for a, b, st, rs, note in p['gold']:
            L.append('| %s | %s | %s | %s | %s |' % (a, b, st, rs, note.replace('|', '/')))
        L += ['', '## Judgement calls', '']
        L += ['- ' + c for c in p['calls']]
        L += ['- Every row note above that says "wording" is a call that the difference changes no contractor obligation.', '']
        with open(os.path.join(d, 'README.md'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(L))
    print('built', len(PAIRS))
if __name__ == '__main__':
    main()

TRAPS = {
 '01-wakaba-pref-editions': 'generic 基本的事項 vs 事故報告 vs 損害賠償 sharing 漏えい・滅失・き損; 証明書 vs 日時及び方法を記載した書面 (equal); 甲 may ask for a report (A12) vs standing report (B14); widening by 業務上の秘密',
 '02-higashimori-nishimori': 'cross-reference 「第3の規定により再委託する場合を除き」; reordered articles; 直ちに vs 速やかに; 書面による承諾 vs 承諾; preamble sentence',
 '03-nanrei-pref-shirasuna-city': 'merged article (4+5 → 4) with the difference on one part; 趣旨 (no duty) vs 基本的事項; client right vs contractor duty; 報告 of staff list = 届出; damages vs incident report',
 '04-aoba-mynumber-general': 'scope via the definitions article only; 許諾/承諾; permission (できる) vs prohibition (してはならない) for the same rule; 番号法-only article missing; encryption as one option',
 '05-minatohama-itaku-shiteikanri': 'duty moved into a ただし書 (equal); 努めなければならない look-alike; 契約終了 vs 指定期間満了 (instrument words, equal); 遅滞なく',
 '06-tokai-bureau-shiomi-town': 'one heading over two articles; an article with no counterpart on either side under the same number; 法令 exception on both sides (equal); contractor duty inside a client-right article',
 '07-asagiri-relaxed': 'split article (9 → 9+10) with the difference on one part; lost encryption paragraph is encryption, not paragraph; cross-reference 「前条の作業場所」; 承諾 → 届出',
 '08-minato-foundation-sakuradai-ward': 'generic 個人情報の取扱い article; 目的 vs 趣旨 (both no duty, equal); both sides 努めなければならない (equal); おそれ vs 兆候; damages vs incident report',
}
SET_CALLS = [
 'Each provision is read with its own subject: a client right (甲は…できる) imposes no contractor duty. Where the other side turns it into a contractor duty the row is divergent on modality (03 12-11); where both sides are client rights the row is equivalent.',
 'A ただし書 belongs to its sentence: a duty restated as the condition of a proviso is the same duty (05 6-6).',
 'Pure wording is equivalent: 漏えい/漏洩, き損/毀損, 承認/承諾/許諾, しないこと/してはならない, 報告/通知/届出 of a staff list, party and instrument words (契約/協定, 契約の終了/指定期間の満了), numbering, full/half width, ASCII punctuation.',
 '証明書 and a 書面 recording the date and method of erasure are the same certificate duty.',
 'Merged and split articles get one row per counterpart; a difference goes on the row of the part it belongs to (03 5-4, 07 9-10), and the other row can stay equivalent.',
 'The most specific dimension wins: a lost encryption paragraph is encryption (07 3-3); `paragraph` is used only for a provision that no other dimension describes (staff list, entry control, mis-sending measures).',
 'Widening is divergence: 業務上の秘密 (01), 死者に関する情報 (08), data made by the contractor (06).',
 'Cross-references (「第3の規定により再委託する場合を除き」, 「前条の作業場所」) are not topics and do not make a row divergent.',
 '努めなければならない is an effort duty: divergent against しなければならない (05, 07), equivalent when both sides use it (08).',
 'A difference of covered data that stems from the definitions (特定個人情報等 vs 保有個人情報, 04) is recorded once on the definitions row; the other rows are compared on the duty.',
 'Both 目的/趣旨 articles carry no duty and are equivalent (08 1-1); 趣旨 against a duty-bearing 基本的事項 is divergent on modality (03 1-1).',
 'Articles with no counterpart are missing/extra even when they share a number or a word with an article on the other side (06 12, 01 B14).',
]

def top():
    import collections
    rows = []; tot = collections.Counter(); dims = collections.Counter()
    for name, p in sorted(PAIRS.items()):
        c = collections.Counter(r[2] for r in p['gold'])
        ds = collections.Counter()
        for r in p['gold']:
            if r[2] == 'divergent':
                for part in r[3].split(', '): ds[part.split(':')[0]] += 1
        dims.update(ds); tot.update(c)
        tot['art'] += len(p['a']['arts']) + len(p['b']['arts']); tot['rows'] += len(p['gold'])
        rows.append('| %s | %s | A %s (%d) / B %s (%d) | %d/%d/%d/%d | %s | %s |' % (
            name, p['kind'], p['a']['layout'], len(p['a']['arts']), p['b']['layout'], len(p['b']['arts']),
            c['equivalent'], c['divergent'], c['missing'], c['extra'],
            ', '.join('%s%s' % (k, '×%d' % v if v > 1 else '') for k, v in ds.items()), TRAPS[name]))
    nres = sum(dims.values())
    L = ['# heldout-pairs-g — 8 unseen pairs of 個人情報取扱特記事項 templates', '',
     'Written from scratch for this set, without looking at the tool (/work/main was not opened). Sources read: '
     '/work/shared/reference/real-conventions.md, the two corpus templates (福岡県, 防府市) for prose and layout, and the PPC '
     'guideline (行政機関等編) 第4-2-⑴ 委託の取扱い (contract must contain: 秘密保持, 持出し禁止, 目的外利用禁止, 再委託の条件, '
     '漏えい等事案時の責任, 終了後の返却又は廃棄, 従業者の明確化, 従業者の監督・教育, 遵守状況の報告, 実地の監査・調査) and its '
     '再委託 (許諾, further tiers need the first client\'s 許諾) and 別添2 漏えい等報告 sections. All issuers are fictitious; the wording is new.', '',
     '## Format', '',
     '- `NN-name/a.txt` (reference), `b.txt` (under review): UTF-8 plain text as extracted (hard-wrapped at 36–46 characters, '
     'mid-word breaks; no wrapped line starts with 、。）」, a digit, 第, a kanji numeral or an opening bracket; one text is a single line).',
     '- `gold.tsv`: `a\\tb\\tstatus\\treasons`, one row per article correspondence; ids are arabic article numbers as printed '
     '(第十一条 → 11, `第１２` → 12, `3.` → 3); `-` = no counterpart; reasons `dimension: A → B` joined by `, `, `none` when absent.',
     '- `README.md` per pair: the pair, a row-by-row table with the reason for each row, the judgement calls.',
     '- `tools/`: `render.py` + `pairs1.py`/`pairs2.py` (article data and gold with notes) + `build.py` regenerate everything; '
     '`check.py` is the delivery check (labels found in the text = gold ids, every article in gold, numbering 1..N, 8–16 articles, '
     'status vs `-`, reason form and dimension names, each dimension ≥3 times and both as value change and as presence/absence, '
     'line widths and line starts, blank-line style).', '',
     'Layouts: ' + '; '.join('%s = %s' % (k, v) for k, v in LAYOUT.items()) + '.', '',
     '## Pairs', '', '| pair | kind | layouts (articles) | eq/div/miss/extra | dimensions | traps |', '|---|---|---|---|---|---|'] + rows + [
     '', '**Totals**: %d pairs, %d articles, %d rows — equivalent %d, divergent %d, missing %d, extra %d; %d reasons.' % (
        len(PAIRS), tot['art'], tot['rows'], tot['equivalent'], tot['divergent'], tot['missing'], tot['extra'], nres),
     '', '## Reasons per dimension', '', '| dimension | reasons |', '|---|---|']
    for d in 'modality deadline consent exception survival scope form encryption certificate subsidiaries multi-tier risk method trigger periodic ppc paragraph'.split():
        L.append('| %s | %d |' % (d, dims[d]))
    L += ['', 'Every dimension appears at least 3 times, at least once as a change of value (`X → Y`) and at least once as presence/absence (`X → none` or `none → X`); `python3 tools/check.py` prints the split.',
          '', '## Judgement calls across the set', ''] + ['- ' + c for c in SET_CALLS] + ['']
    with open(os.path.join(ROOT, 'README.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(L))

top()
