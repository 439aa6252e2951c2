#!/usr/bin/env bash
# Smoke test of nir-spark's `shaded` jar against a given Spark (default 4.1.3, which ships Tink 1.16):
# loads the jar next to Spark's own class path, runs every keyed SQL function, checks the answers.
#
#   mvn -q -Dnirguard.fast -pl nir-spark install -DskipTests     # builds target/nir-spark-*-shaded.jar
#   nir-spark/src/it/shaded-smoke.sh 4.0.4
#   nir-spark/src/it/shaded-smoke.sh 4.1.3
#   nir-spark/src/it/shaded-smoke.sh 4.2.0
#   PLAIN=1 nir-spark/src/it/shaded-smoke.sh 4.1.3   # the plain jar + Tink 1.20: expected to fail on 4.0/4.1
#
# Downloads Spark's tree (about 290 MB) into ~/.m2 on first use. Prints "SMOKE OK" and exits 0 on success.
set -euo pipefail
spark_version="${1:-4.1.3}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(-q -f "$here/shaded-smoke/pom.xml" -Dspark.version="$spark_version")
[ -n "${PLAIN:-}" ] && flags+=(-Dplain)
mvn "${flags[@]}" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$(cat "$work/cp.txt")"
javac -d "$work/classes" -cp "$cp" "$here/shaded-smoke/src/main/java/smoke/ShadedSmoke.java"
SPARK_LOCAL_IP=127.0.0.1 java -Xmx1g \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  -Dlog4j2.level=error -cp "$work/classes:$cp" smoke.ShadedSmoke 2>"$work/stderr" || {
    code=$?; grep -v "^\s*at \|WARN" "$work/stderr" | tail -20; exit $code; }
