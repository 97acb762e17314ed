#!/usr/bin/env python3
"""Independent reference for SafeCity's AQI engine, written from EPA's text, not from the Swift code.

Reads the openair `mydata` London hourly file (Marylebone Road, 1998-2005) and writes:

  Tests/SensingTests/Fixtures/london_daily_aqi.csv
      date, PM2.5 24-hour mean truncated and its AQI, PM10 likewise, daily maximum 8-hour ozone
      (ppm, truncated) and its AQI, the overall AQI and the responsible pollutant.
  Tests/SensingTests/Fixtures/london_nowcast_pm25.csv
      the PM2.5 NowCast at every 37th hour: the hour, the NowCast (6 decimals), truncated, AQI.

Sources (all arithmetic in decimal.Decimal, 50 digits):
  * EPA-454/B-24-002 (May 2024), Technical Assistance Document for the Reporting of Daily Air
    Quality - the AQI: Table 6 breakpoints, Equation 1, truncation (PM2.5 0.1 ug/m3, PM10 1 ug/m3,
    O3 0.001 ppm), AQI rounded to the nearest integer; PM daily value = 24-hour average needing 75 %
    (18 of 24) of the hours.
  * AirNow-Tech "Daily and Hourly AQI - Ozone": daily ozone = max of the 17 8-hour averages starting
    07:00..23:00, each needing 6 of 8 hours and truncated to 0.001 ppm; 13 of 17 needed for the day.
  * EPA "PM NowCast" fact sheet and AirNow-Tech "The NowCast for PM2.5 and PM10": 12 hours,
    w = min/max (at least 0.5), NowCast = sum(w^i c_i)/sum(w^i) over present hours, needs 2 of the 3
    most recent hours, raw hourly values, result truncated.

Days are UTC calendar days (the file's timestamps are UTC, which is GMT, London's standard time).
Usage: python3 scripts/aqi-reference.py [path/to/london_hourly.csv.gz]
"""
import csv
import datetime as dt
import gzip
import os
import sys
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, getcontext

getcontext().prec = 50
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "SensingTests", "Fixtures")

# (concentration low, high, index low, high), TAD Table 6.
TABLE = {
    "pm25": [("0.0", "9.0", 0, 50), ("9.1", "35.4", 51, 100), ("35.5", "55.4", 101, 150),
             ("55.5", "125.4", 151, 200), ("125.5", "225.4", 201, 300), ("225.5", "325.4", 301, 500)],
    "pm10": [("0", "54", 0, 50), ("55", "154", 51, 100), ("155", "254", 101, 150),
             ("255", "354", 151, 200), ("355", "424", 201, 300), ("425", "604", 301, 500)],
    "o3_8h": [("0.000", "0.054", 0, 50), ("0.055", "0.070", 51, 100), ("0.071", "0.085", 101, 150),
              ("0.086", "0.105", 151, 200), ("0.106", "0.200", 201, 300)],
}
STEP = {"pm25": Decimal("0.1"), "pm10": Decimal("1"), "o3_8h": Decimal("0.001")}


def truncate(value, pollutant):
    return value.quantize(STEP[pollutant], rounding=ROUND_DOWN)


def aqi(truncated, pollutant):
    """Equation 1 on an already truncated concentration; None where the table gives no AQI."""
    rows = TABLE[pollutant]
    for lo, hi, ilo, ihi in rows:
        lo, hi = Decimal(lo), Decimal(hi)
        if lo <= truncated <= hi:
            break
    else:
        if pollutant == "o3_8h":
            return None  # above 0.200 ppm EPA uses 1-hour ozone
        lo, hi, ilo, ihi = rows[-1]  # beyond the AQI: the last two breakpoints
        lo, hi = Decimal(lo), Decimal(hi)
    value = Decimal(ihi - ilo) / (hi - lo) * (truncated - lo) + ilo
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read(path):
    hours = {}
    with gzip.open(path, "rt", newline="") as f:
        for row in csv.DictReader(f):
            t = dt.datetime.strptime(row["date"], "%Y-%m-%dT%H:%M:%SZ")
            hours[t] = {k: (Decimal(row[k]) if row[k] not in ("", "NA") else None) for k in ("pm25", "pm10", "o3")}
    return hours


def fmt(x):
    return "" if x is None else str(x)


def daily(hours):
    first = min(hours).date()
    last = max(hours).date()
    out = ["date,pm25_truncated,pm25_aqi,pm10_truncated,pm10_aqi,o3_8h_truncated,o3_8h_aqi,overall_aqi,responsible"]
    day = first
    while day <= last:
        start = dt.datetime.combine(day, dt.time())
        series = [hours.get(start + dt.timedelta(hours=h), {}) for h in range(31)]
        results = {}
        cells = []
        for p in ("pm25", "pm10"):
            values = [s.get(p) for s in series[:24] if s.get(p) is not None]
            if len(values) >= 18:
                t = truncate(sum(values) / len(values), p)
                results[p] = aqi(t, p)
                cells += [fmt(t), fmt(results[p])]
            else:
                cells += ["", ""]
        ozone = [None if s.get("o3") is None else s["o3"] / 1000 for s in series]  # ppb -> ppm
        averages = []
        for h in range(7, 24):
            window = [v for v in ozone[h:h + 8] if v is not None]
            if len(window) >= 6:
                averages.append(truncate(sum(window) / len(window), "o3_8h"))
        if len(averages) >= 13:
            t = max(averages)
            results["o3_8h"] = aqi(t, "o3_8h")
            cells += [fmt(t), fmt(results["o3_8h"])]
        else:
            cells += ["", ""]
        defined = [(v, p) for p, v in results.items() if v is not None]
        if defined:
            best = max(v for v, _ in defined)
            responsible = [p for v, p in defined if v == best][0]
            cells += [str(best), responsible]
        else:
            cells += ["", ""]
        if any(cells):
            out.append(day.isoformat() + "," + ",".join(cells))
        day += dt.timedelta(days=1)
    return out


def nowcast(hours, every=37):
    out = ["hour,nowcast,nowcast_truncated,aqi"]
    times = sorted(hours)
    for t in times[::every]:
        c = [hours.get(t - dt.timedelta(hours=i), {}).get("pm25") for i in range(12)]
        if sum(v is not None for v in c[:3]) < 2:
            continue
        present = [v for v in c if v is not None]
        hi, lo = max(present), min(present)
        w = lo / hi if hi > 0 else Decimal(1)
        w = max(w, Decimal("0.5"))
        num = sum(w ** i * v for i, v in enumerate(c) if v is not None)
        den = sum(w ** i for i, v in enumerate(c) if v is not None)
        n = num / den
        tr = truncate(n, "pm25")
        out.append(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{n.quantize(Decimal('0.000001'))},{tr},{aqi(tr, 'pm25')}")
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(FIXTURES, "london_hourly.csv.gz")
    hours = read(path)
    for name, lines in (("london_daily_aqi.csv", daily(hours)), ("london_nowcast_pm25.csv", nowcast(hours))):
        with open(os.path.join(FIXTURES, name), "w") as f:
            f.write("\n".join(lines) + "\n")
        print(name, len(lines) - 1, "rows")


if __name__ == "__main__":
    main()
