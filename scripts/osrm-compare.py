"""Helper of scripts/osrm-compare (run with the osrm-bindings venv's Python 3.12); see that script."""
import csv
import json
import random
import statistics
import sys
import time

import osrm


def engine(path):
    return osrm.OSRM(algorithm="CH", storage_config=path, use_shared_memory=False)


def route(o, a, b):
    """(duration s, distance m) of OSRM's route between two (lat, lon) points, or None."""
    params = osrm.RouteParameters(coordinates=[(a[1], a[0]), (b[1], b[0])], overview="false", generate_hints=False)
    try:
        result = o.Route(params)
    except RuntimeError:
        return None
    leg = result["routes"][0]
    return leg["duration"], leg["distance"]


def pairs(path, bbox, count, seed):
    """Seeded pairs of random points in the bbox that lie within 50 m of an OSRM car road."""
    o = engine(path)
    min_lon, min_lat, max_lon, max_lat = map(float, bbox.split(","))
    rng = random.Random(int(seed))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["src_lat", "src_lon", "dst_lat", "dst_lon"])

    def point():
        while True:
            lat, lon = rng.uniform(min_lat, max_lat), rng.uniform(min_lon, max_lon)
            near = o.Nearest(osrm.NearestParameters(coordinates=[(lon, lat)]))
            if near["waypoints"][0]["distance"] < 50:
                return round(lat, 6), round(lon, 6)

    for _ in range(int(count)):
        a, b = point(), point()
        writer.writerow([a[0], a[1], b[0], b[1]])


def run_osrm(fastest_path, shortest_path, pairs_path):
    """Times in-process OSRM car routes (snapping included, parameters built outside the clock) and records
    OSRM's shortest-distance answers."""
    with open(pairs_path) as f:
        rows = [tuple(map(float, r)) for r in list(csv.reader(f))[1:]]
    fastest, shortest = engine(fastest_path), engine(shortest_path)
    params = [osrm.RouteParameters(coordinates=[(r[1], r[0]), (r[3], r[2])], overview="false", generate_hints=False)
              for r in rows]
    for p in params[:50]:  # warm-up
        fastest.Route(p)
    samples = []
    for p in params:
        t0 = time.perf_counter_ns()
        try:
            fastest.Route(p)
        except RuntimeError:
            pass
        samples.append((time.perf_counter_ns() - t0) / 1000)
    distances = [route(shortest, (r[0], r[1]), (r[2], r[3])) for r in rows]
    json.dump({"p50Microseconds": statistics.median(samples),
               "p99Microseconds": sorted(samples)[int(len(samples) * 0.99) - 1],
               "shortest": distances}, sys.stdout)


def compare(city, osrm_json, ours_csv, bench_jsonl):
    with open(osrm_json) as f:
        theirs = json.load(f)
    with open(ours_csv) as f:
        ours = list(csv.reader(f))[1:]
    figures = [json.loads(line) for line in open(bench_jsonl) if line.strip()]
    snapping = next(f for f in figures if f["figure"] == "route-with-snapping")
    both = [(float(o[5]), t[1]) for o, t in zip(ours, theirs["shortest"]) if o[5] and t]
    def within(share):
        return sum(1 for a, b in both if abs(a - b) <= share * max(b, 1e-9)) / max(len(both), 1)
    ratios = sorted(a / b for a, b in both if b > 0)
    line = {
        "city": city, "pairs": len(ours),
        "osrmP50Microseconds": round(theirs["p50Microseconds"], 2),
        "osrmP99Microseconds": round(theirs["p99Microseconds"], 2),
        "oursP50Microseconds": snapping["p50Microseconds"], "oursP99Microseconds": snapping["p99Microseconds"],
        "ratio": round(snapping["p50Microseconds"] / theirs["p50Microseconds"], 4),
        "routedBoth": len(both), "routedOursOnly": sum(1 for o, t in zip(ours, theirs["shortest"]) if o[5] and not t),
        "routedOsrmOnly": sum(1 for o, t in zip(ours, theirs["shortest"]) if t and not o[5]),
        "distanceWithin1Percent": round(within(0.01), 4), "distanceWithin5Percent": round(within(0.05), 4),
        "medianDistanceRatio": round(ratios[len(ratios) // 2], 4) if ratios else None,
    }
    print(json.dumps(line, sort_keys=True))


def summary(path):
    lines = [json.loads(line) for line in open(path) if line.strip()]
    print(json.dumps({"summary": True, "cities": [l["city"] for l in lines],
                      "maxRatio": max(l["ratio"] for l in lines),
                      "minWithin1Percent": min(l["distanceWithin1Percent"] for l in lines),
                      "minWithin5Percent": min(l["distanceWithin5Percent"] for l in lines)}, sort_keys=True))


if __name__ == "__main__":
    {"pairs": pairs, "osrm": run_osrm, "compare": compare, "summary": summary}[sys.argv[1]](*sys.argv[2:])
