"""Key derivation and the token schemes nt1 (keyed), np1 (PRP) and ns1 (AES-SIV): spec sections 4-7."""
import base64
import hashlib
import hmac

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from . import nir as nirs


class RevealError(Exception):
    """A token, ciphertext or cell that does not verify (never says why)."""


# the label of each derived kind in its derivation; the guard's fingerprints keep the label they
# had before their kind existed
LABELS = {"token": "token", "prp-token": "prp-token", "fpe": "fpe", "date-shift": "date-shift",
          "fingerprint": "guard-siphash"}


def derive(prf_key, kind, purpose):
    """A derived kind's 32-byte key: Tink's HMAC-SHA-256 PRF over nirguard/v1/<label>/<purpose>."""
    label = LABELS[kind]
    return hmac.new(prf_key, ("nirguard/v1/%s/%s" % (label, purpose)).encode(), hashlib.sha256).digest()


def b32(data):
    return base64.b32encode(data).decode("ascii").rstrip("=").lower()


def unb32(text):
    if len(text) != 26:
        raise RevealError()
    try:
        data = base64.b32decode(text.upper() + "======")
    except ValueError:
        raise RevealError() from None
    if b32(data) != text.lower():  # non-zero trailing bits
        raise RevealError()
    return data


def b64url(data):
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64url(text):
    """Canonical unpadded base64url only: one value, one spelling."""
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        raise RevealError() from None
    if b64url(data) != text:
        raise RevealError()
    return data


def _short(b):
    if len(b) > 255:
        raise ValueError("field longer than 255 bytes")
    return bytes([len(b)]) + b


class KeyedTokenizer:
    """nt1: HMAC-SHA-256 over a canonical, length-prefixed input, truncated to 128 bits."""

    def __init__(self, key, key_id, purpose):
        self.key, self.key_id, self.purpose = key, key_id, purpose

    def _mac(self, domain, tail):
        msg = domain + b"\x01" + _short(self.purpose.encode()) + tail
        mac = hmac.new(self.key, msg, hashlib.sha256).digest()[:16]
        return "nt1.%08x.%s" % (self.key_id, b32(mac))

    def tokenize(self, nir, birth_date=None, sex=None, twin_rank=0):
        """The token of a NIR, or of the triplet NIR, ISO birth date and sex digit (1, 2 or 0),
        with a twin rank 1-9 as a third attribute when given (spec 5 and 5.1)."""
        attributes = [] if birth_date is None else [birth_date, sex]
        if twin_rank:
            if birth_date is None or not 1 <= int(twin_rank) <= 9:
                raise ValueError("a twin rank is 1 to 9 and goes with a birth date and sex")
            attributes.append(str(int(twin_rank)))
        tail = _short(nir.body.encode("ascii")) + bytes([len(attributes)])
        for a in attributes:
            tail += _short(a.encode("ascii"))
        return self._mac(b"nirguard-token", tail)

    def rekey(self, old_token):
        return self._mac(b"nirguard-rekey", _short(old_token.encode("ascii")))


class PrpTokenizer:
    """np1: one AES-256 block over 'N', 1, the body in 48 bits (with a Corsica code) and a tag."""

    def __init__(self, keys, primary_id, purpose):
        """keys: derived 32-byte AES keys by key id."""
        self.keys, self.primary_id = keys, primary_id
        self.tag = hashlib.sha256(("nirguard-prp-token/1/" + purpose).encode()).digest()[:8]

    def block(self, nir):
        payload = nir.numeric << 2 | {"": 0, "A": 1, "B": 2}[nir.letter]
        return b"N\x01" + payload.to_bytes(6, "big") + self.tag

    def tokenize(self, nir, key_id=None):
        key_id = self.primary_id if key_id is None else key_id
        enc = Cipher(algorithms.AES(self.keys[key_id]), modes.ECB()).encryptor()
        return "np1.%08x.%s" % (key_id, b32(enc.update(self.block(nir))))

    def tokenize_many(self, nirs_, key_id=None):
        """Many tokens with one AES call (ECB is block by block)."""
        key_id = self.primary_id if key_id is None else key_id
        enc = Cipher(algorithms.AES(self.keys[key_id]), modes.ECB()).encryptor()
        out = enc.update(b"".join(self.block(n) for n in nirs_))
        prefix = "np1.%08x." % key_id
        return [prefix + b32(out[i : i + 16]) for i in range(0, len(out), 16)]

    def reveal(self, token):
        t = token.lower()
        if len(t) != 39 or not t.startswith("np1.") or t[12] != ".":
            raise RevealError()
        try:
            key = self.keys[int(t[4:12], 16)]
        except (KeyError, ValueError):
            raise RevealError() from None
        dec = Cipher(algorithms.AES(key), modes.ECB()).decryptor()
        b = dec.update(unb32(t[13:]))
        if b[0:2] != b"N\x01" or b[2] >> 6 or not hmac.compare_digest(b[8:], self.tag):
            raise RevealError()
        payload = int.from_bytes(b[2:8], "big")
        numeric, code = payload >> 2, payload & 3
        if numeric >= 10**13 or code == 3:
            raise RevealError()
        body = "%013d" % numeric
        if code:
            if body[5:7] != ("19" if code == 1 else "18"):
                raise RevealError()
            body = body[:5] + ("2A" if code == 1 else "2B") + body[7:]
        return nirs.parse_body(body)


class SivTokenizer:
    """ns1: Tink's deterministic AEAD (AES-SIV, Tink output prefix) over the 13-byte body."""

    def __init__(self, keys, primary_id, purpose):
        """keys: raw 64-byte AES-SIV keys by Tink key id."""
        self.keys, self.primary_id = keys, primary_id
        self.ad = ("nirguard-siv-token/1/" + purpose).encode()

    def tokenize(self, nir, key_id=None):
        key_id = self.primary_id if key_id is None else key_id
        ct = AESSIV(self.keys[key_id]).encrypt(nir.body.encode("ascii"), [self.ad])
        return "ns1." + b64url(b"\x01" + key_id.to_bytes(4, "big") + ct)

    def reveal(self, token):
        if not token.lower().startswith("ns1."):
            raise RevealError()
        ct = unb64url(token[4:])
        if len(ct) < 5 or ct[0] != 1 or int.from_bytes(ct[1:5], "big") not in self.keys:
            raise RevealError()
        try:
            body = AESSIV(self.keys[int.from_bytes(ct[1:5], "big")]).decrypt(ct[5:], [self.ad])
        except Exception:
            raise RevealError() from None
        if len(body) != 13:
            raise RevealError()
        try:
            return nirs.parse_body(body.decode("ascii"))
        except (UnicodeDecodeError, nirs.Invalid):
            raise RevealError() from None


def is_fictitious(nir_text):
    """Spec 5.1: a NIR the strict rules refuse never links (its pseudonym is random)."""
    from nirguard_ref import nir as nirs
    return not nirs.validate(nir_text, nirs.STRICT)["valid"]
