package glassworks.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One SparkSession per test JVM (local[2], UI off, few shuffle partitions), injected as a parameter and stopped when the
 * JUnit run ends. Starting Spark costs seconds; sharing it keeps the suite fast.
 */
public final class SparkExtension implements ParameterResolver {
    private static final String KEY = "glassworks.spark";

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return c.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> new Holder(), Holder.class).spark;
    }

    private static final class Holder implements ExtensionContext.Store.CloseableResource {
        final SparkSession spark = SparkSession.builder().master("local[2]").appName("glassworks-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();

        @Override
        public void close() {
            spark.stop();
        }
    }
}
