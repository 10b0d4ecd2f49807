# Renderer: turns a logical template (title lines, articles) into extracted-looking text.
import random, re

FW = str.maketrans('0123456789', '０１２３４５６７８９')
KAN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六']
BAD_START = set('、。，．,.）)」』】］] 　・') | set('（(「『【［[') | set('一二三四五六七八九十第') | set('ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮー')

def fw(n):
    return str(n).translate(FW)

def bad_start(c):
    return c in BAD_START or c.isdigit()

def wrap(text, width):
    lines, rem = [], text
    while len(rem) > width:
        cut = width
        while cut > width - 8 and bad_start(rem[cut]):
            cut -= 1
        if bad_start(rem[cut]):
            raise ValueError('cannot wrap: ' + rem[:width + 2])
        lines.append(rem[:cut])
        rem = rem[cut:]
    if rem:
        lines.append(rem)
    return lines

def is_cjk(c):
    return ('\u3040' <= c <= '\u30ff') or ('\u4e00' <= c <= '\u9fff')

def glyph_space(s, rng, p=0.045):
    out = []
    for i, c in enumerate(s):
        out.append(c)
        if i + 1 < len(s) and is_cjk(c) and is_cjk(s[i + 1]) and rng.random() < p:
            out.append(' ')
    return ''.join(out)

def asciify(s, commas):
    s = s.replace('（', '(').replace('）', ')')
    if commas:
        s = s.replace('、', ',')
    return s

def render(t):
    """t: dict(layout, width, title=[lines], tail=[lines], arts=[(heading or None, [paras])],
    ascii=None|'brackets'|'all', glyph=False, blank=False, seed)"""
    lay, W = t['layout'], t['width']
    rng = random.Random(t.get('seed', 1))
    asc = t.get('ascii')
    conv = (lambda s: asciify(s, asc == 'all')) if asc else (lambda s: s)
    gl = (lambda s: glyph_space(s, rng)) if t.get('glyph') else (lambda s: s)
    out = []  # list of (line, wrap?)

    def emit_par(prefix, body):
        for ln in wrap(prefix + gl(conv(body)), W):
            out.append(ln)

    if lay == 'single':
        parts = []
        for n, (h, paras) in enumerate(t['arts'], 1):
            seg = '(%s) 第%d条 %s' % (h, n, conv(paras[0]))
            for k, p in enumerate(paras[1:], 2):
                seg += ' %d %s' % (k, conv(p))
            parts.append(seg)
        head = ' '.join(t.get('title', []))
        text = (head + ' ' if head else '') + ' '.join(parts)
        if t.get('tail'):
            text += ' ' + ' '.join(t['tail'])
        return text + '\n'

    for ln in t.get('title', []):
        out.extend(wrap(ln, W) if ln else [ln])
    for n, (h, paras) in enumerate(t['arts'], 1):
        hh = gl(conv('（%s）' % h)) if h else None
        if lay == 'fk':
            if hh: out.append(' ' + hh)
            emit_par('第%s ' % fw(n), paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%s ' % fw(k), p)
        elif lay == 'hofu':
            if hh: out.append(hh)
            emit_par('第%s ' % fw(n), paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%s ' % fw(k), p)
        elif lay == 'fwjou':
            if hh: out.append(hh)
            emit_par('第%s条 ' % fw(n), paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%s ' % fw(k), p)
        elif lay == 'ajou':  # (heading) line, 第1条 body, ASCII digits
            if hh: out.append(hh)
            emit_par('第%d条 ' % n, paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%d ' % k, p)
        elif lay == 'jounext':  # 第1条(見出し) then body on next line
            out.append('第%d条%s' % (n, hh or ''))
            emit_par('', paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%d ' % k, p)
        elif lay == 'alone':
            if hh: out.append(hh)
            out.append('第%d' % n)
            emit_par('', paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%s ' % fw(k), p)
        elif lay == 'kanji':
            if hh: out.append(hh)
            emit_par('第%s条 ' % KAN[n], paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%s ' % fw(k), p)
        elif lay == 'spec':
            out.append('%d %s' % (n, gl(conv(h))))
            if len(paras) == 1:
                emit_par('', paras[0])
            else:
                for k, p in enumerate(paras, 1): emit_par('(%d) ' % k, p)
        elif lay == 'dot':
            if hh: out.append(hh)
            if len(paras) > 1: raise ValueError('dot layout: one paragraph per article')
            emit_par('%d. ' % n, paras[0])
        elif lay == 'sp':  # 第 1 body (ASCII space)
            if hh: out.append(hh)
            emit_par('第 %d ' % n, paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%d ' % k, p)
        elif lay == 'spfw':  # 第　１　body (U+3000)
            if hh: out.append(hh)
            emit_par('第　%s　' % fw(n), paras[0])
            for k, p in enumerate(paras[1:], 2): emit_par('%s　' % fw(k), p)
        else:
            raise ValueError(lay)
    for ln in t.get('tail', []):
        out.append(ln)
    if t.get('blank'):
        return ''.join(ln + ' \n\n' for ln in out)
    return '\n'.join(out) + '\n'
