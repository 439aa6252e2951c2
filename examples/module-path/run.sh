#!/usr/bin/env bash
# Module-path integration test: a tiny application with a module-info.java that requires the
# nirguard modules, compiled with javac and run with java on the module path — no class path.
# nir-core, nir-testkit and nir-crypto are named modules; nir-validate is an automatic module
# (Automatic-Module-Name), as are Tink and protobuf-java.
#
# Usage: examples/module-path/run.sh [--no-install]
#   Installs the nirguard artifacts from this checkout first (mvn install -DskipTests) unless
#   --no-install is given (CI installs once for both examples). Fails unless the program prints
#   exactly expected.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "${1:-}" != "--no-install" ]; then
  (cd "$root" && mvn -B -q install -DskipTests -Dnirguard.fast)
fi

cd "$here"
rm -rf target/mods target/classes
# the jars a user gets from a Maven repository: nirguard through its BOM, with its dependencies
mvn -B -q -f pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/mods

javac -Xlint:all,-requires-automatic -Werror --module-path target/mods -d target/classes \
    $(find src -name '*.java')

# --add-modules com.google.gson: Tink (an automatic module, so it declares no dependencies) reads
# JSON keysets with Gson. nir-crypto, a named module, requires com.google.gson for it, so Gson is
# resolved without this flag too; it is kept as belt and braces (an application with an automatic
# nir-crypto on its path would need it, or `requires com.google.gson;`).
java --module-path target/mods:target/classes --add-modules com.google.gson \
    -m io.github.nirguard.examples.modulepath/io.github.nirguard.examples.modulepath.Main \
    > target/actual.txt

if ! diff -u expected.txt target/actual.txt; then
  echo "module path: unexpected output (see the diff above)" >&2
  exit 1
fi
echo "module path: ok ($(grep -cE '^module .*: (named|automatic)$' target/actual.txt) modules on the module path, none on the class path)"
