#!/usr/bin/env bash
# Builds, tests and runs the consumer example against the nirguard artifacts of this checkout,
# exactly as an application that depends on nirguard through nir-bom would.
#
# Usage: examples/consumer/run.sh [--no-install]
#   Installs the nirguard artifacts first (mvn install -DskipTests) unless --no-install is given
#   (CI installs once for both examples).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "${1:-}" != "--no-install" ]; then
  (cd "$root" && mvn -B -q install -DskipTests -Dnirguard.fast)
fi

cd "$here"
mvn -B -q -f pom.xml verify                       # compile (-Werror) and the JUnit tests
mvn -B -q -f pom.xml exec:java | tee target/main.txt
grep -q '^consumer example: OK$' target/main.txt || { echo "consumer example: main did not finish" >&2; exit 1; }
