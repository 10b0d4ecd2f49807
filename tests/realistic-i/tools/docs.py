# The 20 logical specs of realistic-i (auxiliary; the set is the .txt/.gold.json pairs).
D = []

PAREN_ONLY = '（以下「従事者」という。）'

# ---------------------------------------------------------------- i01
D.append(dict(
    name='i01-asahigaoka-pref', title='保有個人情報取扱特記事項',
    title_lines=['保有個人情報取扱特記事項 '], pre=['別記'],
    K='乙', C='甲', W='この契約による事務', P='保有個人情報', CT='この契約',
    art='fw', hstyle='above', br='（）', para='fw', items=['kanji'], head_indent=' ',
    arts=['basic', 'manager', 'place', 'secret', 'collect',
          ('takeout', {'sub': [('作業場所の外へ', '¦第３の規定により届け出た作業場所の外へ')]}),
          'copy', 'use', 'dispose', 'safety', 'training', 'subcon', 'return', 'accident', 'inspect', 'cancel'],
    post=['注', ' １ 甲は委託者である朝日丘県を、乙は受託者を指す。',
          ' ２ 委託する事務の内容に応じて、不要な規定は削除して用いること。'],
    layout=dict(width=43, blank=True, trail=True, per_page=38),
    conv=['prefecture', '甲/乙', 'labels 第１ (full-width, no 条)', 'heading above in （）', 'items 一 二 三',
          'corpus style: blank line after every line, trailing spaces', 'page break without form feed',
          'wrapped line starting 第３の規定により', '別記 marker', '注 after last article'],
))

# ---------------------------------------------------------------- i02
D.append(dict(
    name='i02-kawanami-city', title='個人情報の取扱いに関する特記事項',
    pre=['別紙'], K='受託者', C='委託者', W='本業務', P='個人情報', CT='この契約',
    art='jo', hstyle='after', br='()', hsep='', para='ascii', items=['paren'],
    textmap=[('、', ','), ('（', '('), ('）', ')')],
    arts=[('basic2', {'sub': [('{W}の実施に当たっては', 'この契約による業務（以下「本業務」という。）の実施に当たっては')]}),
          'secret2', 'manager', """H 管理状況の報告
{K}は、次に掲げる事項について、毎月{C}に書面で報告しなければならない。
- 個人情報を取り扱った従事者の氏名
- 個人情報の持出し及び返却の状況
- 個人情報の消去の状況
+ {K}は、次に掲げる場合には、直ちに{C}に報告しなければならない。
- 従事者に変更があったとき。
- 作業場所に変更があったとき。""",
          'place', 'use2', 'copy', 'safety2', 'subcon',
          """H 資料等の返還及び消去
{K}は、{W}の終了後、{C}から提供を受けた{P}が記録された資料等を速やかに{C}に返還しなければならない。
+ {K}は、{W}のために自ら作成し、又は取得した{P}については、{CT}の終了の日から¦2週間以内に、復元できない方法により消去し、その旨を書面により{C}に報告しなければならない。""",
          'accident', 'cancel'],
    post=['以上'],
    layout=dict(width=40, per_page=30, ff=True, footer='- {n} -'),
    conv=['city', '委託者/受託者', 'labels 第1条 with half-width (heading) after the label, body on next line',
          'ASCII punctuation , ( ) in bodies', 'paragraph labels 2 3 (ASCII)', 'items (1) restarting in each paragraph',
          'wrapped line starting 2週間以内に (ASCII digit, ASCII paragraph labels)', 'form feeds, footer - n -',
          'closing 以上'],
))

# ---------------------------------------------------------------- i03
D.append(dict(
    name='i03-nishiura-ward', title='個人情報取扱特記事項',
    pre=['ホーム > 事業者向け情報 > 入札・契約 > 契約関係書式（業務委託）', '契約関係書式（業務委託）',
         '更新日：2025年4月1日', 'ページ番号：100482', '印刷用ページを表示する'],
    between=['受注者は、この契約による業務を行うに当たり、次の事項を遵守しなければならない。'],
    K='受注者', C='区', W='この契約による業務', P='個人情報', CT='この契約',
    art='jo', hstyle='above', br='()', para='ascii', items=['paren'],
    arts=['basic', 'secret', 'manager', 'place', 'use', 'copy', 'safety', 'subcon',
          ('share', '資料等の返還及び廃棄', ['return', 'dispose']), 'accident'],
    post=['このページに関するお問い合わせ', '西浦区 総務部 契約課', '電話：03-0000-0000',
          'このページの先頭へ'],
    layout=dict(oneline=True),
    conv=['ward', '区/受注者', 'web copy: whole template on one long line', '(heading) 第1条 … 2 … inside the line',
          'one heading over two articles', 'preamble sentence', 'web page chrome before and after',
          'items (1) inline'],
))

# ---------------------------------------------------------------- i04
D.append(dict(
    name='i04-kamisato-town', title='個人情報取扱特記事項',
    title_lines=['個 人 情 報 取 扱 特 記 事 項'], pre=['別紙'],
    K='受託者', C='町', W='この契約による業務', P='個人情報', CT='この契約',
    art='sp', hstyle='above', br='（）', para='fw', items=['fwparen'], spaced=0.05,
    arts=['basic', 'secret', 'collect', 'use', 'copy', 'safety', 'subcon', 'dispose', 'accident', 'cancel'],
    post=['附 則', 'この特記事項は、令和６年４月１日から施行する。'],
    layout=dict(width=38, per_page=26, ff=True, footer='{n}'),
    conv=['town', '町/受託者', 'labels 第 1 (ASCII space inside label)', 'letter-spaced title',
          'spaced glyphs in bodies and headings', 'items （１）', 'bare page numbers', '附則 after last article'],
))

# ---------------------------------------------------------------- i05
D.append(dict(
    name='i05-higashiyama-village', title='個人情報の保護に関する特記事項',
    pre=['別 紙 1'], title_lines=['個人情報の保護に関する特記事項 '],
    K='受注者', C='村', W='本業務', P='個人情報', CT='この契約',
    art='ideo', asep='\u3000', hstyle='above', br='（）', para='fw', items=['fwparen'],
    arts=[('basic2', {'sub': [('{W}の実施に当たっては', 'この契約による業務¦（以下「本業務」という。）¦の実施に当たっては')]}),
          'secret',
          ('manager', {'sub': [('{W}に従事する者（以下「従事者」という。）を定め',
                                '{W}に従事する者¦（以下「従事者」という。）¦を定め')]}),
          'place', 'use', 'safety2', 'subcon2', 'dispose', 'accident'],
    post=['（注）「村」は東山村を、「受注者」は本業務の受注者をいう。'],
    layout=dict(width=36, blank=True, trail=True, per_page=40),
    conv=['village', '村/受注者', 'labels 第　１ (U+3000 inside label, U+3000 after)', '別 紙 1 spaced marker',
          'body lines consisting only of （以下「…」という。）', 'items （１） followed by a paragraph',
          'corpus style blank lines', '注 after last article'],
))

# ---------------------------------------------------------------- i06
D.append(dict(
    name='i06-midori-foundation', title='個人情報取扱特約条項',
    between=['この特約条項は、公益財団法人みどり文化振興財団（以下「財団」という。）と受託者との間で締結する業務委託契約（以下「本契約」という。）に附帯するものとする。'],
    K='受託者', C='財団', W='本業務', P='個人情報', CT='本契約',
    art='kanji', asep='\u3000', hstyle='above', br='【】', para='fw', items=['circ'],
    textmap=[('この特記事項', 'この特約条項')],
    arts=['purpose',
          ('basic2', {'sub': [('{W}の実施に当たっては', '本契約による業務（以下「本業務」という。）の実施に当たっては')]}),
          'secret2', 'manager', 'place', 'use2', 'copy', 'takeout', 'safety', 'subcon', 'return', 'dispose',
          'accident', 'cancel'],
    layout=dict(width=44, per_page=34, ff=True, header='公益財団法人みどり文化振興財団　業務委託契約書（別添）',
                footer='{n} / {m}'),
    conv=['public foundation', '財団/受託者', 'kanji labels 第一条…第十四条', '【】 headings', 'items ①②③',
          '特約条項 title', 'preamble', 'running header and n / m footer', 'form feeds'],
))

# ---------------------------------------------------------------- i07
D.append(dict(
    name='i07-chuo-statistics-bureau', title='個人情報の取扱いに関する特記仕様書',
    pre=['別添', '中央地域統計局'],
    between=['受注者は、本契約に基づく業務（以下「本業務」という。）の実施に当たり、以下の事項を遵守すること。'],
    K='受注者', C='発注者', W='本業務', P='個人情報等', CT='本契約',
    art='num', hstyle='numline', hsep=' ', items=['paren', 'kata', 'pkata', 'alpha', 'palpha'],
    textmap=[('この特記事項', '本仕様書')],
    arts=['secret', 'use', 'collect', 'copy',
          """H 安全管理措置
{K}は、{P}の安全管理のため、次に掲げる措置を講じること。
- 組織的安全管理措置
-- {P}の取扱いに関する責任者を置くこと。
-- 次に掲げる事項を定めた取扱規程を整備すること。
--- 取扱いの手順
---- 取得及び入力
---- 保管及び利用
----- 紙媒体による保管
----- 電子媒体による保管
---- 消去及び廃棄
--- 事故発生時の対応手順
- 人的安全管理措置
-- 従事者に対し、着任時及び年１回以上の研修を行うこと。
- 物理的安全管理措置
-- {P}を取り扱う区域を管理区域として指定し、入退室を管理すること。""",
          """H 再委託
{K}は、{W}の全部又は一部を第三者に再委託してはならない。ただし、あらかじめ書面により{C}の承認を得た場合は、この限りでない。この場合において、{K}は、再委託先に本仕様書に定める事項を遵守させること。""",
          'return', 'training',
          """H 事故発生時の対応
{K}は、{P}の漏えい等の事故が発生し、又は発生したおそれがあるときは、次に掲げる措置を講じること。
- 直ちに{C}に報告し、その指示に従うこと。
- 事故の原因を調査し、¦24時間以内に第一報を書面で提出すること。
- 再発防止策を策定し、{C}の確認を受けること。""",
          """H 調査
{C}は、必要があると認めるときは、{K}の作業場所において{P}の管理状況を調査することができる。この場合において、{K}は、これに協力すること。"""],
    layout=dict(width=42, per_page=32, ff=True, footer='－{nf}－'),
    conv=['national body', '発注者/受注者', '特記仕様書 style: "1 見出し" on the number line, body on next line',
          'no brackets around headings', 'items nested five levels (1)→ア→(ア)→a→(a)',
          'wrapped line starting 24時間以内に under bare-numeral articles', 'footer －１－ full-width'],
))

# ---------------------------------------------------------------- i08
D.append(dict(
    name='i08-sakuragaoka-shitei', title='指定管理者が行う個人情報の取扱いに関する特記事項',
    between=['指定管理者は、桜ヶ丘市（以下「市」という。）の公の施設の管理に関する協定に基づく業務（以下「指定管理業務」という。）を行うに当たり、次の事項を遵守しなければならない。'],
    K='指定管理者', C='市', W='指定管理業務', P='個人情報', CT='この協定',
    art='plain', hstyle='labelalone', br='（）', para='fw', items=['paren'],
    arts=['basic', 'secret2', 'manager', 'place', 'collect', 'use', 'copy', 'safety', 'subcon', 'dispatch',
          """H 資料等の返還等
{K}は、指定期間が満了し、又は指定を取り消されたときは、{W}に関して保有する{P}が記録された資料等を、その日から¦10日以内に{C}に返還し、又は引き渡さなければならない。
+ {K}は、次の指定管理者に{W}を引き継ぐ場合には、{C}の指示に従い、{P}を確実に引き渡さなければならない。""",
          'training', 'accident', ('cancel', {'h': '協定の解除及び損害賠償'})],
    layout=dict(width=40, blank=True, per_page=34, ff=True,
                header='桜ヶ丘市指定管理者制度運用指針　様式第７号', footer='- {n} -'),
    conv=['city, designated manager (指定管理者)', '市/指定管理者', 'この協定', 'label 第1 alone on its line, body on next line',
          'heading above', 'preamble', 'wrapped line starting 10日以内に', 'blank lines, form feeds, running header'],
))

# ---------------------------------------------------------------- i09
D.append(dict(
    name='i09-minamino-mynumber', title='特定個人情報等の取扱いに関する特記事項',
    pre=['南野市業務委託契約約款'],
    between=['乙は、甲が委託する特定個人情報等を取り扱う事務（以下「本件事務」という。）の実施に当たり、この特記事項を遵守しなければならない。'],
    K='乙', C='甲', W='本件事務', P='特定個人情報等', CT='この契約',
    art='fwjo', hstyle='above', br='〔〕', para='fw', items=['kanji'],
    arts=['basic',
          """H 定義
この特記事項において「特定個人情報等」とは、行政手続における特定の個人を識別するための番号の利用等に関する法律（平成２５年法律第２７号。以下「番号法」という。）第２条第８項に規定する特定個人情報及び同条第５項に規定する個人番号をいう。
+ この特記事項において「従事者」とは、{K}の組織内で{K}の指揮監督を受けて{W}に従事する者をいう。""",
          """H 特定個人情報等の利用の制限
{K}は、番号法第９条の規定により利用が認められた範囲を超えて、特定個人情報等を利用してはならない。""",
          'mn_file', 'secret',
          ('manager', {'sub': [('{W}に従事する者（以下「従事者」という。）', '従事者')]}),
          'mn_staff', 'place', 'safety',
          """H 再委託等の制限
{K}は、{W}の全部又は一部を第三者に委託してはならない。ただし、あらかじめ{C}の書面による許諾を得た場合は、この限りでない。
+ 前項ただし書の規定により再委託を受けた者が、更に{W}の全部又は一部を委託する場合（以下「再々委託」という。）も、{C}の許諾を得なければならない。
+ {K}は、第１項ただし書の規定により再委託する場合には、再委託先に対して、番号法に基づき{K}自らが果たすべき安全管理措置と同等の措置が講じられるよう必要かつ適切な監督を行わなければならない。""",
          'copy', 'transport', 'dispose', 'accident',
          ('inspect', {'sub': [('随時実地に調査し', '第８条の規定により届け出た作業場所において、随時実地に調査し')]})],
    layout=dict(width=45, blank=True, trail=True, per_page=36, ff=True, header='別記２'),
    conv=['city, 特定個人情報 (My Number)', '甲/乙', 'labels 第１条 (full-width with 条)', '〔〕 headings',
          'definitions article', '再々委託', 'items 一 二 三', 'preamble defining 本件事務', 'running header 別記２',
          'blank lines + trailing spaces', 'form feeds'],
))

# ---------------------------------------------------------------- i10
D.append(dict(
    name='i10-kitakaze-kumiai', title='個人情報の取扱いに係る委託基準',
    pre=['北風地区衛生組合'], between=['令和５年４月１日制定'],
    K='受託者', C='組合', W='委託業務', P='個人情報', CT='委託契約',
    art='dot', hstyle='after', hsep=' ', br='()', para='fw', items=['paren'],
    textmap=[('この特記事項', 'この基準')],
    arts=[('secret', {'sub': [('{W}に関して', '{C}から受託した業務（以下「委託業務」という。）に関して')]}),
          'use', 'copy', 'safety',
          ('share', '再委託', [
              ("""H -
{K}は、{W}の全部又は一部を第三者に委託してはならない。ただし、{C}の書面による承諾を得たときは、この限りでない。""", {'hstyle': 'above'}),
              ("""H -
{K}は、前条ただし書の承諾を得て再委託する場合には、再委託先にこの基準に定める事項を遵守させ、その履行状況を{C}に報告しなければならない。""", {'hstyle': 'above'})]),
          'return', 'accident', 'cancel'],
    layout=dict(width=46),
    conv=['special district association (一部事務組合)', '組合/受託者', '委託基準 title', 'dotted numerals 1. (heading) then body',
          'one heading printed once over two articles (own line, articles 5. and 6.)', 'enactment date before first article',
          'single page, no chrome'],
))

# ---------------------------------------------------------------- i11
D.append(dict(
    name='i11-aoba-city-note', title='個人情報取扱特記事項',
    pre=['事 務 連 絡', '令和７年３月２８日', '各課長　様', '青葉市総務局契約課長',
         '個人情報取扱特記事項の改正について',
         'このことについて、下記のとおり特記事項を改正しましたので、お知らせします。', '記',
         '1 改正の趣旨', '(1) 個人情報の保護に関する法律の改正に伴い、用語を整理した。',
         '(2) 再委託先が更に委託する場合の規定を追加した。', '(3) 事故発生時の報告の方法を明確にした。',
         '(4) 従事者の研修に関する規定を追加した。', '2 適用', '(1) 令和７年４月１日以後に締結する契約から適用する。',
         '(2) 既に締結している契約については、従前の例による。', '以上', '別記'],
    K='乙', C='甲', W='この契約による事務', P='個人情報', CT='この契約',
    art='fw', hstyle='above', br='（）', para='fw', items=['kanji'],
    arts=['basic', 'secret', 'manager', 'place', 'use', 'copy', 'safety',
          ('subcon', {'sub': [('について準用する。', 'について準用する。この場合において、前２項中「乙」とあるのは「再委託先」と、「第三者」とあるのは「再々委託先」と読み替えるものとする。')]}),
          'training', 'dispose', 'accident', 'cancel'],
    layout=dict(width=41, per_page=30, ff=True, footer='{n}'),
    conv=['city', '甲/乙', 'covering note (事務連絡) numbered 1 2 with (1)…(4) before the template',
          'subject line containing 特記事項 above the real title', 'labels 第１', 'heading above',
          'quoted party words 「乙」 in a body', 'items 一', 'bare page numbers, form feeds'],
))

# ---------------------------------------------------------------- i12
D.append(dict(
    name='i12-yamabuki-pref', title='保有個人情報取扱特記事項',
    pre=['参考資料10', 'hoyu_kojinjoho_tokki.pdf [PDF 90KB]'],
    title_lines=list('保有個人情報取扱特記事項'),
    K='受託者', C='県', W='委託業務', P='個人情報', CT='この契約',
    art='jo', hstyle='above', br='（）', para='fw', items=['paren'],
    arts=[('basic', {'sub': [('{W}を行うに当たっては', 'この契約による業務（以下「委託業務」という。）を行うに当たっては')]}),
          'define', 'manager', 'place', 'secret2', 'collect',
          ('share', '保有個人情報の利用及び提供の制限等', ['use', 'copy', 'takeout']),
          'safety',
          """H 情報システムにおける安全管理措置
{K}は、{P}を情報システムで取り扱う場合は、次に掲げる措置を講じなければならない。
- 利用者ごとに識別符号を付与し、アクセス権限を必要最小限とすること。
- アクセス記録を取得し、¦１年以上保存すること。
- 外部からの不正アクセスを防止する措置を講じること。
+ {K}は、{P}を電子メールで送信する場合は、次に掲げる措置を講じなければならない。
- 送信先を複数の者で確認すること。
- 添付ファイルを暗号化すること。
+ {K}は、{P}をクラウドサービス上で取り扱う場合は、あらかじめ{C}の承諾を得なければならない。""",
          'subcon', 'dispatch', 'return', 'dispose', 'accident', 'inspect', 'cancel'],
    layout=dict(width=44, per_page=33, ff=True, header='委託契約事務の手引（令和７年度版）', footer='― {n} ―'),
    conv=['prefecture', '県/受託者', 'title printed one character a line', 'file name and [PDF 90KB] before title',
          'labels 第1条', 'one heading over three articles', 'items (1) restarting in each paragraph',
          'wrapped line starting １年以上 (full-width digit, full-width paragraph labels)', 'definitions article',
          '18 articles', 'running header, ― n ― footer'],
))

# ---------------------------------------------------------------- i13
D.append(dict(
    name='i13-hoshimi-ward', title='個人情報取扱特記事項', pre=['星見区'],
    K='受託者', C='区', W='この契約による業務', P='個人情報', CT='この契約',
    art='jo', asep='　', hstyle='above', br='（）', para='fw', items=['paren'], nolabel_first=True,
    arts=['purpose', 'basic', 'secret', 'manager', 'use', 'copy', 'safety', 'subcon', 'return', 'dispose', 'accident'],
    layout=dict(width=42, per_page=32, ff=True, footer='- {n} -'),
    warn=['unassigned-text', 'numbering-gap'],
    conv=['ward', '区/受託者', 'DEFECT: label of article 1 lost (image) — its heading and body stand before 第2条',
          'numbering starts at 2', 'labels 第2条 + U+3000', 'heading above'],
))

# ---------------------------------------------------------------- i14
D.append(dict(
    name='i14-umibe-town', title='個人情報取扱特記事項',
    K='受注者', C='町', W='本業務', P='個人情報', CT='この契約',
    art='fwjo', hstyle='after', hsep='', br='（）', para='fw', items=['fwparen'],
    arts=[('basic2', {'sub': [('{W}の実施に当たっては', 'この契約による業務（以下「本業務」という。）の実施に当たっては')]}),
          'secret', 'manager', 'place', 'collect', 'use', 'copy', 'safety', 'subcon', 'return', 'dispose',
          'accident', 'cancel'],
    trunc=(8, 1, 41),
    layout=dict(width=40, blank=True, trail=True, per_page=36, ff=True),
    warn=['truncated'],
    conv=['town', '町/受注者', 'labels 第１条（見出し） full-width heading after label, body on next line',
          'blank lines + trailing spaces', 'DEFECT: ends mid-sentence inside 第９条 paragraph 2'],
))

# ---------------------------------------------------------------- i15
D.append(dict(
    name='i15-tsubasa-foundation', title='個人情報の保護に関する特約条項', pre=['別添'],
    K='受託者', C='協会', W='委託業務', P='個人情報', CT='この契約',
    art='fw', hstyle='above', br='()', para='fw', items=['paren'], skip=[7],
    textmap=[('この特記事項', 'この特約条項')],
    arts=[('basic', {'sub': [('{W}を行うに当たっては', '協会から受託した業務（以下「委託業務」という。）を行うに当たっては')]}),
          'secret', 'manager', 'use2', 'copy', 'safety2', 'subcon', 'return', 'dispose', 'accident', 'damage'],
    layout=dict(width=39, per_page=30, ff=True, header='一般財団法人つばさ国際交流協会', footer='{n}/{m}'),
    warn=['numbering-gap'],
    conv=['foundation', '協会/受託者', '特約条項 title', 'half-width (heading) above 第１', 'DEFECT: 第７ missing (第６ → 第８)',
          'running header, n/m footer'],
))

# ---------------------------------------------------------------- i16
D.append(dict(
    name='i16-hokuriku-river-office', title='個人情報等の取扱いに関する特記仕様書',
    pre=['北陸水系管理事務所　入札・契約情報', '本文をテキストで表示しています。'],
    K='受注者', C='発注者', W='本業務', P='個人情報', CT='本契約',
    art='jo', hstyle='above', br='()', para='fw', items=['paren'],
    textmap=[('この特記事項', 'この特記仕様書')],
    arts=[('purpose', {'sub': [('{C}が{K}に委託する業務', '{C}が{K}に委託する業務（以下「本業務」という。）')]}),
          'secret', 'manager', 'use', 'copy', 'safety', 'subcon', 'return', 'dispose', 'accident'],
    trunc=(7, 0, 46),
    layout=dict(oneline=True),
    warn=['truncated'],
    conv=['national body', '発注者/受注者', '特記仕様書 title', 'text export: body on one long line',
          '(heading) 第1条 … inside the line', 'DEFECT: ends mid-sentence inside 第8条'],
))

# ---------------------------------------------------------------- i17
D.append(dict(
    name='i17-mizuhono-city', title='個人情報取扱特記事項', pre=['別記様式'],
    K='受託者', C='市', W='委託業務', P='個人情報', CT='この契約',
    art='jo', asep='　', hstyle='above', br='（）', para='fw', items=['paren'], mask_first='第■条',
    arts=[('purpose', {'sub': [('{C}が{K}に委託する業務', '{C}が{K}に委託する業務（以下「委託業務」という。）')]}),
          'secret', 'manager', 'place', 'use', 'copy', 'safety', 'subcon', 'training', 'return', 'accident', 'cancel'],
    layout=dict(width=43, per_page=30, ff=True, footer='- {n} -'),
    conv=['city', '市/受託者', 'masked first label 第■条 (read as article 1, label "")', 'labels 第2条 + U+3000',
          'heading above', 'form feeds'],
))

# ---------------------------------------------------------------- i18
D.append(dict(
    name='i18-kazahaya-pref', title='個人情報取扱特記事項', pre=['別記'],
    K='受託者', C='県', W='この契約による業務', P='個人情報', CT='この契約',
    art='plain', hstyle='above', br='()', para='ascii', items=['paren'],
    textmap=[('（', '('), ('）', ')')],
    arts=['basic', 'secret2', 'manager', 'place', 'use', 'copy',
          """H 個人情報の持出し等
{K}は、次に掲げる場合を除き、{P}を作業場所から持ち出してはならない。
- 県の承諾を得た場合
- 法令の定めにより提出が求められた場合
+ {K}は、前項の規定により{P}を持ち出す場合には、次に掲げる措置を講じなければならない。
- 記録媒体を暗号化すること。
- 持出しの記録を作成すること。""",
          'safety', 'subcon', 'return', 'dispose', 'accident', 'inspect',
          """H 準用
「第2」から「第13」までの規定は、{K}が{W}の一部を再委託した場合における再委託先について準用する。この場合において、これらの規定中「受託者」とあるのは、「再委託先」と読み替えるものとする。""",
          'cancel'],
    post=['注 1 県とは風早県をいう。 2 受託者とは、この契約の受託者をいう。'],
    layout=dict(oneline=True, allone=True, end='\n'),
    conv=['prefecture', '県/受託者', 'text export: whole document on a single line (title, chrome, notes included)',
          'labels 第1 without 条', 'ASCII parentheses', 'paragraph labels " 2 " inside the line',
          'items (1) restarting in each paragraph', 'quoted labels 「第2」から「第13」まで in a body', '注 after last article'],
))

# ---------------------------------------------------------------- i19
D.append(dict(
    name='i19-hanazono-ward-shitei', title='指定管理者における特定個人情報等の取扱いに関する特記事項',
    K='指定管理者', C='区', W='管理業務', P='特定個人情報等', CT='協定',
    art='kanji', asep='　', hstyle='above', br='（）', para='fw', items=['kanji', 'kata'], spaced=0.015,
    arts=["""H 趣旨
この特記事項は、花園区の公の施設の管理に関する協定（以下「協定」という。）に基づき{K}が行う管理業務（以下「管理業務」という。）における{P}の取扱いについて必要な事項を定めるものとする。""",
          """H 定義
この特記事項において「特定個人情報等」とは、個人番号及び特定個人情報をいう。
+ この特記事項において「従事者」とは、{K}の指揮監督を受けて{W}に従事する者をいう。""",
          'basic',
          ('share', '特定個人情報等の利用の制限等', ['mn_scope', 'mn_file', 'use']),
          'secret2',
          ('manager', {'sub': [('{W}に従事する者（以下「従事者」という。）', '従事者')]}),
          'place',
          """H 安全管理措置
{K}は、{P}の漏えい、滅失又は毀損の防止のため、次に掲げる措置を講じなければならない。
- 組織的安全管理措置として、次に掲げる事項
-- 責任者の設置及び責任者による点検
-- 取扱状況を確認する手段の整備
- 技術的安全管理措置として、次に掲げる事項
-- アクセス制御及びアクセス者の識別
-- 外部からの不正アクセス等の防止
-- 情報漏えい等の防止
- 物理的安全管理措置として、特定個人情報等を取り扱う区域を管理すること。""",
          'mn_staff', 'subcon', 'transport', 'record', 'dispose', 'accident', 'inspect',
          """H 指定の取消し等
{C}は、{K}がこの特記事項に違反したと認めるときは、地方自治法（昭和２２年法律第６７号）第２４４条の２第１１項の規定により、指定を取り消し、又は期間を定めて管理業務の全部若しくは一部の停止を命ずることができる。"""],
    layout=dict(width=40, blank=True, trail=True, per_page=40, ff=True, header='花園区指定管理者事務処理要領　別紙３'),
    conv=['ward, designated manager + 特定個人情報', '区/指定管理者', 'kanji labels up to 第十八条 + U+3000',
          'one heading over three articles', 'items 一 with subitems ア', 'spaced glyphs (light)',
          'blank lines + trailing spaces', 'running header'],
))

# ---------------------------------------------------------------- i20
D.append(dict(
    name='i20-minato-alliance', title='個人情報の取扱いに関する特記事項', pre=['別添'],
    between=['みなと圏域連携アライアンス（以下「本アライアンス」という。）から業務の委託を受けた者（以下「受託者」という。）は、当該業務（以下「委託業務」という。）の実施に当たり、次に定める事項を遵守しなければならない。'],
    K='受託者', C='本アライアンス', W='委託業務', P='個人情報', CT='委託契約',
    art='spfw', hstyle='after', hsep='', br='()', para='fw', items=['paren', 'kata'],
    arts=['define', 'basic', 'secret', 'manager',
          ('place', {'sub': [('を定め、あらかじめ', 'を定め、別表に掲げる事項を記載した書面により、あらかじめ')]}),
          'collect', 'use', 'copy',
          ("""H 安全管理措置
{K}は、{P}の適正な管理のため、次に掲げる措置を講じなければならない。
- 従事者の管理に関する措置
-- 従事者の名簿を作成すること。
-- 従事者に守秘義務を課すこと。
- 電子媒体の管理に関する措置
-- {P}を記録した電子媒体を施錠できる場所に保管すること。
-- 電子媒体の使用状況を記録すること。""", {}),
          'cloud', 'foreign', 'subcon', 'return', 'dispose', 'accident'],
    post=['附 則', 'この特記事項は、令和７年４月１日から適用する。', '別表（第５関係）', '作業場所届出書の記載事項',
          '１ 作業場所の名称及び所在地', '２ 管理責任者の氏名及び連絡先', '３ 入退室管理の方法',
          '令和　　年　　月　　日', '委託者　みなと圏域連携アライアンス　代表　　　　　　印',
          '受託者　住所', '　　　　氏名　　　　　　　　　　　　　　　印'],
    layout=dict(width=37, per_page=30, ff=True, footer='{n}/{m}'),
    conv=['alliance of municipalities (本アライアンス)', '本アライアンス/受託者', 'labels 第 １ (ASCII space + full-width digits, 第 １２)',
          'half-width (heading) after label, body on next line', 'items (1) with subitems ア', 'definitions article',
          'preamble defining parties', '附則, 別表 with numbered lines and signature block after last article'],
))
