# Checks the delivered set. Reads only the delivered files (a.txt, b.txt, gold.tsv) plus the layout
# name of each text from pairs*.py.   Run: python3 tools/check.py
import os, re, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__)); ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import pairs1, pairs2
PAIRS = dict(pairs1.P); PAIRS.update(pairs2.P)
DIMS = 'modality deadline consent exception survival scope form encryption certificate subsidiaries multi-tier risk method trigger periodic ppc paragraph'.split()
STAT = {'equivalent', 'divergent', 'missing', 'extra'}
FWD = str.maketrans('０１２３４５６７８９', '0123456789')
KAN = {c: i for i, c in enumerate('〇一二三四五六七八九')}
def kan2int(s):
    if s == '十': return 10
    if s.startswith('十'): return 10 + KAN[s[1]]
    if '十' in s: a, b = s.split('十'); return KAN[a] * 10 + (KAN[b] if b else 0)
    return KAN[s]
PAT = {
 'L1': r'^第([０-９]+)　', 'L2': r'^第(\d+)条\(', 'L3': r'^(\d+) \S+$', 'L4': r'^(\d+)\.',
 'L6': r'^第 (\d+) ', 'L7': r'^第(\d+)$', 'L8': r'^第([一二三四五六七八九十]+)条　', 'L9': r'^第([０-９]+)条　',
}
BAD = set('、。）」』】,.)') | set('0123456789０１２３４５６７８９') | set('第（(「『【') | set('一二三四五六七八九十')
errs = []
def err(*a): errs.append(' '.join(str(x) for x in a))

def labels(text, layout, name):
    if layout == 'L5':
        lines = text.rstrip('\n').split('\n')
        if len(lines) != 1: err(name, 'single-line text has', len(lines), 'lines')
        return [int(m) for m in re.findall(r'\) 第(\d+)条 ', text)]
    out = []
    raw = text.split('\n')
    for ln in raw:
        s = ln.rstrip(' ')
        if not s: continue
        m = re.match(PAT[layout], s)
        if m:
            g = m.group(1)
            out.append(kan2int(g) if layout == 'L8' else int(g.translate(FWD)))
    return out

def line_checks(text, t, name):
    if t['layout'] == 'L5': return
    raw = [l for l in text.split('\n') if l.strip()]
    prev_full = False
    W = t['width']
    for ln in raw:
        s = ln.rstrip(' ')
        slack = 3 if t.get('spacing') else 0
        if len(s) > W + slack: err(name, 'line too long', len(s), s)
        # a continuation line is one that follows a line filled to the width
        is_label = bool(re.match(PAT.get(t['layout'], r'^$'), s) or re.match(r'^[（(][^）)]+[）)]$', s)
                        or re.match(r'^([0-9０-９]+[　 ]|\([0-9]+\) |[0-9]+\.$|[0-9]+\.（)', s))
        if prev_full and s[0] in BAD and not is_label:
            err(name, 'continuation starts with', s[:8])
        prev_full = len(s.replace(' ', '')) >= W - 1 - (slack and 0)
    # every non-structural line is a wrapped continuation and may not start like a label
    started = False
    npara = 0
    for s in raw:
        s = s.rstrip(' ')
        if re.match(PAT[t['layout']], s): started = True; continue
        if not started: continue
        if re.match(r'^[（(][^）)]+[）)]$', s) or re.match(r'^[0-9]+\.$', s) or (t['layout'] == 'L4' and re.match(r'^[0-9]+\.（', s)):
            continue
        if re.match(r'^[0-9０-９]+[　 ]', s) or (t['layout'] == 'L3' and re.match(r'^\([0-9]+\) ', s)):
            npara += 1; continue
        if s[0] in BAD: err(name, 'wrapped line starts like a label:', s[:10])
    want = sum(len(ps) - 1 if not (t['layout'] == 'L3' and len(ps) > 1) else len(ps) for _, _, ps in t['arts'])
    if npara != want: err(name, 'paragraph label lines', npara, 'expected', want)
    if t.get('blank'):
        body = text.split('\n')
        for i, l in enumerate(body[:-1]):
            if i % 2 == 0 and not l.endswith(' '): err(name, 'blank style: no trailing space on', i)
            if i % 2 == 1 and l != '': err(name, 'blank style: not blank at', i)


tot = collections.Counter(); dimc = collections.Counter(); dim_none = collections.Counter(); dim_val = collections.Counter()
for name, p in sorted(PAIRS.items()):
    d = os.path.join(ROOT, name)
    lab = {}
    for side in 'ab':
        text = open(os.path.join(d, side + '.txt'), encoding='utf-8').read()
        t = p[side]
        ls = labels(text, t['layout'], name + '/' + side)
        lab[side] = ls
        if ls != list(range(1, len(ls) + 1)): err(name, side, 'numbering not 1..N:', ls)
        if not 8 <= len(ls) <= 16: err(name, side, 'article count', len(ls))
        if len(ls) != len(t['arts']): err(name, side, 'found', len(ls), 'labels, data has', len(t['arts']))
        line_checks(text, t, name + '/' + side)
        if not (36 <= t['width'] <= 46 or t['layout'] == 'L5'): err(name, side, 'width', t['width'])
    rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(d, 'gold.tsv'), encoding='utf-8')]
    if rows[0] != ['a', 'b', 'status', 'reasons']: err(name, 'bad header', rows[0])
    seen = {'a': set(), 'b': set()}
    for r in rows[1:]:
        if len(r) != 4: err(name, 'row width', r); continue
        a, b, st, rs = r
        if st not in STAT: err(name, 'status', r)
        for side, v in (('a', a), ('b', b)):
            if v != '-':
                if not v.isdigit() or int(v) not in lab[side]: err(name, 'id not a label', side, v)
                seen[side].add(int(v))
        if st == 'missing' and not (a != '-' and b == '-'): err(name, 'missing form', r)
        if st == 'extra' and not (a == '-' and b != '-'): err(name, 'extra form', r)
        if st in ('equivalent', 'divergent') and '-' in (a, b): err(name, 'matched row with -', r)
        if st != 'divergent' and rs != '-': err(name, 'reasons on non-divergent', r)
        if st == 'divergent':
            if rs == '-': err(name, 'divergent without reasons', r)
            for part in rs.split(', '):
                m = re.match(r'^([a-z-]+): (.+?) → (.+)$', part)
                if not m: err(name, 'reason form', part); continue
                dm, av, bv = m.groups()
                if dm not in DIMS: err(name, 'dimension', dm)
                if ',' in av or ',' in bv: err(name, 'comma in value', part)
                if av == bv: err(name, 'same value', part)
                dimc[dm] += 1
                if 'none' in (av, bv): dim_none[dm] += 1
                else: dim_val[dm] += 1
                tot['reasons'] += 1
        tot[st] += 1
    for side in 'ab':
        miss = set(lab[side]) - seen[side]
        if miss: err(name, side, 'articles not in gold', sorted(miss))
    tot['pairs'] += 1
    tot['articles'] += len(lab['a']) + len(lab['b'])

for dm in DIMS:
    if dimc[dm] < 3: err('dimension used < 3 times', dm, dimc[dm])
    if not dim_none[dm] or not dim_val[dm]: err('dimension lacks value-change or presence form', dm, dim_val[dm], dim_none[dm])
print(dict(tot))
print('per dimension (total / value change / presence):')
for dm in DIMS: print('  %-13s %2d  %2d  %2d' % (dm, dimc[dm], dim_val[dm], dim_none[dm]))
if errs:
    print('ERRORS:'); [print(' ', e) for e in errs]; sys.exit(1)
print('OK')
