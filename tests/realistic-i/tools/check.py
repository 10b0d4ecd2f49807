#!/usr/bin/env python3
"""Checker for the realistic-i set. Reads only NAME.txt and NAME.gold.json in the set folder.

usage: python3 tools/check.py [SETDIR]
"""
import json, os, re, sys, glob
from collections import Counter

SETDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = {'article', 'paragraph', 'item', 'subitem'}
WARNS = {'unassigned-text', 'numbering-gap', 'truncated'}
BRACKETS = set('（）()【】〔〕')
MASK = re.compile(r'第[■□●○＊*]+条?')
PAGENUM = re.compile(r'^[\s\-－―ー−‐]*[0-9０-９]+(\s*/\s*[0-9０-９]+)?[\s\-－―ー−‐]*$')
KAN = {c: i for i, c in enumerate('〇一二三四五六七八九')}


def is_ja(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30ff) or (0x4e00 <= o <= 0x9fff) or (0x3400 <= o <= 0x4dbf) or \
        (0xff01 <= o <= 0xff5e) or (0x3001 <= o <= 0x303f) or c in '々〆ヶ'


def kanji_val(s):
    if '十' in s:
        a, b = s.split('十')
        return (KAN[a] if a else 1) * 10 + (KAN[b] if b else 0)
    v = 0
    for c in s:
        v = v * 10 + KAN[c]
    return v


def label_value(label):
    t = label.replace(' ', '').replace('\u3000', '')
    t = t.translate(str.maketrans('０１２３４５６７８９', '0123456789'))
    m = re.fullmatch(r'第(\d+)条?', t) or re.fullmatch(r'(\d+)\.?', t)
    if m:
        return int(m.group(1))
    m = re.fullmatch(r'第([〇一二三四五六七八九十]+)条?', t)
    if m:
        return kanji_val(m.group(1))
    return None


def bad_space(s):
    for i in range(1, len(s) - 1):
        if s[i] in ' \u3000' and is_ja(s[i - 1]) and is_ja(s[i + 1]):
            return True
    # runs of spaces
    return bool(re.search(r'[\u3040-\u30ff\u4e00-\u9fff][ \u3000]{2,}[\u3040-\u30ff\u4e00-\u9fff]', s))


def squash(s):
    return re.sub(r'\s+', '', s)


def clean_text(raw):
    """Drop blank lines, page-number lines and running lines (a line, digits normalised, that is the
    first or last non-blank line of at least two form-feed separated pages)."""
    pages = raw.split('\f')
    edge = Counter()
    for pg in pages:
        ls = [l for l in pg.split('\n') if l.strip()]
        ends = set()
        for l in ls[:2] + ls[-2:]:
            ends.add(re.sub(r'[0-9０-９]+', '#', l.strip()))
        edge.update(ends)
    keep = []
    for l in raw.replace('\f', '\n').split('\n'):
        if not l.strip() or PAGENUM.match(l):
            continue
        if len(pages) > 1 and edge[re.sub(r'[0-9０-９]+', '#', l.strip())] >= 2:
            continue
        keep.append(l)
    return squash(''.join(keep))


def check(name):
    errs = []
    txt = open(os.path.join(SETDIR, name + '.txt'), encoding='utf-8').read()
    try:
        g = json.load(open(os.path.join(SETDIR, name + '.gold.json'), encoding='utf-8'))
    except Exception as e:
        return ['invalid JSON: %s' % e], None
    if set(g) != {'title', 'conventions', 'expect_warnings', 'clauses'}:
        errs.append('top-level keys %s' % sorted(g))
    if not isinstance(g.get('title'), str) or not g['title']:
        errs.append('title not a non-empty string')
    if not set(g.get('expect_warnings', [])) <= WARNS:
        errs.append('bad warnings %s' % g['expect_warnings'])
    cl = g.get('clauses', [])
    ids = {}
    arts_with_paras = set()
    for c in cl:
        if set(c) != {'id', 'kind', 'label', 'heading', 'text'}:
            errs.append('clause keys %s' % sorted(c))
            continue
        if c['kind'] not in KINDS:
            errs.append('bad kind %s' % c)
        if c['id'] in ids:
            errs.append('duplicate id %s' % c['id'])
        ids[c['id']] = c
        parts = c['id'].split('.')
        if not all(p.isdigit() for p in parts):
            errs.append('bad id %s' % c['id'])
        d = len(parts)
        want = {'article': d == 1, 'paragraph': d == 2, 'item': d == 3, 'subitem': d >= 4}[c['kind']]
        if not want:
            errs.append('id depth vs kind %s %s' % (c['id'], c['kind']))
        if c['kind'] == 'paragraph':
            arts_with_paras.add(parts[0])
        for k in ('text', 'heading', 'label'):
            v = c[k]
            if v is None and k == 'heading':
                continue
            if not isinstance(v, str):
                errs.append('%s not str in %s' % (k, c['id']))
                continue
            if '\n' in v or '\r' in v or '\f' in v:
                errs.append('line break in %s of %s' % (k, c['id']))
            if k != 'label' and bad_space(v):
                errs.append('space between Japanese chars in %s of %s: %r' % (k, c['id'], v[:60]))
    # parents and order
    seen = set()
    for c in cl:
        parts = c['id'].split('.')
        if c['kind'] == 'article':
            v = label_value(c['label'])
            if c['label'] == '':
                if c['id'] != '1':
                    errs.append('empty label on article %s (masked labels read as 1)' % c['id'])
            elif v is None or str(v) != c['id']:
                errs.append('article id %s != label %r' % (c['id'], c['label']))
            if c['text'] == '' and parts[0] not in arts_with_paras:
                errs.append('article %s has empty text and no paragraphs' % c['id'])
            if c['text'] != '' and parts[0] in arts_with_paras:
                errs.append('article %s has paragraphs but non-empty text' % c['id'])
        else:
            par = '.'.join(parts[:-1])
            ok = par in seen
            if c['kind'] == 'item' and not ok and parts[1] == '1' and parts[0] in seen \
                    and parts[0] not in arts_with_paras:
                ok = True
            if not ok:
                errs.append('no parent before %s' % c['id'])
            if c['kind'] == 'paragraph' and parts[1] == '1' and c['label'] != '':
                errs.append('paragraph 1 label must be empty: %s' % c['id'])
        seen.add(c['id'])
    # articles: numbering in document order
    anums = [int(c['id']) for c in cl if c['kind'] == 'article']
    if anums != sorted(anums):
        errs.append('article ids not increasing')
    gap = anums and (anums[0] != 1 or any(b - a != 1 for a, b in zip(anums, anums[1:])))
    if bool(gap) != ('numbering-gap' in g.get('expect_warnings', [])):
        errs.append('numbering-gap expectation %s vs numbering %s' % (g['expect_warnings'], anums))
    if not 8 <= len(anums) <= 18 and 'truncated' not in g['expect_warnings']:
        errs.append('article count %d' % len(anums))
    # ------------------------------------------------------------ text alignment
    S = clean_text(txt)
    t = squash(g['title'])
    tpos = S.find(t)
    if tpos < 0:
        errs.append('title not found')
        return errs, g
    cur = tpos + len(t)
    first = True
    prev_heading = None

    def skip(pos, masked=False):
        while pos < len(S):
            if S[pos] in BRACKETS:
                pos += 1
                continue
            if masked:
                m = MASK.match(S, pos)
                if m:
                    pos = m.end()
                    continue
            break
        return pos

    for c in cl:
        lab = squash(c['label'])
        head = squash(c['heading']) if c['heading'] else None
        body = squash(c['text'])
        masked = c['kind'] == 'article' and lab == ''
        if first:
            # locate the first clause anywhere after the title
            cands = [x for x in (head, lab) if x]
            p = min([S.find(x, cur) for x in cands if S.find(x, cur) >= 0] or [-1])
            if p < 0:
                errs.append('first clause not found')
                return errs, g
            if not head and re.search(r'[（(【〔][^（(【〔）)】〕]{1,25}[）)】〕]$', S[cur:p]):
                errs.append('bracketed heading before first clause not in gold: %r' % S[max(cur, p - 20):p])
            cur = p
            first = False
        pos = cur
        if c['kind'] == 'article':
            shared = head is not None and head == prev_heading
            orders = [('h', 'l'), ('l', 'h')]
            done = False
            for order in orders:
                q = pos
                ok = True
                for piece in order:
                    x = head if piece == 'h' else lab
                    if not x:
                        continue
                    if not S.startswith(x, q):
                        q = skip(q, masked)
                    if S.startswith(x, q):
                        q += len(x)
                    elif piece == 'h' and shared:
                        continue
                    else:
                        ok = False
                        break
                if ok:
                    pos = q
                    done = True
                    break
            if not done:
                errs.append('article %s: label/heading not at %r' % (c['id'], S[pos:pos + 30]))
                return errs, g
            prev_heading = head
        else:
            if head:
                errs.append('non-article with heading %s' % c['id'])
            if not S.startswith(lab, pos):
                pos = skip(pos)
            if not S.startswith(lab, pos):
                errs.append('%s: label %r not at %r' % (c['id'], lab, S[pos:pos + 30]))
                return errs, g
            pos += len(lab)
        if body:
            if not S.startswith(body, pos):
                pos = skip(pos, masked)
            if not S.startswith(body, pos):
                # find where it diverges
                k = 0
                while k < len(body) and pos + k < len(S) and S[pos + k] == body[k]:
                    k += 1
                errs.append('%s: text diverges after %d chars: gold %r / txt %r' %
                            (c['id'], k, body[k:k + 20], S[pos + k:pos + k + 20]))
                return errs, g
            pos += len(body)
        cur = pos
    # truncated docs must end at the last clause (nothing after it)
    if 'truncated' in g['expect_warnings']:
        rest = S[cur:]
        if rest:
            errs.append('truncated doc has text after the last clause: %r' % rest[:40])
        if cl and cl[-1]['text'].endswith('。'):
            errs.append('truncated doc whose last clause ends with 。')
    elif cl and not cl[-1]['text'].endswith(('。', '）', 'こと', '事項')) and cl[-1]['text']:
        errs.append('last clause does not end a sentence: %r' % cl[-1]['text'][-20:])
    return errs, g


def main():
    names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(SETDIR, '*.txt')))
    total = Counter()
    bad = 0
    for n in names:
        if not os.path.exists(os.path.join(SETDIR, n + '.gold.json')):
            print('MISSING gold for', n)
            bad += 1
            continue
        errs, g = check(n)
        if g:
            for c in g['clauses']:
                total[c['kind']] += 1
        na = sum(1 for c in g['clauses'] if c['kind'] == 'article') if g else 0
        print('%-32s %-4s articles=%2d clauses=%3d warnings=%s' %
              (n, 'OK' if not errs else 'FAIL', na, len(g['clauses']) if g else 0,
               ','.join(g['expect_warnings']) if g else '?'))
        for e in errs:
            print('    ', e)
        bad += bool(errs)
    print('documents: %d, failing: %d' % (len(names), bad))
    print('clauses by kind:', dict(total), 'total', sum(total.values()))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
