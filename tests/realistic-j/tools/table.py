import json, glob, os, collections, sys
sys.path.insert(0, os.path.dirname(__file__))
from docs import DOCS
ISS = {'j01':'花水木県 (甲/乙)','j02':'桜川市 (委託者/受託者)','j03':'夕霧区 (区/乙)','j04':'霞野町 (町/受注者)','j05':'葵沢村 (甲/乙)',
'j06':'公益財団法人ゆりのき文化振興財団 (財団/受託者)','j07':'独立行政法人国土みらい調査機構 (発注者/受注者)','j08':'若葉台市 指定管理 (市/指定管理者)',
'j09':'白樺県 特定個人情報 (甲/乙)','j10':'楓ヶ丘市 (委託者/受託者)','j11':'朝霧市 (甲/乙)','j12':'陽ノ森区 (区/受託者)','j13':'汐見町 (町/乙)',
'j14':'一般財団法人ひかり野情報センター (センター/受託者)','j15':'みどり野地方農政事務所 (発注者/受注者)','j16':'白鷺市 特定個人情報 (市/受託者)',
'j17':'山吹市 委託基準 (市/受託者)','j18':'七瀬村 (村/受託者)','j19':'鶺鴒町 指定管理+特定個人情報 (町/指定管理者)','j20':'海原県 (県/受託者)'}
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tot = collections.Counter()
print('| file | issuer (party words) | articles | clauses a/p/i/s | main conventions | expected warnings |')
print('|---|---|---|---|---|---|')
for d in DOCS:
    g = json.load(open(os.path.join(D, d['name'] + '.gold.json')))
    k = collections.Counter(c['kind'] for c in g['clauses']); tot.update(k)
    print('| %s | %s | %d | %d/%d/%d/%d | %s | %s |' % (d['name'], ISS[d['name'][:3]], k['article'], k['article'], k['paragraph'], k['item'], k['subitem'], '; '.join(g['conventions'][1:]), ', '.join(g['expect_warnings']) or '—'))
print()
print('Totals: article %d, paragraph %d, item %d, subitem %d; all clauses %d.' % (tot['article'], tot['paragraph'], tot['item'], tot['subitem'], sum(tot.values())))
