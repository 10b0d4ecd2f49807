import json, math, random, re, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from lib import M
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FW = str.maketrans('0123456789', '０１２３４５６７８９')
KAN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
def kanji(n): return KAN[n] if n <= 10 else ('十' + KAN[n - 10] if n < 20 else KAN[n // 10] + '十' + KAN[n % 10])
KATA = 'アイウエオカキクケコサシスセソ'
LAT = 'abcdefghij'
CIRC = '①②③④⑤⑥⑦⑧⑨⑩'
def fw(n): return str(n).translate(FW)
ART = {
 'fw': lambda n: '第' + fw(n), 'fwjo': lambda n: '第' + fw(n) + '条', 'ascjo': lambda n: '第%d条' % n,
 'kanji': lambda n: '第' + kanji(n) + '条', 'sp': lambda n: '第 %d' % n, 'sp3000': lambda n: '第\u3000' + fw(n),
 'spjo': lambda n: '第 %d 条' % n, 'dot': lambda n: '%d.' % n, 'bare': lambda n: str(n), 'fwbare': lambda n: fw(n),
 'kanjibare': lambda n: '第' + kanji(n),
}
REF = {'fw': lambda n: '第' + fw(n), 'fwjo': lambda n: '第' + fw(n) + '条', 'ascjo': lambda n: '第%d条' % n,
 'kanji': lambda n: '第' + kanji(n) + '条', 'sp': lambda n: '第%d' % n, 'sp3000': lambda n: '第' + fw(n),
 'spjo': lambda n: '第%d条' % n, 'dot': lambda n: '%d' % n, 'bare': lambda n: str(n), 'fwbare': lambda n: fw(n),
 'kanjibare': lambda n: '第' + kanji(n)}
ITEM = {'pfw': lambda k: '（' + fw(k) + '）', 'pasc': lambda k: '(%d)' % k, 'kata': lambda k: KATA[k - 1],
 'pkata': lambda k: '(' + KATA[k - 1] + ')', 'pfkata': lambda k: '（' + KATA[k - 1] + '）', 'lat': lambda k: LAT[k - 1],
 'plat': lambda k: '(' + LAT[k - 1] + ')', 'circ': lambda k: CIRC[k - 1], 'kan': lambda k: KAN[k], 'fwnum': lambda k: fw(k)}
BR = {'（）': ('（', '）'), '()': ('(', ')'), '【】': ('【', '】'), '〔〕': ('〔', '〕')}
CJK = re.compile(r'[\u3040-\u30ff\u3400-\u9fff]')
NOSTART = '、。）」,，)'

def wrap(prefix, text, W, first_cap=None):
    segs = text.split('¦')
    lines = []
    cur = prefix
    for si, s in enumerate(segs):
        last = si == len(segs) - 1
        if si > 0:
            lines.append(cur); cur = ''
        full = cur + s
        if last:
            while len(full) > W:
                lines.append(full[:W]); full = full[W:]
            cur = full
        else:
            m = max(1, math.ceil(len(full) / W)); per = math.ceil(len(full) / m)
            while len(full) > per:
                lines.append(full[:per]); full = full[per:]
            cur = full
    lines.append(cur)
    # no line starts with forbidden char: hang it on previous line
    for i in range(1, len(lines)):
        while lines[i] and lines[i][0] in NOSTART:
            lines[i - 1] += lines[i][0]; lines[i] = lines[i][1:]
    return [l for l in lines if l != '']

def space_glyphs(t, rnd, p):
    out = []
    for i, ch in enumerate(t):
        out.append(ch)
        if i + 1 < len(t) and CJK.match(ch) and CJK.match(t[i + 1]) and rnd.random() < p:
            out.append('\x01')
    return ''.join(out)

def subst(t, d, refs):
    t = t.replace('{K}', d['K']).replace('{C}', d['C']).replace('{cs}', d.get('cs', '契約')).replace('{W}', d.get('W', '本業務')).replace('{T}', d.get('T', '特記事項'))
    t = re.sub(r'\{R:(\w+)\}', lambda m: refs[m.group(1)], t)
    if d.get('ascii'):
        t = t.replace('、', ',').replace('（', '(').replace('）', ')')
    return t

def build(d):
    rnd = random.Random(d['name'])
    arts = []
    nums = d.get('numbers') or list(range(1, len(d['mods']) + 1))
    style = d['art']
    refs = {}
    for n, m in zip(nums, d['mods']):
        key = m if isinstance(m, str) else m[0]
        refs.setdefault(key, REF[style](n))
    if 'sekinin' not in refs and 'todokede' in refs: refs['sekinin'] = refs['todokede']
    for key in ['sekinin', 'himitsu', 'jiko']:
        refs.setdefault(key, '前条')
    clauses = []
    prev_head = None
    for n, m in zip(nums, d['mods']):
        key, opt = (m, {}) if isinstance(m, str) else m
        head, paras = M[key]
        head = opt.get('head', head)
        if d.get('nohead'): head = None
        paras = [(subst(t, d, refs), items) for t, items in paras]
        if 'paras' in opt: paras = [paras[i] for i in opt['paras']]
        label = ART[style](n)
        masked = opt.get('masked')
        a = {'n': n, 'label': '' if masked else label, 'plabel': '第■条' if masked else label,
             'head': head, 'shared': opt.get('shared', False), 'opt': opt, 'paras': paras}
        arts.append(a)
    # gold
    L = d.get('items', ['pfw', 'kata', 'pkata', 'lat', 'plat'])
    def gold_items(base, items, lvl):
        for k, (t, ch) in enumerate(items, 1):
            t = subst(t, d, refs)
            cid = base + '.%d' % k
            depth = cid.count('.') + 1
            clauses.append({'id': cid, 'kind': 'item' if depth == 3 else 'subitem', 'label': ITEM[L[lvl]](k), 'heading': None, 'text': t.replace('¦', '')})
            gold_items(cid, ch, lvl + 1)
    for a in arts:
        head = a['head']
        paras = a['paras']
        if d.get('paras_as_items') and len(paras) > 1:
            items = [(t, it) for t, it in paras]
            paras = [('', items)]
            a['paras'] = paras
        cut = a['opt'].get('cut')
        if cut is not None:
            t, it = paras[-1]; paras[-1] = (t.replace('¦', '')[:cut], it)
        ac = {'id': str(a['n']), 'kind': 'article', 'label': a['label'], 'heading': head, 'text': ''}
        clauses.append(ac)
        if len(paras) == 1:
            ac['text'] = paras[0][0].replace('¦', '')
            gold_items('%d.1' % a['n'], paras[0][1], 0)
        else:
            for p, (t, it) in enumerate(paras, 1):
                clauses.append({'id': '%d.%d' % (a['n'], p), 'kind': 'paragraph', 'label': '' if p == 1 else (fw(p) if d.get('plab', 'fw') == 'fw' else str(p)), 'heading': None, 'text': t.replace('¦', '')})
                gold_items('%d.%d' % (a['n'], p), it, 0)
    # render
    W = d.get('width', 40)
    sp = d.get('spaced', 0)
    sep = d.get('sep', ' ')
    ob, cb = BR[d.get('br', '（）')]
    ind = d.get('indent', '')
    body = []  # list of lines; '\f' marks forced page break
    def R(t): return space_glyphs(t, rnd, sp) if sp else t
    def H(h): return ob + (space_glyphs(h, rnd, 0.15) if sp else h) + cb
    tokens = []  # onelong
    hs = d.get('head_style', 'above')
    def emit_items(items, lvl):
        for k, (t, ch) in enumerate(items, 1):
            t = subst(t, d, refs)
            lab = ITEM[L[lvl]](k)
            if d['layout'] == 'onelong':
                tokens.append(lab + ' ' + t.replace('¦', ''))
            else:
                for i, l in enumerate(wrap(ind * (lvl + 1) + lab + sep, R(t), W)):
                    body.append(l)
            emit_items(ch, lvl + 1)
    for a in arts:
        head = a['head']; paras = a['paras']
        show_head = head is not None and not a['shared']
        first = paras[0][0]
        if d['layout'] == 'onelong':
            if show_head and hs in ('above', 'after'):
                if hs == 'above': tokens.append(ob + head + cb + ' ' + a['plabel'] + ' ' + first.replace('¦', ''))
                else: tokens.append(a['plabel'] + ob + head + cb + ' ' + first.replace('¦', ''))
            else:
                tokens.append(a['plabel'] + ' ' + first.replace('¦', ''))
        else:
            newline_body = False
            if show_head and hs == 'above':
                body.append(d.get('hindent', '') + H(head))
                prefix = a['plabel'] + sep
            elif show_head and hs == 'after':
                body.append(a['plabel'] + H(head)); newline_body = True
            elif show_head and hs == 'online':
                body.append(a['plabel'] + ' ' + R(head)); newline_body = True
            else:
                prefix = a['plabel'] + sep
            if d.get('alone') and not newline_body:
                body.append(a['plabel']); newline_body = True
            if first:
                body.extend(wrap('' if newline_body else prefix, R(first), W))
            elif not newline_body:
                body.append(a['plabel'])
        emit_items(paras[0][1], 0)
        for p, (t, it) in enumerate(paras[1:], 2):
            pl = fw(p) if d.get('plab', 'fw') == 'fw' else str(p)
            if d['layout'] == 'onelong': tokens.append(pl + ' ' + t.replace('¦', ''))
            else: body.extend(wrap(pl + d.get('psep', sep), R(t), W))
            emit_items(it, 0)
        if a['opt'].get('pagebreak'): body.append('\f')
    # assemble
    out = []
    if d['layout'] == 'onelong':
        pre = d.get('pre', [])
        t = ob + 'x' if False else None
        line = ' '.join([d['title']] + d.get('between', []) + tokens + d.get('post_inline', []))
        txt = '\n'.join(pre + [line] + d.get('post', [])) + '\n'
    else:
        title = d['title']
        ts = d.get('title_style', 'plain')
        tl = [' '.join(title)] if ts == 'spaced' else (list(title) if ts == 'vertical' else [d.get('title_pad', '') + title])
        lines = d.get('pre', []) + tl + d.get('between', []) + body + d.get('post', [])
        PL = d.get('page_lines', 10**6)
        pages, cur = [], []
        lost = None
        for l in lines:
            if l == '\f' or len(cur) >= PL:
                pages.append(cur); cur = []
                if l == '\f':
                    lost = len(pages); continue
            cur.append(l)
        pages.append(cur)
        N = len(pages)
        ptxt = []
        for i, pg in enumerate(pages, 1):
            pl = []
            if d.get('header') and (i > 1 or d.get('header_first')): pl.append(d['header'])
            pl += pg
            pn = i + 1 if (lost and i > lost) else i
            if d.get('footer'): pl.append(d['footer'].format(n=pn, f=fw(pn), N=N))
            if d['layout'] == 'corpus':
                ptxt.append(''.join(x + ' \n\n' for x in pl))
            else:
                ptxt.append(''.join(x + '\n' for x in pl))
        txt = '\f'.join(ptxt)
    txt = txt.replace('\x01', ' ')
    gold = {'title': d['title'], 'conventions': d['conv'], 'expect_warnings': d.get('warn', []), 'clauses': clauses}
    with open(os.path.join(OUT, d['name'] + '.txt'), 'w', encoding='utf-8') as f: f.write(txt)
    with open(os.path.join(OUT, d['name'] + '.gold.json'), 'w', encoding='utf-8') as f: json.dump(gold, f, ensure_ascii=False, indent=1)

if __name__ == '__main__':
    from docs import DOCS
    for d in DOCS: build(d)
    print(len(DOCS), 'docs')
