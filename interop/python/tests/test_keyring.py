"""Reads nir-crypto's committed TEST-ONLY key ring (Tink keysets encrypted by a cleartext Tink KEK)
without Tink, and reproduces the deterministic vectors Java computed through it."""
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


class KeyRingFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        kek = tink.Keyset.from_json(read("TEST-ONLY-never-production-kek.json").decode())
        cls.ring = tink.read_ring(read("TEST-ONLY-never-production.ring"), kek)

    def test_every_kind_is_there(self):
        kinds = {k for (p, k) in self.ring if p == PURPOSE}
        self.assertEqual({"token", "prp-token", "siv-token", "fpe", "record", "file"}, kinds)

    def test_a_wrong_kek_or_slot_fails(self):
        other = tink.Keyset.from_json(read("TEST-ONLY-never-production-kek.json").decode())
        for k in other.keys.values():
            k.material = bytes(32)
        with self.assertRaises(RevealError):
            tink.read_ring(read("TEST-ONLY-never-production.ring"), other)
        text = read("TEST-ONLY-never-production.ring").replace(b"kat-vectors fpe", b"kat-vectors token")
        kek = tink.Keyset.from_json(read("TEST-ONLY-never-production-kek.json").decode())
        with self.assertRaises((RevealError, ValueError)):
            tink.read_ring(text, kek)

    def keys(self, kind):
        ks = self.ring[(PURPOSE, kind)]
        return ks, {i: k.material for i, k in ks.keys.items()}

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
