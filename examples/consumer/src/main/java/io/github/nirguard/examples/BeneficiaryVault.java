package io.github.nirguard.examples;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.RecordSealer;
import io.github.nirguard.record.BeneficiaryRecord;
import io.github.nirguard.record.RecordSchema;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sealing a beneficiary record: the NIR becomes a keyed token (the row's pseudonym, to join on),
 * and the names are sealed into one cell bound to that pseudonym and to the field names, so a
 * sealed cell copied onto another row does not open.
 */
public final class BeneficiaryVault {
  /** The fields that go into the sealed cell. */
  public static final List<String> SEALED = List.of("last_name", "first_name");

  private final KeyedTokenizer tokens;
  private final RecordSealer sealer;

  /** Uses the {@code TOKEN} and {@code RECORD} keysets of the purpose. */
  public BeneficiaryVault(KeyRing ring, String purpose) throws GeneralSecurityException {
    this.tokens = KeyedTokenizer.create(ring, purpose);
    this.sealer = RecordSealer.create(ring, purpose);
  }

  /** What is stored: the pseudonym, the sealed names, and the rest of the record in clear. */
  public record Stored(String pseudonym, String sealedNames, String birthDate, String sex) {}

  /** Protects a record. */
  public Stored seal(BeneficiaryRecord record) throws GeneralSecurityException {
    String pseudonym = tokens.tokenize(Nir.parse(record.get("nir"))).value();
    List<String> values = new ArrayList<>();
    for (String field : SEALED) {
      values.add(record.get(field));
    }
    return new Stored(pseudonym, sealer.seal(pseudonym, SEALED, values), record.get("birth_date"), record.get("sex"));
  }

  /** Opens the names of a stored record; fails if the cell was altered or moved to another row. */
  public List<String> openNames(Stored stored) throws GeneralSecurityException {
    return sealer.open(stored.pseudonym(), SEALED, stored.sealedNames());
  }

  /** The schema of the records this vault takes. */
  public static RecordSchema schema() {
    return RecordSchema.beneficiary();
  }
}
