package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;
import glassworks.md.stats.Correlation;
import glassworks.md.stats.DipTest;
import glassworks.md.structure.DescriptorCatalog;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code glassworks reduce} on a small KA liquid (N = 500, T = 1.0, 6 frames, SBO and zu descriptors) with
 * isoconfigurational propensities of its last frame: every number is recomputed here from the stored rows by an
 * independent route (Commons Math eigenvalues of the covariance matrix, two-pass Pearson r, OLS on the joined rows, the
 * dip of the projected column), replicas stay out of the PCA, maps integrate to 1, and bad requests are refused
 * before Spark.
 */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReduceJobTest {
    static final int N = 500;
    static final int FRAMES = 6;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    static Warehouse warehouse;
    static String parent;

    static ReduceOptions options(List<String> species, boolean overwrite) {
        return new ReduceOptions("ka3d", List.of(), List.of(), "sbo", null, species, false, 4, 20, "zu",
                "propensity_msd", 2, 100_000, 5, overwrite);
    }

    @BeforeAll
    static void campaign(SparkSession spark) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("glassworks-reduce");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(1.0), 1, 0.005, 2000, 1000, 200, 500, 9,
                Ensemble.NVT, 0.5, 0.3, false, false, false), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        parent = spark.sql("SELECT run_id FROM runs").first().getString(0);
        List<glassworks.schema.tables.RunsTable.Row> reps = new IsoJob(new IsoOptions(parent, FRAMES - 1, 3, 3, 11,
                List.of(), 200, Double.NaN, FrameSchedule.linear(25), glassworks.md.RunConfig.DEFAULT_MAX_FRAMES, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, false, false, false), warehouse).run(spark, QUIET);
        // descriptors after iso: new runs at a temperature invalidate its descriptor sets (RunOutputs)
        new DescriptorsJob(new DescriptorsOptions("ka3d", List.of(), List.of(parent), 1, List.of(
                new DescriptorCatalog.Request("sbo", "sbo", Map.of()), new DescriptorCatalog.Request("zu", "zu", Map.of())),
                "thermal", null, 4, 1, false), warehouse).run(spark, QUIET);
        List<String> ids = reps.stream().map(glassworks.schema.tables.RunsTable.Row::runId).toList();
        new DynamicsJob(new DynamicsOptions("ka3d", List.of(1.0), ids, null, 0.3, 1, false, true, List.of(), 2, 10, 10,
                List.of(0.5, 1.0), "displacement", 0.3), warehouse).run(spark, QUIET);
    }

    @Test
    @Order(1)
    void everyStatisticEqualsAnIndependentRecomputation(SparkSession spark) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new ReduceJob(options(List.of(), false), warehouse).run(spark, new PrintStream(log, true));
        String text = log.toString();
        assertTrue(text.contains("explained variance PC1") && text.contains("dip test of PC1")
                && text.contains("propensity_msd regressed at 2 time(s)"), text);
        warehouse.registerViews(spark);

        // the B particles' SBO vectors of the parent run only (replicas have no descriptors here; the PCA rows say so)
        List<Row> rows = spark.sql("SELECT d.particle, d.frame, d.features, z.features FROM descriptors d JOIN descriptors z "
                + "ON d.run_id = z.run_id AND d.frame = z.frame AND d.particle = z.particle WHERE d.descriptor = 'sbo' "
                + "AND z.descriptor = 'zu' AND d.species = 1 ORDER BY d.frame, d.particle").collectAsList();
        int n = rows.size();
        assertEquals(FRAMES * N / 5, n);
        double[][] x = new double[n][];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ((Vector) rows.get(i).get(2)).toArray();
            z[i] = ((Vector) rows.get(i).get(3)).apply(0);
        }
        int d = x[0].length;
        assertEquals(8, d, "SBO Q1..Q8");

        // 1. explained variance: Commons Math eigenvalues of the sample covariance
        double[] eig = new EigenDecomposition(new Covariance(x).getCovarianceMatrix()).getRealEigenvalues().clone();
        Arrays.sort(eig);
        double trace = Arrays.stream(eig).sum();
        List<Row> pca = spark.sql("SELECT component, explained_variance_ratio, eigenvalue, loading, mean, rows, kept FROM "
                + "pca WHERE analysis = 'reduce-sbo' AND species_group = 'B' ORDER BY component").collectAsList();
        assertEquals(d, pca.size());
        for (int c = 0; c < d; c++) {
            assertEquals(eig[d - 1 - c] / trace, pca.get(c).getDouble(1), 1e-9, "EVR of PC" + (c + 1));
            assertEquals(eig[d - 1 - c], pca.get(c).getDouble(2), 1e-9 * trace);
            assertEquals(n, pca.get(c).getLong(5));
            assertEquals(c < 4, pca.get(c).getBoolean(6));
        }
        double[] w1 = ((Vector) pca.get(0).get(3)).toArray();
        double[] mean = ((Vector) pca.get(0).get(4)).toArray();
        double[] pc1 = new double[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                pc1[i] += w1[f] * (x[i][f] - mean[f]);
            }
        }

        // 2. Pearson r of PC1 with z, and the dip of PC1
        Row rz = spark.sql("SELECT value, p_value, ci_low, ci_high, rows FROM pc_statistics WHERE species_group = 'B' "
                + "AND statistic = 'pearson' AND variable = 'PC1' AND against = 'z'").first();
        double expected = Correlation.pearson(pc1, z).r();
        assertEquals(expected, rz.getDouble(0), 1e-9);
        assertTrue(rz.getDouble(2) < expected && expected < rz.getDouble(3));
        assertEquals(n, rz.getLong(4));
        assertEquals(1, spark.sql("SELECT count(*) FROM pc_statistics WHERE species_group = 'B' AND statistic = "
                + "'pearson' AND variable = 'Q6' AND against = 'u'").first().getLong(0));
        Row dip = spark.sql("SELECT value, p_value, rows FROM pc_statistics WHERE species_group = 'B' AND statistic = 'dip' "
                + "AND component = 1").first();
        assertEquals(DipTest.dip(pc1), dip.getDouble(0), 1e-9);
        assertEquals(n, dip.getLong(2));

        // 3. maps: counts add up to the rows and densities integrate to 1
        Row sums = spark.sql("SELECT sum(count), sum(density) FROM pc_maps WHERE species_group = 'B' AND component_y = 2")
                .first();
        assertEquals(n, sums.getLong(0));
        Row axis = spark.sql("SELECT max(x) - min(x), max(y) - min(y), count(DISTINCT x), count(DISTINCT y) FROM pc_maps "
                + "WHERE species_group = 'B' AND component_y = 2").first();
        double cell = axis.getDouble(0) / (axis.getLong(2) - 1) * axis.getDouble(1) / (axis.getLong(3) - 1);
        assertEquals(1.0, sums.getDouble(1) * cell, 1e-9);
        assertEquals(4L, spark.sql("SELECT count(DISTINCT component_x) FROM pc_maps WHERE species_group = 'A' AND "
                + "component_y = 0").first().getLong(0));

        // 4. regression of the propensity at t = 1.0 on the full descriptor: OLS on the joined rows
        Map<Integer, Double> mu = new HashMap<>();
        for (Row r : spark.sql("SELECT particle, value FROM labels WHERE label = 'propensity_msd' AND span = 1.0 AND "
                + "species = 1").collectAsList()) {
            mu.put(r.getInt(0), r.getDouble(1));
        }
        int m = mu.size();
        assertEquals(N / 5, m);
        double[][] xs = new double[m][];
        double[] ys = new double[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (rows.get(i).getInt(1) == FRAMES - 1) {
                xs[k] = x[i];
                ys[k++] = mu.get(rows.get(i).getInt(0));
            }
        }
        assertEquals(m, k);
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(ys, xs);
        Row full = spark.sql("SELECT r2, pearson_r, rows, rank, coefficients FROM "
                + "propensity_regression WHERE species_group = 'B' AND feature_set = 'full' AND span = 1.0").first();
        assertEquals(ols.calculateRSquared(), full.getDouble(0), 1e-8);
        assertEquals(Math.sqrt(full.getDouble(0)), full.getDouble(1), 1e-12);
        assertEquals(m, full.getLong(2));
        assertEquals(d, full.getInt(3));
        assertEquals(d, ((Vector) full.get(4)).size());
        // the principal-component regression can explain no more than the full descriptor it is a projection of
        double pcr = spark.sql("SELECT r2 FROM propensity_regression WHERE species_group = 'B' AND feature_set = 'pcr2' "
                + "AND span = 1.0").first().getDouble(0);
        assertTrue(pcr <= full.getDouble(0) + 1e-12, pcr + " vs " + full.getDouble(0));
        assertEquals(2L * 2 * (4 + 3), spark.sql("SELECT count(*) FROM propensity_regression").first().getLong(0),
                "2 species x 2 times x (4 single PCs, pcr2, full, measures)");
    }

    @Test
    @Order(2)
    void plotsDrawTheSpectrumMapsAndFits(SparkSession spark) throws IOException {
        java.nio.file.Path out = Files.createTempDirectory("glassworks-reduce-plots");
        List<java.nio.file.Path> files = new PlotJob(new PlotJob.Options("ka3d", "A", out.toString(), List.of("png",
                "svg")), warehouse).run(spark, QUIET);
        for (String name : new String[] {"evr_reduce-sbo", "pc1_reduce-sbo", "pcmap_reduce-sbo_A_T1",
                "pcmap_reduce-sbo_B_T1", "propensity_r_reduce-sbo"}) {
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve(name + ".png").toFile());
            assertTrue(png.getWidth() >= 800, name);
            assertTrue(Files.readString(out.resolve(name + ".svg")).contains("<svg"), name);
        }
        try (java.util.stream.Stream<java.nio.file.Path> s = Files.list(out)) {
            assertEquals(files.size(), s.count(), "no temporary files left");
        }
    }

    @Test
    @Order(3)
    void badRequestsAreRefusedBeforeSpark() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReduceJob(options(List.of(), false), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceJob(new ReduceOptions("ka3d", List.of(),
                List.of(), "soap", null, List.of(), false, 4, 20, "zu", "none", 2, 1000, 5, false), warehouse).validate());
        assertTrue(e.getMessage().contains("glassworks descriptors --family soap"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceOptions("ka3d", List.of(), List.of(), "sbo",
                null, List.of(), false, 2, 20, "zu", "none", 3, 1000, 5, false).validate());
        assertTrue(e.getMessage().contains("--regress-pcs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceOptions("ka3d", List.of(), List.of(), "sbo",
                "meso", List.of(), false, 2, 20, "zu", "none", 1, 1000, 5, false).validate());
        assertTrue(e.getMessage().contains("--analysis"), e.getMessage());
    }

    @Test
    @Order(4)
    void groupsByNameAndWithoutMeasuresOrLabels(SparkSession spark) {
        new ReduceJob(new ReduceOptions("ka3d", List.of(), List.of(), "sbo", "all-only", List.of("all"), true, 3, 10,
                "none", "none", 1, 100, 5, false), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        Row r = spark.sql("SELECT count(*), max(rows), sum(explained_variance_ratio) FROM pca WHERE analysis = 'all-only'")
                .first();
        assertEquals(8L, r.getLong(0));
        assertEquals((long) FRAMES * N, r.getLong(1), "every particle of the parent, no replica");
        assertEquals(1.0, r.getDouble(2), 1e-9);
        assertEquals(0L, spark.sql("SELECT count(*) FROM pc_statistics WHERE analysis = 'all-only' AND statistic = "
                + "'pearson'").first().getLong(0));
        long dipRows = spark.sql("SELECT max(rows) FROM pc_statistics WHERE analysis = 'all-only' AND statistic = 'dip'")
                .first().getLong(0);
        assertTrue(dipRows > 50 && dipRows < 150, "dip on a seeded subsample of about 100 rows, got " + dipRows);
        assertThrows(IllegalArgumentException.class, () -> new ReduceJob(new ReduceOptions("ka3d", List.of(), List.of(),
                "sbo", "x", List.of("C"), false, 3, 10, "none", "none", 1, 100, 5, false), warehouse).run(spark, QUIET));
    }
}
