"""nirguard's formats in Python: a reference implementation written from docs/spec/README.md.

Standard library plus the `cryptography` package (AES, AES-GCM, AES-SIV, HKDF) only.
"""
