# Layout engine for the realistic-f set (not part of the set itself).
import json, random, re

FW = str.maketrans('0123456789', '０１２３４５６７８９')
KAN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
KATA = 'アイウエオカキクケコサシスセソ'
MARU = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫'
NOSTART = set('、。）」』，,)．')
MARK = '¦'
NOEND = set('（「『(')


def fw(n):
    return str(n).translate(FW)


def kan(n):
    if n <= 10:
        return KAN[n]
    if n < 20:
        return '十' + KAN[n - 10]
    return KAN[n // 10] + '十' + KAN[n % 10]


def is_kk(c):  # kana / kanji (glyph-spacing artefacts go between these)
    o = ord(c)
    return 0x3040 <= o <= 0x30ff or 0x4e00 <= o <= 0x9fff


JP = r'[\u3040-\u30ff\u4e00-\u9fff\u3001-\u303f\uff01-\uff60\u2460-\u2473\u25a0-\u25ff]'


def gclean(s):
    s = s.replace(MARK, '')
    return re.sub('(?<=' + JP + ')[ \u3000]+(?=' + JP + ')', '', s)


def cw(c):
    return 0.5 if ord(c) < 0x7f else 1.0


def wrap(s, width, cont_indent=''):
    """wrap a logical line at `width` full-width units, mid-word; honour MARK as a
    forced break; never start a continuation line with NOSTART chars."""
    lines, cur, w = [], '', 0.0
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == MARK:
            if cur.strip() and not (i + 1 < n and s[i + 1] in NOSTART):
                lines.append(cur.rstrip())
                cur, w = cont_indent, sum(map(cw, cont_indent))
            i += 1
            continue
        if w + cw(c) > width and cur.strip() and c not in NOSTART:
            carry = ''
            while cur and cur[-1] in NOEND and cur[:-1].strip():
                carry = cur[-1] + carry
                cur = cur[:-1]
            lines.append(cur.rstrip())
            cur = cont_indent + carry
            w = sum(map(cw, cur))
            if c == ' ':
                i += 1
                continue
        cur += c
        w += cw(c)
        i += 1
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


TOPICS = {}


def topic(key, heading, *paras):
    TOPICS[key] = (heading, list(paras))


# paragraphs: either a str, or (str, [items]); item: str or (str, [subitems])
topic('basic', '基本的事項',
      '{K}は、{I}の保護の重要性を認識し、{W}を行うに当たっては、個人の権利利益を侵害することのないよう、{I}を適正に取り扱わなければならない。')
topic('secret', '秘密の保持',
      '{K}は、{W}に関して知り得た{I}をみだりに他人に知らせ、又は不当な目的に利用してはならない。{A}が終了し、又は解除された後においても、同様とする。',
      '{K}は、{W}に従事している者又は従事していた者が、在職中及び退職後においても、{W}に関して知り得た{I}をみだりに他人に知らせ、又は不当な目的に使用しないよう、必要な措置を講じなければならない。')
topic('manager', '責任者及び従事者の届出',
      '{K}は、{W}における{I}の取扱いに係る責任者¤（以下「取扱責任者」という。）¤及び{W}に従事する者（以下「従事者」という。）を定め、あらかじめ書面により{C}に報告しなければならない。これらを変更するときも、同様とする。',
      '取扱責任者は、この特記事項に定める事項を適切に実施するよう従事者を監督しなければならない。')
topic('edu', '従事者への教育',
      '{K}は、従事者に対し、在職中及び退職後においても{W}に関して知り得た{I}を他に漏らしてはならないことその他{I}の保護に関し必要な事項について、研修を実施しなければならない。',
      '{K}は、前項の研修の実施状況を記録し、{C}から求められたときは、これを提出しなければならない。')
topic('place', '取扱場所の特定',
      '{K}は、{I}を取り扱う場所（以下「作業場所」という。）を定め、{W}の着手前に書面により{C}に届け出なければならない。',
      '{K}は、作業場所を変更しようとするときは、あらかじめ{C}の承諾を得なければならない。')
topic('takeout', '持ち出しの禁止',
      '{K}は、{C}の指示又は承諾がある場合を除き、{I}を作業場所から持ち出してはならない。')
topic('purpose', '目的外利用及び提供の禁止',
      '{K}は、{C}の指示又は承諾がある場合を除き、{W}に関して知り得た{I}を当該業務の目的以外の目的に利用し、又は第三者に提供してはならない。')
topic('collect', '収集の制限',
      '{K}は、{W}を行うために{I}を収集するときは、当該業務の目的を達成するために必要な範囲内で、適法かつ公正な手段により収集しなければならない。')
topic('safety', '適正管理',
      '{K}は、{W}に関して知り得た{I}の漏えい、滅失及び毀損の防止その他の{I}の適切な管理のために必要な措置を講じなければならない。')
topic('safety_items', '安全管理措置',
      ('{K}は、{I}の漏えい等を防止するため、次に掲げる措置を講じなければならない。',
       ['{I}を取り扱う従事者を必要最小限の者に限定すること。',
        '{I}を記録した資料等を施錠できる保管庫に保管すること。',
        '{I}を取り扱う電子計算機にウイルス対策ソフトウェアを導入し、常に最新の状態に保つこと。',
        '前各号に掲げるもののほか、{C}が必要と認める措置']))
topic('copy', '複写又は複製の禁止',
      '{K}は、{C}の承諾がある場合を除き、{W}を行うために{C}から提供を受けた{I}が記録された資料等を複写し、又は複製してはならない。')
topic('sub', '再委託の禁止',
      '{K}は、{W}の全部又は一部を第三者に委託（以下「再委託」という。）してはならない。ただし、あらかじめ{C}の書面による承諾を得た場合は、この限りでない。',
      '{K}は、前項ただし書の規定により再委託をする場合には、再委託先に対し、この特記事項に定める{K}の義務と同等の義務を負わせるとともに、再委託先の当該義務の履行について{C}に対して責任を負うものとする。',
      '前２項の規定は、再委託先が更に第三者に委託する場合について準用する。')
topic('return', '資料等の返還等',
      '{K}は、{W}を行うために{C}から提供を受け、又は{K}自らが収集し、若しくは作成した{I}が記録された資料等を、{A}の終了後直ちに{C}に返還し、又は引き渡すものとする。ただし、{C}が別に指示したときは、その指示に従うものとする。')
topic('dispose', '消去及び廃棄',
      '{K}は、{W}に関して知り得た{I}について、保有する必要がなくなったときは、確実かつ速やかに、復元又は判読が不可能な方法により消去し、又は廃棄しなければならない。',
      '{K}は、前項の規定により消去又は廃棄をしたときは、消去又は廃棄の日時及び方法を記載した書面を{C}に提出しなければならない。')
topic('incident', '事故発生時における報告',
      '{K}は、{I}の漏えい、滅失、毀損その他の事故が発生し、又は発生したおそれがあることを知ったときは、直ちに{C}に報告し、その指示に従わなければならない。',
      '{K}は、前項の事故の原因及び再発防止策について、¤２週間以内に書面により{C}に報告しなければならない。')
topic('audit', '調査',
      '{C}は、必要があると認めるときは、{K}の作業場所に立ち入り、{I}の管理状況を調査し、又は{K}に対し報告を求めることができる。')
topic('report', '取扱状況の報告',
      '{K}は、{C}が定める期日までに、{I}の取扱状況について{C}に報告しなければならない。')
topic('instruct', '指示',
      '{C}は、{K}が{W}を行うに当たり{I}の取扱いが不適当と認められるときは、{K}に対して必要な指示を行うことができる。')
topic('cancel', '契約の解除',
      '{C}は、{K}がこの特記事項に定める義務を履行しない場合は、{A}の全部又は一部を解除することができる。')
topic('damage', '損害賠償',
      '{K}は、この特記事項に定める義務に違反し、又は怠ったことにより{C}又は第三者に損害を与えたときは、その損害を賠償しなければならない。')
topic('transport', '運搬',
      '{K}は、{W}を行うために{I}が記録された資料等を運搬するときは、{I}の漏えい、紛失又は滅失を防止するため、施錠できる容器を使用する等、確実な方法により運搬しなければならない。')
topic('record', '取扱記録の作成',
      '{K}は、{I}の取扱状況を記録した台帳を整備し、{C}から求められたときは、これを提示しなければならない。')
topic('publish', '公表',
      '{C}は、{K}がこの特記事項に違反した場合において、必要があると認めるときは、その事実を公表することができる。')
topic('access', 'アクセス制限',
      '{K}は、{I}を取り扱う情報システムについて、従事者ごとに¤アクセス権限を設定し、アクセスログを取得するとともに、これを少なくとも１年間保存しなければならない。')
topic('secret2', '守秘義務',
      '{K}は、{W}の履行に当たって知り得た秘密及び{I}を第三者に漏らしてはならない。{A}の終了後も、同様とする。')
topic('purpose2', '目的外使用の禁止',
      '{K}は、{W}の処理に必要な範囲を超えて{I}を使用し、又は第三者に提供してはならない。ただし、法令の定めがある場合は、この限りでない。')
topic('sub2', '再委託の制限',
      '{K}は、{C}の書面による承諾を得た場合を除き、{W}の処理を他に委託し、又は請け負わせてはならない。',
      '{K}は、前項の承諾を得て{W}を再委託するときは、再委託先の名称、再委託する業務の範囲及び再委託先における安全管理の方法を書面により{C}に届け出なければならない。')
topic('incident2', '漏えい等の報告',
      '{K}は、{I}の漏えい等の事案が発生し、又は発生するおそれがあることを知ったときは、速やかに{C}に報告し、{C}の指示に従い、被害の拡大防止等のために必要な措置を講じなければならない。')
topic('damage2', '損害の賠償',
      '{K}の責めに帰すべき事由により{I}の漏えい等が生じ、{C}又は第三者に損害が生じたときは、{K}がその損害を賠償するものとする。')
topic('return2', '資料等の返還',
      '{K}は、{A}が終了し、又は解除されたときは、{C}から提供を受けた{I}が記録された資料等を、速やかに{C}に返還しなければならない。')
topic('crypt', '電子媒体の取扱い',
      '{K}は、{I}を電子媒体に記録して持ち出すときは、暗号化又はパスワードによる保護その他の措置を講じなければならない。')


class Doc:
    def __init__(self, name, **o):
        self.name = name
        self.o = dict(tm=(), T='この特記事項', C='甲', K='乙', W='本業務', I='個人情報', A='この契約', digits='fw',
                      width=40, style='plain', art=lambda n: '第' + fw(n), hstyle='above',
                      br=('（', '）'), par=fw, sep=' ', psep=None, isep=' ',
                      items=None, seed=1, spaced=0.0, ascii_punct=False, page_lines=0,
                      header=None, footer=None, pb='ff', indent_par='', indent_item='',
                      cont_indent='', title_style='plain')
        self.o.update(o)
        if self.o['psep'] is None:
            self.o['psep'] = self.o['sep']
        if self.o['items'] is None:
            self.o['items'] = [lambda k: '(' + str(k) + ')', lambda k: KATA[k - 1],
                               lambda k: '(' + KATA[k - 1] + ')', lambda k: 'abcdefgh'[k - 1],
                               lambda k: '(' + 'abcdefgh'[k - 1] + ')']
        self.rng = random.Random(self.o['seed'])
        self.blocks = []  # ('raw', text, wrapflag) ('title', t) ('art', dict) ('pb',) ('join',)
        self.n = 0
        self.title_text = None
        self.tags = []
        self.warn = []

    # --- text helpers
    def fill(self, s):
        o = self.o
        if any(w.startswith('（') for w in o['tm']):
            s = s.replace('）¤', '）' + MARK)
        parts = s.split('¤')
        s = parts[0]
        for p in parts[1:]:
            s += (MARK if any(p.startswith(w) for w in o['tm']) else '') + p
        s = s.replace('{C}', o['C']).replace('{K}', o['K']).replace('{W}', o['W']) \
             .replace('{I}', o['I']).replace('{A}', o['A']).replace('この特記事項', o['T'])
        if o['digits'] == 'fw':
            s = s.translate(FW)
        else:
            s = s.translate(str.maketrans('０１２３４５６７８９', '0123456789'))
        if o['ascii_punct']:
            s = s.replace('、', ',').replace('（', '(').replace('）', ')')
        return s

    def space(self, s, p=None):
        p = self.o['spaced'] if p is None else p
        if not p:
            return s
        out = ''
        for i, c in enumerate(s):
            out += c
            if i + 1 < len(s) and is_kk(c) and is_kk(s[i + 1]) and self.rng.random() < p:
                out += ' '
        return out

    # --- building
    def raw(self, text, wrapit=True):
        self.blocks.append(('raw', text, wrapit))

    def title(self, t, style=None):
        self.title_text = t
        self.blocks.append(('title', t, style or self.o['title_style']))

    def pb(self):
        self.blocks.append(('pb',))

    def art(self, key=None, heading=None, paras=None, num=None, label=None, masked=False,
            hstyle=None, shared=False, items=None, drop=None, keep=None, gold_heading=None, br=None):
        if key:
            h, ps = TOPICS[key]
            heading = h if heading is None else heading
            if paras is None:
                paras = ps
        if keep is not None:
            paras = [paras[i] for i in keep]
        self.n = num if num is not None else self.n + 1
        if heading is False:
            heading = None
        a = dict(n=self.n, heading=heading, paras=paras, hstyle=hstyle or self.o['hstyle'],
                 shared=shared, masked=masked, items=items, br=br or self.o['br'])
        a['label'] = label if label is not None else self.o['art'](self.n)
        if masked:
            a['n'] = 1
        self.blocks.append(('art', a))
        return a

    # --- layout
    def norm_para(self, p):
        if isinstance(p, str):
            return (p, [])
        return p

    def render(self):
        o = self.o
        logical = []  # list of (kind, text) ; kind 'L' logical line, 'PB' page break
        gold = []
        prev_heading = None
        for b in self.blocks:
            if b[0] == 'raw':
                logical.append(('R' if b[2] else 'V', b[1]))
            elif b[0] == 'title':
                t, st = b[1], b[2]
                if st == 'spaced':
                    logical.append(('V', ' '.join(t)))
                elif st == 'fwspaced':
                    logical.append(('V', '　'.join(t)))
                elif st == 'vertical':
                    for c in t:
                        logical.append(('V', c))
                elif st == 'split':
                    k = len(t) // 2
                    logical.append(('V', t[:k]))
                    logical.append(('V', t[k:]))
                else:
                    logical.append(('V', t))
            elif b[0] == 'pb':
                logical.append(('PB', ''))
            elif b[0] == 'art':
                a = b[1]
                self.render_art(a, logical, gold, prev_heading)
                prev_heading = a['heading']
        return logical, gold

    def hd(self, a, h):
        l, r = a['br']
        return l + self.space(h) + r

    def render_art(self, a, logical, gold, prev_heading):
        o = self.o
        n = a['n']
        paras = [self.norm_para(p) for p in a['paras']]
        heading = a['heading']
        hs = a['hstyle']
        label = a['label']
        gl = '' if a['masked'] else label
        ghead = heading
        texts = [self.fill(p[0]) for p in paras]
        # gold
        if len(paras) > 1:
            gold.append(dict(id=str(n), kind='article', label=gl, heading=ghead, text=''))
        else:
            gold.append(dict(id=str(n), kind='article', label=gl, heading=ghead,
                             text=gclean(texts[0])))
        print_heading = heading is not None and not a['shared']
        body0 = self.space(texts[0])
        sep = o['sep']
        if heading is None or hs == 'none' or not print_heading:
            if heading is not None and print_heading:
                raise ValueError
            logical.append(('L', label + sep + body0))
        elif hs == 'above':
            logical.append(('L', self.hd(a, heading)))
            logical.append(('L', label + sep + body0))
        elif hs == 'above_alone':
            logical.append(('L', self.hd(a, heading)))
            logical.append(('L', label))
            logical.append(('L', body0))
        elif hs == 'after_nl':
            logical.append(('L', label + self.hd(a, heading)))
            logical.append(('L', body0))
        elif hs == 'after_inline':
            logical.append(('L', label + self.hd(a, heading) + sep + body0))
        elif hs == 'after_sp_nl':
            logical.append(('L', label + ' ' + self.hd(a, heading)))
            logical.append(('L', body0))
        elif hs == 'after_sp_inline':
            logical.append(('L', label + ' ' + self.hd(a, heading) + sep + body0))
        elif hs == 'spec':
            logical.append(('L', label + ' ' + self.space(heading)))
            logical.append(('L', body0))
        else:
            raise ValueError(hs)
        for pi, (ptext, items) in enumerate(paras, 1):
            pid = f'{n}.{pi}'
            if len(paras) > 1:
                plabel = '' if pi == 1 else o['par'](pi)
                gold.append(dict(id=pid, kind='paragraph', label=plabel, heading=None,
                                 text=gclean(texts[pi - 1])))
                if pi > 1:
                    logical.append(('L', o['indent_par'] + plabel + o['psep'] + self.space(texts[pi - 1])))
            self.render_items(items, pid, 1, logical, gold, a)

    def render_items(self, items, pid, level, logical, gold, a):
        o = self.o
        labs = a['items'] or o['items']
        for k, it in enumerate(items, 1):
            if isinstance(it, str):
                it = (it, [])
            t = self.fill(it[0])
            lab = labs[level - 1](k)
            iid = f'{pid}.{k}'
            gold.append(dict(id=iid, kind='item' if level == 1 else 'subitem', label=lab,
                             heading=None, text=gclean(t)))
            logical.append(('I', o['indent_item'] * level + lab + o['isep'] + self.space(t)))
            self.render_items(it[1], iid, level + 1, logical, gold, a)

    def layout(self, logical):
        o = self.o
        st = o['style']
        if st == 'oneline':
            # chrome lines kept (kind 'V'/'R' before/after), clause lines joined
            out, buf = [], []
            for k, t in logical:
                if k in ('L', 'I', 'J'):
                    buf.append(t.replace(MARK, ''))
                elif k == 'PB':
                    continue
                else:
                    if buf:
                        out.append(o.get('joiner', ' ').join(buf))
                        buf = []
                    out.append(t.replace(MARK, ''))
            if buf:
                out.append(o.get('joiner', ' ').join(buf))
            return '\n'.join(out) + '\n'
        # physical lines
        phys = []  # list of (line, is_last_of_logical) or 'PB'
        for k, t in logical:
            if k == 'PB':
                phys.append('PB')
                continue
            if st == 'export' or k == 'V':
                ls = [t.replace(MARK, '')]
            else:
                ls = wrap(t, o['width'], o['cont_indent'] if k == 'I' else '')
            for i, l in enumerate(ls):
                phys.append((l, i == len(ls) - 1))
        # pagination
        pages, cur, cnt = [], [], 0
        for p in phys:
            if p == 'PB':
                pages.append(cur)
                cur, cnt = [], 0
                continue
            cur.append(p)
            cnt += 1
            if o['page_lines'] and cnt >= o['page_lines']:
                pages.append(cur)
                cur, cnt = [], 0
        if cur:
            pages.append(cur)
        total = len(pages)
        blank = st == 'corpus'
        res = []
        for pi, pg in enumerate(pages, 1):
            lines = []
            if o['header']:
                lines.append((o['header'](pi, total), True))
            lines += pg
            if o['footer']:
                lines.append((o['footer'](pi, total), True))
            txt = ''
            if blank and pi == 1:
                txt += '\n'
            for l, last in lines:
                txt += l + (' ' if (blank and last) else '') + '\n'
                if blank:
                    txt += '\n'
            res.append(txt)
        if o['pb'] == 'ff':
            return '\f'.join(res)
        return '\n\n'.join(res)

    def build(self, outdir):
        logical, gold = self.render()
        txt = self.layout(logical)
        g = dict(title=self.title_text, conventions=self.tags, expect_warnings=self.warn,
                 clauses=gold)
        open(f'{outdir}/{self.name}.txt', 'w', encoding='utf-8').write(txt)
        open(f'{outdir}/{self.name}.gold.json', 'w', encoding='utf-8').write(
            json.dumps(g, ensure_ascii=False, indent=1) + '\n')
        return g
