#!/usr/bin/env python3
"""Summarizes repeated JMH runs of one benchmark class: per method, the median of the per-fork
medians and their range; per (ours, peer) pair, the ratio in each run (peer time / our time, both
from the same run) and the median of those ratios.

Usage:
    python3 docs/bench/summarize.py docs/bench/runs/token-t1-run*.json
    python3 docs/bench/summarize.py --pair keyedNirguard=keyedTinkPrfSet docs/bench/runs/token-t2-run*.json

Without --pair, every method whose name contains "nirguard" (case-insensitive) is paired with every
other method. Python 3 standard library only.
"""

import argparse
import json
import statistics


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pair", action="append", default=[], help="ours=peer, repeatable")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    forks, alloc, runs = {}, {}, []
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        run = {}
        for r in data:
            name = r["benchmark"].rsplit(".", 1)[-1]
            for fork in r["primaryMetric"]["rawData"]:
                forks.setdefault(name, []).append(statistics.median(fork))
            norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            if norm:
                alloc.setdefault(name, []).append(norm["score"])
            run[name] = r["primaryMetric"]["score"]
            unit = r["primaryMetric"]["scoreUnit"]
        runs.append(run)

    print("%d run(s)" % len(runs))
    for name in sorted(forks):
        v = forks[name]
        b = "%.0f B/op" % statistics.median(alloc[name]) if name in alloc else ""
        print("  %-26s %9.1f %s  (%.1f-%.1f, %d forks)  %s"
              % (name, statistics.median(v), unit, min(v), max(v), len(v), b))

    pairs = [tuple(p.split("=", 1)) for p in args.pair]
    if not pairs:
        ours = [n for n in forks if "nirguard" in n.lower()]
        pairs = [(o, p) for o in ours for p in sorted(forks) if p not in ours]
    for o, p in pairs:
        ratios = [run[p] / run[o] for run in runs if o in run and p in run]
        if ratios:
            print("  %s vs %s: median %.2fx, per run %s"
                  % (o, p, statistics.median(ratios), " ".join("%.2f" % x for x in ratios)))


if __name__ == "__main__":
    main()
