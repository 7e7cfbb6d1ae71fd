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


if __name__ == "__main__":
    isr_z()
    print("quantile a", phe_quantile([5, 3, 3, 9, None, 1, 7, 7, 2, 8, 4, 6, 10], 5, False))
    print("quantile a inv", phe_quantile([5, 3, 3, 9, None, 1, 7, 7, 2, 8, 4, 6, 10], 5, True))
    print("quantile b", phe_quantile([1, 2, 3], 5, True))
