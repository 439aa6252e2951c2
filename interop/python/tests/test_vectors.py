"""Every vector of docs/spec/vectors, recomputed from the raw test keys (python3 -m unittest)."""
import base64
import datetime
import gzip
import json
import os
import unittest

from nirguard_ref import nir as nirs
from nirguard_ref import tink
from nirguard_ref.dates import DateShifter
from nirguard_ref.fpe import NirFpe, domain_of
from nirguard_ref.tokens import KeyedTokenizer, PrpTokenizer, RevealError, SivTokenizer, derive
from nirguard_ref.tokens import is_fictitious
from nirguard_ref.redaction import RefusedText, SpanTokenizer, index_of_prefix

VECTORS = os.environ.get("NIRGUARD_SPEC_VECTORS") or os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "docs", "spec", "vectors")


def rows(name):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(os.path.join(VECTORS, name), "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def keys():
    """{(purpose, kind): {key id: material}}, and the primary ids before and after rotation."""
    out, primary = {}, {}
    for k in rows("keys.jsonl"):
        slot = (k["purpose"], k["kind"])
        out.setdefault(slot, {})[int(k["key_id"], 16)] = bytes.fromhex(k["material"])
        if k["primary_after_rotation"]:
            primary[slot] = int(k["key_id"], 16)
        if k["derived"] is not None:
            assert derive(bytes.fromhex(k["material"]), k["kind"], k["purpose"]).hex() == k["derived"]
    return out, primary


KEYS, PRIMARY = keys()


def derived(purpose, kind):
    return {i: derive(m, kind, purpose) for i, m in KEYS[(purpose, kind)].items()}


class Vectors(unittest.TestCase):
    def test_validation(self):
        vs = rows("nir-validation.jsonl.gz")
        self.assertGreaterEqual(len(vs), 5000)
        for n, v in enumerate(vs, 1):
            got = nirs.validate(v["input"], v["profile"])
            want = {k: v[k] for k in ("valid", "nir", "flags", "reason", "position")}
            self.assertEqual(want, got, "line %d" % n)

    def test_keyed_tokens(self):
        vs = rows("keyed-tokens.jsonl.gz")
        self.assertGreaterEqual(len(vs), 5000)
        for n, v in enumerate(vs, 1):
            key_id = int(v["key_id"], 16)
            t = KeyedTokenizer(derived(v["purpose"], "token")[key_id], key_id, v["purpose"])
            if v["kind"] == "rekey":
                got = t.rekey(v["input"])
            elif v["kind"] == "triplet":
                got = t.tokenize(nirs.parse(v["input"], nirs.CHECKSUM), v["birth_date"], v["sex"])
            else:
                got = t.tokenize(nirs.parse(v["input"], nirs.CHECKSUM))
            self.assertEqual(v["token"], got, "line %d" % n)

    def test_beneficiary_pseudonyms(self):
        vs = rows("beneficiary-pseudonyms.jsonl.gz")
        self.assertGreaterEqual(len(vs), 5000)
        seen = set()
        for n, v in enumerate(vs, 1):
            self.assertEqual(v["fictitious"], is_fictitious(v["nir"]), "line %d" % n)
            if v["fictitious"]:
                seen.add("fictitious")
                continue
            pid, rid = int(v["producer_key_id"], 16), int(v["recipient_key_id"], 16)
            producer = KeyedTokenizer(
                derived(v["producer_purpose"], "token")[pid], pid, v["producer_purpose"])
            recipient = KeyedTokenizer(
                derived(v["recipient_purpose"], "token")[rid], rid, v["recipient_purpose"])
            nir = nirs.parse(v["nir"], nirs.STRICT)
            if v["kind"] == "person":
                got = producer.tokenize(nir)
            else:
                got = producer.tokenize(nir, v["birth_date"], v["sex"], int(v["twin_rank"]))
                seen.add("rank" if v["twin_rank"] != "0" else "no rank")
            self.assertEqual(v["pseudonym"], got, "line %d" % n)
            self.assertEqual(v["recipient_pseudonym"], recipient.rekey(got), "line %d" % n)
            seen.add(v["kind"])
        self.assertEqual({"beneficiary", "person", "rank", "no rank", "fictitious"}, seen)

    def reversible(self, name, make):
        vs = rows(name)
        self.assertGreaterEqual(len(vs), 5000)
        refused = 0
        for n, v in enumerate(vs, 1):
            t = make(v["purpose"])
            if v["nir"] is None:
                with self.assertRaises(RevealError, msg="line %d" % n):
                    t.reveal(v["token"])
                refused += 1
                continue
            nir = nirs.parse(v["nir"], nirs.CHECKSUM)
            self.assertEqual(v["token"], t.tokenize(nir, int(v["key_id"], 16)), "line %d" % n)
            self.assertEqual(nir, t.reveal(v["token"]), "line %d" % n)
        self.assertGreater(refused, 0)

    def test_prp_tokens(self):
        self.reversible("prp-tokens.jsonl.gz", lambda p: PrpTokenizer(
            derived(p, "prp-token"), PRIMARY[(p, "prp-token")], p))

    def test_siv_tokens(self):
        self.reversible("siv-tokens.jsonl.gz", lambda p: SivTokenizer(
            KEYS[(p, "siv-token")], PRIMARY[(p, "siv-token")], p))

    def test_span_tokens(self):
        vs = rows("span-tokens.jsonl.gz")
        self.assertGreaterEqual(len(vs), 5000)
        seen = set()
        for n, v in enumerate(vs, 1):
            p = v["purpose"]
            key_id = int(v["key_id"], 16)
            t = SpanTokenizer(KEYS[(p, "siv-token")], PRIMARY[(p, "siv-token")], p)
            if v["kind"] == "text":
                back = t.reveal_text(v["redacted"])
                self.assertEqual(v["text"], back, "line %d" % n)
                # re-tokenizing each revealed span under the row's key gives the same text
                again, i, r = [], 0, v["redacted"]
                while index_of_prefix(r, i) >= 0:
                    at = index_of_prefix(r, i)
                    end = r.index("]", at) + 1
                    again.append(r[i:at] + t.tokenize(t.reveal(r[at:end]), key_id))
                    i = end
                self.assertEqual(r, "".join(again) + r[i:], "line %d" % n)
                # the sealed document: its seal recomputed, revealed; the tampered one refused
                self.assertEqual(v["sealed"], t.seal(r, key_id), "line %d" % n)
                self.assertEqual(v["text"], t.reveal_document(v["sealed"]), "line %d" % n)
                with self.assertRaises(RefusedText, msg="line %d" % n) as refused:
                    t.reveal_document(v["tampered"])
                self.assertEqual((v["reason"], v["position"]),
                                 (refused.exception.reason, refused.exception.position), "line %d" % n)
                seen.add("text")
                seen.add(v["reason"])
                continue
            if v["span"] is None:
                with self.assertRaises(Exception, msg="line %d" % n):
                    t.reveal(v["token"])
                with self.assertRaises(RefusedText, msg="line %d" % n):
                    t.reveal_text("x " + v["token"] + " y")
                seen.add("refused")
                continue
            self.assertEqual(v["token"], t.tokenize(v["span"], key_id), "line %d" % n)
            self.assertEqual(v["span"], t.reveal(v["token"]), "line %d" % n)
            seen.add(v["spelling"])
        self.assertTrue({"text", "refused", "KEY_LINE_BREAK", "SPACED_NBSP", "BODY_WITH_CONTEXT",
                         "SEAL_REFUSED", "SEAL_MISSING"} <= seen)

    def test_nir_fpe(self):
        vs = rows("nir-fpe.jsonl.gz")
        self.assertGreaterEqual(len(vs), 5000)
        fpes = {}
        for n, v in enumerate(vs, 1):
            slot = (v["purpose"], v["mode"], v["key_id"])
            if slot not in fpes:
                key = derived(v["purpose"], "fpe")[int(v["key_id"], 16)]
                fpes[slot] = NirFpe(key, v["purpose"], v["mode"])
            fpe = fpes[slot]
            tweak = None if v["tweak"] is None else bytes.fromhex(v["tweak"])
            if v["nir"] is None:
                with self.assertRaises(RevealError, msg="line %d" % n):
                    fpe.decrypt(v["ciphertext"], tweak)
                continue
            nir = nirs.parse(v["nir"], nirs.CHECKSUM)
            d = domain_of(nir)
            self.assertEqual((v["domain"], v["rank"]), (d.name, d.rank(nir)), "line %d" % n)
            self.assertEqual(v["ciphertext"], fpe.encrypt(nir, tweak), "line %d" % n)
            self.assertEqual(nir, fpe.decrypt(v["ciphertext"], tweak), "line %d" % n)

    def test_date_shifts(self):
        vs = rows("date-shifts.jsonl.gz")
        self.assertGreaterEqual(len(vs), 5000)
        shifters, seen = {}, set()
        for n, v in enumerate(vs, 1):
            slot = (v["purpose"], v["key_id"], v["window"])
            if slot not in shifters:
                key = derived(v["purpose"], "date-shift")[int(v["key_id"], 16)]
                shifters[slot] = DateShifter(key, v["purpose"], v["window"])
            s = shifters[slot]
            date = datetime.date.fromisoformat(v["date"])
            if v["person_kind"] == "nir":
                person, kind = nirs.parse(v["person"], nirs.CHECKSUM).body, "N"
            else:
                person, kind = v["person"], "P"
            if v["offset"] is None:
                with self.assertRaises(ValueError, msg="line %d" % n):
                    s.shift(person, date, kind)
                seen.add("refused")
                continue
            shifted = datetime.date.fromisoformat(v["shifted"])
            self.assertEqual(v["offset"], s.offset(person, kind), "line %d" % n)
            self.assertEqual(shifted, s.shift(person, date, kind), "line %d" % n)
            self.assertEqual(date, s.unshift(person, shifted, kind), "line %d" % n)
            seen.add(kind)
        self.assertEqual({"N", "P", "refused"}, seen)

    def test_key_ring_files(self):
        outcomes = set()
        for v in rows("key-rings.jsonl.gz"):
            kek = tink.Keyset.from_json(v["kek"])
            content = v["ring"].encode("utf-8")
            if v["error"] is not None:
                expected = tink.MalformedRing if v["error"] in ("malformed", "format-1") else RevealError
                with self.assertRaises(expected, msg=v["case"]):
                    tink.read_ring(content, kek, v["min_version"])
                outcomes.add(v["error"])
                continue
            ring = tink.read_ring(content, kek, v["min_version"])
            described = []
            for slot in sorted(ring, key=lambda s: s[0] + " " + s[1]):
                ks, created = ring[slot], ring.created[slot]
                for i, k in ks.keys.items():
                    described.append("%s %s %08x %s %s %s" % (
                        slot[0], slot[1], i, k.status, "primary" if i == ks.primary_id else "-",
                        created.get(i, "-")))
                for i, m in ks.materials().items():  # enabled keys only: the spec's test keys
                    self.assertEqual(KEYS[slot][i], m, v["case"])
                for i, k in ks.keys.items():
                    self.assertEqual(k.status == "DESTROYED", k.material is None, v["case"])
                    self.assertEqual(k.status == "ENABLED", i in ks.materials(), v["case"])
                    outcomes.add(k.status)
            self.assertEqual((v["version"], v["keys"]), (ring.version, described), v["case"])
            outcomes.add("read")
        self.assertEqual({"read", "seal", "rollback", "malformed", "format-1", "ENABLED", "DISABLED",
                          "DESTROYED"}, outcomes)

    def keyset(self, purpose, kind, wrap):
        ks = tink.Keyset(b"")
        for i, m in KEYS[(purpose, kind)].items():
            ks.keys[i] = tink.Key(i, wrap, m, True, kind != "file")
        return ks

    def test_record_cells(self):
        vs = rows("record-cells.jsonl.gz")
        self.assertGreaterEqual(len(vs), 1000)
        for n, v in enumerate(vs, 1):
            ks = self.keyset(v["purpose"], "record", "AesGcmKey")
            got = tink.open_record(ks, v["purpose"], v["schema"], v["pseudonym"], v["names"], v["cell"])
            self.assertEqual(v["values"], got, "line %d" % n)
            with self.assertRaises(RevealError):
                tink.open_record(ks, v["purpose"], v["schema"] + 1, v["pseudonym"], v["names"], v["cell"])

    def test_file_envelopes(self):
        vs = rows("file-envelopes.jsonl.gz")
        self.assertGreaterEqual(len(vs), 50)
        for n, v in enumerate(vs, 1):
            ks = self.keyset(v["purpose"], "file", "AesGcmHkdfStreamingKey")
            data = base64.b64decode(v["envelope"])
            key_id, content_type, plain = tink.open_envelope(ks, v["purpose"], data)
            self.assertEqual((int(v["key_id"], 16), v["content_type"], base64.b64decode(v["plaintext"])),
                             (key_id, content_type, plain), "line %d" % n)
            bad = bytearray(data)
            bad[len(bad) // 2] ^= 1
            with self.assertRaises(RevealError):
                tink.open_envelope(ks, v["purpose"], bytes(bad))


if __name__ == "__main__":
    unittest.main()
