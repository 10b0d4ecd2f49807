import os, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
from render import render
import pairs1, pairs2
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAIRS = pairs1.P + pairs2.P

def main():
    for p in PAIRS:
        d = os.path.join(ROOT, p['dir'])
        os.makedirs(d, exist_ok=True)
        for side in 'AB':
            with open(os.path.join(d, side.lower() + '.txt'), 'w', encoding='utf-8') as f:
                f.write(render(p[side]))
        with open(os.path.join(d, 'gold.tsv'), 'w', encoding='utf-8') as f:
            f.write('a\tb\tstatus\treasons\n')
            for r in p['rows']:
                f.write('\t'.join(r[:4]) + '\n')
        cnt = collections.Counter(r[2] for r in p['rows'])
        nreasons = sum(len(r[3].split(', ')) for r in p['rows'] if r[3] != '-')
        L = ['# %s' % p['dir'], '', '**Kind:** %s' % p['kind'], '', p['about'], '',
             '- a.txt: %d articles — %s' % (len(p['A']['arts']), p['layoutA']),
             '- b.txt: %d articles — %s' % (len(p['B']['arts']), p['layoutB']),
             '- rows: %d (equivalent %d, divergent %d, missing %d, extra %d); reasons: %d' % (
                 len(p['rows']), cnt['equivalent'], cnt['divergent'], cnt['missing'], cnt['extra'], nreasons),
             '', '## Rows', '', '| A | B | status | reasons | note |', '|---|---|---|---|---|']
        for r in p['rows']:
            L.append('| %s | %s | %s | %s | %s |' % (r[0], r[1], r[2], r[3], r[4] or ''))
        L += ['', '## Judgement calls', '']
        L += ['- ' + c for c in p['calls']]
        L += ['', 'Conventions for the whole set: see ../README.md.', '']
        with open(os.path.join(d, 'README.md'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(L))
    print('built', len(PAIRS), 'pairs')

if __name__ == '__main__':
    main()
