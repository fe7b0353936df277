"""Writes normal-reference.json: Φ(x) and Φ⁻¹(p) to 25 significant digits from mpmath (60-digit
arithmetic). Run by hand (`python3 make-normal-reference.py`, needs mpmath); not part of CI."""
import json
import random

import mpmath as m

m.mp.dps = 60
rng = random.Random(20240601)

xs = [i / 4 for i in range(-37 * 4, 9 * 4 + 1)] + [rng.uniform(-37, 9) for _ in range(150)]
cdf = [[x, m.nstr(m.ncdf(x), 25)] for x in xs]


def quantile(p):
    pm = m.mpf(p)
    if pm == m.mpf(0.5):
        return '0'
    q = pm if pm < 0.5 else 1 - pm
    start = -m.sqrt(-2 * m.log(q)) if q < 0.3 else m.mpf(-0.5)
    # Solve in log space so the tails converge as well as the centre.
    x = m.findroot(lambda t: m.log(m.ncdf(t)) - m.log(q), start, tol=m.mpf(10) ** -50)
    return m.nstr(x if pm < 0.5 else -x, 25)


ps = [10 ** (-e / 4) for e in range(1, 1201)] + [rng.random() for _ in range(200)]
ps += [1 - 10 ** (-e / 4) for e in range(1, 64)] + [0.975, 0.025, 0.5 + 1e-9]
inv = [[p, quantile(p)] for p in ps]

def rows(pairs):
    return ',\n'.join('    ' + json.dumps(pair) for pair in pairs)


with open('normal-reference.json', 'w') as out:
    out.write('{\n  "cdf": [\n' + rows(cdf) + '\n  ],\n  "inverseCdf": [\n' + rows(inv) + '\n  ]\n}\n')
