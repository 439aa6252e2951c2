#!/usr/bin/env bash
# Module-path integration test: a tiny application with a module-info.java that requires the
# nirguard modules, compiled with javac and run with java on the module path — no class path.
# nir-core and nir-testkit are named modules; nir-validate and nir-crypto are automatic modules
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
# JSON keysets with Gson, which is an explicit module that nothing requires; without this flag a
# KEK file or an environment KEK fails with NoClassDefFoundError: com/google/gson/... An
# application can instead write `requires com.google.gson;` in its module-info.java.
java --module-path target/mods:target/classes --add-modules com.google.gson \
    -m io.github.nirguard.examples.modulepath/io.github.nirguard.examples.modulepath.Main \
    > target/actual.txt

if ! diff -u expected.txt target/actual.txt; then
  echo "module path: unexpected output (see the diff above)" >&2
  exit 1
fi
echo "module path: ok ($(grep -cE '^module .*: (named|automatic)$' target/actual.txt) modules on the module path, none on the class path)"
