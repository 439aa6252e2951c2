package io.github.nirguard.cli;

import io.github.nirguard.core.Nir;
import io.github.nirguard.crypto.KeyRing;
import io.github.nirguard.crypto.KeyedTokenizer;
import io.github.nirguard.crypto.ReversibleTokenizer;
import io.github.nirguard.crypto.Token;
import io.github.nirguard.validate.NirValidator;
import io.github.nirguard.validate.ValidationResult;
import java.io.IOException;
import java.security.GeneralSecurityException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nir tokenize}: one NIR per line in, one token per line out.
 *
 * <pre>{@code
 * nir tokenize --keys keys.ring --insecure-kek-file dev-kek.json --purpose research-42 nirs.txt
 * }</pre>
 *
 * @since 0.1.0
 */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Replace each NIR by its token: keyed (irreversible, default), prp or siv (reversible).",
      "Invalid lines give an empty output line and a reason on stderr.",
    })
final class TokenizeCommand extends LineCommand {
  @Mixin KeyOptions keys;

  @Option(
      names = "--purpose",
      required = true,
      paramLabel = "NAME",
      description = "Purpose of the keyset.")
  String purpose;

  @Option(
      names = "--scheme",
      defaultValue = "keyed",
      paramLabel = "SCHEME",
      description = "keyed (default), prp or siv.")
  String scheme;

  @Option(
      names = "--profile",
      defaultValue = "strict",
      paramLabel = "PROFILE",
      description = "Validation profile of the input.")
  String profile;

  @Override
  Mapper open() throws IOException, GeneralSecurityException, Failure {
    NirValidator validator = NirValidator.named(profile);
    KeyRing ring = keys.ring();
    Token.Scheme named;
    try {
      named = Token.Scheme.named(scheme);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown --scheme (expected keyed, prp or siv)");
    }
    switch (named) {
      case KEYED:
        KeyedTokenizer keyed = KeyedTokenizer.create(ring, purpose);
        return line -> keyed.tokenize(parse(validator, line)).value();
      case PRP:
        ReversibleTokenizer prp = ReversibleTokenizer.prp(ring, purpose);
        return line -> prp.tokenize(parse(validator, line)).value();
      default:
        ReversibleTokenizer siv = ReversibleTokenizer.siv(ring, purpose);
        return line -> siv.tokenize(parse(validator, line)).value();
    }
  }

  static Nir parse(NirValidator validator, String line) throws Rejected {
    ValidationResult r = validator.validate(line);
    if (!r.isValid()) {
      throw new Rejected(r.reason().orElseThrow().name(), r.position());
    }
    return r.nir().orElseThrow();
  }
}
