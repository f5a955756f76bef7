package glassworks.spark.ml;

import glassworks.spark.SparkExtension;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pieces of {@code bench ml} on a small data set with the shared test session: the raw file and the Parquet file
 * hold the same numbers, the generating model is what the bench says, our pipeline's labels come back complete, and
 * (when Debian's scikit-learn is installed; skipped otherwise) the yardstick script agrees with MLlib from MLlib's
 * starts.
 */
@ExtendWith(SparkExtension.class)
class MlBenchmarkTest {
    static final int ROWS = 20_000;
    static final int D = 12;

    @Test
    void optionsAreChecked() {
        MlBenchmark.Options o = MlBenchmark.Options.defaults();
        assertEquals(10_000_000L, o.rows());
        assertEquals(12, o.features());
        assertThrows(IllegalArgumentException.class, () -> o.withRows(10));
        assertThrows(IllegalArgumentException.class, () -> o.withFeatures(1));
        assertTrue(o.files() >= 8);
        assertEquals(2, o.withRows(2000).files());
    }

    @Test
    void theModelHasItsStatedSeparation() {
        double[][][] m = MlBenchmark.model(D);
        double norm = 0;
        for (double v : m[1][0]) {
            norm += v * v;
        }
        assertEquals(MlBenchmark.SEPARATION, Math.sqrt(norm), 1e-12);
        double mahalanobis = MlBenchmark.mahalanobis(D);
        assertTrue(mahalanobis > 3 && mahalanobis < 3.5, "Mahalanobis " + mahalanobis);
    }

    @Test
    void parquetHoldsTheRawNumbersAndThePipelineLabelsEveryRow(SparkSession spark, @TempDir Path dir)
            throws IOException {
        Path raw = dir.resolve("data.f64");
        Path parquet = dir.resolve("data.parquet");
        byte[] truth = MlBenchmark.writeRaw(raw, ROWS, D, 7);
        assertEquals((long) ROWS * D * 8, Files.size(raw));
        MlBenchmark.writeParquet(spark, raw, parquet, ROWS, D, 3);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        List<Row> rows = spark.read().parquet(parquet.toString()).orderBy("id").collectAsList();
        assertEquals(ROWS, rows.size());
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i, rows.get(i).getLong(0));
            double[] x = ((Vector) rows.get(i).get(1)).toArray();
            for (int j = 0; j < D; j++) {
                assertEquals(b.getDouble(), x[j], 0.0, "row " + i + " feature " + j);
            }
        }

        MlBenchmark.Run run = MlBenchmark.pipeline(spark, parquet.toString(), ROWS, D, 2, true);
        assertEquals(ROWS, run.kmeans().length);
        for (int i = 0; i < ROWS; i++) {
            assertTrue(run.kmeans()[i] == 0 || run.kmeans()[i] == 1);
            assertTrue(run.gmm()[i] == 0 || run.gmm()[i] == 1);
        }
        assertTrue(MlBenchmark.agreement(run.kmeans(), truth) > 0.9, "K-means finds the states");
        assertEquals(2, run.starts().centres().length);
        assertEquals(run.pca().kept(), run.starts().means()[0].length);

        String versions;
        try {
            versions = MlBenchmark.checkYardstick();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("bin/install-sklearn"), e.getMessage());
            assumeTrue(false, "scikit-learn is not installed: " + e.getMessage());
            return;
        }
        assertTrue(versions.startsWith("scikit-learn"), versions);
        MlBenchmark.Yardstick sk = MlBenchmark.sklearn(dir, raw, ROWS, D, run.pca().kept(), run.starts());
        assertEquals(run.pca().kept(), sk.kept());
        assertArrayEquals(sk.evr(), run.pca().explainedVarianceRatio(), 1e-9);
        assertEquals(run.kmeansIterations(), sk.kmeansIterations(), "same start, same Lloyd iterations");
        assertEquals(run.gmmIterations(), sk.gmmIterations(), "same start, same EM iterations");
        assertTrue(MlBenchmark.agreement(run.kmeans(), sk.kmeans()) >= MlBenchmark.KMEANS_AGREEMENT);
        assertTrue(MlBenchmark.agreement(run.gmm(), sk.gmm()) >= MlBenchmark.GMM_AGREEMENT);
    }
}
