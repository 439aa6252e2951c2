"""Reads nir-crypto's committed TEST-ONLY key ring (format 2: Tink keysets encrypted by a cleartext
Tink KEK, the whole sealed) without Tink, refuses it altered, and reproduces the deterministic
vectors Java computed through it."""
import csv
import os
import unittest

from nirguard_ref import nir as nirs
from nirguard_ref import tink
from nirguard_ref.fpe import NirFpe
from nirguard_ref.tokens import KeyedTokenizer, PrpTokenizer, RevealError, SivTokenizer, derive

DIR = os.path.join(os.path.dirname(__file__), "..", "..", "..",
                   "nir-crypto", "src", "test", "resources", "vectors")
PURPOSE = "kat-vectors"


def read(name):
    with open(os.path.join(DIR, name), "rb") as f:
        return f.read()


def kek():
    return tink.Keyset.from_json(read("TEST-ONLY-never-production-kek.json").decode())


RING = read("TEST-ONLY-never-production.ring")


class KeyRingFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ring = tink.read_ring(RING, kek())

    def test_every_kind_is_there(self):
        kinds = {k for (p, k) in self.ring if p == PURPOSE}
        self.assertEqual({"token", "prp-token", "siv-token", "fpe", "record", "file", "fingerprint",
                          "date-shift", "recipient"}, kinds)
        self.assertEqual(4, self.ring.version)
        self.assertEqual(1, len(self.ring.created[(PURPOSE, "fingerprint")]))

    def test_format_1_is_refused(self):
        with self.assertRaises(tink.MalformedRing) as e:
            tink.read_ring(read("TEST-ONLY-never-production-v1.ring"), kek())
        self.assertIn("upgrade", str(e.exception))

    def lines(self):
        return RING.decode().splitlines()

    def test_comments_and_blank_lines_are_outside_the_seal(self):
        lines = self.lines()
        lines.insert(3, "   # a comment added later")
        lines.insert(5, "")
        again = tink.read_ring(("\r\n".join(lines) + "\r\n").encode(), kek())
        self.assertEqual(sorted(self.ring), sorted(again))

    def test_any_change_under_the_seal_is_refused(self):
        lines = self.lines()
        first = next(i for i, l in enumerate(lines) if l.startswith("keyset "))
        version = next(i for i, l in enumerate(lines) if l.startswith("version "))
        unknown = next(i for i, l in enumerate(lines) if l.startswith("keyset ") and " - " in l)
        changes = {
            "version": lambda ls: ls.__setitem__(version, "version 5"),
            "deleted line": lambda ls: ls.pop(first),
            "reordered": lambda ls: ls.insert(first + 1, ls.pop(first)),
            "creation time": lambda ls: ls.__setitem__(
                unknown, ls[unknown].replace(" - ", " 00000001:0 ", 1)),
        }
        for name, change in changes.items():
            ls = list(lines)
            change(ls)
            with self.assertRaises(RevealError, msg=name):
                tink.read_ring(("\n".join(ls) + "\n").encode(), kek())

    def test_no_seal_or_a_malformed_line_is_refused(self):
        lines = self.lines()
        for name, ls in {
            "truncated": lines[:-1],
            "extra field": lines[:-2] + [lines[-2] + " x", lines[-1]],
            "unknown kind": [l.replace(" fpe ", " FPE ") for l in lines],
            "bad version": [l.replace("version 4", "version -4") for l in lines],
            "leading zero": [l.replace("version 4", "version 04") for l in lines],
        }.items():
            with self.assertRaises(tink.MalformedRing, msg=name):
                tink.read_ring(("\n".join(ls) + "\n").encode(), kek())

    def test_a_rollback_is_refused_against_a_remembered_version(self):
        self.assertEqual(4, tink.read_ring(RING, kek(), min_version=4).version)
        with self.assertRaises(RevealError):
            tink.read_ring(RING, kek(), min_version=5)

    def test_a_wrong_kek_or_slot_fails(self):
        other = kek()
        for k in other.keys.values():
            k.material = bytes(32)
        with self.assertRaises(RevealError):
            tink.read_ring(RING, other)
        text = RING.replace(b"kat-vectors fpe", b"kat-vectors-moved fpe")
        with self.assertRaises(RevealError):
            tink.read_ring(text, kek())

    def keys(self, kind):
        ks = self.ring[(PURPOSE, kind)]
        return ks, ks.materials()

    def test_the_deterministic_vectors(self):
        with open(os.path.join(DIR, "keyring-vectors.csv"), encoding="utf-8") as f:
            lines = [l for l in f if not l.startswith("#")]
        checked = 0
        for v in csv.DictReader(lines):
            kind, variant, body, out = v["kind"], v["variant"], v["input"], v["output"]
            if kind == "key-id":
                self.assertEqual(out, "%08x" % self.ring[(PURPOSE, variant)].primary_id)
                continue
            if kind not in ("keyed", "prp", "siv", "fpe"):
                continue
            nir = nirs.parse_body(body)
            if kind == "keyed":
                ks, m = self.keys("token")
                got = KeyedTokenizer(derive(m[ks.primary_id], "token", PURPOSE), ks.primary_id,
                                     PURPOSE).tokenize(nir)
            elif kind == "prp":
                ks, m = self.keys("prp-token")
                keys = {i: derive(k, "prp-token", PURPOSE) for i, k in m.items()}
                got = PrpTokenizer(keys, ks.primary_id, PURPOSE).tokenize(nir)
            elif kind == "siv":
                ks, m = self.keys("siv-token")
                got = SivTokenizer(m, ks.primary_id, PURPOSE).tokenize(nir)
            else:
                ks, m = self.keys("fpe")
                mode, _, tweak = variant.partition(":")
                fpe = NirFpe(derive(m[ks.primary_id], "fpe", PURPOSE), PURPOSE, mode)
                got = fpe.encrypt(nir, bytes.fromhex(tweak) if ":" in variant else None)
            self.assertEqual(out, got, "%s %s" % (kind, variant))
            checked += 1
        self.assertGreaterEqual(checked, 60)


if __name__ == "__main__":
    unittest.main()
