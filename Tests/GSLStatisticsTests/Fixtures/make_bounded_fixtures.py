# Quantiles of the bounded distributions of BoundedDistribution.swift, computed once with
# scipy (1.17): python3 make_bounded_fixtures.py > bounded-quantiles.json
import json
from scipy import stats

us = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
cases = []
# uniform on [2, 5]
cases.append({"distribution": "uniform", "low": 2.0, "high": 5.0,
              "quantiles": [float(stats.uniform(loc=2, scale=3).ppf(u)) for u in us]})
# triangular low 0.75, mode 0.85, high 0.95 (scipy: c = (mode - low) / (high - low))
tri = stats.triang(c=(0.85 - 0.75) / 0.2, loc=0.75, scale=0.2)
cases.append({"distribution": "triangular", "low": 0.75, "mode": 0.85, "high": 0.95,
              "quantiles": [float(tri.ppf(u)) for u in us]})
# skewed triangular low 0, mode 1, high 4
tri2 = stats.triang(c=0.25, loc=0, scale=4)
cases.append({"distribution": "triangular", "low": 0.0, "mode": 1.0, "high": 4.0,
              "quantiles": [float(tri2.ppf(u)) for u in us]})
# normal mean 0.08, sd 0.02 truncated to [0.05, 0.14]
mean, sd, low, high = 0.08, 0.02, 0.05, 0.14
tn = stats.truncnorm((low - mean) / sd, (high - mean) / sd, loc=mean, scale=sd)
cases.append({"distribution": "normal", "mean": mean, "sd": sd, "low": low, "high": high,
              "quantiles": [float(tn.ppf(u)) for u in us]})
# beta alpha 2, beta 5 scaled to [0.6, 1.0]
b = stats.beta(2, 5, loc=0.6, scale=0.4)
cases.append({"distribution": "beta", "alpha": 2.0, "beta": 5.0, "low": 0.6, "high": 1.0,
              "quantiles": [float(b.ppf(u)) for u in us]})
print(json.dumps({"u": us, "cases": cases}, indent=1))
