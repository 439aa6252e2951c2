#!/usr/bin/env python3
"""The join check: recomputes the tokens a Java run wrote beside its NIRs and counts mismatches.

    python3 interop/python/join.py FILE [VECTORS_DIR]

FILE: tab-separated lines `nir  keyed token  PRP token  FPE ciphertext (marked, or empty)`, all
under the spec's test keys (docs/spec/vectors/keys.jsonl), purpose research-42, primary keys after
rotation. Checks in one process per core (at most 4). Prints `rows=N mismatches=M` (never a value) and exits 1 if M > 0.
"""
import json
import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from nirguard_ref import nir as nirs  # noqa: E402
from nirguard_ref.fpe import NirFpe  # noqa: E402
from nirguard_ref.tokens import KeyedTokenizer, PrpTokenizer, derive  # noqa: E402

PURPOSE = "research-42"


def tools(vectors):
    keys, primary = {}, {}
    with open(os.path.join(vectors, "keys.jsonl"), encoding="utf-8") as f:
        for line in f:
            k = json.loads(line)
            if k["purpose"] == PURPOSE:
                keys.setdefault(k["kind"], {})[int(k["key_id"], 16)] = bytes.fromhex(k["material"])
                if k["primary_after_rotation"]:
                    primary[k["kind"]] = int(k["key_id"], 16)
    tid = primary["token"]
    keyed = KeyedTokenizer(derive(keys["token"][tid], "token", PURPOSE), tid, PURPOSE)
    prp = PrpTokenizer({i: derive(m, "prp-token", PURPOSE) for i, m in keys["prp-token"].items()},
                       primary["prp-token"], PURPOSE)
    fpe = NirFpe(derive(keys["fpe"][primary["fpe"]], "fpe", PURPOSE), PURPOSE, "marked")
    return keyed, prp, fpe


def check(job):
    """Checks some lines: returns (rows, FPE rows, mismatches)."""
    vectors, lines = job
    keyed, prp, fpe = tools(vectors)
    nirs_, prp_tokens = [], []
    mismatches = fpe_rows = 0
    for line in lines:
        text, token, prp_token, fpe_text = line.split("\t")
        nir = nirs.parse(text)
        nirs_.append(nir)
        prp_tokens.append(prp_token)
        if keyed.tokenize(nir) != token:
            mismatches += 1
        if fpe_text:
            fpe_rows += 1
            if fpe.encrypt(nir) != fpe_text:
                mismatches += 1
    mine = prp.tokenize_many(nirs_)
    mismatches += sum(1 for a, b in zip(mine, prp_tokens) if a != b)
    return len(lines), fpe_rows, mismatches


def main(path, vectors):
    with open(path, encoding="ascii") as f:
        lines = f.read().splitlines()
    workers = max(1, min(4, os.cpu_count() or 1))
    size = -(-len(lines) // workers) or 1
    jobs = [(vectors, lines[i : i + size]) for i in range(0, len(lines), size)]
    with multiprocessing.Pool(workers) as pool:
        results = pool.map(check, jobs)
    rows, fpe_rows, mismatches = (sum(r[i] for r in results) for i in range(3))
    print("rows=%d fpe_rows=%d mismatches=%d" % (rows, fpe_rows, mismatches))
    return 1 if mismatches or rows == 0 else 0


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    vectors = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "docs", "spec", "vectors")
    sys.exit(main(sys.argv[1], vectors))
