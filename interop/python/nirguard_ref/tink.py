"""Tink's wire formats that nirguard stores (spec sections 9-11): keysets, key rings, record cells
and file envelopes, read with `cryptography`'s AES-GCM and HKDF. No Tink library needed."""
import base64
import hashlib
import hmac
import json
import re

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .tokens import RevealError, unb64url

RING_HEADER = "nirguard-keyring 2"
RING_HEADER_V1 = "nirguard-keyring 1"
SEAL_AD = (RING_HEADER + " seal").encode()
KINDS = ("token", "prp-token", "siv-token", "fpe", "record", "file", "fingerprint", "date-shift",
         "recipient")
_PURPOSE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
_CREATED = re.compile(r"([0-9a-f]{8}):([0-9]+)\Z")
_VERSION = re.compile(r"version (0|[1-9][0-9]*)\Z")
TYPES = {
    "type.googleapis.com/google.crypto.tink.HmacPrfKey": 3,  # field of key_value
    "type.googleapis.com/google.crypto.tink.AesSivKey": 2,
    "type.googleapis.com/google.crypto.tink.AesGcmKey": 3,
    "type.googleapis.com/google.crypto.tink.AesGcmHkdfStreamingKey": 3,
    # read, not used: recipient envelopes are not implemented here (docs/spec/README.md)
    "type.googleapis.com/google.crypto.tink.HpkePrivateKey": 3,
}
ENABLED, DISABLED, DESTROYED = 1, 2, 3  # Tink's KeyStatusType
STATUS = {ENABLED: "ENABLED", DISABLED: "DISABLED", DESTROYED: "DESTROYED"}
TINK_PREFIX = 1


class MalformedRing(ValueError):
    """A key ring file that is not one (the message names a line, never a value)."""


def _varint(b, i):
    shift = value = 0
    while True:
        c = b[i]
        i += 1
        value |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return value, i


def fields(message):
    """Protocol buffers wire format: [(field number, value)], value an int or bytes."""
    out, i = [], 0
    while i < len(message):
        tag, i = _varint(message, i)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = _varint(message, i)
        elif wire == 2:
            n, i = _varint(message, i)
            value, i = message[i : i + n], i + n
        elif wire == 5:
            value, i = message[i : i + 4], i + 4
        elif wire == 1:
            value, i = message[i : i + 8], i + 8
        else:
            raise ValueError("unsupported wire type")
        out.append((number, value))
    return out


def field(message, number, default=None):
    for n, v in fields(message):
        if n == number:
            return v
    return default


class Key:
    """One key of a keyset. status: "ENABLED", "DISABLED" or "DESTROYED" (material None); only an
    enabled key is used, for anything."""
    __slots__ = ("key_id", "type_url", "material", "status", "tink_prefix")

    def __init__(self, key_id, type_url, material, enabled, tink_prefix, status=None):
        self.key_id, self.type_url, self.material = key_id, type_url, material
        self.status = status or ("ENABLED" if enabled else "DISABLED")
        self.tink_prefix = tink_prefix

    @property
    def enabled(self):
        return self.status == "ENABLED"

    def __repr__(self):
        kind = self.type_url.rsplit(".", 1)[-1] if self.type_url else "-"
        return "Key[%08x %s %s]" % (self.key_id, kind, self.status)


class Keyset:
    """A Tink keyset: its keys (raw material) and the primary key id."""

    def __init__(self, keyset_proto):
        self.primary_id = field(keyset_proto, 1, 0)
        self.keys = {}
        for n, key in fields(keyset_proto):
            if n != 2:
                continue
            status = STATUS.get(field(key, 2))
            data = field(key, 1) or None  # a destroyed key: empty KeyData (Tink writes it so)
            if status is None or (data is None) != (status == "DESTROYED"):
                raise ValueError("a key with an unknown status, or material that contradicts it")
            type_url = material = None
            if data is not None:
                type_url = field(data, 1).decode()
                if type_url not in TYPES:
                    raise ValueError("a key of a type nirguard does not use")
                material = field(field(data, 2), TYPES[type_url])
            k = Key(field(key, 3, 0), type_url, material, False, field(key, 4) == TINK_PREFIX,
                    status)
            if k.key_id in self.keys:
                raise ValueError("two keys with one id")
            self.keys[k.key_id] = k
        if keyset_proto and (self.primary_id not in self.keys
                             or not self.keys[self.primary_id].enabled):
            raise ValueError("the primary key is missing or not enabled")

    def materials(self):
        """{key id: raw material} of the enabled keys: the only ones any scheme may use."""
        return {i: k.material for i, k in self.keys.items() if k.enabled}

    @classmethod
    def from_json(cls, text):
        """A cleartext keyset in Tink's JSON format (e.g. a development KEK)."""
        j = json.loads(text)
        out = cls(b"")
        out.primary_id = j["primaryKeyId"]
        for k in j["key"]:
            data = k["keyData"]
            material = field(base64.b64decode(data["value"]), TYPES[data["typeUrl"]])
            key = Key(k["keyId"], data["typeUrl"], material, k["status"] == "ENABLED",
                      k["outputPrefixType"] == "TINK")
            out.keys[key.key_id] = key
        return out

    def aead_decrypt(self, ciphertext, associated_data):
        """Tink AEAD (AES-GCM): 0x01, key id, 12-byte nonce, ciphertext and 16-byte tag."""
        if len(ciphertext) < 5 + 12 + 16 or ciphertext[0] != 1:
            raise RevealError()
        key = self.keys.get(int.from_bytes(ciphertext[1:5], "big"))
        if key is None or not key.enabled or not key.tink_prefix:
            raise RevealError()
        try:
            return AESGCM(key.material).decrypt(ciphertext[5:17], ciphertext[17:], associated_data)
        except Exception:
            raise RevealError() from None


class Ring(dict):
    """A key ring read and verified: {(purpose, kind): Keyset}, its version and, per slot, the
    creation times {key id: epoch seconds} it records (empty when unknown)."""

    def __init__(self, version):
        super().__init__()
        self.version = version
        self.created = {}


def _lines(content):
    """The significant lines (number, text): line 1 always; later, no blank or # lines."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedRing("not a nirguard key ring file (not UTF-8)") from None
    out = []
    # lines end with LF, CR or CRLF (not the other separators str.splitlines knows)
    parts = re.split(r"\r\n|\r|\n", text)
    if parts and parts[-1] == "":
        parts.pop()
    for number, raw in enumerate(parts, start=1):
        line = raw.strip()
        if number > 1 and (not line or line.startswith("#")):
            continue
        out.append((number, line))
    return out


def _created(text):
    if text == "-":
        return {}
    out = {}
    for part in text.split(","):
        m = _CREATED.match(part)
        if not m or int(m.group(1), 16) in out:
            raise ValueError()
        out[int(m.group(1), 16)] = int(m.group(2))
    return out


def read_ring(content, kek, min_version=0):
    """A format-2 key ring file (bytes) and its KEK (a Keyset): a Ring (spec section 11). The seal
    is verified before any keyset is decrypted; a format-1 ring is refused (it has no seal);
    a ring whose version is below min_version (the last version seen, kept where the ring's
    writers cannot change it) is refused as a rollback. Raises MalformedRing or RevealError."""
    lines = _lines(content)
    if not lines or lines[0][1] != RING_HEADER:
        if lines and lines[0][1] == RING_HEADER_V1:
            raise MalformedRing("key ring format 1 has no seal: upgrade it once with "
                                "'nir keys upgrade'")
        raise MalformedRing("not a nirguard key ring file (line 1)")
    if len(lines) < 3 or not lines[-1][1].startswith("seal "):
        raise MalformedRing("key ring has no seal (truncated?)")
    m = _VERSION.match(lines[1][1])
    if not m or int(m.group(1)) >= 1 << 63:
        raise MalformedRing("malformed key ring version at line %d" % lines[1][0])
    version = int(m.group(1))
    entries, seen = [], set()
    for number, line in lines[2:-1]:
        f = line.split(" ")
        try:
            if len(f) != 5 or f[0] != "keyset" or not _PURPOSE.match(f[1]) or f[2] not in KINDS:
                raise ValueError()
            entries.append((number, f[1], f[2], _created(f[3]), unb64url(f[4])))
        except (ValueError, RevealError):
            raise MalformedRing("malformed key ring line %d" % number) from None
        if (f[1], f[2]) in seen:
            raise MalformedRing("duplicate keyset at key ring line %d" % number)
        seen.add((f[1], f[2]))
    sealed = "".join(line + "\n" for _, line in [(0, RING_HEADER)] + lines[1:-1])
    try:
        expected = kek.aead_decrypt(unb64url(lines[-1][1][5:]), SEAL_AD)
    except RevealError:
        raise RevealError("the key ring's seal does not verify with this KEK") from None
    if not hmac.compare_digest(expected, hashlib.sha256(sealed.encode()).digest()):
        raise RevealError("the key ring's seal does not verify with this KEK")
    if version < min_version:
        raise RevealError("key ring version %d is older than the minimum %d (rolled back?)"
                          % (version, min_version))
    ring = Ring(version)
    for number, purpose, kind, created, data in entries:
        slot = purpose + " " + kind
        try:
            keyset = kek.aead_decrypt(field(data, 2, b""), (RING_HEADER + "\n" + slot).encode())
        except (RevealError, IndexError, ValueError):
            raise RevealError("key ring line %d does not decrypt with this KEK" % number) from None
        ks = Keyset(keyset)
        if not ks.keys or not set(created) <= set(ks.keys):
            raise MalformedRing("key ring line %d: creation times of keys it does not hold"
                                % number)
        ring[(purpose, kind)] = ks
        ring.created[(purpose, kind)] = created
    return ring


def _str4(b):
    return len(b).to_bytes(4, "big") + b


def open_record(keyset, purpose, schema, pseudonym, names, cell):
    """Opens a record envelope cell (ne1.): the field values, in order."""
    if not cell.startswith("ne1."):
        raise RevealError()
    ad = _str4(b"nirguard-record/1") + _str4(purpose.encode()) + _str4(str(schema).encode())
    ad += _str4(pseudonym.encode()) + b"".join(_str4(n.encode()) for n in names)
    plain = keyset.aead_decrypt(unb64url(cell[4:]), ad)
    values, i = [], 0
    for _ in names:
        if i + 4 > len(plain):
            raise RevealError()
        n = int.from_bytes(plain[i : i + 4], "big")
        if i + 4 + n > len(plain):
            raise RevealError()
        values.append(plain[i + 4 : i + 4 + n].decode("utf-8"))
        i += 4 + n
    if i != len(plain):
        raise RevealError()
    return values


def open_envelope(keyset, purpose, data, segment_size=1 << 20):
    """Decrypts a whole file envelope (bytes): (key id, content type, plaintext). segment_size:
    the keyset's ciphertext segment size (1 MiB for nirguard's file keysets)."""
    if data[:8] != b"NIRGUARD" or len(data) < 14 or data[8] != 1:
        raise RevealError()
    key_id = int.from_bytes(data[9:13], "big")
    end = 14 + data[13]
    header = data[:end]
    content_type = header[14:].decode("utf-8")
    key = keyset.keys.get(key_id)
    if key is None or not key.enabled:
        raise RevealError()
    stream = data[end:]
    header_length = stream[0] if stream else 0
    if header_length != 1 + 32 + 7 or len(stream) < header_length + 16:
        raise RevealError()
    salt, prefix = stream[1:33], stream[33:40]
    segment_key = HKDF(hashes.SHA256(), 32, salt, header + purpose.encode("ascii")).derive(key.material)
    gcm = AESGCM(segment_key)
    out, pos, number = [], header_length, 0
    while True:
        size = segment_size - (header_length if number == 0 else 0)
        segment = stream[pos : pos + size]
        pos += len(segment)
        last = pos >= len(stream)
        nonce = prefix + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")
        try:
            out.append(gcm.decrypt(nonce, segment, None))
        except Exception:
            raise RevealError() from None
        if last:
            return key_id, content_type, b"".join(out)
        number += 1

