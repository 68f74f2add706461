"""Fits tanh(x) ~ x*P(x^2)/Q(x^2) on [0, 9.02] (degree p, q in x^2), minimising the max relative error:
Loeb's linearisation (weights 1/(t*Q)) with Lawson's reweighting, in 40-digit arithmetic (mpmath).
Usage: python3 fit_tanh.py 7 7  -> prints the max relative error and P, Q coefficients in powers of x^2."""
import sys
import mpmath as mp

mp.mp.dps = 40
L = mp.mpf("9.02")
p, q = int(sys.argv[1]), int(sys.argv[2])
N = 1200
xs = [L * (1 - mp.cos(mp.pi / 2 * (k + 0.5) / N)) for k in range(N)]
xs = [x for x in xs if x > mp.mpf("1e-3")] + [L * k / 400 for k in range(1, 401)]
ts = [mp.tanh(x) for x in xs]
ss = [(x / L) ** 2 for x in xs]
poly = lambda c, s: sum(ci * s**i for i, ci in enumerate(c))
w = [1 / t for t in ts]
lw = [mp.mpf(1)] * len(xs)
best = None
for it in range(40):
    rows, rhs = [], []
    for x, t, s, wi, li in zip(xs, ts, ss, w, lw):
        f = wi * mp.sqrt(li)
        rows.append([f * x * s**i for i in range(p + 1)] + [-f * t * s**j for j in range(1, q + 1)])
        rhs.append(f * t)
    sol = mp.qr_solve(mp.matrix(rows), mp.matrix(rhs))[0]
    P = [sol[i] for i in range(p + 1)]
    Q = [mp.mpf(1)] + [sol[p + 1 + j] for j in range(q)]
    errs = [(x * poly(P, s) / poly(Q, s) - t) / t for x, t, s in zip(xs, ts, ss)]
    m = max(abs(e) for e in errs)
    if best is None or m < best[0]:
        best = (m, P, Q)
    w = [1 / (t * abs(poly(Q, s))) for t, s in zip(ts, ss)]
    total = sum(abs(e) * l for e, l in zip(errs, lw))
    lw = [l * abs(e) / total * len(xs) for e, l in zip(errs, lw)]
m, P, Q = best
print("max relative error", mp.nstr(m, 5))
print("P", [float(c / L ** (2 * i)) for i, c in enumerate(P)])
print("Q", [float(c / L ** (2 * i)) for i, c in enumerate(Q)])
