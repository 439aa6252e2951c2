/**
 * Finding NIRs in free text: {@link io.github.nirguard.validate.scan.NirScanner} reads text the way
 * people write NIRs (compact, spaced, dotted, dashed, key apart) and reports each one as a {@link
 * io.github.nirguard.validate.scan.NirMatch}: span, line and column, kind, and the NIR itself,
 * which is never printed.
 *
 * <pre>{@code
 * NirScanner scanner = NirScanner.standard();
 * for (NirMatch m : scanner.findAll(text)) {
 *   System.out.println(m.line() + ":" + m.column() + " " + m.kind());   // never the value
 * }
 * String redacted = scanner.redact(text, nir -> "[NIR]");
 * }</pre>
 *
 * <p>The rules are nir-core's {@link io.github.nirguard.core.NirProfile}: the scanner only decides
 * where a candidate starts and ends, and what text around it says.
 *
 * @since 0.1.0
 */
package io.github.nirguard.validate.scan;
