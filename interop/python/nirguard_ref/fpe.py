"""NIR format-preserving encryption (spec section 7): a ranking of NIR bodies, FF1, cycle-walking."""
import re

from . import nir as nirs
from .ff1 import Ff1
from .tokens import RevealError

DEPTS = [d for d in range(1, 97) if d != 20]
CORSICA_BASE = 95 * 999
OVERSEAS_BASE = CORSICA_BASE + 3 * 999
ABROAD_BASE = OVERSEAS_BASE + 13 * 99
PLACES = ABROAD_BASE + 999  # 100,188


class Domain:
    def __init__(self, name, months, radix, digits):
        self.name, self.months, self.radix, self.digits = name, months, radix, digits
        self.index = {m: i for i, m in enumerate(months)}
        self.size = 2 * 100 * len(months) * PLACES * 999

    def rank(self, nir):
        """The rank of a NIR in [0, size), or None if it is not in the domain."""
        v = nir.numeric
        sex, year, month = v // 10**12, v // 10**10 % 100, v // 10**8 % 100
        place, order = v // 1000 % 100000, v % 1000
        if sex not in (1, 2) or month not in self.index or order == 0:
            return None
        p = _place_index(place, nir.letter)
        if p is None:
            return None
        return ((((sex - 1) * 100 + year) * len(self.months) + self.index[month]) * PLACES + p) * 999 + order - 1

    def unrank(self, rank):
        rank, order = divmod(rank, 999)
        rank, p = divmod(rank, PLACES)
        rank, m = divmod(rank, len(self.months))
        sex, year = divmod(rank, 100)
        head = "%d%02d%02d" % (sex + 1, year, self.months[m])
        if p < CORSICA_BASE:
            place = "%02d%03d" % (DEPTS[p // 999], p % 999 + 1)
        elif p < OVERSEAS_BASE:
            q = p - CORSICA_BASE
            place = "2" + "AB0"[q // 999] + "%03d" % (q % 999 + 1)
        elif p < ABROAD_BASE:
            q = p - OVERSEAS_BASE
            place = "%03d%02d" % (nirs.OVERSEAS[q // 99], q % 99 + 1)
        else:
            place = "99%03d" % (p - ABROAD_BASE + 1)
        return nirs.parse_body(head + place + "%03d" % (order + 1))


def _place_index(place, letter):
    commune3 = place % 1000
    if letter:
        return None if commune3 == 0 else CORSICA_BASE + (0 if letter == "A" else 999) + commune3 - 1
    dept = place // 1000
    if dept == 20:
        return None if commune3 == 0 else CORSICA_BASE + 2 * 999 + commune3 - 1
    if 1 <= dept <= 96:
        return None if commune3 == 0 else DEPTS.index(dept) * 999 + commune3 - 1
    if dept in (97, 98):
        d3, commune2 = place // 100, place % 100
        if d3 not in nirs.OVERSEAS or commune2 == 0:
            return None
        return OVERSEAS_BASE + nirs.OVERSEAS.index(d3) * 99 + commune2 - 1
    if dept == 99:
        return None if commune3 == 0 else ABROAD_BASE + commune3 - 1
    return None


STRICT = Domain("strict", [m for m in range(1, 100) if m <= 12 or 20 <= m <= 42 or m >= 50], 13, 11)
NEVER_REAL = Domain("never-real", list(range(13, 20)), 5, 16)


def domain_of(nir):
    """The only domain a NIR can be in, by its month (whether it is: rank is not None)."""
    return NEVER_REAL if 13 <= nir.numeric // 10**8 % 100 <= 19 else STRICT


def marked(key):
    return key % 97 + 1


_SEPARATORS = re.compile("[ \t\n\x0b\f\r._\\-/\u00a0\u202f]")


class NirFpe:
    def __init__(self, key, purpose, mode="marked"):
        """key: the derived 32-byte FF1 key; mode: marked or format-valid."""
        if mode not in ("marked", "format-valid"):
            raise ValueError("mode")
        self.key, self.mode = key, mode
        self.base_tweak = ("nirguard-fpe/1/%s/%s" % (mode.replace("-", "_"), purpose)).encode()
        self._ff1 = {}

    def _cipher(self, d, record_tweak):
        tweak = self.base_tweak if record_tweak is None else self.base_tweak + b"\x00" + record_tweak
        if record_tweak is not None and len(record_tweak) > 128:
            raise ValueError("record tweak longer than 128 bytes")
        c = self._ff1.get((d.name, tweak))
        if c is None:
            c = self._ff1[(d.name, tweak)] = Ff1(self.key, d.radix, d.digits, tweak)
        return c

    def encrypt(self, nir, record_tweak=None):
        d = domain_of(nir)
        x = d.rank(nir)
        if x is None:
            raise ValueError("FPE takes strictly valid or never-real NIRs only")
        f = self._cipher(d, record_tweak)
        x = f.encrypt(x)
        while x >= d.size:
            x = f.encrypt(x)
        out = d.unrank(x)
        key = marked(out.key) if self.mode == "marked" else out.key
        return out.body + "%02d" % key

    def decrypt(self, text, record_tweak=None):
        try:
            if self.mode == "format-valid":
                shown = nirs.parse(text, nirs.CHECKSUM)
            else:
                s = _SEPARATORS.sub("", text)
                if len(s) != 15 or not s[13:].isascii() or not s[13:].isdigit():
                    raise RevealError()
                shown = nirs.parse_body(s[:13])
                if int(s[13:]) != marked(shown.key):
                    raise RevealError()
        except nirs.Invalid:
            raise RevealError() from None
        d = domain_of(shown)
        y = d.rank(shown)
        if y is None:
            raise RevealError()
        f = self._cipher(d, record_tweak)
        y = f.decrypt(y)
        while y >= d.size:
            y = f.decrypt(y)
        return d.unrank(y)
