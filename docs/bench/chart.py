#!/usr/bin/env python3
"""Draws the JMH ratios of nirguard against its peers as an SVG bar chart.

Usage:
    python3 docs/bench/chart.py [--out docs/bench/ratios.svg] [--pair Class.ours=Class.peer ...] [result.json ...]

Reads JMH result files written with `-rf json` (default: every docs/bench/*.json) and draws one
horizontal bar per (nirguard benchmark, peer benchmark) pair of the same class and parameters:
how many times faster nirguard is (peer time / nirguard time, or nirguard / peer throughput). The
x axis is logarithmic; 1x is parity. Python 3 standard library only; the output depends only on
the input files, so regenerating it from the same results gives the same file.

How pairs are found, per benchmark class and parameter set:
  * the methods named in PAIRS below (or given with --pair) are paired as listed;
  * otherwise a method whose name contains "nirguard" is ours and every other method is a peer,
    paired with the ours method sharing the longest camelCase prefix ("keyedNirguard" with
    "keyedTinkPrfSet", "reversibleSivNirguard" with "reversibleSivTink"); a peer sharing no prefix
    with any ours method (a baseline such as "sha256") is left out.
"""

import argparse
import glob
import html
import json
import math
import os
import re
import sys

# Classes whose method names do not follow the "nirguard"/shared-prefix convention:
# class simple name -> [(ours method, peer method, label of the peer)]
PAIRS = {
    "ValidateBenchmark": [
        ("nirguardStrictTest", "peerDigitLoop", "hand-written digit loop"),
        ("nirguardStrictTest", "peerNaiveBigInteger", "naive BigInteger"),
    ],
    "Ff1Benchmark": [
        ("fastPath", "bouncyCastle", "Bouncy Castle FF1"),
    ],
    "PipelineBenchmark": [
        ("nirguard", "naive", "naive pipeline"),
    ],
    # internal strategies, no external peer: not drawn
    "HmacStrategyBenchmark": [],
}

TIME_MODES = {"avgt", "ss", "sample"}


def camel_words(name):
    return re.findall(r"[a-z0-9]+|[A-Z][a-z0-9]*", name)


def common_prefix(a, b):
    n = 0
    for x, y in zip(camel_words(a), camel_words(b)):
        if x.lower() != y.lower():
            break
        n += 1
    return n


def load(paths):
    """Returns {(class, params): {method: result}} and the run metadata."""
    groups = {}
    meta = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for r in data:
            cls, method = r["benchmark"].rsplit(".", 1)
            cls = cls.rsplit(".", 1)[-1]
            params = tuple(sorted((r.get("params") or {}).items()))
            group = groups.setdefault((cls, params), {})
            if method in group:
                print("warning: %s.%s%s appears twice; using %s" % (cls, method, dict(params) or "", path),
                      file=sys.stderr)
            group[method] = r
            meta.setdefault("jmh", r.get("jmhVersion"))
            meta.setdefault("jdk", r.get("jdkVersion"))
            meta.setdefault("vm", r.get("vmName"))
            meta.setdefault("runs", set()).add("%s fork(s), warm-up %s × %s, measurement %s × %s" % (
                r.get("forks"), r.get("warmupIterations"), r.get("warmupTime"),
                r.get("measurementIterations"), r.get("measurementTime")))
    return groups, meta


def peer_label(ours, peer):
    words = camel_words(peer)[common_prefix(ours, peer):]
    return " ".join(words) if words else peer


def pairs_of(cls, methods, extra):
    """The (ours, peer, label) pairs of a class: PAIRS or the heuristic, plus --pair extras."""
    if cls in PAIRS:
        found = list(PAIRS[cls])
    else:
        ours = [m for m in methods if "nirguard" in m.lower()]
        found = []
        for peer in sorted(m for m in methods if m not in ours):
            best = max(ours, key=lambda o: (common_prefix(o, peer), -ours.index(o)), default=None)
            if best is not None and common_prefix(best, peer) > 0:
                found.append((best, peer, peer_label(best, peer)))
    found += [(o, p, label) for (o, p, label, c) in extra if c == cls and (o, p, label) not in found]
    return [(o, p, label) for (o, p, label) in found if o in methods and p in methods]


def ratio(ours, peer):
    """How many times better ours is, with the interval from the two JMH confidence intervals."""
    a, b = ours["primaryMetric"], peer["primaryMetric"]
    if a["scoreUnit"] != b["scoreUnit"] or ours["mode"] != peer["mode"]:
        raise ValueError("cannot compare %s with %s" % (ours["benchmark"], peer["benchmark"]))
    if ours["mode"] not in TIME_MODES:  # throughput: bigger is better, so swap
        a, b = b, a

    def err(m):
        e = m.get("scoreError")
        return e if isinstance(e, (int, float)) and not math.isnan(e) else 0.0

    value = b["score"] / a["score"]
    low = max(b["score"] - err(b), 0.0) / (a["score"] + err(a))
    high = (b["score"] + err(b)) / (a["score"] - err(a)) if a["score"] > err(a) else float("inf")
    return value, low, high


def fmt_score(r):
    m = r["primaryMetric"]
    s = m["score"]
    digits = 0 if s >= 100 else 1 if s >= 10 else 2
    return "%.*f %s" % (digits, s, m["scoreUnit"])


def build_rows(groups, extra):
    rows = []
    for (cls, params) in sorted(groups):
        methods = groups[(cls, params)]
        pairs = pairs_of(cls, methods, extra)
        if not pairs:
            continue
        title = cls.replace("Benchmark", "")
        if params:
            title += " (" + ", ".join("%s=%s" % kv for kv in params) + ")"
        rows.append(("header", title))
        for ours, peer, label in pairs:
            value, low, high = ratio(methods[ours], methods[peer])
            rows.append(("bar", "%s vs %s" % (ours, label), value, (low, high),
                         "%s vs %s" % (fmt_score(methods[ours]), fmt_score(methods[peer]))))
    return rows


def svg(rows, meta):
    width, left, right = 1060, 330, 250
    plot = width - left - right
    row_h, head_h, top = 24, 28, 58
    bars = [r for r in rows if r[0] == "bar"]
    lo = min([0.5] + [r[2] / 1.5 for r in bars])
    hi = max([2.0] + [r[2] * 1.3 for r in bars])
    llo, lhi = math.log10(lo), math.log10(hi)

    def x(v):
        return left + (math.log10(v) - llo) / (lhi - llo) * plot

    height = top + sum(head_h if r[0] == "header" else row_h for r in rows) + 62
    out = []
    w = out.append
    w('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
      'font-family="Helvetica, Arial, sans-serif" font-size="12">' % (width, height, width, height))
    w('<title>nirguard against its peers (JMH): times faster, log scale</title>')
    w('<rect width="100%" height="100%" fill="#ffffff"/>')
    w('<text x="%d" y="24" font-size="16" font-weight="bold">nirguard against its peers: times faster (log scale)</text>' % 12)
    w('<text x="%d" y="42" fill="#555">bar = peer time / nirguard time (throughput: nirguard / peer); '
      'right of 1× nirguard is faster; whiskers: from the JMH 99.9%% confidence intervals</text>' % 12)

    # grid
    ticks = [t for t in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if lo <= t <= hi]
    grid_top, grid_bottom = top - 4, height - 56
    for t in ticks:
        xt = x(t)
        strong = t == 1
        w('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="%s"/>'
          % (xt, grid_top, xt, grid_bottom, "#333" if strong else "#ddd", "1.5" if strong else "1"))
        w('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s×</text>'
          % (xt, grid_bottom + 16, ("%g" % t)))

    y = top
    for r in rows:
        if r[0] == "header":
            w('<text x="12" y="%d" font-weight="bold">%s</text>' % (y + 18, html.escape(r[1])))
            y += head_h
            continue
        _, label, value, err, detail = r
        faster = value >= 1
        x0, x1 = x(1), x(value)
        colour = "#2a9d58" if faster else "#e07b39"
        w('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 8, y + 16, html.escape(label)))
        w('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>'
          % (min(x0, x1), y + 5, max(abs(x1 - x0), 1.0), row_h - 10, colour))
        end = max(x0, x1)
        if err[1] > err[0]:
            e_lo, e_hi = x(min(max(err[0], lo), hi)), x(max(min(err[1], hi), lo))
            w('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333"/>' % (e_lo, y + row_h // 2, e_hi, y + row_h // 2))
            end = max(end, e_hi)
        digits = 2 if value < 1.995 else 1
        text = ("%.*f× faster" % (digits, value)) if faster else ("%.2f× (slower)" % value)
        w('<text x="%.1f" y="%d" fill="#222">%s</text>' % (end + 5, y + 16, html.escape(text)))
        w('<text x="%d" y="%d" fill="#777" font-size="11">%s</text>'
          % (width - right + 95, y + 16, html.escape(detail)))
        y += row_h

    foot = ["JMH %s, JDK %s (%s). Generated by docs/bench/chart.py from the JMH JSON results." % (
        meta.get("jmh"), meta.get("jdk"), meta.get("vm")),
        "Runs: " + "; ".join(sorted(meta.get("runs", ()))) + "."]
    for i, line in enumerate(foot):
        w('<text x="12" y="%d" fill="#777" font-size="11">%s</text>' % (height - 24 + 14 * i, html.escape(line)))
    w('</svg>')
    return "\n".join(out) + "\n"


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="JMH JSON result files (default: docs/bench/*.json)")
    ap.add_argument("--out", default=os.path.join(here, "ratios.svg"), help="the SVG to write")
    ap.add_argument("--pair", action="append", default=[], metavar="Class.ours=Class.peer",
                    help="an extra pair, e.g. TokenBenchmark.keyedNirguard=TokenBenchmark.keyedJcaMac")
    args = ap.parse_args(argv)
    files = args.files or sorted(glob.glob(os.path.join(here, "*.json")))
    if not files:
        ap.error("no JMH JSON result files (run JMH with -rf json -rff docs/bench/<name>.json)")
    extra = []
    for p in args.pair:
        m = re.fullmatch(r"(\w+)\.(\w+)=(\w+)\.(\w+)", p)
        if not m or m.group(1) != m.group(3):
            ap.error("--pair wants Class.ours=Class.peer (same class): " + p)
        extra.append((m.group(2), m.group(4), peer_label(m.group(2), m.group(4)), m.group(1)))
    groups, meta = load(files)
    rows = build_rows(groups, extra)
    if not rows:
        ap.error("no nirguard-vs-peer pairs in " + ", ".join(files))
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(svg(rows, meta))
    print("%s: %d comparisons from %d file(s)" % (os.path.relpath(args.out), sum(r[0] == "bar" for r in rows), len(files)))


if __name__ == "__main__":
    main(sys.argv[1:])
