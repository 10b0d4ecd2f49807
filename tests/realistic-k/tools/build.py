# builder: spec (specs.txt) -> NAME.txt + NAME.gold.json  (authoring aid, not part of the set)
import json, os, random, re, sys
D = os.path.dirname(os.path.abspath(__file__)); OUT = os.path.dirname(D)
KN = {'〇':0,'一':1,'二':2,'三':3,'四':4,'五':5,'六':6,'七':7,'八':8,'九':9}
def arabic(lbl):
    s = re.sub(r'[第条\s　.．]', '', lbl).translate(str.maketrans('０１２３４５６７８９','0123456789'))
    if s.isdigit(): return int(s)
    n = 0; cur = 0
    for ch in s:
        if ch == '十': n += (cur or 1) * 10; cur = 0
        elif ch in KN: cur = KN[ch]
        else: raise ValueError(lbl)
    return n + cur
def is_jp(c): return ord(c) > 0x2e80
BAD = '、。）」，,)'
def wrap(s, w):
    out = []
    for seg in s.split('¦'):
        while len(seg) > w:
            k = w
            while k < len(seg) and seg[k] in BAD: k += 1
            out.append(seg[:k]); seg = seg[k:]
        out.append(seg)
    return [x for x in out if x != '']
LV = {'I':3,'S':4,'T':5,'U':6,'V':7}
def build(block):
    head, *rest = block
    name, *opts = [x.strip() for x in head.split('|')]
    o = dict(x.split('=',1) for x in opts)
    layout = o.get('layout', 'plain'); w = int(o.get('w', 40)) if layout != 'oneline' else 10**6
    meta = {'title': None, 'conv': [], 'warn': [], 'post': [], 'pre': []}
    lines = []; clauses = []; art = None; para = 0; stack = []
    hb = {'paren':'（%s）','asc':'(%s)','lent':'【%s】','kikko':'〔%s〕'}
    for raw in rest:
        if not raw.strip(): continue
        code, _, body = raw.partition(' '); code = code.rstrip(':')
        f = [x.strip() for x in body.split('|')]
        if code == 'title': meta['title'] = f[0].replace('¦','').replace(' ','').replace('　',''); lines += f[0].split('¦')
        elif code == 'pre': lines += wrap(f[0], w)
        elif code == 'conv': meta['conv'] += [x.strip() for x in f[0].split(',')]
        elif code == 'warn': meta['warn'] += [x.strip() for x in f[0].split(',') if x.strip()]
        elif code == 'post': lines += wrap(f[0], w)
        elif code == 'raw': lines.append(body)
        elif code == 'A':
            lbl, hd, st, tx = f[0], f[1] or None, f[2], f[3]; TX = tx.replace('¦', '')
            aid = str(arabic(lbl)) if lbl and '■' not in lbl else '1'
            glbl = '' if '■' in lbl else lbl
            art = {'id': aid, 'kind': 'article', 'label': glbl, 'heading': hd, 'text': TX}
            clauses.append(art); para = 1; stack = []; art['_haspara'] = False; art['_items'] = 0
            sp = ' ' if not lbl.endswith(('　',' ')) else ''
            if st in hb: lines.append(hb[st] % hd); lines += wrap(lbl + sp + tx, w)
            elif st == 'half': lines.append(lbl + '(%s)' % hd); lines += wrap(tx, w)
            elif st == 'fhalf': lines.append(lbl + '（%s）' % hd); lines += wrap(tx, w)
            elif st == 'bare': lines.append(lbl + ' ' + hd); lines += wrap(tx, w)
            elif st == 'alone': lines.append(lbl); lines += wrap(tx, w)
            elif st == 'parenalone': lines.append('（%s）' % hd); lines.append(lbl); lines += wrap(tx, w)
            elif st in ('shared', 'none'): lines += wrap(lbl + sp + tx, w)
            else: raise ValueError(st)
        elif code == 'P':
            lbl, tx = f[0], f[1]
            if not art['_haspara']:
                art['_haspara'] = True
                p1 = {'id': art['id'] + '.1', 'kind': 'paragraph', 'label': '', 'heading': None, 'text': art['text']}
                art['text'] = ''
                # insert p1 right after article (before its items)
                i = clauses.index(art); clauses.insert(i + 1, p1)
                for c in clauses[i+2:]:
                    pass
            para += 1; stack = []
            clauses.append({'id': '%s.%d' % (art['id'], para), 'kind': 'paragraph', 'label': lbl, 'heading': None, 'text': tx.replace('¦', '')})
            lines += wrap(lbl + ' ' + tx, w)
        elif code in LV:
            lbl, tx = f[0], f[1]; lv = LV[code]
            while stack and stack[-1][0] >= lv: stack.pop()
            if stack: parent = stack[-1][1]
            else: parent = '%s.%d' % (art['id'], para)
            cnt = sum(1 for c in clauses if c['id'].rsplit('.',1)[0] == parent and c['id'].count('.') == parent.count('.') + 1)
            cid = '%s.%d' % (parent, cnt + 1)
            clauses.append({'id': cid, 'kind': 'item' if lv == 3 else 'subitem', 'label': lbl, 'heading': None, 'text': tx.replace('¦', '')})
            stack.append((lv, cid))
            lines += wrap(lbl + ('' if o.get('nospace') else ' ') + tx, w)
        else: raise ValueError(raw)
    for c in clauses:
        c.pop('_haspara', None); c.pop('_items', None)
        if c['kind'] == 'article' and not c['id'].count('.'):
            pass
    rnd = random.Random(name)
    # spaced glyphs
    ns = int(o.get('spaced', 0))
    if ns:
        idx = [i for i, l in enumerate(lines) if sum(is_jp(c) for c in l) > 8]
        for i in rnd.sample(idx, min(ns, len(idx))):
            l = lines[i]; pos = [k for k in range(1, len(l)) if is_jp(l[k-1]) and is_jp(l[k])]
            for k in sorted(rnd.sample(pos, min(2, len(pos))), reverse=True): l = l[:k] + ' ' + l[k:]
            lines[i] = l
    # pages
    per = int(o.get('page', 0)); hdr = o.get('hdr'); ftr = o.get('ftr')
    if per and layout != 'oneline':
        pages = [lines[i:i+per] for i in range(0, len(lines), per)]
        np_ = len(pages); out = []
        for n, pg in enumerate(pages, 1):
            if hdr: out.append(hdr)
            out += pg
            if ftr: out.append(ftr.replace('N', str(n)).replace('T', str(np_)))
            if n < np_: out.append('\f')
        lines = out
    if layout == 'pdf':
        txt = ''.join(('' if l == '\f' else '\n') + (l if l == '\f' else l + ' ') + '\n' for l in lines)
        txt = txt.replace('\n\f \n', '\f')
    elif layout == 'oneline':
        txt = ' '.join(lines) + '\n'
    else:
        txt = '\n'.join(lines).replace('\n\f\n', '\f') + '\n'
    gold = {'title': meta['title'], 'conventions': meta['conv'], 'expect_warnings': meta['warn'], 'clauses': clauses}
    open(os.path.join(OUT, name + '.txt'), 'w', encoding='utf-8').write(txt)
    open(os.path.join(OUT, name + '.gold.json'), 'w', encoding='utf-8').write(json.dumps(gold, ensure_ascii=False, indent=1) + '\n')
blocks = []; cur = None
for l in open(os.path.join(D, 'specs.txt'), encoding='utf-8').read().split('\n'):
    if l.startswith('@@ '): cur = [l[3:]]; blocks.append(cur)
    elif cur is not None and not l.startswith('#'): cur.append(l)
for b in blocks: build(b)
print(len(blocks), 'docs')
