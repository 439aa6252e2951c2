#!/usr/bin/env python3
"""The peer of `nir protect`: the straightforward Python script a team would write instead.

Reads the lab export (csv module, ';'), and per row: the NIR becomes a keyed token (HMAC-SHA-256,
first 16 bytes, base64url), last and first names are sealed together with AES-256-GCM (random
96-bit nonce, the token as associated data, base64url), the birth date is cut to year-month, the
phone is dropped, the other columns are kept. No NIR validation, no FPE, no row seal, no scan of
free text, no atomic output: less work than nirguard does, on purpose (docs/benchmarks.md).

    python3 benchmarks/whole-process/protect_peer.py lab-export.csv out.csv

Keys are random per run (the output is never meant to be revealed). Needs `cryptography`
(Debian: python3-cryptography).
"""

import base64
import csv
import hashlib
import hmac
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def main(src, dst):
    token_key = os.urandom(32)
    aead = AESGCM(os.urandom(32))
    b64 = base64.urlsafe_b64encode
    with open(src, newline="", encoding="utf-8") as fin, open(
        dst, "w", newline="", encoding="utf-8"
    ) as fout:
        reader = csv.reader(fin, delimiter=";")
        writer = csv.writer(fout, delimiter=";", lineterminator="\n")
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        nir, last, first = col["nir"], col["last_name"], col["first_name"]
        birth, phone = col["birth_date"], col["phone"]
        kept = [i for i in range(len(header)) if i not in (nir, last, first, birth, phone)]
        writer.writerow(["nir_token", "birth_date"] + [header[i] for i in kept] + ["_sealed"])
        rows = 0
        for row in reader:
            digest = hmac.new(token_key, row[nir].encode("ascii"), hashlib.sha256).digest()
            token = b64(digest[:16]).rstrip(b"=")
            nonce = os.urandom(12)
            names = (row[last] + "\0" + row[first]).encode("utf-8")
            sealed = b64(nonce + aead.encrypt(nonce, names, token)).rstrip(b"=")
            writer.writerow(
                [token.decode("ascii"), row[birth][:7]]
                + [row[i] for i in kept]
                + [sealed.decode("ascii")]
            )
            rows += 1
    print(f"protect_peer.py: {rows:,} rows protected", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: protect_peer.py IN OUT")
    main(sys.argv[1], sys.argv[2])
