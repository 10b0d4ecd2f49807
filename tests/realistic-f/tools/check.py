#!/usr/bin/env python3
"""Checker for the realistic-f set. Reads only NAME.txt and NAME.gold.json.
usage: check.py DIR   (checks every *.gold.json in DIR)"""
import json, re, sys, os, glob

KINDS = ('article', 'paragraph', 'item', 'subitem')
WARN = {'unassigned-text', 'numbering-gap', 'truncated'}
JP = r'[\u3040-\u30ff\u4e00-\u9fff\u3001-\u303f\uff01-\uff60\u2460-\u2473\u25a0-\u25ff]'
BR = '[（）()【】〔〕]*'
MASK = '(?:第[■□●○〇◯＊*]+条?)?'
PAGENO = [r'[-－‐—–]?\s*[0-9０-９]+\s*[-－‐—–]?', r'[0-9０-９]+\s*[/／]\s*[0-9０-９]+',
          r'[（(]\s*[0-9０-９]+\s*[)）]', r'(?:Page|P\.)\s*[0-9]+']
KN = {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}


def arabic(label):
    s = re.sub(r'\s', '', label)
    s = s.replace('第', '').replace('条', '').rstrip('.．')
    s = s.translate(str.maketrans('０１２３４５６７８９', '0123456789'))
    if s.isdigit():
        return int(s)
    if s and all(c in KN or c == '十' for c in s):
        if '十' in s:
            a, _, b = s.partition('十')
            return (KN[a] if a else 1) * 10 + (KN[b] if b else 0)
        return KN[s]
    return None


def normalise(txt):
    pages = txt.split('\f')
    edges = {}
    for pg in pages:
        ls = [l.strip() for l in pg.split('\n') if l.strip()]
        for l in set(ls[:1] + ls[-1:]):
            edges[l] = edges.get(l, 0) + 1
    running = {l for l, c in edges.items() if c >= 2}
    keep = []
    for l in txt.replace('\f', '\n').split('\n'):
        t = l.strip()
        if not t or t in running or any(re.fullmatch(p, t) for p in PAGENO):
            continue
        keep.append(t)
    return re.sub(r'\s', '', ''.join(keep)), [re.sub(r'\s', '', l) for l in keep]


def ws(s):
    return re.sub(r'\s', '', s or '')


def check(base):
    errs = []
    txt = open(base + '.txt', encoding='utf-8').read()
    g = json.load(open(base + '.gold.json', encoding='utf-8'))
    if set(g) != {'title', 'conventions', 'expect_warnings', 'clauses'}:
        errs.append('top-level keys %s' % sorted(g))
    if not isinstance(g.get('title'), str) or not g['title']:
        errs.append('title not a non-empty string')
    if not set(g.get('expect_warnings', [])) <= WARN:
        errs.append('bad warnings')
    cl = g['clauses']
    ids = {}
    arts = []
    for c in cl:
        if set(c) != {'id', 'kind', 'label', 'heading', 'text'}:
            errs.append('clause keys %s' % c)
            continue
        if c['kind'] not in KINDS:
            errs.append('kind %s' % c)
        if c['id'] in ids:
            errs.append('duplicate id %s' % c['id'])
        ids[c['id']] = c
        parts = c['id'].split('.')
        if not all(p.isdigit() for p in parts):
            errs.append('id %s' % c['id'])
        depth = len(parts)
        want = {'article': depth == 1, 'paragraph': depth == 2, 'item': depth == 3, 'subitem': depth >= 4}
        if not want[c['kind']]:
            errs.append('depth/kind %s %s' % (c['id'], c['kind']))
        if c['kind'] != 'article':
            par = '.'.join(parts[:-1])
            if par not in ids:
                # items of an article without numbered paragraphs hang under N.1 (no N.1 row)
                if not (c['kind'] == 'item' and parts[1] == '1' and parts[0] in ids
                        and not any(k.startswith(parts[0] + '.') and ids[k]['kind'] == 'paragraph' for k in ids)):
                    errs.append('no parent for %s' % c['id'])
        else:
            arts.append(c)
            v = arabic(c['label'])
            if c['label'] == '':
                if c['id'] != '1':
                    errs.append('masked label must read as article 1: %s' % c['id'])
            elif v is None or str(v) != c['id']:
                errs.append('article id %s vs label %r' % (c['id'], c['label']))
        for f in ('text', 'heading'):
            v = c.get(f)
            if v is None:
                continue
            if '\n' in v or '\f' in v:
                errs.append('line break in %s %s' % (f, c['id']))
            if re.search(JP + r'\s+' + JP, v):
                errs.append('space between Japanese chars in %s %s: %r' % (f, c['id'], v))
        if c['kind'] == 'article' and c['text'] == '' and not any(k.startswith(c['id'] + '.') for k in ids) :
            pass
        if c['kind'] != 'article' and c['heading'] is not None:
            errs.append('heading on non-article %s' % c['id'])
    # articles with paragraphs: text "" ; N.1 label ""
    for a in arts:
        n = a['id']
        has_par = any(k.startswith(n + '.') and ids[k]['kind'] == 'paragraph' for k in ids)
        if has_par and a['text'] != '':
            errs.append('article %s has paragraphs but text' % n)
        if has_par and ids.get(n + '.1', {}).get('label') != '':
            errs.append('paragraph %s.1 label must be ""' % n)
    nums = [int(a['id']) for a in arts]
    if not 8 <= len(nums) <= 18:
        errs.append('article count %d' % len(nums))
    gap = nums != list(range(1, len(nums) + 1))
    if gap != ('numbering-gap' in g['expect_warnings']):
        errs.append('numbering-gap expectation %s vs ids %s' % (g['expect_warnings'], nums))
    last = cl[-1]['text'] if cl else ''
    trunc = not re.search(r'[。）)]$|^削除$', last)
    if trunc != ('truncated' in g['expect_warnings']):
        errs.append('truncated expectation vs last text %r' % last[-20:])
    # order / coverage
    S, lines = normalise(txt)
    t = ws(g['title'])
    if not any(''.join(lines[i:j]) == t for i in range(len(lines)) for j in range(i + 1, min(len(lines), i + 40) + 1)):
        errs.append('title is not a whole line (or run of lines) of the document')
    pos = None
    first_start = None
    prev_h = None
    for i, c in enumerate(cl):
        L = re.escape(ws(c['label']))
        if c['kind'] == 'article' and c['label'] == '':
            L = MASK
        T = re.escape(ws(c['text']))
        alts = []
        if c['heading'] is not None:
            H = re.escape(ws(c['heading']))
            alts += [BR + H + BR + L + BR + T, L + BR + H + BR + T]
            if c['kind'] == 'article' and c['heading'] == prev_h:
                alts.append(L + T)
        else:
            alts.append(L + T)
        pat = re.compile(BR + '(?:' + '|'.join('(?:%s)' % a for a in alts) + ')')
        if pos is None:
            m = pat.search(S)
            if m:
                first_start = re.compile(BR).match(S, m.start()).end()
        else:
            m = pat.match(S, pos)
        if not m:
            ctx = S[pos:pos + 60] if pos is not None else ''
            errs.append('clause %s not found in order; text at cursor: %s' % (c['id'], ctx))
            break
        pos = m.end()
        if c['kind'] == 'article':
            prev_h = c['heading']
    if first_start is not None:
        t = ws(g['title'])
        if S.rfind(t, 0, first_start) < 0:
            errs.append('title not found before the first clause')
    return errs, None


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    bad = 0
    for gj in sorted(glob.glob(os.path.join(d, '*.gold.json'))):
        base = gj[:-len('.gold.json')]
        errs, _ = check(base)
        print('%-34s %s' % (os.path.basename(base), 'OK' if not errs else 'FAIL'))
        for e in errs:
            print('   ', e)
        bad += bool(errs)
    print('failures:', bad)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
