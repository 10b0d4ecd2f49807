# Generator for the realistic-f set (how the set was produced; not part of the set).
import sys, os
sys.path.insert(0, os.path.dirname(__file__))
from lib import Doc, fw, kan, KATA, MARU

OUT = os.path.join(os.path.dirname(__file__), '..')
DOCS = []


def doc(name, **o):
    d = Doc(name, **o)
    DOCS.append(d)
    return d


def pn_dash(pi, t):
    return f'- {pi} -'


# ---------------------------------------------------------------- f01 prefecture, corpus style
d = doc('f01-asanagi-pref', tm=('（以下「取扱', '２週間'), C='県', K='受託者', W='この契約による業務', I='個人情報', width=40,
        style='corpus', pb='blank', sep=' ', seed=11, items=[kan])
d.tags = ['prefecture', '県/受託者', 'label 第１ (full-width, no 条)', 'heading above in （）',
          'corpus style: blank line after every line, trailing space at paragraph end',
          'page break as blank lines (no form feed)', '別記 marker', 'kanji items 一二三 under a paragraph',
          'wrapped line starting with 第１１の規定により', 'line consisting only of （以下「…」という。）',
          'wrapped line starting with ２週間以内に', 'trailing 注 with numbered note']
d.raw('別記')
d.title('個人情報取扱特記事項')
d.art('basic')
d.art('secret')
d.art('manager')
d.art('edu')
d.art(heading='安全管理措置', paras=[
    ('受託者は、この契約による業務に関して知り得た個人情報の漏えい、滅失及び毀損の防止その他の個人情報の適正な管理のため、次に掲げる措置を講じなければならない。',
     ['取扱責任者の選任', '作業場所の特定及び入退室の管理', '個人情報を記録した媒体の施錠保管', '不正アクセスの防止及び不正プログラムの感染防止']),
    '受託者は、前項第一号及び第二号の措置を講じたときは、その内容を県に届け出なければならない。'])
d.art('collect')
d.art('purpose')
d.art('copy')
d.art('sub')
d.pb()
d.art('transport')
d.art('return')
d.art('dispose', paras=[
    '受託者は、この契約による業務に関して知り得た個人情報について、保有する必要がなくなったときは、確実かつ速やかに、復元又は判読が不可能な方法により消去し、又は廃棄しなければならない。',
    '受託者は、前項の規定による消去又は廃棄を行ったときは、¦第１１の規定により返還したものを除き、消去又は廃棄の日時及び方法を記載した書面を県に提出しなければならない。'])
d.art('incident')
d.art('audit')
d.art('damage')
d.raw('注')
d.raw(' １ 「県」とは朝凪県を、「受託者」とはこの契約の受託者をいう。')
d.raw(' ２ 委託の内容に応じて、不要な条項は削除して使用すること。')

# ---------------------------------------------------------------- f02 city, 第1条(見出し) on its own line
d = doc('f02-hoshikawa-city', C='甲', K='乙', W='この契約による業務', I='個人情報', digits='ascii',
        width=38, style='plain', art=lambda n: f'第{n}条', hstyle='after_nl', br=('(', ')'),
        par=str, page_lines=26, header=lambda p, t: '星川市業務委託契約約款 別記',
        footer=pn_dash, seed=12)
d.tags = ['city', '甲/乙', 'label 第1条 (ASCII digits)', 'heading after the number with half-width brackets, body on the next line',
          'preamble sentence', 'items restart numbering in each paragraph', 'wrapped line starting with a digit (30日以内)',
          'running header and page-number footer, form feeds', 'page break inside an article']
d.title('個人情報の取扱いに関する特記事項')
d.raw('乙は、甲から委託を受けた業務を行うに当たっては、個人情報の保護の重要性を認識し、次の事項を遵守しなければならない。')
d.art('basic')
d.art('secret')
d.art('collect')
d.art('purpose')
d.art('copy')
d.art(heading='安全管理措置', paras=[
    ('乙は、個人情報の漏えい等を防止するため、次に掲げる組織的な措置を講じなければならない。',
     ['個人情報の取扱いに係る責任者を指定すること。', '個人情報の取扱手順を定め、従事者に周知すること。']),
    ('乙は、前項に定めるもののほか、次に掲げる技術的な措置を講じなければならない。',
     ['従事者ごとにアクセス権限を設定すること。', '外部からの不正アクセスを防止する措置を講ずること。',
      '個人情報を記録した電子媒体を暗号化すること。'])])
d.art('sub', keep=[0, 1])
d.art('manager')
d.art(heading='事故発生時の対応', paras=[
    '乙は、個人情報の漏えい、滅失、毀損その他の事故が発生し、又は発生したおそれがあることを知ったときは、直ちに甲に報告し、甲の指示に従わなければならない。',
    '乙は、前項の事故について、その原因、被害の状況及び再発防止策を取りまとめ、事故の発生を知った日から¦30日以内に書面により甲に報告しなければならない。'])
d.art('return')
d.art('audit', heading='実地調査')
d.art('damage')

# ---------------------------------------------------------------- f03 ward, spaced glyphs, letter-spaced title
d = doc('f03-wakabadai-ward', C='区', K='受注者', W='この契約による業務', I='個人情報', digits='ascii',
        width=40, style='plain', art=lambda n: f'第 {n}', par=str, spaced=0.06, page_lines=30,
        footer=lambda p, t: f'{p}/{t}', header=lambda p, t: '清澄市若葉台区 契約関係様式', seed=13,
        title_style='spaced')
d.tags = ['ward', '区/受注者', 'label 第 1 (ASCII space between 第 and the number)', 'letter-spaced title',
          'spaced glyphs inside words and headings', 'heading above in （）', 'items (1)', 'page number n/m footer, running header, form feeds']
d.title('個人情報取扱特記事項')
d.art('basic')
d.art('secret2')
d.art('place')
d.art('takeout')
d.art('purpose')
d.art('copy')
d.art('safety_items')
d.art('sub', keep=[0, 1])
d.art('incident')
d.art('dispose')
d.art('damage2')

# ---------------------------------------------------------------- f04 town, 特記仕様書 style, numbering gap
d = doc('f04-hibari-town', T='この仕様書', C='委託者', K='受託者', W='本業務', I='個人情報', digits='ascii',
        width=44, style='plain', art=lambda n: str(n), hstyle='spec', seed=14)
d.warn = ['numbering-gap']
d.tags = ['town', '委託者/受託者', '特記仕様書 style: bare numeral label, heading on the number\'s line without brackets, body on the next line',
          'items (1) under bare-numeral articles', 'wrapped line starting with a digit (5年間)', '別紙２ marker', 'numbering gap: 6 then 8', '以上 closing']
d.raw('別紙２')
d.title('個人情報取扱特記仕様書')
d.art('secret', keep=[0])
d.art('manager', keep=[0])
d.art('collect')
d.art('purpose')
d.art(heading='安全管理', paras=[('受託者は、個人情報の漏えい、滅失及び毀損を防止するため、次に掲げる措置を講じなければならない。',
     ['個人情報を取り扱う作業は、委託者が承認した場所で行うこと。', '個人情報を記録した書類及び電子媒体は、施錠できる保管庫に保管すること。',
      '作業に用いる電子計算機には、ウイルス対策ソフトウェアを導入すること。'])])
d.art('copy')
d.art(heading='再委託', num=8, paras=['受託者は、本業務の全部又は一部を第三者に委託してはならない。ただし、あらかじめ委託者の書面による承諾を得たときは、この限りでない。'])
d.art(heading='作業記録の保存', paras=['受託者は、個人情報の取扱いに係る作業の記録を作成し、本業務の完了後¦5年間保存しなければならない。'])
d.art('incident', keep=[0], heading='事故報告')
d.art('return', heading='資料の返還')
d.art('dispose', keep=[0], heading='廃棄')
d.raw('以上')

# ---------------------------------------------------------------- f05 village, kanji 第一条（見出し）, text export
d = doc('f05-shirakaba-village', C='村', K='受託者', W='委託業務', I='個人情報', width=40, style='export',
        art=lambda n: f'第{kan(n)}条', hstyle='after_inline', sep='　', psep='　', isep='　', items=[kan], seed=15)
d.tags = ['village', '村/受託者', 'kanji labels 第一条 … 第十三条', 'heading after the number, body on the same line',
          'text export: one line per paragraph, no wrapping', '第九条 削除 (deleted article kept)', 'definitions article with kanji items',
          'kanji items 一二三', '附則 with enactment date after the last article']
d.title('個人情報の取扱いに関する特記事項')
d.art(heading='目的', paras=['この特記事項は、村が受託者に委託する業務（以下「委託業務」という。）における個人情報の取扱いについて必要な事項を定めるものとする。'])
d.art(heading='定義', paras=[('この特記事項において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。',
     ['個人情報　個人情報の保護に関する法律（平成１５年法律第５７号）第２条第１項に規定する個人情報をいう。',
      '従事者　受託者の指揮監督を受けて委託業務に従事する者をいう。',
      '資料等　村が受託者に提供し、又は受託者が委託業務のために作成した文書、図画、電磁的記録その他の記録をいう。'])])
d.art('secret')
d.art('safety_items')
d.art('collect')
d.art('purpose2')
d.art('copy')
d.art('sub')
d.art(heading=False, paras=['削除'])
d.art('return2')
d.art('incident')
d.art('audit')
d.art('damage')
d.raw('附　則')
d.raw('この特記事項は、令和７年４月１日から施行する。')

# ---------------------------------------------------------------- f06 foundation, dotted numerals, 5-level nesting
d = doc('f06-harukaze-foundation', tm=('（以下「取扱',), C='財団', K='受託者', W='本業務', I='個人情報', digits='ascii',
        width=44, style='plain', art=lambda n: f'{n}.', hstyle='above', page_lines=32,
        header=lambda p, t: '公益財団法人はるかぜ文化振興財団 業務委託契約書別添',
        footer=lambda p, t: f'－{p}－', seed=16)
d.tags = ['public foundation', '財団/受託者', 'dotted numerals 1. 2.', 'one heading over two articles (3. and 4.)',
          'items nested to five levels (1) → ア → (ア) → a → (a)', 'wrapped line starting with アクセス (katakana, not item ア)',
          '別添 and 参考資料 chrome before the title', 'running header, full-width dash page numbers, form feeds']
d.raw('参考資料10')
d.raw('別添')
d.title('個人情報の取扱いに関する特記事項')
d.art('basic')
d.art('manager', keep=[0])
d.art('secret', keep=[0], heading='秘密の保持及び目的外利用の禁止')
d.art('purpose', heading='秘密の保持及び目的外利用の禁止', shared=True)
d.art('collect')
d.art(heading='安全管理措置', paras=[('受託者は、個人情報の安全管理のため、次に掲げる措置を講じなければならない。', [
    ('技術的安全管理措置として、次に掲げる措置を講ずること。', [
        ('アクセス制御に関し、次に掲げる事項を実施すること。', [
            ('利用者の識別及び認証は、次のとおりとする。', [
                ('パスワードは、次の要件を満たすものとする。', [
                    '12文字以上とすること。', '英字、数字及び記号を組み合わせること。']),
                '認証に連続して失敗した場合は、一定時間利用を停止すること。']),
            'アクセス権限は、業務上必要な最小限の範囲で付与すること。']),
        '外部からの不正アクセスを防止するため、ファイアウォール等を設置し、¦アクセスの記録を取得すること。']),
    '物理的安全管理措置として、個人情報を取り扱う区域への入退室を管理すること。',
    '人的安全管理措置として、従事者に対し、個人情報の取扱いに関する研修を年1回以上実施すること。'])])
d.art('copy')
d.art('sub', keep=[0])
d.art('incident', keep=[0])
d.art('audit')
d.art('return')
d.art('damage')

# ---------------------------------------------------------------- f07 designated manager, 【】 headings, corpus style
d = doc('f07-shion-city-shitei', tm=('アクセス',), C='市', K='指定管理者', W='管理業務', I='個人情報', A='この協定', width=40,
        style='corpus', pb='blank', art=lambda n: f'第{fw(n)}条', br=('【', '】'), sep='　', psep='　',
        items=[lambda k: MARU[k - 1]], seed=17)
d.tags = ['designated manager (指定管理者)', '市/指定管理者', 'この協定 instead of この契約', '【】 headings above the article',
          'label 第１条 (full-width)', 'U+3000 after labels', 'circled-number items ①②', 'preamble with （以下「…」という。）',
          '別添３ marker', 'wrapped line starting with 第１１条第１項ただし書', 'wrapped line starting with アクセス', 'corpus style blank lines and trailing spaces']
d.raw('別添３')
d.title('個人情報取扱特記事項（指定管理者用）')
d.raw('指定管理者は、紫苑市民文化会館の管理に関する基本協定（以下「基本協定」という。）に基づく管理業務を行うに当たり、次の事項を遵守しなければならない。')
d.art('basic')
d.art('manager')
d.art('edu')
d.art('secret')
d.art(heading='収集の制限', paras=['指定管理者は、管理業務を行うために施設の利用者その他の者から個人情報を収集するときは、管理業務の目的を達成するために必要な範囲内で、適法かつ公正な手段により収集しなければならない。'])
d.art('purpose')
d.art('safety_items')
d.art('access')
d.art('takeout')
d.art('copy')
d.art('sub', paras=[
    '指定管理者は、管理業務のうち個人情報を取り扱う業務を第三者に委託してはならない。ただし、あらかじめ市の承諾を得た場合は、この限りでない。',
    '指定管理者は、¦第１１条第１項ただし書の規定により委託をするときは、委託先に対し、この特記事項に定める指定管理者の義務と同等の義務を課さなければならない。'])
d.art('incident')
d.art(heading='指定期間終了後の取扱い', paras=['指定管理者は、指定期間が満了し、又は指定を取り消されたときは、管理業務に関して保有する個人情報を、市の指示に従い、速やかに市又は次期指定管理者に引き継がなければならない。'])
d.art('audit')
d.art('damage')

# ---------------------------------------------------------------- f08 town, 特定個人情報, covering note, label alone
d = doc('f08-yunoki-town-mynumber', C='甲', K='乙', W='本業務', I='特定個人情報等', digits='ascii',
        width=38, style='plain', art=lambda n: f'第{n}', hstyle='above_alone', par=str, page_lines=30,
        footer=pn_dash, seed=18)
d.tags = ['town', '特定個人情報 (My Number)', '甲/乙', 'covering note numbered 1 2 with items (1)-(4) before the template',
          "covering note subject line contains 特記事項 (not the title)", 'label 第1 alone on its line, body on the next line',
          'heading above', 'cross-references 第3 / 第8第2項 inside the covering note', '別記 marker after a page break', 'page-number footer, form feeds']
d.raw('特定個人情報等の取扱いに関する特記事項の使用について')
d.raw('1 この特記事項は、個人番号利用事務又は個人番号関係事務の全部又は一部を委託する契約に添付して使用する。')
d.raw('2 使用に当たっては、次の点に留意すること。')
d.raw('(1) 契約書の条項と重複する事項は、契約書の条項を削除して差し支えない。')
d.raw('(2) 委託の内容に応じて、第3に定める作業場所の規定を加除すること。')
d.raw('(3) 再委託を認めない場合は、第8第2項以下を削除すること。')
d.raw('(4) 甲は町を、乙は受託者をいう。')
d.pb()
d.raw('別記')
d.title('特定個人情報等の取扱いに関する特記事項')
d.art(heading='基本的事項', paras=['乙は、行政手続における特定の個人を識別するための番号の利用等に関する法律（平成25年法律第27号。以下「番号法」という。）その他の関係法令を遵守し、本業務に係る特定個人情報等を適正に取り扱わなければならない。'])
d.art('secret')
d.art('place')
d.art('manager')
d.art('edu')
d.art(heading='目的外利用の禁止', paras=['乙は、本業務において取り扱う特定個人情報等を、番号法に規定する個人番号利用事務又は個人番号関係事務の範囲を超えて利用してはならない。'])
d.art(heading='特定個人情報ファイルの作成の制限', paras=['乙は、本業務を処理するために必要な範囲を超えて、特定個人情報ファイルを作成してはならない。'])
d.art(heading='再委託', paras=[
    '乙は、本業務の全部又は一部を第三者に委託してはならない。ただし、あらかじめ甲の書面による許諾を得た場合は、この限りでない。',
    '乙は、前項ただし書の規定により再委託をする場合には、再委託先に対し、番号法に基づき乙が果たすべき安全管理措置と同等の措置が講じられるよう、必要かつ適切な監督を行わなければならない。',
    '前2項の規定は、再委託先が更に再委託をする場合（二以上の段階にわたる委託をする場合を含む。）について準用する。'])
d.art('takeout')
d.art('copy')
d.art('safety_items')
d.art('incident')
d.art('return')
d.art('dispose')
d.art(heading='実地の監査等', paras=['甲は、必要があると認めるときは、乙の作業場所において、特定個人情報等の管理状況について実地に監査し、又は調査することができる。'])
d.art('damage')

# ---------------------------------------------------------------- f09 city, web copy, one long line, ASCII punctuation
d = doc('f09-nanase-city-web', C='甲', K='乙', W='本業務', I='個人情報', digits='ascii', style='oneline',
        art=lambda n: f'第{n}条', br=('(', ')'), par=str, ascii_punct=True, seed=19)
d.tags = ['city', '甲/乙', 'web copy: the whole template on one long line', 'ASCII punctuation , ( )',
          'heading (…) before 第1条 inside the line', 'paragraphs as " 2 乙は" after a sentence end', 'items (1) inside the line',
          'web page chrome (breadcrumb containing the title, update date, contact) before and after']
d.raw('ホーム > 事業者の方へ > 入札・契約 > 個人情報取扱特記事項', False)
d.raw('更新日:2025年10月1日 ページ番号:1004217', False)
d.title('個人情報取扱特記事項')
d.art('secret')
d.art('purpose')
d.art('safety_items')
d.art('copy')
d.art('sub2')
d.art('takeout')
d.art('return')
d.art('incident2')
d.art('audit')
d.art('damage')
d.raw('このページに関するお問い合わせ', False)
d.raw('七瀬市 総務部 契約管財課 電話:0000-00-0000', False)

# ---------------------------------------------------------------- f10 national body, 〔〕 headings, truncated
d = doc('f10-kaiyo-agency', T='この特約条項', C='発注者', K='受注者', W='本件業務', I='個人情報', width=42, style='plain',
        art=lambda n: f'第{fw(n)}条', br=('〔', '〕'), page_lines=34, header=lambda p, t: '契約書別紙',
        footer=lambda p, t: fw(p), seed=20,
        items=[lambda k: '（' + fw(k) + '）', lambda k: KATA[k - 1]])
d.warn = ['truncated']
d.tags = ['national body (独立行政法人)', '発注者/受注者', '特約条項 title', '〔〕 headings above the article', 'label 第１条',
          'definitions article with items （１）', 'running header, bare full-width page numbers, form feeds', 'document ends mid-sentence']
d.title('個人情報の取扱いに関する特約条項')
d.art(heading='定義', paras=[('この特約条項において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。', [
    '個人情報　個人情報の保護に関する法律（平成１５年法律第５７号）第２条第１項に規定する個人情報をいう。',
    '個人情報等　個人情報及び本件業務に関して受注者が知り得た発注者の内部情報をいう。',
    ('資料等　次に掲げるものをいう。', ['発注者が受注者に提供した文書、図画及び電磁的記録', '受注者が本件業務のために作成し、又は取得した記録'])])])
d.art('secret', heading='秘密の保持')
d.art('manager')
d.art('collect')
d.art('purpose')
d.art('safety')
d.art('copy')
d.art('sub')
d.art('incident')
d.art('return')
d.art('audit')
d.art('cancel')
d.art(heading='損害賠償', paras=['受注者は、この特約条項に定める義務に違反したことにより発注者又は第三者に損害を与えたときは、'])

# ---------------------------------------------------------------- f11 alliance, 委託基準, vertical title, 第　１
d = doc('f11-minato-alliance', tm=('（以下「取扱',), T='この基準', A='委託契約', C='本アライアンス', K='受託者', W='委託業務', I='個人情報', width=40, style='plain',
        art=lambda n: '第　' + fw(n), br=('(', ')'), spaced=0.05, seed=21, title_style='vertical')
d.tags = ['alliance as client (本アライアンス)', '本アライアンス/受託者', '委託基準 title printed one character a line',
          'label 第　１ (U+3000 inside the label)', 'half-width (…) headings above', 'file name and 資料 number before the title',
          'light glyph spacing', '附則 after the last article']
d.raw('minato_itaku_kijun_2025.pdf', False)
d.raw('資料４', False)
d.title('個人情報取扱委託基準')
d.art(heading='目的', paras=['この基準は、本アライアンスが個人情報を取り扱う業務を委託する場合に、受託者が遵守すべき事項を定めるものとする。'])
d.art('secret')
d.art('manager')
d.art('safety_items')
d.art('sub')
d.art('copy')
d.art('incident')
d.art('return')
d.art('audit')
d.raw('附則')
d.raw('この基準は、令和８年１月１日から適用する。')

# ---------------------------------------------------------------- f12 ward, masked first label
d = doc('f12-shiomi-ward', C='甲', K='乙', W='本業務', I='個人情報', width=40, style='plain',
        art=lambda n: f'第{fw(n)}条', page_lines=30, header=lambda p, t: '潮見区契約事務の手引 参考様式７',
        footer=lambda p, t: f'（{fw(p)}）', seed=22)
d.tags = ['ward', '甲/乙', 'first label masked as 第■条 (read as article 1, label "")', 'label 第２条 (full-width)',
          'heading above in （）', 'items (1) with katakana subitems ア イ', 'page number （２） footer, running header, form feeds', '以 上 closing']
d.title('個人情報取扱特記事項')
d.art('basic', label='第■条', masked=True)
d.art('secret2')
d.art('manager')
d.art('collect')
d.art('purpose2')
d.art(heading='安全管理措置', paras=[('乙は、個人情報の適正な管理のため、次に掲げる措置を講じなければならない。', [
    ('個人情報を取り扱う場所に関する措置', ['入退室の管理', '盗難防止のための施錠']),
    ('個人情報を取り扱う機器に関する措置', ['アクセス権限の設定', '不正プログラム対策']),
    '前各号に掲げるもののほか、甲が指示する措置'])])
d.art('copy')
d.art('sub2')
d.art('incident')
d.art('return')
d.art('dispose')
d.art('damage')
d.raw('以 上')

# ---------------------------------------------------------------- f13 city, first page missing
pages13 = [1, 3, 4, 5, 6]
d = doc('f13-kaededai-city', C='委託者', K='受託者', W='本業務', I='個人情報', width=40, style='plain',
        art=lambda n: '第' + fw(n), page_lines=28, header=lambda p, t: '業務委託契約書 別紙２',
        footer=lambda p, t: f'- {pages13[p - 1]} -', seed=23)
d.warn = ['unassigned-text', 'numbering-gap']
d.tags = ['city', '委託者/受託者', 'page 2 missing: text resumes mid-sentence before the first surviving article',
          'numbering starts at 第４', 'page numbers skip (1, 3, 4 …)', 'label 第４ (full-width)', 'heading above in （）', 'running header, form feeds']
d.raw('別紙２')
d.title('個人情報の保護に関する特記事項')
d.raw('（本特記事項は、委託者と受託者が締結する業務委託契約に添付して使用する。）')
d.pb()
d.raw('ければならない。これらを変更するときも、同様とする。')
d.raw('２ 取扱責任者は、この特記事項に定める事項を適切に実施するよう従事者を監督しなければならない。')
d.n = 3
d.art('edu')
d.art('place')
d.art('takeout')
d.art('purpose')
d.art('copy')
d.art('safety_items')
d.art('sub')
d.art('incident2')
d.art('return2')
d.art('dispose')
d.art('audit')
d.art('damage')

# ---------------------------------------------------------------- f14 prefecture, 18 articles, corpus style
d = doc('f14-mikagami-pref', tm=('２週間', 'アクセス'), C='県', K='受注者', W='本業務', I='個人情報', digits='ascii', width=42,
        style='corpus', pb='blank', art=lambda n: f'第{n}', par=str,
        items=[lambda k: MARU[k - 1]], seed=24)
d.tags = ['prefecture', '県/受注者', '18 articles', 'label 第1 (ASCII, no 条)', 'heading above in （）', 'corpus style',
          'definitions article with circled items', 'items restart in each paragraph', 'wrapped line starting with ２週間以内に',
          'wrapped line starting with アクセス', 'quoted label 「第13 再委託の禁止」 in a body', '特定個人情報 clause in a general template', '備考 after the last article']
d.title('個人情報の取扱いに関する特記事項（業務委託用）')
d.art('basic')
d.art(heading='定義', paras=[('この特記事項において、次に掲げる用語の意義は、それぞれ次に定めるところによる。', [
    '個人情報 個人情報の保護に関する法律（平成15年法律第57号）第2条第1項に規定する個人情報をいう。',
    '特定個人情報 行政手続における特定の個人を識別するための番号の利用等に関する法律（平成25年法律第27号）第2条第8項に規定する特定個人情報をいう。',
    '従事者 受注者の指揮命令を受けて本業務に従事する者をいう。'])])
d.art('secret')
d.art('manager')
d.art('edu')
d.art('place')
d.art('collect')
d.art('purpose')
d.art(heading='安全管理措置', paras=[
    ('受注者は、個人情報の漏えい等を防止するため、次に掲げる措置を講じなければならない。',
     ['個人情報を取り扱う従事者の限定', '個人情報を記録した資料等の施錠保管', '作業場所への入退室の管理']),
    ('受注者は、特定個人情報を取り扱う場合には、前項に掲げるもののほか、次に掲げる措置を講じなければならない。',
     ['特定個人情報を取り扱う事務の範囲の明確化', '特定個人情報ファイルを取り扱う電子計算機の限定'])])
d.art('access')
d.art('crypt')
d.art('copy')
d.art('sub', paras=[
    '受注者は、本業務の全部又は一部を第三者に委託（以下「再委託」という。）してはならない。ただし、あらかじめ県の書面による承諾を得た場合は、この限りでない。',
    '受注者は、前項ただし書の規定により再委託をする場合には、再委託先に対し、この特記事項に定める受注者の義務と同等の義務を負わせなければならない。',
    '再委託先が更に第三者に委託する場合については、この特記事項の「第13 再委託の禁止」の規定を準用する。'])
d.art('takeout')
d.art('incident')
d.art('return')
d.art('dispose')
d.art('damage')
d.raw('備考 この特記事項中「県」とあるのは水鏡県を、「受注者」とあるのはこの契約の受注者をいう。')

# ---------------------------------------------------------------- f15 foundation, 1. (見出し), 別表 after the last article
d = doc('f15-sazanami-foundation', C='財団', K='受託者', W='委託業務', I='個人情報', digits='ascii', width=42,
        style='plain', art=lambda n: f'{n}.', hstyle='after_sp_nl', br=('(', ')'), indent_item='　',
        cont_indent='　', seed=25)
d.tags = ['public foundation', '財団/受託者', 'dotted numerals with the heading on the number\'s line: 1. (見出し), body on the next line',
          'indented items (1) with indented continuation lines', 'wrapped line starting with 6.の(2) (cross-reference, not an article)',
          '別表 with numbered rows after the last article']
d.title('個人情報取扱特記事項')
d.art('basic')
d.art('secret', keep=[0])
d.art('purpose')
d.art('collect')
d.art('manager', keep=[0])
d.art(heading='安全管理措置', paras=[('受託者は、別表に定める区分に従い、次に掲げる措置を講じなければならない。',
     ['個人情報を取り扱う従事者を限定し、その名簿を整備すること。', '個人情報を記録した資料等を施錠できる保管庫に保管すること。',
      '個人情報を取り扱う電子計算機について、アクセス権限の設定及びウイルス対策を行うこと。'])])
d.art(heading='実施状況の報告', paras=['受託者は、委託業務の実施に当たり講じた安全管理措置のうち、¦6.の(2)及び(3)に掲げる措置の実施状況を、毎月末日までに財団に報告しなければならない。'])
d.art('sub', keep=[0])
d.art('incident', keep=[0])
d.art(heading='返還及び廃棄', paras=['受託者は、委託業務の完了後、財団から提供を受けた資料等を直ちに財団に返還し、受託者が作成した資料等は復元できない方法により廃棄しなければならない。'])
d.raw('別表(6.関係)')
d.raw('区分 措置の内容', False)
d.raw('1 組織的措置 責任者の指定、取扱手順の整備', False)
d.raw('2 人的措置 従事者への研修', False)
d.raw('3 物理的措置 保管庫の施錠、入退室の管理', False)
d.raw('4 技術的措置 アクセス権限の設定、ウイルス対策', False)

# ---------------------------------------------------------------- f16 national office, inline headings, ASCII punct, signature
d = doc('f16-shinonome-office', tm=('（以下「取扱', 'アクセス'), C='発注者', K='受注者', W='本業務', I='個人情報等', digits='ascii', width=46,
        style='plain', art=lambda n: f'第{n}条', hstyle='after_inline', br=('(', ')'), par=str, sep=' ',
        ascii_punct=True, page_lines=36, footer=lambda p, t: f'Page {p}', seed=26)
d.tags = ['national body (地方統計事務所)', '発注者/受注者', 'heading after the number on the same line as the body: 第1条(定義) …',
          'ASCII punctuation , ( )', 'items four levels (1) → ア → (ア) → a', 'wrapped line starting with アクセス',
          'chrome before the title: 参考資料, file name, [PDF 132KB]', 'Page n footers, form feeds', 'signature block after the last article']
d.raw('参考資料10', False)
d.raw('tokki_kojinjoho_r7.pdf [PDF 132KB]', False)
d.title('個人情報等の取扱いに関する特記事項')
d.art(heading='定義', paras=[('この特記事項において「個人情報等」とは,次に掲げるものをいう。', [
    '個人情報の保護に関する法律(平成15年法律第57号)第2条第1項に規定する個人情報',
    '本業務に関して受注者が知り得た発注者の情報であって,公にされていないもの'])])
d.art('secret')
d.art('manager')
d.art('edu')
d.art('place')
d.art('purpose')
d.art(heading='安全管理措置', paras=[('受注者は,個人情報等の安全管理のため,次に掲げる措置を講じなければならない。', [
    ('組織的安全管理措置', [('取扱規程の整備として,次に掲げる事項を定めること。', [
        ('個人情報等の取扱いの手順', ['受付及び入力の手順', '保管及び廃棄の手順']),
        '事故発生時の報告連絡体制']), '取扱状況を確認する手段の整備']),
    ('技術的安全管理措置', ['従事者ごとのアクセス権限の設定', '不正アクセスの防止'])])])
d.art('access')
d.art('copy')
d.art('sub')
d.art('crypt')
d.art('incident')
d.art('return')
d.art('audit')
d.art('damage')
d.raw('以上')
d.raw('令和　　年　　月　　日', False)
d.raw('発注者　東雲地方統計事務所長', False)
d.raw('受注者　住所', False)
d.raw('　　　　氏名', False)

# ---------------------------------------------------------------- f17 town, 特定個人情報, kanji 第一, truncated
d = doc('f17-wakana-town-mynumber', tm=('２週間',), C='町', K='受託者', W='本業務', I='特定個人情報等', width=36, style='plain',
        art=lambda n: '第' + kan(n), spaced=0.08, page_lines=30, footer=lambda p, t: f'({p})', seed=27,
        title_style='split', items=[lambda k: '（' + fw(k) + '）'])
d.warn = ['truncated']
d.tags = ['town', '特定個人情報 (My Number)', '町/受託者', 'kanji labels without 条: 第一 … 第十三', 'one heading over three articles (第九–第十一)',
          'title split over two lines', '別 紙 1 letter-spaced marker', 'glyph spacing', 'narrow wrap (36)', '(n) page numbers, form feeds',
          'document ends mid-sentence']
d.raw('別 紙 1', False)
d.title('特定個人情報取扱特記事項')
d.art(heading='基本的事項', paras=['受託者は、個人番号その他の特定個人情報等の保護の重要性を認識し、本業務を行うに当たっては、番号法その他の関係法令を遵守し、特定個人情報等を適正に取り扱わなければならない。'])
d.art('secret')
d.art('manager')
d.art('edu')
d.art('place')
d.art('purpose')
d.art(heading='特定個人情報ファイルの作成の禁止', paras=['受託者は、町の指示がある場合を除き、本業務を処理するために必要な範囲を超えて特定個人情報ファイルを作成してはならない。'])
d.art('sub')
H = '資料等の返還、消去及び廃棄'
d.art('return', heading=H)
d.art('dispose', heading=H, shared=True, keep=[0])
d.art(heading=H, shared=True, paras=['受託者は、前２条の規定により返還し、消去し、又は廃棄したときは、その日時、方法及び担当者を記載した書面を町に提出しなければならない。'])
d.art('incident')
d.art(heading='監査及び調査', paras=['町は、本業務に係る特定個人情報等の取扱状況について、受託者に対し報告を求め、又は受託者の作業場所において実地に監査し、若しくは調査することができる。',
                                   '受託者は、前項の監査又は調査の結果、町から改善の指示を受けたときは、速やかに'])

# ---------------------------------------------------------------- f18 designated manager, text export without any line break
d = doc('f18-matsukaze-city-shitei', C='市', K='指定管理者', W='管理業務', I='個人情報', A='この協定',
        style='oneline', joiner='', art=lambda n: f'第{fw(n)}条', br=('【', '】'), sep='　', psep='　', isep='　',
        items=[lambda k: '（' + fw(k) + '）'], seed=28)
d.tags = ['designated manager (指定管理者)', '市/指定管理者', 'text export: the template on one line with no spaces between clauses',
          '【】 headings directly before 第１条', 'U+3000 after labels', 'items （１） inside the line', 'cover-letter line before the title']
d.raw('令和７年度指定管理者募集要項 様式第９号', False)
d.title('個人情報の取扱いに関する特記事項')
d.art('basic')
d.art('secret2')
d.art('manager')
d.art('collect')
d.art('purpose')
d.art('safety_items')
d.art('takeout')
d.art('sub', keep=[0, 1])
d.art('incident')
d.art(heading='協定終了後の資料等の取扱い', paras=['指定管理者は、この協定が終了し、又は指定が取り消されたときは、管理業務に関して保有する個人情報が記録された資料等を、市の指示に従い、速やかに市に返還し、又は次期指定管理者に引き継がなければならない。'])
d.art('audit')
d.art('damage2')

if __name__ == '__main__':
    for d in DOCS:
        d.build(OUT)
    print(len(DOCS), 'documents')
