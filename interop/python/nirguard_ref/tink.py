"""Tink's wire formats that nirguard stores (spec sections 8-10): keysets, key rings, record cells
and file envelopes, read with `cryptography`'s AES-GCM and HKDF. No Tink library needed."""
import base64
import json

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .tokens import RevealError, unb64url

RING_HEADER = "nirguard-keyring 1"
TYPES = {
    "type.googleapis.com/google.crypto.tink.HmacPrfKey": 3,  # field of key_value
    "type.googleapis.com/google.crypto.tink.AesSivKey": 2,
    "type.googleapis.com/google.crypto.tink.AesGcmKey": 3,
    "type.googleapis.com/google.crypto.tink.AesGcmHkdfStreamingKey": 3,
}
ENABLED, TINK_PREFIX = 1, 1


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
    __slots__ = ("key_id", "type_url", "material", "enabled", "tink_prefix")

    def __init__(self, key_id, type_url, material, enabled, tink_prefix):
        self.key_id, self.type_url, self.material = key_id, type_url, material
        self.enabled, self.tink_prefix = enabled, tink_prefix

    def __repr__(self):
        return "Key[%08x %s]" % (self.key_id, self.type_url.rsplit(".", 1)[-1])


class Keyset:
    """A Tink keyset: its keys (raw material) and the primary key id."""

    def __init__(self, keyset_proto):
        self.primary_id = field(keyset_proto, 1, 0)
        self.keys = {}
        for n, key in fields(keyset_proto):
            if n != 2:
                continue
            data = field(key, 1)
            type_url = field(data, 1).decode()
            material = field(field(data, 2), TYPES[type_url])
            k = Key(field(key, 3, 0), type_url, material, field(key, 2) == ENABLED,
                    field(key, 4) == TINK_PREFIX)
            self.keys[k.key_id] = k

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


def read_ring(content, kek):
    """A key ring file (bytes) and its KEK (a Keyset): {(purpose, kind): Keyset}."""
    lines = content.decode("utf-8").splitlines()
    if not lines or lines[0] != RING_HEADER:
        raise ValueError("not a nirguard key ring file (line 1)")
    ring = {}
    for number, line in enumerate(lines[1:], start=2):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        purpose, kind, data = line.split(" ")
        slot = purpose + " " + kind
        encrypted = field(unb64url(data), 2)
        keyset = kek.aead_decrypt(encrypted, (RING_HEADER + "\n" + slot).encode())
        if (purpose, kind) in ring:
            raise ValueError("duplicate keyset at line %d" % number)
        ring[(purpose, kind)] = Keyset(keyset)
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

