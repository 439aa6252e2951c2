/**
 * Format-preserving encryption: FF1 of NIST SP 800-38G, with AES from the JCA.
 *
 * <p>{@link io.github.nirguard.crypto.fpe.Ff1} encrypts numeral strings of any radix from 2 to
 * 65536 (general path), and decimal numbers of up to 18 digits held in a {@code long} through
 * {@link io.github.nirguard.crypto.fpe.Ff1.Domain} (fast path: one AES block per Feistel round, no
 * allocation per call, and a batch form). Both paths enforce the domain floor {@code radix^length
 * >= 1,000,000} that SP 800-38G Rev. 1 makes a requirement, and cap tweaks at 256 bytes and inputs
 * at 4096 numerals.
 *
 * <p>Key material enters only through {@link io.github.nirguard.crypto.fpe.Ff1#insecureFromRawKey},
 * named so that every call site shows it; nirguard's NIR encryption, {@link
 * io.github.nirguard.crypto.NirFpe}, derives its FF1 keys from a key ring instead.
 *
 * <p>Only FF1 is provided. FF3 and FF3-1 are deliberately absent: the second public draft of SP
 * 800-38G Rev. 1 (February 2025) removes them, and Beyne's 2021 linear cryptanalysis breaks FF3-1
 * at small domains (a NIR body is one). See {@code docs/decisions/0003-fpe-ff1-only.md}.
 *
 * <pre>{@code
 * Ff1 ff1 = Ff1.insecureFromRawKey(key, 10);      // AES-128, -192 or -256 key bytes
 * Ff1.Domain nir = ff1.domain("lab-export".getBytes(StandardCharsets.UTF_8), 13);
 * long token = nir.encrypt(1_850_775_123_456L);      // 13 digits in, 13 digits out
 * long back = nir.decrypt(token);
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.crypto.fpe;
