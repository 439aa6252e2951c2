#!/usr/bin/env python3
"""Aggregates a JFR recording's samples under one method into a call tree with percentages.

Usage:
    python3 docs/bench/jfr_tree.py pipe.jfr Pipeline.run            # CPU samples, 3 levels
    python3 docs/bench/jfr_tree.py pipe.jfr Pipeline.run 4 --alloc  # allocated bytes instead

Only the samples whose stack contains the root method count (100 %); below it, each frame's share
of those samples, children under their caller, down to the given depth; shares under 1 % are left
out. Frames are "SimpleClass.method". Runs `jfr print --json` (JDK 17+ on the PATH). Python 3
standard library only.

Record with, for example:
    java -cp ... org.openjdk.jmh.Main 'PipelineBenchmark.nirguard' -f 1 -wi 2 -i 8 -t 1 \\
        -jvmArgsAppend "-XX:StartFlightRecording=filename=pipe.jfr,settings=profile \\
        -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
"""

import argparse
import json
import subprocess


def frame(f):
    return f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("root", help="e.g. Pipeline.run")
    ap.add_argument("depth", nargs="?", type=int, default=3)
    ap.add_argument("--alloc", action="store_true", help="weigh jdk.ObjectAllocationSample by bytes")
    args = ap.parse_args()
    event = "jdk.ObjectAllocationSample" if args.alloc else "jdk.ExecutionSample"
    out = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "128", "--events", event, args.recording],
        capture_output=True, text=True, check=True).stdout
    tree, total = {}, 0
    for e in json.loads(out)["recording"]["events"]:
        stack = e["values"].get("stackTrace")
        if not stack:
            continue
        frames = [frame(f) for f in reversed(stack["frames"])]  # outermost first
        if args.root not in frames:
            continue
        weight = e["values"]["weight"] if args.alloc else 1
        total += weight
        node = tree
        start = frames.index(args.root) + 1
        for name in frames[start:start + args.depth]:
            child = node.setdefault(name, [0, {}])
            child[0] += weight
            node = child[1]
    print("%s: %d %s" % (args.root, total, "bytes sampled" if args.alloc else "samples"))

    def show(node, indent):
        for name, (weight, children) in sorted(node.items(), key=lambda kv: -kv[1][0]):
            if total and weight / total >= 0.01:
                print("%s%5.1f%% %s" % ("  " * indent, 100.0 * weight / total, name))
                show(children, indent + 1)

    show(tree, 0)


if __name__ == "__main__":
    main()
