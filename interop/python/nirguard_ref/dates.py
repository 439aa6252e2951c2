"""Keyed per-person date shifting (spec section 12): one secret offset per key, purpose, window and
person, uniform in [-window, -1] U [1, window] days, so a person's intervals are kept."""
import datetime
import hashlib
import hmac

DOMAIN = b"nirguard-date-shift"
VERSION = 1
MAX_WINDOW = 3650


class DateShifter:
    """key: the derived date-shift key (tokens.derive(prf key, "date-shift", purpose))."""

    def __init__(self, key, purpose, window):
        if not 1 <= window <= MAX_WINDOW:
            raise ValueError("the window must be 1 to %d days" % MAX_WINDOW)
        p = purpose.encode("utf-8")
        self._mac = hmac.new(key, DOMAIN + bytes([VERSION, len(p)]) + p
                             + window.to_bytes(2, "big"), hashlib.sha256)
        self.window = window

    def offset(self, person, kind="P"):
        """The offset in days of a person: kind "N" with a NIR's 13-character body, "P" with any
        other identifier (1-255 UTF-8 bytes)."""
        data = person.encode("utf-8")
        if kind not in ("N", "P") or not 1 <= len(data) <= 255:
            raise ValueError("a person identifier of 1 to 255 bytes")
        size = 2 * self.window
        accept = (1 << 64) - (1 << 64) % size  # the largest multiple of size: no bias
        for counter in range(256):
            m = self._mac.copy()
            m.update(kind.encode("ascii") + bytes([len(data)]) + data + bytes([counter]))
            h = m.digest()
            for i in range(0, 32, 8):
                v = int.from_bytes(h[i : i + 8], "big")
                if v < accept:
                    r = v % size
                    return r - self.window if r < self.window else r - self.window + 1
        raise AssertionError("2048 rejections in a row")  # probability below 2^-2000

    def offset_nir(self, nir):
        return self.offset(nir.body, "N")

    def shift(self, person, date, kind="P"):
        return date + datetime.timedelta(days=self.offset(person, kind))

    def unshift(self, person, shifted, kind="P"):
        return shifted - datetime.timedelta(days=self.offset(person, kind))
