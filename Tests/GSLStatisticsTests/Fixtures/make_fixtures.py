#!/usr/bin/env python3
"""Independent expected values for the GSLStatistics tests.

Run from this folder:  python3 make_fixtures.py   (numpy >= 2.0, scipy)
Writes statistics-fixtures.json beside this script. Each statistic is computed here with
numpy/scipy from its definition (stated in the Swift doc comments), not by calling spsim,
and the main ones are cross-checked against a second formula or library routine.
"""
import json
import math
import os

import numpy as np
from scipy import optimize

rng = np.random.default_rng(20261123)


def sorted_order(x):
    # ascending value, ties by original index
    return np.lexsort((np.arange(len(x)), x))


def weighted_quantile(x, w, p):
    o = sorted_order(x)
    xs, ws = x[o], w[o]
    cum = np.cumsum(ws)
    W = cum[-1]
    hit = np.nonzero((cum >= p * W) & (ws > 0))[0]
    if len(hit) == 0:
        return float(xs[np.nonzero(ws > 0)[0][-1]])
    return float(xs[hit[0]])


def gini_r1(y, w):
    o = sorted_order(y)
    ys, ws = y[o], w[o]
    W, Y = ws.sum(), (ws * ys).sum()
    P = np.cumsum(ws) / W
    L = np.cumsum(ws * ys) / Y
    Pp = np.concatenate(([0.0], P[:-1]))
    Lp = np.concatenate(([0.0], L[:-1]))
    return float(1.0 - np.sum((P - Pp) * (L + Lp)))


def gini_mean_difference(y, w):
    # Second, independent formula: G = sum_ij w_i w_j |y_i - y_j| / (2 W Y).
    W, Y = w.sum(), (w * y).sum()
    return float(np.sum(np.outer(w, w) * np.abs(y[:, None] - y[None, :])) / (2 * W * Y))


def fgt(y, w, z, alpha):
    poor = y < z
    gap = np.where(poor, (z - y) / z, 0.0)
    term = np.where(poor, 1.0 if alpha == 0 else gap ** alpha, 0.0)
    return float(np.sum(w * term) / np.sum(w))


def deciles(y, w):
    o = sorted_order(y)
    ws = w[o]
    W = np.cumsum(ws)[-1]
    cprev = np.concatenate(([0.0], np.cumsum(ws)[:-1]))
    d_sorted = np.minimum(10, 1 + np.floor(10 * (cprev + 0.5 * ws) / W)).astype(int)
    d = np.empty(len(y), dtype=int)
    d[o] = d_sorted
    return d


def decile_shares(y, w):
    d = deciles(y, w)
    sums = np.bincount(d - 1, weights=w * y, minlength=10)
    return sums / np.sum(w * y)


def dataset(name, y, w, poverty_line):
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    m = np.average(y, weights=w)
    probs = [0.0, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.99, 1.0]
    quantiles = [weighted_quantile(y, w, p) for p in probs]
    # Cross-check with numpy's own weighted inverted-CDF quantile (positive weights only:
    # numpy's treatment of p = 0 differs from ours by definition).
    pos = w > 0
    for p, q in zip(probs, quantiles):
        if p > 0:
            q_np = float(np.quantile(y[pos], p, method="inverted_cdf", weights=w[pos]))
            assert q_np == q, (name, p, q_np, q)
    g = gini_r1(y, w)
    assert math.isclose(g, gini_mean_difference(y, w), rel_tol=1e-10, abs_tol=1e-14), name
    return {
        "name": name,
        "values": y.tolist(),
        "weights": w.tolist(),
        "mean": float(m),
        "variance": float(np.average((y - m) ** 2, weights=w)),
        "probabilities": probs,
        "quantiles": quantiles,
        "gini": g,
        "povertyLine": poverty_line,
        "fgt": [{"alpha": a, "value": fgt(y, w, poverty_line, a)} for a in (0.0, 1.0, 2.0, 1.5, 0.5)],
        "decileBoundaries": [weighted_quantile(y, w, k / 10) for k in range(1, 10)],
        "deciles": deciles(y, w).tolist(),
        "decileShares": decile_shares(y, w).tolist(),
    }


datasets = []
# Small, hand-checkable: ties, zeros, unequal weights; one value exactly on the line.
datasets.append(dataset(
    "ties-and-zeros",
    [0, 5000, 8400, 0, 12000, 5000, 30000, 8400, 5000, 2500, 100000, 0],
    [1.5, 2, 1, 3, 0.5, 2, 1, 1, 4, 2.5, 0.25, 1],
    8400.0,
))
# Equal weights, distinct values.
datasets.append(dataset("equal-weights", [3, 1, 4, 1.5, 9, 2.6, 5.3, 5.8, 9.7, 0.9], [1] * 10, 3.0))
# Zero weights mixed in (they count for nothing but keep a place in the order).
datasets.append(dataset(
    "zero-weights",
    [7, 2, 9, 2, 4, 11, 0, 6],
    [0, 1, 2, 0, 3, 1, 0.5, 0],
    5.0,
))
# A survey-like sample: lognormal incomes rounded to 100 PKR (many ties), some zeros,
# gamma-distributed household weights.
n = 600
income = np.round(rng.lognormal(mean=9.6, sigma=0.8, size=n) / 100) * 100
income[rng.random(n) < 0.08] = 0
weight = rng.gamma(shape=2.0, scale=150.0, size=n)
datasets.append(dataset("lognormal-sample", income, weight, 8400.0))

# Percentile intervals of replicates: numpy.percentile with linear interpolation.
intervals = []
for count, level in ((1, 0.9), (2, 0.9), (10, 0.9), (37, 0.95), (200, 0.9), (51, 0.5)):
    reps = rng.normal(0.3, 0.02, size=count)
    lo, hi = np.percentile(reps, [50 * (1 - level), 50 * (1 + level)], method="linear")
    intervals.append({"replicates": reps.tolist(), "level": level, "lower": float(lo), "upper": float(hi)})

# Weighted linear fit: solve the normal equations (X'WX) b = X'Wy; covariance (X'WX)^-1.
fits = []
for count in (5, 40):
    x = np.sort(rng.uniform(0, 10, size=count))
    w = rng.uniform(0.2, 3.0, size=count)
    y = 1.7 - 0.35 * x + rng.normal(0, 0.5, size=count)
    X = np.column_stack((np.ones(count), x))
    A = X.T @ (w[:, None] * X)
    b = np.linalg.solve(A, X.T @ (w * y))
    cov = np.linalg.inv(A)
    resid = y - X @ b
    # cross-check the coefficients with numpy.polyfit (weights are sqrt(w) there)
    slope, intercept = np.polyfit(x, y, 1, w=np.sqrt(w))
    assert math.isclose(slope, b[1], rel_tol=1e-9) and math.isclose(intercept, b[0], rel_tol=1e-9)
    fits.append({
        "x": x.tolist(), "y": y.tolist(), "weights": w.tolist(),
        "intercept": float(b[0]), "slope": float(b[1]),
        "interceptVariance": float(cov[0, 0]), "covariance": float(cov[0, 1]), "slopeVariance": float(cov[1, 1]),
        "chiSquared": float(np.sum(w * resid ** 2)),
    })

# Brent roots: scipy.optimize.brentq on the same functions (the Swift test defines each
# function under the same name).
functions = {
    "cubic": (lambda x: x ** 3 - 2 * x - 5, 2.0, 3.0),
    "cosine": (lambda x: math.cos(x) - x, 0.0, 1.0),
    "exponential": (lambda x: math.exp(x) - 10, 0.0, 5.0),
    # Transfer t that lifts a mean income of 6000 to a line of 8400 after a 10% tax on t.
    "transfer": (lambda t: 6000 + 0.9 * t - 8400, 0.0, 10000.0),
}
roots = []
for name, (f, a, b) in functions.items():
    root = optimize.brentq(f, a, b, xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=200)
    roots.append({"function": name, "lower": a, "upper": b, "root": root})

fixture = {
    "generatedBy": "make_fixtures.py (numpy %s)" % np.__version__,
    "datasets": datasets,
    "percentileIntervals": intervals,
    "linearFits": fits,
    "roots": roots,
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "statistics-fixtures.json")
with open(out, "w") as fh:
    json.dump(fixture, fh, indent=1)
    fh.write("\n")
print("wrote", out)
