"""NIRs: reading pasted text under a profile (spec section 2), reasons, positions, flags."""

STRICT, LENIENT, CHECKSUM = "strict", "lenient", "checksum"
# the departures from the strict rules, in their reporting order
LENIENCIES = ("SEX_3_4", "SEX_7_8", "MONTH_43_49", "ZERO_ORDER", "ZERO_COMMUNE")
SEPARATORS = frozenset(" \t\u00a0\u202f.-_")
OVERSEAS = (971, 972, 973, 974, 975, 976, 977, 978, 984, 985, 986, 987, 988)


class Invalid(Exception):
    """Not a NIR: a reason code and a position (UTF-16 code units, as in the vectors)."""

    def __init__(self, reason, position):
        super().__init__(reason)
        self.reason = reason
        self.position = position


class Nir:
    """A NIR: the numeric body (2A read as 19, 2B as 18 at indexes 5-6) and the Corsica letter."""

    __slots__ = ("numeric", "letter")

    def __init__(self, numeric, letter=""):
        self.numeric = numeric
        self.letter = letter

    @property
    def key(self):
        return 97 - self.numeric % 97

    @property
    def body(self):
        b = "%013d" % self.numeric
        return b[:5] + "2" + self.letter + b[7:] if self.letter else b

    @property
    def compact(self):
        return self.body + "%02d" % self.key

    def __eq__(self, other):
        return isinstance(other, Nir) and (self.numeric, self.letter) == (other.numeric, other.letter)

    def __hash__(self):
        return hash((self.numeric, self.letter))

    def __repr__(self):
        return "Nir[%s...]" % self.body[:5]


def _allowed(profile):
    return set(LENIENCIES) if profile == LENIENT else set()


def _structure(value, letter, allowed):
    """Returns the leniency flags used, or raises (reason, index of the significant character)."""
    flags = []
    sex = value // 10**12
    if sex in (3, 4):
        flags.append("SEX_3_4")
    elif sex in (7, 8):
        flags.append("SEX_7_8")
    elif sex not in (1, 2):
        raise _Fail("INVALID_SEX", 0)
    if any(f not in allowed for f in flags):
        raise _Fail("INVALID_SEX", 0)
    month = value // 10**8 % 100
    if month == 0 or 13 <= month <= 19 or 43 <= month <= 49:
        if not (43 <= month <= 49) or "MONTH_43_49" not in allowed:
            raise _Fail("INVALID_MONTH", 3)
        flags.append("MONTH_43_49")
    place = value // 1000 % 100000
    dept = place // 1000
    commune_error, commune_index = "INVALID_COMMUNE", 7
    if letter:
        zero = place % 1000 == 0
    elif dept == 0:
        raise _Fail("INVALID_DEPARTMENT", 5)
    elif dept in (97, 98):
        if place // 100 not in OVERSEAS:
            raise _Fail("INVALID_DEPARTMENT", 5)
        zero, commune_index = place % 100 == 0, 8
    else:
        zero = place % 1000 == 0
        if dept == 99:
            commune_error = "INVALID_COUNTRY"
    if zero:
        if "ZERO_COMMUNE" not in allowed:
            raise _Fail(commune_error, commune_index)
        flags.append("ZERO_COMMUNE")
    if value % 1000 == 0:
        if "ZERO_ORDER" not in allowed:
            raise _Fail("INVALID_ORDER", 10)
        flags.append("ZERO_ORDER")
    return [f for f in LENIENCIES if f in flags]


class _Fail(Exception):
    def __init__(self, reason, index):
        super().__init__(reason)
        self.reason, self.index = reason, index


def _utf16_positions(text):
    if text.isascii():
        return range(len(text)), len(text)
    pos, out = 0, []
    for ch in text:
        out.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    return out, pos


def _significant_position(text, index):
    positions, length = _utf16_positions(text)
    count = 0
    for ch, p in zip(text, positions):
        if ch not in SEPARATORS and ch != "/":
            if count == index:
                return p
            count += 1
    return length


def scan(text, profile=STRICT, body_only=False):
    """Reads a NIR (or a 13-character body, whose key is then computed): returns (Nir, flags)."""
    expected = 13 if body_only else 15
    count = value = key = 0
    letter = ""
    slash = False
    positions, length = _utf16_positions(text)
    for ch, p in zip(text, positions):
        if "0" <= ch <= "9":
            if count == expected:
                raise Invalid("TOO_LONG", p)
            if count < 13:
                value = value * 10 + int(ch)
            else:
                key = key * 10 + int(ch)
            count += 1
        elif ch in SEPARATORS:
            continue
        elif ch == "/":
            if body_only or slash or count != 13:
                raise Invalid("INVALID_CHARACTER", p)
            slash = True
        elif ch in "aAbB":
            if count != 6 or value % 10 != 2:
                raise Invalid("INVALID_CHARACTER", p)
            value = (value - 1) * 10 + (9 if ch in "aA" else 8)
            letter = ch.upper()
            count += 1
        else:
            raise Invalid("INVALID_CHARACTER", p)
    if count == 0:
        raise Invalid("EMPTY", 0)
    allowed = _allowed(profile)
    if count < expected:
        if count == 13 and not letter:
            d0, d1 = divmod(value // 10**11, 10)
            if d0 in (7, 8) and d1 <= 2:
                raise Invalid("NNP_NOT_NIR", 0)
            if d0 in (5, 6) and d1 in (1, 2):
                raise Invalid("MIG_NOT_NIR", 0)
        if count == 13:
            try:
                if profile != CHECKSUM:
                    _structure(value, letter, allowed)
                raise Invalid("MISSING_KEY", length)
            except _Fail:
                pass
        raise Invalid("TOO_SHORT", length)
    flags = []
    if profile != CHECKSUM:
        try:
            flags = _structure(value, letter, allowed)
        except _Fail as f:
            raise Invalid(f.reason, _significant_position(text, f.index)) from None
    nir = Nir(value, letter)
    if not body_only:
        if key < 1 or key > 97:
            raise Invalid("INVALID_KEY", _significant_position(text, 13))
        if key != nir.key:
            raise Invalid("KEY_MISMATCH", _significant_position(text, 13))
    return nir, flags


def parse(text, profile=STRICT):
    return scan(text, profile)[0]


def parse_body(text, profile=CHECKSUM):
    return scan(text, profile, body_only=True)[0]


def validate(text, profile=STRICT):
    """Returns a dict like the validation vectors: valid, nir, flags, reason, position."""
    try:
        nir, flags = scan(text, profile)
        return {"valid": True, "nir": nir.compact, "flags": flags, "reason": None, "position": None}
    except Invalid as e:
        return {"valid": False, "nir": None, "flags": [], "reason": e.reason, "position": e.position}
