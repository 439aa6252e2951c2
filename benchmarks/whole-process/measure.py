#!/usr/bin/env python3
"""Whole-process timing of a command: wall time including JVM start, CPU time, peak RSS.

Runs each command N times, interleaved (A B A B ...) so that a change in the machine's load hits
every command alike, and prints min / median / max of the wall time with the load average seen
before each run. Before each run the output files named by --rm are deleted (nir refuses to
overwrite). Standard library only.

    python3 benchmarks/whole-process/measure.py -n 5 --rm out.csv \\
        --label 't1' -- ./nir protect --threads 1 --policy p --keys k --kek-file kek in.csv out.csv \\
        --label 't2' -- ./nir protect --threads 2 --policy p --keys k --kek-file kek in.csv out.csv

A command is everything after '--' up to the next '--label'. Exit status 1 if any run failed.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_once(cmd, rm):
    for p in rm:
        try:
            os.remove(p)
        except FileNotFoundError:
            pass
    before_load = load()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "rss_mb": ru.ru_maxrss / 1024.0,
        "faults": ru.ru_minflt,
        "load": before_load,
        "code": code,
        "err": err.strip().splitlines()[-1:] if err.strip() else [],
    }


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-n", type=int, default=5, help="runs per command (default 5)")
    ap.add_argument("--rm", action="append", default=[], help="file deleted before each run")
    ap.add_argument("--quiet", action="store_true", help="no line per run")
    own, rest = [], []
    i = 0
    while i < len(argv) and argv[i] != "--label":
        own.append(argv[i])
        i += 1
    args = ap.parse_args(own)
    commands = []
    while i < len(argv):
        if argv[i] != "--label" or i + 2 >= len(argv) or argv[i + 2] != "--":
            ap.error("expected: --label NAME -- COMMAND ...")
        label = argv[i + 1]
        j = i + 3
        while j < len(argv) and argv[j] != "--label":
            j += 1
        commands.append((label, argv[i + 3 : j]))
        i = j
    if not commands:
        ap.error("no command")
    return args, commands


def main(argv):
    args, commands = parse(argv)
    results = {label: [] for label, _ in commands}
    failed = False
    for r in range(args.n):
        for label, cmd in commands:
            res = run_once(cmd, args.rm)
            results[label].append(res)
            failed |= res["code"] not in (0, 1)
            if not args.quiet:
                print(
                    f"run {r + 1} {label}: {res['wall']:.2f} s wall, {res['cpu']:.2f} s cpu, "
                    f"{res['rss_mb']:.0f} MB, {res['faults']} faults, load {res['load']:.2f}, "
                    f"exit {res['code']} {' '.join(res['err'])}",
                    flush=True,
                )
    print(f"\n{'command':<24} {'wall min':>9} {'median':>8} {'max':>8} {'cpu med':>8} "
          f"{'RSS MB':>7} {'faults':>8}  load (before each run)")
    for label, _ in commands:
        rs = results[label]
        walls = [x["wall"] for x in rs]
        print(
            f"{label:<24} {min(walls):9.2f} {statistics.median(walls):8.2f} {max(walls):8.2f} "
            f"{statistics.median(x['cpu'] for x in rs):8.2f} "
            f"{statistics.median(x['rss_mb'] for x in rs):7.0f} "
            f"{int(statistics.median(x['faults'] for x in rs)):8d}  "
            + " ".join(f"{x['load']:.2f}" for x in rs)
        )
    if len(commands) > 1:
        base = statistics.median(x["wall"] for x in results[commands[0][0]])
        for label, _ in commands[1:]:
            m = statistics.median(x["wall"] for x in results[label])
            print(f"median wall {commands[0][0]} / {label}: {base / m:.2f}x")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
