"""Checker for heldout-pairs-h. Parses article labels from the texts on its own
(no use of the generator's data) and validates gold.tsv against them."""
import os, re, sys, glob, collections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIMS = ['modality', 'deadline', 'consent', 'exception', 'survival', 'scope', 'form', 'encryption',
        'certificate', 'subsidiaries', 'multi-tier', 'risk', 'method', 'trigger', 'periodic', 'ppc', 'paragraph']
STATUSES = {'equivalent', 'divergent', 'missing', 'extra'}
KAN = {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}
Z2H = str.maketrans('０１２３４５６７８９', '0123456789')
FORBID = set('、。，．,.）)」』】］]') | set('（(「『【［[') | set('一二三四五六七八九十第')

def kan2int(s):
    if s == '十': return 10
    if s.startswith('十'): return 10 + KAN[s[1]]
    if s.endswith('十'): return KAN[s[0]] * 10
    if '十' in s: a, b = s.split('十'); return KAN[a] * 10 + KAN[b]
    return KAN[s]

P_KANJI = re.compile(r'^第([一二三四五六七八九十]+)条[ 　]')
P_DAI = re.compile(r'^第[ 　]*([0-9０-９]+)[ 　]*(?:条)?(?=[ 　(（]|$)')
P_DOT = re.compile(r'^([0-9０-９]+)[.．][ 　]')
P_BARE = re.compile(r'^([0-9０-９]+) ([^、。, ]+)$')
P_SINGLE = re.compile(r'\) 第([0-9]+)条 ')

def parse(text):
    """returns (family, [(lineno, number)])"""
    lines = [l.rstrip(' ') for l in text.split('\n')]
    nonempty = [l for l in lines if l.strip()]
    if len(nonempty) <= 2 and max(map(len, nonempty)) > 300:
        return 'single', [(0, int(m.group(1))) for m in P_SINGLE.finditer(text)]
    for fam, pat, conv in (('kanji', P_KANJI, kan2int), ('dai', P_DAI, lambda s: int(s.translate(Z2H))),
                           ('dot', P_DOT, lambda s: int(s.translate(Z2H))), ('bare', P_BARE, lambda s: int(s.translate(Z2H)))):
        hits = []
        for i, l in enumerate(lines):
            m = pat.match(l.lstrip(' '))
            if m: hits.append((i, conv(m.group(1))))
        if hits:
            return fam, hits
    return 'none', []

LABELISH = [re.compile(p) for p in (r'^第', r'^[0-9０-９]+[ 　.．]', r'^\([0-9]+\) ', r'^[（(][^）)]*[）)]$', r'^[（(].*[）)]$')]

def check_layout(name, text, fam, hits, errs):
    if fam == 'single':
        if text.count('\n') > 1: errs.append('%s: single-line text has line breaks' % name)
        return
    lines = [l.rstrip(' ') for l in text.split('\n')]
    if not hits:
        errs.append("%s: no article labels found" % name); return
    first = hits[0][0]
    lens = [len(l) for l in lines if l.strip()]
    W = max(lens)
    if not 36 <= W <= 46: errs.append('%s: max line width %d outside 36-46' % (name, W))
    body = [len(l) for l in lines[first:] if len(l) >= 20]
    near = sum(1 for n in body if n >= W - 4) / max(1, len(body))
    if near < 0.5: errs.append('%s: not hard-wrapped at a fixed width (%.2f near max)' % (name, near))
    for i, l in enumerate(lines):
        if i < first or not l.strip():
            continue
        s = l.lstrip(' ')
        if s[0] in FORBID or s[0].isdigit():
            if not any(p.match(s) for p in LABELISH):
                errs.append('%s:%d: continuation line starts with %r' % (name, i + 1, s[:6]))
            elif s[0] in '第' and not (P_DAI.match(s) or P_KANJI.match(s)):
                errs.append('%s:%d: line starts with 第 but is no label: %r' % (name, i + 1, s[:8]))
        if s[0] in '、。）」': errs.append('%s:%d: line starts with %r' % (name, i + 1, s[0]))
    # paragraph-number lines must not be mistaken for articles: they never start with 第 (ok by construction)

R_REASON = re.compile(r'^([a-z-]+): (.+?) → (.+)$')

def main():
    errs = []
    dimcount = collections.Counter(); dimkind = collections.defaultdict(set)
    totals = collections.Counter(); summary = []
    dirs = sorted(d for d in glob.glob(os.path.join(ROOT, '[0-9][0-9]-*')) if os.path.isdir(d))
    if len(dirs) != 10: errs.append('expected 10 pair folders, found %d' % len(dirs))
    for d in dirs:
        pn = os.path.basename(d)
        for f in ('a.txt', 'b.txt', 'gold.tsv', 'README.md'):
            if not os.path.exists(os.path.join(d, f)): errs.append('%s: %s missing' % (pn, f))
        labels = {}
        fams = {}
        for side in 'ab':
            text = open(os.path.join(d, side + '.txt'), encoding='utf-8').read()
            fam, hits = parse(text)
            nums = [n for _, n in hits]
            fams[side] = fam
            if nums != list(range(1, len(nums) + 1)):
                errs.append('%s/%s.txt: numbering not 1..N: %s' % (pn, side, nums))
            if not 8 <= len(nums) <= 16:
                errs.append('%s/%s.txt: %d articles' % (pn, side, len(nums)))
            check_layout('%s/%s.txt' % (pn, side), text, fam, hits, errs)
            labels[side] = set(nums)
        rows = open(os.path.join(d, 'gold.tsv'), encoding='utf-8').read().rstrip('\n').split('\n')
        if rows[0] != 'a\tb\tstatus\treasons': errs.append('%s: bad header %r' % (pn, rows[0]))
        seen = {'a': set(), 'b': set()}; pairs = set(); st = collections.Counter(); nreason = 0
        for k, r in enumerate(rows[1:], 2):
            f = r.split('\t')
            if len(f) != 4: errs.append('%s:%d: %d fields' % (pn, k, len(f))); continue
            a, b, s, reasons = f
            if s not in STATUSES: errs.append('%s:%d: status %r' % (pn, k, s)); continue
            st[s] += 1
            if (a, b) in pairs: errs.append('%s:%d: duplicate row' % (pn, k))
            pairs.add((a, b))
            for side, v in (('a', a), ('b', b)):
                if v == '-': continue
                if not v.isdigit() or int(v) not in labels[side]:
                    errs.append('%s:%d: %s id %r is not a printed article label' % (pn, k, side, v))
                else: seen[side].add(int(v))
            if s in ('equivalent', 'divergent') and ('-' in (a, b)):
                errs.append('%s:%d: %s needs both ids' % (pn, k, s))
            if s == 'missing' and not (a != '-' and b == '-'): errs.append('%s:%d: missing needs b=-' % (pn, k))
            if s == 'extra' and not (a == '-' and b != '-'): errs.append('%s:%d: extra needs a=-' % (pn, k))
            if s != 'divergent':
                if reasons != '-': errs.append('%s:%d: %s must have reasons -' % (pn, k, s))
                continue
            if reasons == '-': errs.append('%s:%d: divergent without reasons' % (pn, k)); continue
            for rs in reasons.split(', '):
                m = R_REASON.match(rs)
                if not m: errs.append('%s:%d: bad reason %r' % (pn, k, rs)); continue
                dim, va, vb = m.groups()
                if dim not in DIMS: errs.append('%s:%d: unknown dimension %r' % (pn, k, dim))
                if ',' in va + vb or '→' in va + vb: errs.append('%s:%d: bad value in %r' % (pn, k, rs))
                if va == vb: errs.append('%s:%d: no change in %r' % (pn, k, rs))
                if va == 'none' and vb == 'none': errs.append('%s:%d: none → none' % (pn, k))
                dimcount[dim] += 1; nreason += 1
                dimkind[dim].add('presence' if 'none' in (va, vb) else 'value')
        for side in 'ab':
            miss = labels[side] - seen[side]
            if miss: errs.append('%s: %s articles not in gold: %s' % (pn, side, sorted(miss)))
        totals.update(st); totals['reasons'] += nreason
        summary.append((pn, fams['a'], len(labels['a']), fams['b'], len(labels['b']), st['equivalent'], st['divergent'],
                        st['missing'], st['extra'], nreason))
    print('%-36s %-7s %3s %-7s %3s %4s %4s %4s %4s %4s' % ('pair', 'famA', 'nA', 'famB', 'nB', 'eq', 'div', 'miss', 'ext', 'rsn'))
    for s in summary: print('%-36s %-7s %3d %-7s %3d %4d %4d %4d %4d %4d' % s)
    print('totals:', dict(totals))
    for dim in DIMS:
        flag = '' if dimcount[dim] >= 3 and dimkind[dim] == {'value', 'presence'} else '  <-- PROBLEM'
        print('  %-13s %2d  %s%s' % (dim, dimcount[dim], '+'.join(sorted(dimkind[dim])), flag))
        if flag: errs.append('dimension %s: count %d kinds %s' % (dim, dimcount[dim], dimkind[dim]))
    if errs:
        print('\nERRORS (%d):' % len(errs)); [print(' ', e) for e in errs]; sys.exit(1)
    print('\nOK: all checks passed')

if __name__ == '__main__':
    main()
