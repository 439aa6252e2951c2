"""Span tokens [nr1.…] and reversible redaction of free text: spec section 7.1.

A span is a piece of text (a NIR as it was written); its token is Tink's deterministic AEAD
(AES-SIV, Tink output prefix) over the span's UTF-8 bytes, associated data
"nirguard-span-token/nr1/" + purpose, written "[nr1." + b64url(ciphertext) + "]".

A redacted document ends with a seal line, "[nr1.seal." + b64url(ciphertext) + "]\n": the same
keys over the token count (u64, big-endian), with associated data "nirguard-span-seal/nr1/" +
purpose + "/" + SHA-256(UTF-8 of the text before the seal). Reveal requires it, at the very end.
"""
import hashlib

from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from .tokens import RevealError, b64url, unb64url

PREFIX = "[nr1."
SEAL_PREFIX = "[nr1.seal."
END = "]"
MAX_SPAN_BYTES = 255
MAX_TOKEN_CHARS = len(PREFIX) + (5 + 16 + MAX_SPAN_BYTES + 2) // 3 * 4 + 1
_B64 = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class RefusedText(RevealError):
    """A redacted text refused whole: reason (MALFORMED_TOKEN, TOKEN_REFUSED) and position."""

    def __init__(self, reason, position):
        super().__init__("%s at character %d" % (reason, position))
        self.reason, self.position = reason, position


def index_of_prefix(text, start=0):
    """Where "[nr1." starts, in any case, or -1 (spec 7.1: what a reader takes for a token)."""
    low = text.lower()
    return low.find(PREFIX, start)


class SpanTokenizer:
    def __init__(self, keys, primary_id, purpose):
        """keys: raw 64-byte AES-SIV keys of the purpose's siv-token keyset, by Tink key id."""
        self.keys, self.primary_id = keys, primary_id
        self.ad = ("nirguard-span-token/nr1/" + purpose).encode()
        self.seal_ad = ("nirguard-span-seal/nr1/" + purpose + "/").encode()

    def tokenize(self, span, key_id=None):
        data = span.encode("utf-8")
        if not 0 < len(data) <= MAX_SPAN_BYTES:
            raise ValueError("a span must be 1 to 255 UTF-8 bytes")
        key_id = self.primary_id if key_id is None else key_id
        ct = AESSIV(self.keys[key_id]).encrypt(data, [self.ad])
        return PREFIX + b64url(b"\x01" + key_id.to_bytes(4, "big") + ct) + END

    def reveal(self, token):
        if not (token.startswith(PREFIX) and token.endswith(END)) or len(token) > MAX_TOKEN_CHARS:
            raise RevealError()
        ct = unb64url(token[len(PREFIX):-1])
        if len(ct) < 5 or ct[0] != 1 or int.from_bytes(ct[1:5], "big") not in self.keys:
            raise RevealError()
        try:
            data = AESSIV(self.keys[int.from_bytes(ct[1:5], "big")]).decrypt(ct[5:], [self.ad])
            if not 0 < len(data) <= MAX_SPAN_BYTES:
                raise RevealError()
            return data.decode("utf-8")
        except Exception:
            raise RevealError() from None

    def reveal_text(self, text):
        """Every token of a redacted text back to its span, or RefusedText for the first bad one."""
        out, i = [], 0
        while True:
            at = index_of_prefix(text, i)
            if at < 0:
                out.append(text[i:])
                return "".join(out)
            j = at + len(PREFIX)
            while j < len(text) and text[j] in _B64 and j - at < MAX_TOKEN_CHARS:
                j += 1
            if (not text.startswith(PREFIX, at) or j >= len(text) or text[j] != END
                    or j + 1 - at > MAX_TOKEN_CHARS):
                raise RefusedText("MALFORMED_TOKEN", at)
            try:
                span = self.reveal(text[at:j + 1])
            except RevealError:
                raise RefusedText("TOKEN_REFUSED", at) from None
            out.append(text[i:at])
            out.append(span)
            i = j + 1

    def seal(self, redacted, key_id=None):
        """The document: a redacted text, then its seal and a line break."""
        tokens = count_prefixes(redacted)
        key_id = self.primary_id if key_id is None else key_id
        ad = self.seal_ad + hashlib.sha256(redacted.encode("utf-8")).digest()
        ct = AESSIV(self.keys[key_id]).encrypt(tokens.to_bytes(8, "big"), [ad])
        return redacted + SEAL_PREFIX + b64url(b"\x01" + key_id.to_bytes(4, "big") + ct) + END + "\n"

    def reveal_document(self, document):
        """The original text of a sealed document, or RefusedText (reason, UTF-16 position)."""
        at = document.rfind(SEAL_PREFIX)
        end = document.find(END, at) + 1 if at >= 0 else -1
        if at < 0 or end != len(document) - 1 or not document.endswith("\n"):
            raise RefusedText("SEAL_MISSING", utf16(document, len(document)))
        body = document[:at]
        try:
            text = self.reveal_text(body)
        except RefusedText as e:  # reveal_text counts code points
            raise RefusedText(e.reason, utf16(body, e.position)) from None
        refused = RefusedText("SEAL_REFUSED", utf16(document, at))
        try:
            ct = unb64url(document[at + len(SEAL_PREFIX):end - 1])
        except Exception:
            raise refused from None
        if len(ct) < 5 or ct[0] != 1 or int.from_bytes(ct[1:5], "big") not in self.keys:
            raise refused
        try:
            ad = self.seal_ad + hashlib.sha256(body.encode("utf-8")).digest()
        except UnicodeEncodeError:  # an unpaired surrogate: never sealed
            raise refused from None
        try:
            count = AESSIV(self.keys[int.from_bytes(ct[1:5], "big")]).decrypt(ct[5:], [ad])
        except Exception:
            raise refused from None
        if len(count) != 8 or int.from_bytes(count, "big") != count_prefixes(body):
            raise refused
        return text


def count_prefixes(text):
    """How many "[nr1." (any case) a text holds: its span tokens, once reveal_text accepted it."""
    n, i = 0, index_of_prefix(text)
    while i >= 0:
        n, i = n + 1, index_of_prefix(text, i + 1)
    return n


def utf16(text, index):
    """A code-point index as the UTF-16 position the spec reports."""
    return len(text[:index].encode("utf-16-le", "surrogatepass")) // 2
