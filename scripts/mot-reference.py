#!/usr/bin/env python3
"""Scores MOT Challenge 2D text files with py-motmetrics, the reference TrackingScorer is checked against.

Not used by the tests (they compare with the figures in Tests/VisionTests/Fixtures/README.md); this
is how those figures, and any new ones, can be reproduced:

    python3 -m venv /tmp/mm-venv
    /tmp/mm-venv/bin/pip install 'numpy<2' 'pandas<2.3' scipy motmetrics==1.4.0
    /tmp/mm-venv/bin/python scripts/mot-reference.py GT.txt HYP.txt [HYP2.txt ...] [--threshold 0.5] [--json]

Ground-truth lines with confidence < 1 are ignored (min_confidence=1); the distance is 1 - IoU and
pairs farther than the threshold (default 0.5) may not match.
"""
import argparse
import json
import sys

import motmetrics as mm

METRICS = [
    ("mota", "mota"), ("motp", "motp"), ("idf1", "idf1"), ("idp", "idp"), ("idr", "idr"),
    ("recall", "recall"), ("precision", "precision"), ("idSwitches", "num_switches"),
    ("falsePositives", "num_false_positives"), ("misses", "num_misses"),
    ("mostlyTracked", "mostly_tracked"), ("partiallyTracked", "partially_tracked"),
    ("mostlyLost", "mostly_lost"), ("fragmentations", "num_fragmentations"),
    ("groundTruthCount", "num_objects"), ("hypothesisCount", "num_predictions"),
    ("matches", "num_detections"), ("objects", "num_unique_objects"),
    ("idTruePositives", "idtp"), ("idFalsePositives", "idfp"), ("idFalseNegatives", "idfn"),
]


def score(gt_path, hyp_path, threshold):
    gt = mm.io.loadtxt(gt_path, fmt="mot15-2D", min_confidence=1)
    hyp = mm.io.loadtxt(hyp_path, fmt="mot15-2D")
    acc = mm.utils.compare_to_groundtruth(gt, hyp, "iou", distth=threshold)
    summary = mm.metrics.create().compute(acc, metrics=[name for _, name in METRICS], name="x")
    row = summary.iloc[0]
    result = {}
    for ours, theirs in METRICS:
        value = float(row[theirs])
        result[ours] = value if ours in ("mota", "motp", "idf1", "idp", "idr", "recall", "precision") else int(round(value))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gt")
    parser.add_argument("hypotheses", nargs="+")
    parser.add_argument("--threshold", type=float, default=0.5, help="largest 1 - IoU distance that may match")
    parser.add_argument("--json", action="store_true", help="one JSON object per hypothesis file")
    args = parser.parse_args()
    for path in args.hypotheses:
        result = score(args.gt, path, args.threshold)
        if args.json:
            print(json.dumps({"file": path, **result}))
        else:
            print(path)
            for key, value in result.items():
                print(f"  {key:18} {value:.6f}" if isinstance(value, float) else f"  {key:18} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
