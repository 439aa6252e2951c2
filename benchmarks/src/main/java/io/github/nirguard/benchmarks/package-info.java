/**
 * JMH benchmarks: each nirguard hot path beside its peer in the same run.
 *
 * <pre>{@code
 * mvn -q -pl benchmarks -am package -DskipTests -Dnirguard.fast
 * java -cp 'benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main ValidateBenchmark -prof gc
 * }</pre>
 *
 * @since 0.1.0
 */
package io.github.nirguard.benchmarks;
