/**
 * Keys, keyed tokens, reversible tokens and format-preserving encryption of NIRs, and keyed
 * fingerprints for counting without storing ({@link io.github.nirguard.crypto.Fingerprinter}).
 *
 * <p>Keys are Tink keysets, one per purpose and {@link io.github.nirguard.crypto.KeyKind}, kept in
 * a {@link io.github.nirguard.crypto.KeyRing} file encrypted by a {@link
 * io.github.nirguard.crypto.Kek}; a {@link io.github.nirguard.crypto.KeyRingManager} makes the next
 * ring (new keysets, rotation, disable, enable, destroy, promote, recipient exports).
 *
 * <p>Rotation is Tink's: add a key, make it primary, keep the old ones for reading. Where Tink has
 * no key type (FF1, the PRP token, our fast HMAC), the key is derived from a Tink PRF keyset,
 * domain-separated by kind, purpose and format version — never stored on its own.
 *
 * <pre>{@code
 * Kek kek = Kek.fromKms("aws-kms://arn:...");          // or Kek.insecureFromCleartextFile(devKek)
 * KeyRing ring = KeyRingManager.empty()
 *     .add("research-42", KeyKind.TOKEN)
 *     .add("lab-export", KeyKind.FPE)
 *     .ring();
 * ring.write(Path.of("keys.ring"), kek);
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.crypto;
