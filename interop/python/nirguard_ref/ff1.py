"""FF1 (NIST SP 800-38G) over AES-ECB from `cryptography`, on integers in [0, radix^n)."""
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


class Ff1:
    def __init__(self, key, radix, n, tweak):
        if radix ** n < 1_000_000 or len(tweak) > 256:
            raise ValueError("domain or tweak out of range")
        self.aes = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
        self.radix, self.n = radix, n
        self.u = n // 2
        self.v = n - self.u
        self.mod_u, self.mod_v = radix ** self.u, radix ** self.v
        self.b = ((radix ** self.v - 1).bit_length() + 7) // 8
        self.d = 4 * ((self.b + 3) // 4) + 4
        t = len(tweak)
        p = bytes([1, 2, 1]) + radix.to_bytes(3, "big") + bytes([10, self.u % 256])
        p += n.to_bytes(4, "big") + t.to_bytes(4, "big")
        self.tweak_pad = tweak + bytes((-t - self.b - 1) % 16)
        # CBC-MAC state after P: the rounds only add Q
        self.state = self.aes.update(p)

    def _prf(self, i, half):
        q = self.tweak_pad + bytes([i]) + half.to_bytes(self.b, "big")
        y = self.state
        for k in range(0, len(q), 16):
            y = self.aes.update(bytes(a ^ c for a, c in zip(y, q[k : k + 16])))
        s = y
        j = 1
        while len(s) < self.d:
            s += self.aes.update(bytes(a ^ c for a, c in zip(y, j.to_bytes(16, "big"))))
            j += 1
        return int.from_bytes(s[: self.d], "big")

    def encrypt(self, x):
        a, b = divmod(x, self.mod_v)
        for i in range(10):
            m = self.mod_u if i % 2 == 0 else self.mod_v
            a, b = b, (a + self._prf(i, b)) % m
        return a * self.mod_v + b

    def decrypt(self, y):
        a, b = divmod(y, self.mod_v)
        for i in range(9, -1, -1):
            m = self.mod_u if i % 2 == 0 else self.mod_v
            a, b = (b - self._prf(i, a)) % m, a
        return a * self.mod_v + b
