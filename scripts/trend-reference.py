#!/usr/bin/env python3
"""Reference figures for the Sensing trend and correlation tests, computed with scipy and pymannkendall.

Reads the openair example data (London Marylebone Road, hourly, 1998-2005; GPL >= 2) and
  1. writes Tests/SensingTests/Fixtures/london_monthly_means.csv: monthly means of NO2 and O3,
     a month's mean kept only when at least 75 % of the calendar month's hours have a value
     (otherwise the cell is left empty and the month is skipped for that pollutant);
  2. writes Tests/SensingTests/Fixtures/london_hourly_nox_no2_2004q1.csv: hourly NOx and NO2
     for January-March 2004, for the correlation tests;
  3. prints Theil-Sen slopes (per year, x = year + (month - 1) / 12), Sen's 95 % interval,
     Kendall's tau-b, Mann-Kendall S, Var(S), Z and p, and Pearson r of NO2 against NOx.

Usage: pip install scipy pymannkendall && python3 scripts/trend-reference.py [path/to/london_hourly.csv.gz]
"""
import calendar
import csv
import gzip
import math
import os
import sys

import numpy as np
import pymannkendall as mk
from scipy import stats

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/air/london_hourly.csv.gz"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "SensingTests", "Fixtures")
COVERAGE = 0.75

rows = []
with gzip.open(SOURCE, "rt", newline="") as f:
    for row in csv.DictReader(f):
        rows.append(row)


def value(text):
    return float(text) if text not in ("", "NA") else None


# 1. Monthly means with a 75 % data-capture rule against the calendar month's hours.
months = {}
for row in rows:
    key = row["date"][:7]
    cell = months.setdefault(key, {"no2": [], "o3": []})
    for name in ("no2", "o3"):
        v = value(row[name])
        if v is not None:
            cell[name].append(v)

monthly = []
for key in sorted(months):
    year, month = int(key[:4]), int(key[5:7])
    hours = calendar.monthrange(year, month)[1] * 24
    means = {}
    for name in ("no2", "o3"):
        values = months[key][name]
        means[name] = sum(values) / len(values) if len(values) >= COVERAGE * hours else None
    monthly.append((key, year, month, means))

with open(os.path.join(FIXTURES, "london_monthly_means.csv"), "w", newline="") as f:
    f.write("# Monthly means of hourly NO2 and O3 (ppb), London Marylebone Road, from openair's example data\n")
    f.write("# (GPL >= 2); a month is empty when fewer than 75 % of its hours have a value. Made by scripts/trend-reference.py.\n")
    f.write("month,no2,o3\n")
    for key, _, _, means in monthly:
        cells = ["" if means[n] is None else repr(means[n]) for n in ("no2", "o3")]
        f.write(f"{key},{cells[0]},{cells[1]}\n")

print(f"months in file: {len(monthly)}")
for name in ("no2", "o3"):
    kept = [(y + (m - 1) / 12, means[name]) for _, y, m, means in monthly if means[name] is not None]
    x = np.array([k[0] for k in kept])
    y = np.array([k[1] for k in kept])
    ts = stats.theilslopes(y, x, alpha=0.95)
    tau = stats.kendalltau(x, y)
    result = mk.original_test(y, alpha=0.05)
    print(f"{name}: n={len(y)}")
    print(f"  theilslopes slope/year={float(ts.slope)!r} intercept={float(ts.intercept)!r}"
          f" low={float(ts.low_slope)!r} high={float(ts.high_slope)!r}")
    print(f"  kendalltau tau_b={float(tau.statistic)!r} p={float(tau.pvalue)!r}")
    print(f"  mann-kendall S={float(result.s)!r} var_s={float(result.var_s)!r} z={float(result.z)!r} p={float(result.p)!r}"
          f" trend={result.trend}")

# 2. Hourly NOx and NO2 excerpt, January-March 2004.
excerpt = [r for r in rows if r["date"][:7] in ("2004-01", "2004-02", "2004-03")]
with open(os.path.join(FIXTURES, "london_hourly_nox_no2_2004q1.csv"), "w", newline="") as f:
    f.write("# Hourly NOx and NO2 (ppb), London Marylebone Road, January-March 2004, from openair's example data\n")
    f.write("# (GPL >= 2); empty = missing. Made by scripts/trend-reference.py.\n")
    f.write("date,nox,no2\n")
    for r in excerpt:
        f.write(f"{r['date']},{r['nox']},{r['no2']}\n")


def pearson(pairs, label):
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    res = stats.pearsonr(a, b)
    ci = res.confidence_interval(0.95)  # Fisher z
    print(f"{label}: n={len(a)} r={float(res.statistic)!r} p={float(res.pvalue)!r}"
          f" ci95=({float(ci.low)!r}, {float(ci.high)!r}) numpy.corrcoef={float(np.corrcoef(a, b)[0, 1])!r}")


pearson([(value(r["nox"]), value(r["no2"])) for r in rows if value(r["nox"]) is not None and value(r["no2"]) is not None],
        "pearson hourly nox~no2, all data")
pearson([(value(r["nox"]), value(r["no2"])) for r in excerpt if value(r["nox"]) is not None and value(r["no2"]) is not None],
        "pearson hourly nox~no2, 2004 Q1")

# Daily buckets over the excerpt: each series averaged over the hours it has in the day, days where both have a mean.
days = {}
for r in excerpt:
    d = days.setdefault(r["date"][:10], ([], []))
    if value(r["nox"]) is not None:
        d[0].append(value(r["nox"]))
    if value(r["no2"]) is not None:
        d[1].append(value(r["no2"]))
pearson([(sum(a) / len(a), sum(b) / len(b)) for _, (a, b) in sorted(days.items()) if a and b],
        "pearson daily-bucket nox~no2, 2004 Q1")
# Same, rolling window: the last 14 days of the excerpt (2004-03-18 .. 2004-03-31).
pearson([(sum(a) / len(a), sum(b) / len(b)) for k, (a, b) in sorted(days.items()) if a and b and k >= "2004-03-18"],
        "pearson daily-bucket nox~no2, 2004-03-18..31")

# 4. Seasonal profile of hourly NO2 over the excerpt: hour of day and day of week (Monday = 0), UTC.
import datetime
by_hour, by_weekday = {}, {}
for r in excerpt:
    v = value(r["no2"])
    if v is None:
        continue
    t = datetime.datetime.strptime(r["date"], "%Y-%m-%dT%H:%M:%SZ")
    by_hour.setdefault(t.hour, []).append(v)
    by_weekday.setdefault(t.weekday(), []).append(v)
for label, groups, keys in (("hour of day", by_hour, (0, 8, 17)), ("day of week", by_weekday, (0, 6))):
    for k in keys:
        g = groups[k]
        print(f"no2 2004 Q1 {label} {k}: n={len(g)} mean={float(np.mean(g))!r} median={float(np.median(g))!r}")

# 5. A short series with tied values, to check the ties correction of Var(S), tau-b and Sen's interval.
tied_y = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 5.0, 4.0, 6.0, 6.0]
tied_x = [2000 + i / 12 for i in range(len(tied_y))]
result = mk.original_test(tied_y)
ts = stats.theilslopes(tied_y, tied_x)
tau = stats.kendalltau(tied_x, tied_y)
print(f"tied series {tied_y}: S={float(result.s)!r} var_s={float(result.var_s)!r} z={float(result.z)!r} p={float(result.p)!r}"
      f" tau_b={float(tau.statistic)!r} slope/year={float(ts.slope)!r} low={float(ts.low_slope)!r} high={float(ts.high_slope)!r}")
