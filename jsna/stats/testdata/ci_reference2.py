#!/usr/bin/env python3
"""Reference values for the tests of issue 13's methods, with the Python
standard library alone (mpmath is not available here): decimal at 50
digits and fractions, by the published formulas, independently of the Go
code. Run: python3 jsna/stats/testdata/ci_reference2.py
"""
from decimal import Decimal as D, getcontext
from fractions import Fraction as F
import math

getcontext().prec = 50


def pois_cdf(k, mu):
    """P(X <= k) for X ~ Poisson(mu)."""
    s, t = D(0), (-mu).exp()
    for i in range(k + 1):
        s += t
        t = t * mu / (i + 1)
    return s


def bisect(f, lo, hi, it=250):
    lo, hi = D(lo), D(hi)
    for _ in range(it):
        m = (lo + hi) / 2
        if f(m) < 0:
            lo = m
        else:
            hi = m
    return (lo + hi) / 2


def exact_poisson(x, c=D("0.95")):
    """The exact Poisson interval of a whole count x: chi-squared
    quantiles of even degrees of freedom are Poisson sums."""
    a = (1 - c) / 2
    top = D(10 * x + 100)
    lo = D(0) if x == 0 else bisect(lambda mu: (1 - pois_cdf(x - 1, mu)) - a, 0, top)
    hi = bisect(lambda mu: a - pois_cdf(x, mu), 0, top)
    return lo, hi


def isr_z():
    e = D(100) * 800 / 3000000
    lo, hi = exact_poisson(3)
    print("isr z", e, 3 / e * 100, lo / e * 100, hi / e * 100)


def phe_quantile(values, nq, invert):
    """OHID "Assigning deprivation categories", as phe_quantile: exact
    rational arithmetic, so boundaries are decided exactly."""
    have = [v for v in values if v is not None]
    m = len(have)
    if m < nq:
        return [None] * len(values)
    mx = max(have)
    adj = [None if v is None else (mx - v if invert else v) for v in values]
    out = []
    for a in adj:
        if a is None:
            out.append(None)
            continue
        r = 1 + sum(1 for b in adj if b is not None and b < a)
        q = math.floor((nq + 1) - math.ceil(F(m + 1 - r) / F(m, nq)))
        out.append(1 if q == 0 else q)
    return out


def sii(pops, values, ses):
    """phe_sii's regression y√a = β0√a + β1·b√a in exact rationals (the
    square roots cancel: with weights a, it is weighted least squares of
    y on 1 and b), and the standard deviation of β1 when each value is
    normal with its SE (β1 is linear in the values)."""
    tot = sum(F(p) for p in pops)
    a = [F(p) / tot for p in pops]
    b, cum = [], F(0)
    for ai in a:
        b.append(cum + ai / 2)
        cum += ai
    s11 = sum(a)
    s12 = sum(ai * bi for ai, bi in zip(a, b))
    s22 = sum(ai * bi * bi for ai, bi in zip(a, b))
    det = s11 * s22 - s12 * s12
    # β1 = Σ aᵢ(s11·bᵢ − s12)/det · yᵢ
    w1 = [ai * (s11 * bi - s12) / det for ai, bi in zip(a, b)]
    w0 = [ai * (s22 - s12 * bi) / det for ai, bi in zip(a, b)]
    ys = [F(str(v)) for v in values]
    b1 = sum(w * y for w, y in zip(w1, ys))
    b0 = sum(w * y for w, y in zip(w0, ys))
    var = sum((w * F(str(s))) ** 2 for w, s in zip(w1, ses))
    return b1, (b0 + b1) / b0, D(var.numerator).sqrt() / D(var.denominator).sqrt()


def sii_examples():
    """phe_sii's documented example (two areas, deciles)."""
    pops = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534,
            21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312]
    vals = [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3,
            70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80]
    ses = [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57,
           0.23, 0.26, 0.3, 0.16, 0.79, 0.78, 0.4, 0.28, 0.23, 0.35]
    for k in (0, 10):
        b1, rii, sd = sii(pops[k:k + 10], vals[k:k + 10], ses[k:k + 10])
        print("sii area", k // 10 + 1, "%.17g" % float(b1), "rii %.17g" % float(rii), "sd %.17g" % float(sd))


Z975 = D("1.959963984540054235524594430520551527955550")


def trend_proportion(years, counts, dens):
    """assign_trend_markers for proportions: OLS slope of logit p on year
    (50-digit logs) and the chi-squared statistic for trend (exact)."""
    n = len(years)
    logit = [(D(c) / D(d) / (1 - D(c) / D(d))).ln() for c, d in zip(counts, dens)]
    sl = sum(logit)
    slt = sum(l * y for l, y in zip(logit, years))
    st, st2 = sum(years), sum(y * y for y in years)
    beta = (n * slt - sl * st) / (n * st2 - st * st)
    d, c = F(sum(dens)), F(sum(counts))
    ct = F(sum(ci * y for ci, y in zip(counts, years)))
    dt = F(sum(di * y for di, y in zip(dens, years)))
    dt2 = F(sum(di * y * y for di, y in zip(dens, years)))
    chi2 = d * (d * ct - c * dt) ** 2 / (c * (d - c) * (d * dt2 - dt * dt))
    return beta, chi2


def trend_weighted(years, values, lowers, uppers):
    """assign_trend_markers for other value types: weighted least squares
    with w = 1/σ², σ = (upper − lower)/(2Φ⁻¹(0.975)), 50 digits."""
    w = [1 / ((D(str(u)) - D(str(l))) / (2 * Z975)) ** 2 for l, u in zip(lowers, uppers)]
    v = [D(str(x)) for x in values]
    sw = sum(w)
    swvt = sum(wi * vi * y for wi, vi, y in zip(w, v, years))
    swt = sum(wi * y for wi, y in zip(w, years))
    swv = sum(wi * vi for wi, vi in zip(w, v))
    swt2 = sum(wi * y * y for wi, y in zip(w, years))
    den = sw * swt2 - swt * swt
    beta = (sw * swvt - swt * swv) / den
    return beta, beta * beta / (sw / den)


def trend_examples():
    yrs = [2015, 2016, 2017, 2018, 2019]
    for name, c in (("rising", [100, 120, 140, 160, 180]), ("flat", [100, 102, 99, 101, 100])):
        b, x2 = trend_proportion(yrs, c, [1000] * 5)
        print("trend proportion", name, "%.17g" % float(b), "%.17g" % float(x2))
    for name, v, h in (("rising", [10, 11, 12, 13, 14], 1), ("outlier", [30, 4, 5, 6, 7], 0.5)):
        b, x2 = trend_weighted(yrs, v, [x - h for x in v], [x + h for x in v])
        print("trend other", name, "%.17g" % float(b), "%.17g" % float(x2))


def byars(x, z):
    x = D(x)
    lo = x * (1 - 1 / (9 * x) - z / (3 * x.sqrt())) ** 3
    x1 = x + 1
    hi = x1 * (1 - 1 / (9 * x1) + z / (3 * x1.sqrt())) ** 3
    return lo, hi


def dsr_frequencies():
    """calculate_dsr with independent_events = FALSE on a small table:
    (ageband, eventfreq, individuals, population, standard)."""
    rows = [("0-4", 1, 30, 5000, 5000), ("0-4", 2, 5, 5000, 5000), ("0-4", 3, 2, 5000, 5000),
            ("5-9", 1, 40, 6000, 5500), ("5-9", 2, 8, 6000, 5500), ("5-9", 3, 1, 6000, 5500)]
    ages = {}
    for a, f, x, n, w in rows:
        ev, _, _ = ages.get(a, (0, n, w))
        ages[a] = (ev + f * x, n, w)
    sw = sum(F(w) for _, n, w in ages.values())
    value = sum(F(ev) * w / n for ev, n, w in ages.values()) / sw
    o = sum(ev for ev, _, _ in ages.values())
    var = F(0)
    for f in (1, 2, 3):
        fr = [(x, n, w) for a, ff, x, n, w in rows if ff == f]
        fw = sum(F(w) for _, _, w in fr)
        var += F(f * f) * sum(F(x) * (F(w) / n) ** 2 for x, n, w in fr) / (fw * fw)
    lo, hi = byars(o, Z975)
    v = D(value.numerator) / D(value.denominator)
    sd = (D(var.numerator) / D(var.denominator) / o).sqrt()
    m = D(100000)
    print("dsr frequencies", o, "%.17g" % float(v * m), "%.17g" % float((v + sd * (lo - o)) * m),
          "%.17g" % float((v + sd * (hi - o)) * m))


if __name__ == "__main__":
    isr_z()
    for vals, nq, inv in (([5, 3, 3, 9, None, 1, 7, 7, 2, 8, 4, 6, 10], 5, False),
                          ([5, 3, 3, 9, None, 1, 7, 7, 2, 8, 4, 6, 10], 5, True),
                          ([1, 2, 3], 5, True)):
        print("quantile", nq, inv, phe_quantile(vals, nq, inv))
    sii_examples()
    trend_examples()
    dsr_frequencies()
