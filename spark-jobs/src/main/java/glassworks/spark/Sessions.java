package glassworks.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.File;

/** Starts the SparkSession every command uses: embedded local[*] unless a master is given or set by spark-submit. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * @param master Spark master URL or null: spark-submit's setting if any, else local[*]
     * @param app    application name shown by the cluster
     * @param extra  further Spark settings (--conf), applied last
     */
    public static SparkSession start(String master, String app, java.util.Map<String, String> extra) {
        SparkConf conf = new SparkConf();
        extra.forEach(conf::set);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        String m = conf.get("spark.master");
        if (m.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        } else {
            // Executors on a cluster need our classes: ship the jar we run from unless spark-submit already did.
            String jar = ownJar();
            if (jar != null && !conf.contains("spark.jars")) {
                conf.set("spark.jars", jar);
            }
        }
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        return SparkSession.builder().appName(app).config(conf).getOrCreate();
    }

    private static String ownJar() {
        try {
            File f = new File(Sessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return f.isFile() ? f.getAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
