#!/usr/bin/env python3
"""Independent reference implementation of nirguard keyed tokens (format nt1), in Python.

Regenerates keyed-tokens.csv; KeyedTokenizerVectorsTest checks the Java implementation against it.
Any other implementation can match these vectors. The canonical input (all lengths one byte):

  token:  "nirguard-token" | 0x01 | len(purpose) | purpose | 13 | body (13 ASCII, 2A/2B uppercase)
          | n_attributes | (len | attribute)*            attributes: ISO birth date, sex digit
  rekey:  "nirguard-rekey" | 0x01 | len(purpose) | purpose | len(old) | old token (ASCII)

  token = "nt1." + 8 hex digits of the key id + "." + base32(HMAC-SHA-256(key, input)[:16])
          (RFC 4648 alphabet, lowercase, no padding)
"""
import base64, csv, hashlib, hmac, sys

def canonical(domain, purpose, tail):
    p = purpose.encode()
    return domain + bytes([1, len(p)]) + p + tail

def mac(key, key_id, msg):
    d = hmac.new(key, msg, hashlib.sha256).digest()[:16]
    return "nt1.%08x.%s" % (key_id, base64.b32encode(d).decode().rstrip("=").lower())

def token(key, key_id, purpose, body, attrs=()):
    tail = bytes([13]) + body.encode() + bytes([len(attrs)])
    for a in attrs:
        tail += bytes([len(a)]) + a.encode()
    return mac(key, key_id, canonical(b"nirguard-token", purpose, tail))

def rekey(key, key_id, purpose, old):
    return mac(key, key_id, canonical(b"nirguard-rekey", purpose, bytes([len(old)]) + old.encode()))

KEYS = [(bytes(range(32)), 0x01020304), (hashlib.sha256(b"nirguard test key 2").digest(), 0xCAFEBABE)]
PURPOSES = ["research-42", "lab-export"]
BODIES = ["2550814168025", "2951099126111", "253072B073004", "253072A073004", "2010197305123",
          "1413301090022", "1402001090022", "1691099352470", "255082A168025"]

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["kind", "key_hex", "key_id_hex", "purpose", "input", "birth_date", "sex", "token"])
for key, kid in KEYS:
    for purpose in PURPOSES:
        for body in BODIES:
            w.writerow(["nir", key.hex(), "%08x" % kid, purpose, body, "", "", token(key, kid, purpose, body)])
        body = BODIES[0]
        w.writerow(["triplet", key.hex(), "%08x" % kid, purpose, body, "1955-08-03", "2",
                    token(key, kid, purpose, body, ("1955-08-03", "2"))])
# re-keying by chaining: key 2 applied to key 1's tokens
k1, id1 = KEYS[0]
k2, id2 = KEYS[1]
for body in BODIES[:4]:
    old = token(k1, id1, "research-42", body)
    w.writerow(["rekey", k2.hex(), "%08x" % id2, "research-43", old, "", "", rekey(k2, id2, "research-43", old)])
