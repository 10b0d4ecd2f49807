# checker: reads only NAME.txt and NAME.gold.json in the set folder
import json, os, re, sys, collections
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KN = {'〇':0,'一':1,'二':2,'三':3,'四':4,'五':5,'六':6,'七':7,'八':8,'九':9}
def arabic(lbl):
    s = re.sub(r'[第条\s　.．]', '', lbl).translate(str.maketrans('０１２３４５６７８９','0123456789'))
    if s.isdigit(): return int(s)
    n = cur = 0
    for ch in s:
        if ch == '十': n += (cur or 1) * 10; cur = 0
        elif ch in KN: cur = KN[ch]
        else: return None
    return n + cur
JP = r'[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]'
PAGE = re.compile(r'^\s*([-－‐ー]\s*[0-9０-９]+\s*[-－‐ー]|[0-9０-９]+\s*/\s*[0-9０-９]+|[0-9０-９]+)\s*$')
BR = set('（）()【】〔〕')
def norm(txt):
    lines = txt.replace('\f', '\n').split('\n')
    pages = [[l.strip() for l in pg.split('\n') if l.strip()] for pg in txt.split('\f')]
    edge = collections.Counter()
    for pg in pages:
        for l in set(pg[:1] + pg[-1:]): edge[l] += 1
    run = {l for l, k in edge.items() if k >= 2 and len(pages) > 1}
    keep = [l for pg in pages for l in pg if not PAGE.match(l) and l not in run]
    return re.sub(r'\s', '', ''.join(keep))
errs = []; tot = collections.Counter(); nd = 0
for f in sorted(os.listdir(D)):
    if not f.endswith('.gold.json'): continue
    nd += 1; name = f[:-10]; E = lambda m: errs.append(name + ': ' + m)
    g = json.load(open(os.path.join(D, f), encoding='utf-8'))
    txt = open(os.path.join(D, name + '.txt'), encoding='utf-8').read()
    if set(g) != {'title', 'conventions', 'expect_warnings', 'clauses'}: E('keys')
    if not set(g['expect_warnings']) <= {'unassigned-text', 'numbering-gap', 'truncated'}: E('warn vals')
    ids = set(); arts = []
    for c in g['clauses']:
        if set(c) != {'id', 'kind', 'label', 'heading', 'text'}: E('clause keys ' + str(c))
        k = c['kind']; dep = c['id'].count('.') + 1
        if k not in ('article', 'paragraph', 'item', 'subitem'): E('kind ' + k)
        if c['id'] in ids: E('dup id ' + c['id'])
        ids.add(c['id']); tot[k] += 1
        want = {'article': dep == 1, 'paragraph': dep == 2, 'item': dep == 3, 'subitem': dep >= 4}[k]
        if not want: E('depth/kind ' + c['id'])
        if dep > 1 and c['id'].rsplit('.', 1)[0] not in ids and not (k == 'item' and c['id'].rsplit('.', 1)[0].endswith('.1') and c['id'].split('.')[0] in ids):
            E('no parent ' + c['id'])
        if k == 'paragraph' and c['id'].endswith('.1') and c['label'] != '': E('p1 label')
        if k == 'article':
            a = arabic(c['label']) if c['label'] else 1
            if str(a) != c['id']: E('article id/label ' + c['id'] + ' ' + c['label'])
            arts.append(int(c['id']))
        for fld in ('text', 'heading'):
            v = c[fld] or ''
            if '\n' in v or re.search(JP + r'[ 　]' + JP, v): E('bad %s %s' % (fld, c['id']))
    # warnings consistent with structure
    gap = arts[0] != 1 or any(b != a + 1 for a, b in zip(arts, arts[1:]))
    if gap != ('numbering-gap' in g['expect_warnings']): E('numbering-gap mismatch')
    last = g['clauses'][-1]['text']
    trunc = not last.rstrip().endswith(('。', 'こと', '管理', '限定', '措置', '特定', '防止', '廃棄', '暗号化', '保管'))
    if trunc != ('truncated' in g['expect_warnings']): E('truncated mismatch (last text: %s)' % last[-10:])
    if not 8 <= len(arts) <= 18: E('articles %d' % len(arts))
    # order / coverage
    n = norm(txt); pos = n.find(g['title'])
    if pos < 0: E('title not found'); continue
    pos += len(g['title']); first = True; prevh = None
    def skipbr(p, allow=''):
        while p < len(n) and n[p] in BR: p += 1
        return p
    for c in g['clauses']:
        lbl = re.sub(r'\s', '', c['label']); hd = c['heading']; tx = re.sub(r'\s', '', c['text'])
        toks = []
        if first:
            # locate start of the first clause
            cands = [n.find(x, pos) for x in ((lbl, hd or '') if c['kind'] == 'article' else (lbl,)) if x]
            cands = [x for x in cands if x >= 0]
            if not cands: E('first clause not found'); break
            pos = min(cands)
            if pos > 0 and n[pos-1] in BR and hd and n.startswith(hd, pos): pass
            first = False
        p = pos
        if c['kind'] == 'article' and not lbl:
            m = re.compile(r'第[■□●]+条?').search(n, p, p + 40)
            if m: lbl = m.group(0)
        ok = True
        # heading before or after label
        def take(p, s):
            if n.startswith(s, p): return p + len(s)
            p = skipbr(p)
            return p + len(s) if n.startswith(s, p) else None
        seqs = []
        if hd: seqs += [[hd, lbl, tx], [lbl, hd, tx]]
        if hd and hd == prevh: seqs += [[lbl, tx]]
        if not hd: seqs += [[lbl, tx]]
        if c['kind'] == 'article' and not lbl: seqs += [[hd or '', tx], [tx]]
        best = None
        for sq in seqs:
            q = p
            for s in sq:
                if s == '': continue
                q = take(q, s)
                if q is None: break
            if q is not None: best = q; break
        if best is None: E('not in order at %s: ...%s' % (c['id'], n[p:p+30])); break
        pos = best
        if c['kind'] == 'article': prevh = hd
    # nothing unaccounted till end of last clause (check done by contiguity above)
print('%d documents checked; clauses by kind: %s' % (nd, dict(tot)))
print('\n'.join(errs) if errs else 'OK: no errors')
