package io.github.nirguard.spark;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The check {@link NirFunctions#register} makes of a session's configuration: a KEK set there as an
 * environment variable would be shown in the Spark UI and written to event logs, so it is refused,
 * naming the setting and never its value.
 */
final class KekInSparkConf {
  /** The opt-in that lets {@link NirFunctions#register} accept a KEK in the Spark configuration. */
  static final String INSECURE_KEK_IN_CONF = "spark.nirguard.insecureKekInSparkConf";

  /** Where Spark takes environment variables for its processes from its own configuration. */
  private static final Pattern ENV_IN_CONF =
      Pattern.compile(
          "spark\\.(executorEnv|yarn\\.appMasterEnv|kubernetes\\.driverEnv|mesos\\.driverEnv)\\.(.+)");

  private KekInSparkConf() {}

  /**
   * Refuses the session's configuration if it holds the KEK (see {@link #refuse(Map,
   * KekReference)}).
   */
  static void refuse(SparkSession spark, KekReference kek) {
    Map<String, String> conf = new HashMap<>();
    for (scala.Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
      conf.put(kv._1(), kv._2());
    }
    refuse(conf, kek);
  }

  /**
   * Refuses a Spark configuration that sets the KEK as an environment variable ({@code
   * spark.executorEnv.NIRGUARD_KEK=...}, or the reference's variable, or any variable named like a
   * KEK): the value would be in the UI's Environment tab and the event logs. Names the setting,
   * never its value. {@code spark.nirguard.insecureKekInSparkConf=true} accepts it (development).
   */
  static void refuse(Map<String, String> conf, KekReference kek) {
    if ("true".equalsIgnoreCase(conf.get(INSECURE_KEK_IN_CONF))) {
      return;
    }
    String variable = kek.environmentVariable();
    for (String key : new TreeSet<>(conf.keySet())) {
      Matcher m = ENV_IN_CONF.matcher(key);
      if (m.matches()
          && (m.group(2).equals(variable) || m.group(2).toUpperCase(Locale.ROOT).contains("KEK"))) {
        throw new IllegalStateException(
            "nirguard: the Spark configuration sets "
                + key
                + ": the KEK would be shown in the Spark UI and written to event logs. Use a KMS"
                + " (KekReference.kms) or the cluster manager's secrets (e.g."
                + " spark.kubernetes.executor.secretKeyRef."
                + m.group(2)
                + "); "
                + INSECURE_KEK_IN_CONF
                + "=true accepts it anyway (development only)");
      }
    }
  }
}
