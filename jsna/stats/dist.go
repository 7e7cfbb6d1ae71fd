package stats

import (
	"math"
)

// This file holds the probability distributions the confidence intervals
// need: the standard normal, gamma (and so chi-squared and Poisson) and
// Student's t quantiles. They are written here rather than taken from a
// library so that jsna keeps its two dependencies and runs unchanged under
// GOOS=js. Each quantile inverts an accurate distribution function with
// safeguarded Newton steps (a bracket is kept and bisection is used when a
// step leaves it), so the result is correct to a few units in the last
// place of the distribution function's accuracy.

// normalQuantile returns the p quantile of the standard normal
// distribution, Φ⁻¹(p), for 0 ≤ p ≤ 1. It starts from math.Erfcinv (or,
// far in the tails where that has lost precision, from the asymptotic
// expansion of Mills' ratio) and refines by Newton's method on
// log Φ(z) = log p using math.Erfc, which keeps full relative precision in
// the tails. It works on the lower tail and reflects, so Φ⁻¹(1−p) =
// −Φ⁻¹(p) exactly.
func normalQuantile(p float64) float64 {
	switch {
	case math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case p > 0.5:
		return -normalLowerQuantile(1 - p)
	}
	return normalLowerQuantile(p)
}

// normalLowerQuantile is Φ⁻¹(p) for 0 < p < 0.5.
func normalLowerQuantile(p float64) float64 {
	z := -math.Sqrt2 * math.Erfcinv(2*p)
	if p < 1e-10 || math.IsInf(z, 0) || math.IsNaN(z) {
		// Φ(z) ≈ φ(z)/|z| for large |z|.
		l := -2 * math.Log(p)
		z = -math.Sqrt(l - math.Log(l) - math.Log(2*math.Pi))
	}
	logp := math.Log(p)
	for range 50 {
		cdf := 0.5 * math.Erfc(-z/math.Sqrt2)
		if cdf == 0 {
			break
		}
		logPdf := -z*z/2 - 0.5*math.Log(2*math.Pi)
		// Newton on g(z) = log Φ(z) − log p, g'(z) = φ(z)/Φ(z).
		step := (math.Log(cdf) - logp) / math.Exp(logPdf-math.Log(cdf))
		z -= step
		if math.Abs(step) <= 1e-16*math.Abs(z) {
			break
		}
	}
	return z
}

// regIncGamma returns the regularised incomplete gamma functions
// P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P(a, x) for a > 0, x ≥ 0. It
// uses the series for x < a+1 and Legendre's continued fraction (evaluated
// by the modified Lentz method) otherwise, as in Press et al., Numerical
// Recipes, 3rd ed., §6.2; whichever of P and Q is computed directly is the
// smaller one, so neither loses precision to cancellation.
func regIncGamma(a, x float64) (p, q float64) {
	if x <= 0 {
		return 0, 1
	}
	if math.IsInf(x, 1) {
		return 1, 0
	}
	lg, _ := math.Lgamma(a)
	logPrefix := -x + a*math.Log(x) - lg
	if x < a+1 {
		sum, term := 1/a, 1/a
		for n := 1; n < 100000; n++ {
			term *= x / (a + float64(n))
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-17 {
				break
			}
		}
		p = sum * math.Exp(logPrefix)
		return p, 1 - p
	}
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i < 100000; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-17 {
			break
		}
	}
	q = math.Exp(logPrefix) * h
	return 1 - q, q
}

// gammaInv returns x with P(a, x) = p: the p quantile of the gamma
// distribution with shape a and scale 1, for a > 0 and 0 ≤ p ≤ 1. The
// chi-squared quantile with k degrees of freedom is 2·gammaInv(p, k/2).
// It starts from the Wilson–Hilferty approximation and refines with Newton
// steps on whichever of P or Q is the smaller tail, inside a bracket that
// bisection keeps.
func gammaInv(p, a float64) float64 {
	switch {
	case math.IsNaN(p) || math.IsNaN(a) || p < 0 || p > 1 || a <= 0:
		return math.NaN()
	case p == 0:
		return 0
	case p == 1:
		return math.Inf(1)
	}
	upperTail := p > 0.5
	target := p
	if upperTail {
		target = 1 - p
	}
	// Wilson and Hilferty (1931): (X/a)^(1/3) is nearly normal.
	z := normalQuantile(p)
	x := a * math.Pow(1-1/(9*a)+z/(3*math.Sqrt(a)), 3)
	if !(x > 0) || math.IsInf(x, 0) {
		// Small shapes: invert the leading term of the series,
		// P(a, x) ≈ x^a / Γ(a+1).
		lg, _ := math.Lgamma(a + 1)
		x = math.Exp((math.Log(p) + lg) / a)
		if x == 0 {
			return 0 // the quantile is below the smallest float64
		}
		if !(x > 0) || math.IsInf(x, 0) {
			x = a
		}
	}
	lo, hi := 0.0, math.Inf(1)
	lg, _ := math.Lgamma(a)
	for range 200 {
		P, Q := regIncGamma(a, x)
		var f float64 // signed error of the tail being matched, as P − p
		if upperTail {
			f = target - Q // Q > target means x too small: P < p
		} else {
			f = P - target
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		if f == 0 {
			return x
		}
		dens := math.Exp(-x + (a-1)*math.Log(x) - lg)
		next := x - f/dens
		if !(next > lo && next < hi) || dens == 0 || math.IsNaN(next) {
			if math.IsInf(hi, 1) {
				next = 2*x + 1
			} else {
				next = (lo + hi) / 2
			}
		}
		if math.Abs(next-x) <= 4e-16*math.Abs(x) {
			return next
		}
		x = next
	}
	return x
}

// chiSquaredQuantile returns the p quantile of the chi-squared
// distribution with k > 0 degrees of freedom. With k = 0 it returns 0, as
// R's qchisq does, which is what the exact Poisson lower limit for a count
// of zero needs.
func chiSquaredQuantile(p, k float64) float64 {
	if k == 0 {
		return 0
	}
	return 2 * gammaInv(p, k/2)
}

// regIncBeta returns the regularised incomplete beta function I_x(a, b)
// for a, b > 0 and 0 ≤ x ≤ 1, by its continued fraction (modified Lentz
// method), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the
// fraction converges faster (Press et al., Numerical Recipes, 3rd ed.,
// §6.4).
func regIncBeta(x, a, b float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log1p(-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(x, a, b) / a
	}
	return 1 - front*betaCF(1-x, b, a)/b
}

func betaCF(x, a, b float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m < 100000; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return h
}

// studentTUpper returns P(T > t) for Student's t distribution with df > 0
// degrees of freedom, t ≥ 0: ½·I_{df/(df+t²)}(df/2, ½).
func studentTUpper(t, df float64) float64 {
	if t < 0 {
		return 1 - studentTUpper(-t, df)
	}
	return 0.5 * regIncBeta(df/(df+t*t), df/2, 0.5)
}

// studentTQuantile returns the p quantile of Student's t distribution with
// df > 0 degrees of freedom. It starts from the normal quantile (corrected
// by the Cornish–Fisher expansion of Abramowitz and Stegun 26.7.5) and
// refines with safeguarded Newton steps on the upper tail probability.
func studentTQuantile(p, df float64) float64 {
	switch {
	case math.IsNaN(p) || math.IsNaN(df) || p < 0 || p > 1 || df <= 0:
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case p < 0.5:
		return -studentTQuantile(1-p, df)
	}
	target := 1 - p // upper tail, 0 < target < 0.5
	// Closed forms for one and two degrees of freedom.
	if df == 1 {
		return math.Tan(math.Pi * (p - 0.5))
	}
	if df == 2 {
		a := 4 * p * (1 - p)
		return 2 * (p - 0.5) * math.Sqrt(2/a)
	}
	z := normalQuantile(p)
	g1 := (z*z*z + z) / 4
	g2 := (5*math.Pow(z, 5) + 16*z*z*z + 3*z) / 96
	g3 := (3*math.Pow(z, 7) + 19*math.Pow(z, 5) + 17*z*z*z - 15*z) / 384
	t := z + g1/df + g2/(df*df) + g3/(df*df*df)
	if !(t > 0) || math.IsInf(t, 0) {
		t = z
	}
	lo, hi := 0.0, math.Inf(1)
	lg1, _ := math.Lgamma((df + 1) / 2)
	lg2, _ := math.Lgamma(df / 2)
	logC := lg1 - lg2 - 0.5*math.Log(df*math.Pi)
	for range 200 {
		f := studentTUpper(t, df) - target // > 0 means t too small
		if f > 0 {
			lo = t
		} else {
			hi = t
		}
		if f == 0 {
			return t
		}
		dens := math.Exp(logC - (df+1)/2*math.Log1p(t*t/df))
		next := t + f/dens
		if !(next > lo && next < hi) || dens == 0 || math.IsNaN(next) {
			if math.IsInf(hi, 1) {
				next = 2*t + 1
			} else {
				next = (lo + hi) / 2
			}
		}
		if math.Abs(next-t) <= 4e-16*math.Abs(t) {
			return next
		}
		t = next
	}
	return t
}
