#!/usr/bin/env python3
"""Independent re-identification risk figures of a CSV, for cross-checking `nir risk`.

Written from the published definitions, not from nirguard's Java:

- equivalence class: the records sharing one combination of quasi-identifier values
  (ARX documentation, "Privacy models: k-anonymity"; sdcMicro `freqCalc`, the frequency f_k);
- class size, counted per person: the number of distinct people (values of the person column;
  a row with an empty person cell is a person of its own) with at least one row in the class;
- k: the smallest class size; distinct l-diversity of a sensitive attribute: the smallest number
  of distinct values of that attribute within any class (an empty cell is a value);
- prosecutor risk (ARX "Risk analysis"): a record's risk is 1 / its class size; highest = 1 / k;
  records at highest risk = the share of people whose smallest class has size k; average =
  the mean of 1/size over all (class, person) memberships = classes / memberships;
- journalist risk with the sample taken as the whole population: the same figures as the
  prosecutor's; marketer risk under the same assumption: classes / memberships;
- people below t: people in at least one class of size < t (a person counts once).

Standard library only. Prints one JSON object with the same keys as `nir risk --format json`.
"""
import argparse
import csv
import json
import sys
from collections import defaultdict


def columns(arg):
    return [c for c in arg.split(",") if c] if arg else []


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quasi", required=True, help="comma-separated quasi-identifier columns")
    p.add_argument("--sensitive", default="", help="comma-separated sensitive columns")
    p.add_argument("--person", default="", help="person column; empty: each row is a person")
    p.add_argument("file")
    a = p.parse_args(argv)

    with open(a.file, newline="", encoding="utf-8-sig") as f:
        first = f.readline()
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        f.seek(0)
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader)
        quasi = columns(a.quasi)
        sensitive = columns(a.sensitive)
        qi_idx = [header.index(c) for c in quasi]
        s_idx = [header.index(c) for c in sensitive]
        person_idx = header.index(a.person) if a.person else None

        people_of = defaultdict(set)  # class -> people
        values_of = defaultdict(lambda: [set() for _ in sensitive])  # class -> distinct values
        rows = 0
        for row in reader:
            if not row:
                continue
            rows += 1
            cls = tuple(row[i] for i in qi_idx)
            if person_idx is None or row[person_idx] == "":
                person = ("row", rows)
            else:
                person = ("id", row[person_idx])
            people_of[cls].add(person)
            for j, i in enumerate(s_idx):
                values_of[cls][j].add(row[i])

    sizes = {cls: len(ps) for cls, ps in people_of.items()}
    smallest = {}  # person -> size of the smallest class they are in
    for cls, ps in people_of.items():
        for person in ps:
            smallest[person] = min(smallest.get(person, sizes[cls]), sizes[cls])
    memberships = sum(sizes.values())
    classes = len(sizes)
    people = len(smallest)
    k = min(sizes.values()) if sizes else 0
    histogram = defaultdict(int)
    for s in sizes.values():
        histogram[s] += 1
    below = {str(t): sum(1 for s in smallest.values() if s < t) for t in (2, 5, 10)}
    l_div = {
        c: (min(len(v[j]) for v in values_of.values()) if values_of else 0)
        for j, c in enumerate(sensitive)
    }
    highest = 1.0 / k if k else 0.0
    at_highest = (sum(1 for s in smallest.values() if s == k) / people) if people else 0.0
    average = classes / memberships if memberships else 0.0
    out = {
        "rows": rows,
        "people": people,
        "memberships": memberships,
        "classes": classes,
        "k": k,
        "quasi_identifiers": quasi,
        "sensitive": sensitive,
        "person": a.person or None,
        "class_sizes": {str(s): histogram[s] for s in sorted(histogram)},
        "people_below": below,
        "l_diversity": l_div,
        "prosecutor": {"highest": highest, "people_at_highest": at_highest, "average": average},
        "journalist": {
            "highest": highest,
            "average": average,
            "assumption": "the file is the whole population",
        },
        "marketer": average,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
