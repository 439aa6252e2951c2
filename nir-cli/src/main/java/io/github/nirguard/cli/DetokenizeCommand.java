package io.github.nirguard.cli;

import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.crypto.audit.AuditOperation;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir detokenize}: reversible tokens back to NIRs, for key holders.
 *
 * <pre>{@code
 * nir detokenize --reason "ticket 4521" --keys keys.ring --insecure-kek-file dev-kek.json --purpose lab-export --scheme prp tokens.txt
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "detokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Recover NIRs from reversible (prp or siv) tokens. Refused tokens give an empty line.",
      "Requires --reason; one record (who, why, purpose, how many NIRs) is appended to the",
      "audit log, which must be writable before any NIR is printed.",
    })
final class DetokenizeCommand extends LineCommand {
  @Mixin KeyOptions keys;

  @Option(
      names = "--purpose",
      required = true,
      paramLabel = "NAME",
      description = "Purpose of the keyset.")
  String purpose;

  @Option(
      names = "--scheme",
      defaultValue = "prp",
      paramLabel = "SCHEME",
      description = "prp (default) or siv.")
  String scheme;

  @Mixin AuditOptions audit;

  @Override
  AuditOptions auditOptions() {
    return audit;
  }

  @Override
  Path auditRing() {
    return keys.keys;
  }

  @Override
  AuditOperation auditOperation() {
    return AuditOperation.DETOKENIZE;
  }

  @Override
  Mapper open() throws IOException, GeneralSecurityException, Failure {
    auditPurpose = purpose;
    KeyRing ring = keys.ring();
    Token.Scheme named;
    try {
      named = Token.Scheme.named(scheme);
    } catch (IllegalArgumentException e) {
      named = Token.Scheme.KEYED;
    }
    if (named == Token.Scheme.KEYED) {
      throw new IllegalArgumentException("unknown --scheme (expected prp or siv)");
    }
    ReversibleTokenizer tokenizer =
        named == Token.Scheme.PRP
            ? ReversibleTokenizer.prp(ring, purpose)
            : ReversibleTokenizer.siv(ring, purpose);
    return line -> reveal(tokenizer, line);
  }

  private static String reveal(ReversibleTokenizer tokenizer, String line) throws Rejected {
    Optional<Token> token = Token.tryParse(line.trim());
    if (token.isEmpty()) {
      throw new Rejected("NOT_A_TOKEN", -1);
    }
    try {
      return tokenizer.reveal(token.get()).compact();
    } catch (GeneralSecurityException e) {
      throw new Rejected("TOKEN_REFUSED", -1);
    }
  }
}
