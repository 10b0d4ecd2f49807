#!/usr/bin/env python3
"""Checker for realistic-j: reads only NAME.txt and NAME.gold.json."""
import json, re, sys, os, glob, collections
D = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = {'article': 1, 'paragraph': 2, 'item': 3}
WARN = {'unassigned-text', 'numbering-gap', 'truncated'}
JP = r'[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]'
SPACE_JP = re.compile(JP + r'[ \u3000\t]+' + JP)
PAGENUM = re.compile(r'^[-－ー―‐\s]*[（(]?[0-9０-９]+(\s*/\s*[0-9０-９]+)?[)）]?[-－ー―‐\s]*$')
BRK = set('（）()【】〔〕')
KN = {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
def kan2int(s):
    if '十' in s:
        a, b = s.split('十'); return (KN[a] if a else 1) * 10 + (KN[b] if b else 0)
    return KN[s]
def label_value(lab):
    s = re.sub(r'[\s\u3000]', '', lab).translate(str.maketrans('０１２３４５６７８９', '0123456789'))
    s = s.strip('.．')
    m = re.fullmatch(r'第?(\d+|[一二三四五六七八九十]+)条?', s)
    if not m: return None
    v = m.group(1)
    return int(v) if v.isdigit() else kan2int(v)
ORD = [ '0123456789', 'アイウエオカキクケコサシスセソ', 'abcdefghij', '①②③④⑤⑥⑦⑧⑨⑩', '〇一二三四五六七八九十']
def item_ord(lab):
    s = re.sub(r'[\s()（）]', '', lab).translate(str.maketrans('０１２３４５６７８９', '0123456789'))
    if len(s) == 1 and s in ORD[3]: return ORD[3].index(s) + 1
    if s.isascii() and s.isdigit(): return int(s)
    for seq in ORD[1:3]:
        if len(s) == 1 and s in seq: return seq.index(s) + 1
    if len(s) == 1 and s in ORD[3]: return ORD[3].index(s) + 1
    if len(s) == 1 and s in ORD[4]: return ORD[4].index(s)
    return None
MASK = object()
def norm(s): return re.sub(r'\s+', '', s.replace('\u3000', ' '))

def strip_chrome(txt):
    pages = txt.split('\f')
    edges = []
    for pi, pg in enumerate(pages):
        ls = [i for i, l in enumerate(pg.split('\n')) if l.strip()]
        edges.append((ls[:1] + ls[-1:]) if ls else [])
    cnt = collections.Counter()
    for pi, pg in enumerate(pages):
        L = pg.split('\n')
        for i in set(edges[pi]): cnt[norm(L[i])] += 1
    out, removed = [], []
    for pi, pg in enumerate(pages):
        L = pg.split('\n')
        for i, l in enumerate(L):
            if i in edges[pi] and len(pages) > 1 and (PAGENUM.match(l) or cnt[norm(l)] >= 2):
                removed.append(l.strip()); continue
            out.append(l)
    return norm('\n'.join(out)), removed

def check(name):
    errs = []
    txt = open(os.path.join(D, name + '.txt'), encoding='utf-8').read()
    try: g = json.load(open(os.path.join(D, name + '.gold.json'), encoding='utf-8'))
    except Exception as e: return ['invalid JSON: %s' % e], {}
    if set(g) != {'title', 'conventions', 'expect_warnings', 'clauses'}: errs.append('top keys %s' % sorted(g))
    if not isinstance(g.get('title'), str) or not g['title']: errs.append('title')
    if not set(g.get('expect_warnings', [])) <= WARN: errs.append('bad warnings')
    cl = g['clauses']; ids = set(); arts = []
    for c in cl:
        if set(c) != {'id', 'kind', 'label', 'heading', 'text'}: errs.append('clause keys %s' % c.get('id'))
        if c['kind'] not in ('article', 'paragraph', 'item', 'subitem'): errs.append('kind %s' % c['id'])
        if c['id'] in ids: errs.append('dup id %s' % c['id'])
        ids.add(c['id'])
        parts = c['id'].split('.')
        if not all(p.isdigit() for p in parts): errs.append('id form %s' % c['id'])
        dep = len(parts)
        if (c['kind'] == 'subitem' and dep < 4) or (c['kind'] != 'subitem' and KINDS[c['kind']] != dep): errs.append('depth %s' % c['id'])
        if dep > 1:
            par = '.'.join(parts[:-1])
            if par not in ids and not (dep == 3 and parts[1] == '1' and parts[0] in ids): errs.append('no parent %s' % c['id'])
        for k in ('label', 'text'):
            if not isinstance(c[k], str): errs.append('%s not str %s' % (k, c['id']))
        if '\n' in c['text'] or '\f' in c['text']: errs.append('line break in %s' % c['id'])
        if SPACE_JP.search(c['text']) or (c['heading'] and SPACE_JP.search(c['heading'])): errs.append('JP space in %s' % c['id'])
        if c['heading'] is not None and (c['heading'] == '' or c['heading'][0] in BRK or c['heading'][-1] in BRK): errs.append('heading form %s' % c['id'])
        if c['kind'] == 'article':
            arts.append(c)
            if c['label'] == '':
                if c['id'] != '1': errs.append('masked label not id 1: %s' % c['id'])
            elif label_value(c['label']) != int(c['id']): errs.append('label/id %s %s' % (c['label'], c['id']))
        if c['kind'] == 'paragraph':
            p = int(parts[1])
            if (p == 1 and c['label'] != '') or (p > 1 and label_value(c['label']) != p): errs.append('para label %s' % c['id'])
        if c['kind'] in ('item', 'subitem'):
            o = item_ord(c['label'])
            if o is not None and o != int(parts[-1]): errs.append('item ord %s %s' % (c['id'], c['label']))
        if c['kind'] != 'article' and c['heading'] is not None and c['kind'] == 'paragraph': errs.append('para heading %s' % c['id'])
    # paragraph structure: article with paragraphs has text ""
    for a in arts:
        if a['id'] + '.1' in ids and a['text'] != '': errs.append('article with paragraphs has text %s' % a['id'])
        if a['id'] + '.2' in ids and a['id'] + '.1' not in ids: errs.append('missing N.1 %s' % a['id'])
    if not 8 <= len(arts) <= 18: errs.append('article count %d' % len(arts))
    nums = [int(a['id']) for a in arts]
    gap = nums != list(range(1, len(nums) + 1))
    if gap != ('numbering-gap' in g['expect_warnings']): errs.append('numbering-gap expectation mismatch %s' % nums)
    # text coverage
    S, removed = strip_chrome(txt)
    tnorm = norm(g['title'])
    seq = []  # (clause, order options)
    first_piece = None
    for c in cl:
        if c['kind'] == 'article':
            seq.append(c)
    # find first clause start
    def pieces(c, prevhead):
        lab, hd, tx = norm(c['label']), norm(c['heading'] or ''), norm(c['text'])
        if not lab: lab = MASK  # masked label: printed 第■条, gold label ''
        opts = [[hd, lab, tx], [lab, hd, tx]]
        if hd and hd == prevhead: opts += [[lab, tx]]
        return [[p for p in o if p] for o in opts]
    def match_at(pos, p):
        if p is MASK:
            m = re.compile(r'[（）()【】〔〕]*第[■□●＊*]+条?').match(S, pos)
            return m.end() if m else pos
        # allow only bracket characters before p
        k = pos
        while True:
            if S.startswith(p, k): return k + len(p)
            if k < len(S) and S[k] in BRK: k += 1; continue
            return None
    pos = None; prevhead = None; unacc = []
    for idx, c in enumerate(cl):
        opts = pieces(c, prevhead) if c['kind'] == 'article' else [[p for p in [norm(c['label']), norm(c['text'])] if p]]
        if c['kind'] == 'article': prevhead = norm(c['heading'] or '') or None
        if not any(opts):
            continue
        if pos is None:
            best = None
            for o in opts:
                if o[0] is MASK: continue
                j = S.find(o[0])
                if j >= 0 and (best is None or j < best[0]): best = (j, o)
            if best is None: errs.append('first clause not found %s' % c['id']); break
            start = best[0]
            # back up over brackets
            ti = S.rfind(tnorm, 0, start)
            if ti < 0: errs.append('title not found before first clause')
            pos = start
        ok = False
        for o in opts:
            q = pos
            for p in o:
                q = match_at(q, p) if q is not None else None
            if q is not None:
                pos = q; ok = True; break
        if not ok:
            errs.append('clause %s not at expected position; text there: %s' % (c['id'], S[pos:pos + 40])); break
    meta = {'articles': len(arts), 'kinds': collections.Counter(c['kind'] for c in cl), 'removed_chrome': len(removed), 'tail': len(S) - (pos or 0)}
    # truncated: doc ends mid-sentence -> last text does not end with 。
    last = cl[-1]['text']
    tr = not last.endswith(('。', '」', '）', ')')) and 'truncated' in g['expect_warnings']
    if ('truncated' in g['expect_warnings']) and last.endswith('。'): errs.append('truncated expected but last text ends with 。')
    if 'truncated' in g['expect_warnings'] and meta['tail'] > 20: errs.append('truncated doc has trailing text')
    for c in cl:
        if c['kind'] == 'article' and c['text'] and not c['text'].endswith(('。', 'こと', '事項')) and 'truncated' not in g['expect_warnings'] and c['id'] != nums[-1]:
            pass
    return errs, meta

if __name__ == '__main__':
    names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(D, 'j*.txt')))
    tot = collections.Counter(); bad = 0
    for n in names:
        e, m = check(n)
        if m: tot.update(m['kinds'])
        print(('OK  ' if not e else 'FAIL') + ' %-34s arts=%s chrome_removed=%s %s' % (n, m.get('articles'), m.get('removed_chrome'), dict(m.get('kinds', {}))))
        for x in e: print('     ', x)
        bad += bool(e)
    print('files:', len(names), 'failing:', bad, 'totals:', dict(tot), 'sum', sum(tot.values()))
    sys.exit(1 if bad else 0)
