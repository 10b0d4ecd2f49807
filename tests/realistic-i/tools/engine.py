# Layout engine for the realistic-i set: spec -> (extracted-looking text, gold JSON).
# Auxiliary script used to write the set; not part of the set itself.
import json, random, re
from pool import POOL

FW = str.maketrans('0123456789', '０１２３４５６７８９')
KAN = '〇一二三四五六七八九'
KATA = 'アイウエオカキクケコサシスセソ'
ALPHA = 'abcdefghijklmn'
CIRC = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮'
BREAK = '¦'


def kanji(n):
    if n < 10:
        return KAN[n]
    t, o = divmod(n, 10)
    return ('' if t == 1 else KAN[t]) + '十' + (KAN[o] if o else '')


def fw(n):
    return str(n).translate(FW)


ART = {
    'fw': lambda n: '第' + fw(n),
    'fwjo': lambda n: '第' + fw(n) + '条',
    'jo': lambda n: '第%d条' % n,
    'sp': lambda n: '第 %d' % n,
    'spfw': lambda n: '第 ' + fw(n),
    'ideo': lambda n: '第\u3000' + fw(n),
    'kanji': lambda n: '第' + kanji(n) + '条',
    'plain': lambda n: '第%d' % n,
    'dot': lambda n: '%d.' % n,
    'num': lambda n: '%d' % n,
}
PARA = {'fw': fw, 'ascii': str}
ITEM = {
    'kanji': lambda k: kanji(k),
    'paren': lambda k: '(%d)' % k,
    'fwparen': lambda k: '（' + fw(k) + '）',
    'circ': lambda k: CIRC[k - 1],
    'kata': lambda k: KATA[k - 1],
    'pkata': lambda k: '(' + KATA[k - 1] + ')',
    'fwpkata': lambda k: '（' + KATA[k - 1] + '）',
    'alpha': lambda k: ALPHA[k - 1],
    'palpha': lambda k: '(' + ALPHA[k - 1] + ')',
}


def is_ja(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30ff) or (0x4e00 <= o <= 0x9fff) or (0x3400 <= o <= 0x4dbf) or c in '々〆ヶ'


def parse_block(block, v, subs=()):
    for a, b in subs:
        if a not in block:
            raise ValueError('sub not found: %r' % a)
        block = block.replace(a, b)
    for k, val in v.items():
        block = block.replace('{%s}' % k, val)
    lines = block.split('\n')
    h = lines[0][2:].strip()
    art = {'heading': None if h == '-' else h, 'paras': []}
    cur = None
    for ln in lines[1:]:
        if not ln.strip():
            continue
        if ln.startswith('+ '):
            cur = {'text': ln[2:], 'items': []}
            art['paras'].append(cur)
        elif ln.startswith('-'):
            d = len(ln) - len(ln.lstrip('-'))
            it = {'text': ln[d + 1:], 'sub': []}
            lst = cur['items']
            for _ in range(d - 1):
                lst = lst[-1]['sub']
            lst.append(it)
        else:
            if cur is None:
                cur = {'text': ln, 'items': []}
                art['paras'].append(cur)
            else:
                cur['text'] += ln
    return art


class Doc:
    def __init__(self, spec):
        self.s = spec
        self.rng = random.Random(spec['name'])

    # ------------------------------------------------------------ spec -> logical structure
    def build(self):
        s = self.s
        v = {k: s.get(k, '') for k in ('K', 'C', 'W', 'P', 'CT')}
        arts = []
        for ent in s['arts']:
            group = None
            ents = [ent]
            if isinstance(ent, tuple) and ent[0] == 'share':
                group = ent[1]
                ents = ent[2]
            for j, e in enumerate(ents):
                ov = {}
                if isinstance(e, tuple):
                    e, ov = e
                block = POOL[e] if e in POOL else e
                a = parse_block(block, v, ov.get('sub', ()))
                if 'h' in ov:
                    a['heading'] = ov['h']
                if group is not None:
                    a['heading'] = group
                    a['show_heading'] = (j == 0)
                else:
                    a['show_heading'] = True
                a['hstyle'] = ov.get('hstyle', s.get('hstyle', 'above'))
                arts.append(a)
        tr = s.get('textmap')
        if tr:
            def tmap(t):
                for a_, b_ in tr:
                    t = t.replace(a_, b_)
                return t
            for a in arts:
                for p in a['paras']:
                    p['text'] = tmap(p['text'])
                    stack = list(p['items'])
                    while stack:
                        it = stack.pop()
                        it['text'] = tmap(it['text'])
                        stack.extend(it['sub'])
        # numbering
        n = s.get('start', 1)
        skip = set(s.get('skip', ()))
        for a in arts:
            while n in skip:
                n += 1
            a['num'] = n
            n += 1
        # truncation: (article index, paragraph index, kept chars)
        if s.get('trunc'):
            ai, pi, nc = s['trunc']
            arts = arts[:ai + 1]
            a = arts[-1]
            a['paras'] = a['paras'][:pi + 1]
            p = a['paras'][-1]
            p['items'] = []
            p['text'] = p['text'][:nc]
        self.arts = arts
        return arts

    # ------------------------------------------------------------ gold
    def gold(self):
        s = self.s
        out = []
        af = ART[s['art']]
        pf = PARA[s.get('para', 'fw')]
        ilv = s.get('items', ['paren', 'kata', 'pkata', 'alpha', 'palpha'])

        def clean(t):
            return t.replace(BREAK, '')

        def items(prefix, lst, depth):
            for k, it in enumerate(lst, 1):
                iid = prefix + '.' + str(k)
                out.append({'id': iid, 'kind': 'item' if depth == 0 else 'subitem',
                            'label': ITEM[ilv[depth]](k), 'heading': None, 'text': clean(it['text'])})
                items(iid, it['sub'], depth + 1)

        for ai, a in enumerate(self.arts):
            if ai == 0 and s.get('nolabel_first'):
                continue
            N = str(a['num'])
            label = af(a['num'])
            if ai == 0 and s.get('mask_first'):
                label = ''
            multi = len(a['paras']) > 1
            out.append({'id': N, 'kind': 'article', 'label': label, 'heading': a['heading'],
                        'text': '' if multi else clean(a['paras'][0]['text'])})
            for pi, p in enumerate(a['paras'], 1):
                if multi:
                    out.append({'id': '%s.%d' % (N, pi), 'kind': 'paragraph',
                                'label': '' if pi == 1 else pf(pi), 'heading': None, 'text': clean(p['text'])})
                items('%s.%d' % (N, pi), p['items'], 0)
        return {'title': s['title'], 'conventions': s['conv'], 'expect_warnings': s.get('warn', []),
                'clauses': out}

    # ------------------------------------------------------------ text
    def spaced(self, t, p=None):
        p = self.s.get('spaced', 0) if p is None else p
        if not p:
            return t
        r = []
        for i, c in enumerate(t):
            r.append(c)
            if i + 1 < len(t) and is_ja(c) and is_ja(t[i + 1]) and self.rng.random() < p:
                r.append(' ')
        return ''.join(r)

    def logical(self):
        """list of (kind, text): kind in raw / body / head / sep"""
        s = self.s
        af = ART[s['art']]
        pf = PARA[s.get('para', 'fw')]
        ilv = s.get('items', ['paren', 'kata', 'pkata', 'alpha', 'palpha'])
        br = s.get('br', '（）')
        asep = s.get('asep', ' ')
        isep = s.get('isep', ' ')
        psep = s.get('psep', ' ')
        ind = s.get('item_indent', '')
        hind = s.get('head_indent', '')
        L = []
        for ln in s.get('pre', []):
            L.append(('raw', ln))
        for ln in s.get('title_lines', [s['title']]):
            L.append(('raw', ln))
        for ln in s.get('between', []):
            L.append(('body', ln) if len(ln) > 30 else ('raw', ln))

        def hb(h):
            return br[0] + self.spaced(h) + br[1]

        def emit_items(lst, depth):
            for k, it in enumerate(lst, 1):
                L.append(('body', ind * (depth + 1) + ITEM[ilv[depth]](k) + isep + self.spaced(it['text'])))
                emit_items(it['sub'], depth + 1)

        for ai, a in enumerate(self.arts):
            if ai:
                L.append(('sep', ''))
            label = af(a['num'])
            if ai == 0 and s.get('mask_first'):
                label = s['mask_first']
            st = a['hstyle']
            t1 = self.spaced(a['paras'][0]['text'])
            h = a['heading'] if a['show_heading'] else None
            if ai == 0 and s.get('nolabel_first'):
                if h:
                    L.append(('head', hind + hb(h)))
                L.append(('body', t1))
            elif st == 'above':
                if h:
                    L.append(('head', hind + hb(h)))
                L.append(('body', label + asep + t1))
            elif st == 'labelalone':
                if h:
                    L.append(('head', hind + hb(h)))
                L.append(('head', label))
                L.append(('body', t1))
            elif st == 'after':
                if h:
                    L.append(('head', label + s.get('hsep', '') + hb(h)))
                    L.append(('body', t1))
                else:
                    L.append(('body', label + asep + t1))
            elif st == 'numline':
                L.append(('head', label + s.get('hsep', ' ') + self.spaced(h)))
                L.append(('body', t1))
            else:
                raise ValueError(st)
            emit_items(a['paras'][0]['items'], 0)
            for pi, p in enumerate(a['paras'][1:], 2):
                L.append(('body', pf(pi) + psep + self.spaced(p['text'])))
                emit_items(p['items'], 0)
        for ln in s.get('post', []):
            L.append(('raw', ln))
        return L

    def width(self, c):
        return 0.5 if ord(c) < 0x80 else 1.0

    def wrap(self, t, W):
        out, cur, w = [], '', 0.0
        i = 0
        while i < len(t):
            c = t[i]
            if c == BREAK:
                out.append(cur)
                cur, w = '', 0.0
                i += 1
                continue
            cur += c
            w += self.width(c)
            i += 1
            if w >= W and i < len(t):
                while i < len(t) and t[i] in '、。）」,.)':
                    cur += t[i]
                    i += 1
                if i < len(t) and t[i] != BREAK:
                    out.append(cur)
                    cur, w = '', 0.0
        if cur:
            out.append(cur)
        return out

    def render(self):
        s = self.s
        lay = s['layout']
        L = self.logical()
        if lay.get('oneline'):
            fb = self._first_body(L)
            head = [t for k, t in L[:fb]]
            body_parts, post = [], []
            for idx, (k, t) in enumerate(L):
                if idx < fb:
                    continue
                if k == 'raw' and idx > self._last_body(L):
                    post.append(t)
                    continue
                if k == 'sep':
                    continue
                body_parts.append(t.replace(BREAK, ''))
            body = ' '.join(body_parts)
            if lay.get('allone'):
                return ' '.join(head + [body] + post) + lay.get('end', '')
            return '\n'.join(head + [body] + post) + '\n'
        W = lay['width']
        phys = []  # (text, is_block_end)
        for k, t in L:
            if k == 'sep':
                phys.append(('SEP', True))
                continue
            if k in ('raw', 'head'):
                phys.append((t, True))
                continue
            ws = self.wrap(t, W)
            for j, x in enumerate(ws):
                phys.append((x, j == len(ws) - 1))
        # pagination
        per = lay.get('per_page', 10 ** 6)
        pages, cur, cnt = [], [], 0
        for x in phys:
            cur.append(x)
            if x[0] != 'SEP':
                cnt += 1
            if cnt >= per:
                pages.append(cur)
                cur, cnt = [], 0
        if cur:
            pages.append(cur)
        m = len(pages)
        blank = lay.get('blank')
        trail = lay.get('trail')
        res = []
        for pn, pg in enumerate(pages, 1):
            lines = []
            if lay.get('header') and (pn > 1 or lay.get('header_first', True)):
                lines.append(lay['header'].format(n=pn, m=m))
            for t, end in pg:
                if t == 'SEP':
                    if blank:
                        lines.append(' ')
                    elif lay.get('sep_blank'):
                        lines.append('')
                    continue
                if trail and end:
                    t = t + ' '
                elif lay.get('trail_rand') and self.rng.random() < lay['trail_rand']:
                    t = t + ' '
                lines.append(t)
            if lay.get('footer'):
                lines.append(lay['footer'].format(n=pn, m=m, nf=fw(pn)))
            joiner = '\n\n' if blank else '\n'
            res.append(joiner.join(lines))
        if lay.get('ff'):
            sep = ('\n\n' if blank else '\n') + '\f'
        else:
            sep = '\n\n\n\n' if blank else '\n\n'
        text = sep.join(res)
        if blank:
            text = '\n' + text
        return text + '\n' + lay.get('end', '')

    def _first_body(self, L):
        # index of the first non-raw entry minus the raw lines that belong to "between"
        n = len(self.s.get('pre', [])) + len(self.s.get('title_lines', [self.s['title']]))
        return n

    def _last_body(self, L):
        return len(L) - len(self.s.get('post', [])) - 1


def write(spec, outdir):
    d = Doc(spec)
    d.build()
    g = d.gold()
    txt = d.render()
    with open('%s/%s.txt' % (outdir, spec['name']), 'w', encoding='utf-8') as f:
        f.write(txt)
    with open('%s/%s.gold.json' % (outdir, spec['name']), 'w', encoding='utf-8') as f:
        json.dump(g, f, ensure_ascii=False, indent=1)
        f.write('\n')
    return d, g
