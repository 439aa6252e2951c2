"""Span tokens [nr1.…] and reversible redaction of free text: spec section 7.1.

A span is a piece of text (a NIR as it was written); its token is Tink's deterministic AEAD
(AES-SIV, Tink output prefix) over the span's UTF-8 bytes, associated data
"nirguard-span-token/nr1/" + purpose, written "[nr1." + b64url(ciphertext) + "]".
"""
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from .tokens import RevealError, b64url, unb64url

PREFIX = "[nr1."
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
