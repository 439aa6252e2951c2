/**
 * A tiny application on the module path. nir-core and nir-testkit are named modules (JDK only),
 * and so is nir-crypto (it requires Tink transitively and exports its API and FF1, not its
 * internal package); nir-validate is an automatic module named by its Automatic-Module-Name, and
 * so are Tink and protobuf-java (gson and error_prone_annotations are named, jsr305 is named after
 * its file).
 */
module io.github.nirguard.examples.modulepath {
  requires io.github.nirguard.core;       // named
  requires io.github.nirguard.testkit;    // named
  requires io.github.nirguard.validate;   // automatic
  requires io.github.nirguard.crypto;     // named
}
