/**
 * The {@code nir} command line: one subcommand per job, data on stdout, diagnostics on stderr, and
 * never a NIR, name or key in clear in an error.
 *
 * <pre>{@code
 * nir validate --format csv examples/nirs.txt
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.cli;
