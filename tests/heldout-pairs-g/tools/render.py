# Renders the article data of each template into extracted-text layouts.
import random, re

FW = str.maketrans('0123456789', '０１２３４５６７８９')
KAN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
def kanji(n):
    if n <= 10: return KAN[n]
    return '十' + KAN[n - 10]
def fw(s): return str(s).translate(FW)

# a wrapped continuation line may not start with these
BAD_START = set('、。）」』】,.)') | set('0123456789０１２３４５６７８９') | set('第（(「『【［[') \
    | set('一二三四五六七八九十') | set(' 　')

def wrap(text, width):
    out = []
    while len(text) > width:
        cut = width
        while cut > width // 2 and text[cut] in BAD_START:
            cut -= 1
        out.append(text[:cut])
        text = text[cut:]
    out.append(text)
    return out

def asciify(s):
    return s.replace('（', '(').replace('）', ')').replace('、', ',')

CJK = re.compile(r'[\u3040-\u30ff\u4e00-\u9fff]')
def glyph_space(line, rng, p):
    # insert an artefact space between two Japanese characters
    if rng.random() > p or len(line) < 8:
        return line
    for _ in range(rng.choice([1, 1, 2])):
        i = rng.randrange(4, len(line) - 1)
        if CJK.match(line[i - 1]) and CJK.match(line[i]):
            line = line[:i] + ' ' + line[i:]
    return line

def render(t):
    """t: dict(layout, width, parties=(client, contractor), chrome=[lines], title, arts=[(n, head, [paras])],
    blank=False, spacing=0.0, asc=False, digits_fw=bool, seed)"""
    rng = random.Random(t.get('seed', 1))
    L, W = t['layout'], t['width']
    cl, co = t['parties']
    def sub(s):
        s = s.replace('甲', cl).replace('乙', co)
        if t.get('digits_fw'): s = fw(s)
        if t.get('asc'): s = asciify(s)
        return s
    lines = list(t.get('chrome', []))
    lines += t['title'] if isinstance(t['title'], list) else [t['title']]
    if t.get('preamble'):
        lines += wrap(sub(t['preamble']), W)
    flat = []
    prevhead = None
    for (n, head, paras) in t['arts']:
        paras = [sub(p) for p in paras]
        hd = sub(head) if head else None
        if L == 'L5':
            seg = ('(%s) ' % hd if hd else '') + '第%d条 %s' % (n, paras[0])
            for k, p in enumerate(paras[1:], 2):
                seg += ' %d %s' % (k, p)
            flat.append(seg)
            continue
        if L == 'L1':   # (heading) / 第１　body / ２　body
            if hd: lines.append('（%s）' % hd)
            lines += wrap('第%s　%s' % (fw(n), paras[0]), W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%s　%s' % (fw(k), p), W)
        elif L == 'L2':  # 第1条(heading) / body / 2 body
            lines.append('第%d条(%s)' % (n, hd))
            lines += wrap(paras[0], W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%d %s' % (k, p), W)
        elif L == 'L3':  # 1 heading / body / (2) body
            lines.append('%d %s' % (n, hd))
            if len(paras) == 1:
                lines += wrap(paras[0], W)
            else:
                for k, p in enumerate(paras, 1): lines += wrap('(%d) %s' % (k, p), W)
        elif L == 'L4':  # 1.（heading） / body ; shared heading: (heading) / 5. / body
            if head and head.startswith('='):   # heading shared with the previous article
                lines.append('%d.' % n)
            elif head and head.startswith('^'):  # heading stands alone over this and next article
                lines.append('（%s）' % hd[1:])
                lines.append('%d.' % n)
            else:
                lines.append('%d.（%s）' % (n, hd))
            lines += wrap(paras[0], W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%s　%s' % (fw(k), p), W)
        elif L == 'L6':  # (heading) / 第 1 body / 2 body  (ASCII spaces)
            if hd: lines.append('(%s)' % hd)
            lines += wrap('第 %d %s' % (n, paras[0]), W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%d %s' % (k, p), W)
        elif L == 'L7':  # (heading) / 第1 / body
            if hd: lines.append('（%s）' % hd)
            lines.append('第%d' % n)
            lines += wrap(paras[0], W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%s　%s' % (fw(k), p), W)
        elif L == 'L8':  # (heading) / 第十一条　body
            if hd: lines.append('（%s）' % hd)
            lines += wrap('第%s条　%s' % (kanji(n), paras[0]), W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%s　%s' % (fw(k), p), W)
        elif L == 'L9':  # (heading) / 第１条　body
            if hd: lines.append('（%s）' % hd)
            lines += wrap('第%s条　%s' % (fw(n), paras[0]), W)
            for k, p in enumerate(paras[1:], 2): lines += wrap('%s　%s' % (fw(k), p), W)
    if L == 'L5':
        body = ' '.join(flat)
        head = ' '.join(lines)
        return head + ' ' + body + (' ' + t['tail'] if t.get('tail') else '') + '\n'
    lines += t.get('tail_lines', [])
    if t.get('spacing'):
        out = []
        for ln in lines:
            # never space the label itself
            m = re.match(r'^(第\s*[0-9０-９一二三四五六七八九十]+条?\s*|[0-9０-９]+[\s　.]+)', ln)
            pre = m.group(0) if m else ''
            out.append(pre + glyph_space(ln[len(pre):], rng, t['spacing']) if len(ln) - len(pre) > 6 else ln)
        lines = out
    if t.get('blank'):
        return ''.join(ln + ' \n\n' for ln in lines)
    return '\n'.join(lines) + '\n'
