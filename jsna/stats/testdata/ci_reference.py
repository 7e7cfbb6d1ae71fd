#!/usr/bin/env python3
"""Reference values for jsna/ci_test.go and jsna/dist_test.go.

Each value is computed with mpmath (1.3.0) at 50 significant digits, by
the formulas PHEindicatormethods implements (R/utils.R byars_lower,
byars_upper, wilson_lower, wilson_upper; R/Rates.R phe_rate; R/DSR.R
phe_dsr; R/ISRatio.R calculate_ISRatio; R/Means.R phe_mean), with the
normal, chi-squared and t quantiles found by bisection of mpmath's
regularised incomplete gamma and beta functions, independently of the Go
code. Run: python3 jsna/stats/testdata/ci_reference.py
"""
import mpmath as mp

mp.mp.dps = 50


def bisect(f, lo, hi, it=400):
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    for _ in range(it):
        mid = (lo + hi) / 2
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def gamma_inv(p, a):
    p, a = mp.mpf(p), mp.mpf(a)
    top = a + 200 * mp.sqrt(a) + 1000
    if p > mp.mpf(1) / 2:
        q = 1 - p
        return bisect(lambda x: q - mp.gammainc(a, x, mp.inf, regularized=True), 0, top)
    return bisect(lambda x: mp.gammainc(a, 0, x, regularized=True) - p, 0, top)


def qchisq(p, k):
    return 2 * gamma_inv(p, mp.mpf(k) / 2) if k > 0 else mp.mpf(0)


def qt(p, df):
    p, df = mp.mpf(p), mp.mpf(df)
    q = 1 - p
    upper = lambda t: mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
    return bisect(lambda t: q - upper(t), 0, 10**7)


def qnorm(p):
    p = mp.mpf(p)
    return bisect(lambda x: mp.ncdf(x) - p, -60, 60)


def z(c):
    c = mp.mpf(c)
    return qnorm(c + (1 - c) / 2)


def wilson(x, n, c, m):
    x, n, zz = mp.mpf(x), mp.mpf(n), z(c)
    lo = (2 * x + zz**2 - zz * mp.sqrt(zz**2 + 4 * x * (1 - x / n))) / 2 / (n + zz**2)
    hi = (2 * x + zz**2 + zz * mp.sqrt(zz**2 + 4 * x * (1 - x / n))) / 2 / (n + zz**2)
    return x / n * m, lo * m, hi * m


def poisson(x, c):
    x, c = mp.mpf(x), mp.mpf(c)
    if x < 10:
        return qchisq((1 - c) / 2, 2 * x) / 2, qchisq(c + (1 - c) / 2, 2 * x + 2) / 2
    zz = z(c)
    lo = x * (1 - 1 / (9 * x) - zz / (3 * mp.sqrt(x))) ** 3
    hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + zz / (3 * mp.sqrt(x + 1))) ** 3
    return lo, hi


def rate(x, n, c, m):
    lo, hi = poisson(x, c)
    n = mp.mpf(n)
    return mp.mpf(x) / n * m, lo / n * m, hi / n * m


def dsr(bands, c, m):
    sw = sum(mp.mpf(s) for _, _, s in bands)
    value = sum(mp.mpf(x) * s / n for x, n, s in bands) / sw
    var = sum(mp.mpf(x) * (mp.mpf(s) / n) ** 2 for x, n, s in bands) / sw**2
    o = sum(mp.mpf(x) for x, _, _ in bands)
    lo, hi = poisson(o, c)
    return value * m, (value + mp.sqrt(var / o) * (lo - o)) * m, (value + mp.sqrt(var / o) * (hi - o)) * m


def isr(bands, c, m):
    o = sum(mp.mpf(x) for x, _, _, _ in bands)
    e = sum(mp.mpf(n) * xr / mp.mpf(nr) for _, n, xr, nr in bands)
    lo, hi = poisson(o, c)
    return o, e, o / e * m, lo / e * m, hi / e * m


def mean(values, c):
    v = [mp.mpf(x) for x in values]
    n = len(v)
    mu = sum(v) / n
    sd = mp.sqrt(sum((x - mu) ** 2 for x in v) / (n - 1))
    half = qt(1 - (1 - mp.mpf(c)) / 2, n - 1) * sd / mp.sqrt(n)
    return mu, mu - half, mu + half


def g(x):
    return mp.nstr(x, 17, min_fixed=-30, max_fixed=30)


ESP2013 = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]
DSR_COUNTS = [2, 0, 1, 3, 5, 6, 8, 11, 15, 22, 31, 45, 62, 80, 101, 120, 110, 85, 60]
DSR_POPS = [6100, 5900, 5600, 5400, 6300, 7100, 7600, 7300, 6900, 6800, 6600, 6000, 5300, 4700, 4100, 3000, 2100, 1200, 600]
ISR_BANDS = [(3, 2500, 800, 3000000), (12, 2200, 5200, 2800000), (41, 1800, 30100, 2500000), (87, 900, 61000, 1200000)]
MEAN_VALUES = [12.1, 15.3, 9.8, 11.4, 14.9, 10.2, 13.7]

if __name__ == "__main__":
    print("// ProportionCI")
    for x, n, c, m in [(65, 100, 0.95, 100), (0, 50, 0.95, 100), (50, 50, 0.95, 100), (1, 1000, 0.998, 100), (1234, 56789, 0.95, 1), (3, 7, 0.9, 100)]:
        print("{%s, %s, %s, %s, %s, %s, %s}," % ((x, n, c, m) + tuple(g(v) for v in wilson(x, n, c, m))))
    print("// RateCI")
    for x, n, c, m in [(0, 1000, 0.95, 100000), (1, 1000, 0.95, 100000), (9, 3456, 0.95, 100000), (10, 3456, 0.95, 100000), (82, 10000, 0.95, 100000), (6500, 10000, 0.998, 100), (3, 250, 0.998, 1000)]:
        print("{%s, %s, %s, %s, %s, %s, %s}," % ((x, n, c, m) + tuple(g(v) for v in rate(x, n, c, m))))
    print("// CountCI")
    for x, c in [(0, 0.95), (1, 0.95), (5, 0.998), (9, 0.95), (10, 0.998), (65, 0.95), (1045, 0.998), (1045, 0.95)]:
        print("{%s, %s, %s, %s}," % ((x, c) + tuple(g(v) for v in poisson(x, c))))
    print("// DSRCI")
    bands = list(zip(DSR_COUNTS, DSR_POPS, ESP2013))
    for c in [0.95, 0.998]:
        print(c, [g(v) for v in dsr(bands, c, 100000)])
    print("// ISRCI")
    for c in [0.95, 0.998]:
        print(c, [g(v) for v in isr(ISR_BANDS, c, 100)])
    small = [(1, 2500, 800, 3000000), (2, 2200, 5200, 2800000), (4, 1800, 30100, 2500000)]
    print("small", [g(v) for v in isr(small, 0.95, 100)])
    print("// MeanCI")
    for c in [0.95, 0.998]:
        print(c, [g(v) for v in mean(MEAN_VALUES, c)])
    print("// quantiles")
    for p in [0.975, 0.999, 0.9995, 1e-10, 1e-300]:
        print("qnorm", p, g(qnorm(p)))
    for p, k in [(0.95, 1), (0.975, 2), (0.025, 2), (0.99, 10), (0.001, 10), (0.999, 20), (0.5, 1), (0.975, 200), (0.0005, 3)]:
        print("qchisq", p, k, g(qchisq(p, k)))
    for p, df in [(0.975, 1), (0.975, 2), (0.975, 3), (0.975, 6), (0.975, 30), (0.999, 6), (0.9995, 4), (0.975, 1000), (0.6, 4)]:
        print("qt", p, df, g(qt(p, df)))
