package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.io.FramesFileReader;
import glassworks.md.io.TableFiles;
import glassworks.md.structure.BondOrder;
import glassworks.md.structure.DescriptorCatalog;
import glassworks.schema.tables.DescriptorSetsTable;
import glassworks.schema.tables.DescriptorsTable;
import glassworks.schema.tables.FramesTable;
import org.apache.hadoop.fs.Path;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code glassworks descriptors} end to end on a small two-temperature campaign: every (T, set) partition holds one
 * vector per particle per frame, equal to the kernel's descriptor on the stored frame; descriptor_sets records the
 * resolved parameters; existing sets need --overwrite and are then replaced, not doubled; re-simulating a temperature
 * drops its descriptors.
 */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DescriptorsJobTest {
    static final int N = 864;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    static java.nio.file.Path dir;
    static Warehouse warehouse;

    static SimulateOptions simulate(List<Double> ts, boolean overwrite) {
        return new SimulateOptions("ka3d", N, 1.2, ts, 1, 0.005, 400, 600, 200, 200, 5, Ensemble.NVT, 0.5, 0.3, false,
                true, overwrite);
    }

    static DescriptorsOptions options(boolean overwrite, int framesPerTask) {
        List<DescriptorCatalog.Request> sets = List.of(
                new DescriptorCatalog.Request("bo", "bo", Map.of("cutoff", "1.45")),
                new DescriptorCatalog.Request("bo-auto", "bo", Map.of("l_max", "6")),
                new DescriptorCatalog.Request("wcn", "wcn", Map.of("shells", "6")),
                new DescriptorCatalog.Request("gx", "gx", Map.of("r_count", "20")));
        return new DescriptorsOptions("ka3d", List.of(), List.of(), 1, sets, "thermal", null, 4, framesPerTask, overwrite);
    }

    @BeforeAll
    static void campaign(SparkSession spark) throws IOException {
        dir = Files.createTempDirectory("glassworks-desc");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
        new SimulateJob(simulate(List.of(1.0, 0.8), false), warehouse).run(spark, QUIET);
    }

    @Test
    @Order(1)
    void everyParticleOfEveryFrameGetsTheKernelsVector(SparkSession spark) throws IOException {
        List<DescriptorsJob.SetResult> results = new DescriptorsJob(options(false, 1), warehouse).run(spark, QUIET);
        assertEquals(8, results.size(), "4 sets x 2 temperatures");
        warehouse.registerViews(spark);
        // 4 frames (0, 200, 400, 600) per run, one run per T
        for (String set : new String[] {"bo", "bo-auto", "wcn", "gx"}) {
            assertEquals(2L * 4 * N, spark.sql("SELECT count(*) FROM descriptors WHERE descriptor = '" + set + "'")
                    .first().getLong(0), set);
            assertEquals(1L, spark.sql("SELECT count(DISTINCT fingerprint) FROM descriptors WHERE descriptor = '" + set
                    + "' AND T = 1").first().getLong(0));
        }
        Row sizes = spark.sql("SELECT min(size(vector_to_array(features))), max(size(vector_to_array(features))) "
                + "FROM descriptors WHERE descriptor = 'gx'").first();
        assertEquals(40, sizes.getInt(0));
        assertEquals(40, sizes.getInt(1));
        Row set = spark.sql("SELECT family, n_features, parameters, n_frames, n_runs, feature_names FROM descriptor_sets "
                + "WHERE descriptor = 'bo-auto' AND T = 0.8").first();
        assertEquals("bo", set.getString(0));
        assertEquals(6, set.getInt(1));
        assertTrue(set.getString(2).contains("cutoffs="), set.getString(2));
        assertEquals(4L, set.getLong(3));
        assertEquals("Q1,Q2,Q3,Q4,Q5,Q6", set.getString(5));

        // oracle: the kernel's BondOrder on frame 2 of the T = 0.8 run, read straight from its frames file
        String run = "ka3d-T0.8-r0-s5";
        List<Path> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 0.8, run));
        double[][] expected = new double[1][];
        FramesFileReader.forEachFrame(files, Warehouse.conf(), N, 3, 2, 2,
                (FrameView f) -> expected[0] = new BondOrder(1.45).compute(f));
        Map<Integer, double[]> got = new HashMap<>();
        for (Row r : spark.sql("SELECT particle, features, fingerprint FROM descriptors WHERE descriptor = 'bo' AND "
                + "run_id = '" + run + "' AND frame = 2").collectAsList()) {
            got.put(r.getInt(0), ((Vector) r.get(1)).toArray());
            assertEquals(new BondOrder(1.45).fingerprint(), r.getString(2));
        }
        assertEquals(N, got.size());
        for (int i = 0; i < N; i++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(expected[0], 8 * i, 8 * i + 8), got.get(i), 0.0, "particle " + i);
        }
    }

    @Test
    @Order(2)
    void existingSetsNeedOverwriteAndAreThenReplaced(SparkSession spark) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DescriptorsJob(options(false, 0), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        new DescriptorsJob(options(true, 0), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        assertEquals(2L * 4 * N, spark.sql("SELECT count(*) FROM descriptors WHERE descriptor = 'wcn'").first().getLong(0));
        assertEquals(8L, spark.sql("SELECT count(*) FROM descriptor_sets").first().getLong(0));
        // tasks of several frames now: fewer, larger files, same rows
        List<DescriptorsTable.Row> rows = new java.util.ArrayList<>();
        for (Path f : warehouse.dataFiles(warehouse.partition(DescriptorsTable.SCHEMA, "ka3d", 1.0, "bo"))) {
            rows.addAll(TableFiles.readRows(DescriptorsTable.SCHEMA, f, Warehouse.conf(), DescriptorsTable.Row::of));
        }
        assertEquals(4L * N, rows.size());
    }

    @Test
    @Order(3)
    void badSetsAreRefusedBeforeSpark() {
        DescriptorsOptions unknown = new DescriptorsOptions("ka3d", List.of(), List.of(), 1,
                List.of(new DescriptorCatalog.Request("x", "steinhardt", Map.of())), "thermal", null, 4, 0, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DescriptorsJob(unknown, warehouse).validate());
        assertTrue(e.getMessage().contains("families:"), e.getMessage());
        DescriptorsOptions inherent = new DescriptorsOptions("ka3d", List.of(), List.of(), 1,
                List.of(new DescriptorCatalog.Request("bo2", "bo", Map.of())), "inherent", null, 4, 0, false);
        e = assertThrows(IllegalArgumentException.class, () -> new DescriptorsJob(inherent, warehouse).validate());
        assertTrue(e.getMessage().contains("glassworks inherent"), e.getMessage());
        DescriptorsOptions tooFar = new DescriptorsOptions("ka3d", List.of(1.0), List.of(), 1,
                List.of(new DescriptorCatalog.Request("gx-far", "gx", Map.of())), "thermal", null, 4, 0, false);
        // gx's default reach (6.4 sigma) exceeds half of this box (4.5): refused on the driver, before any Spark task
        e = assertThrows(IllegalArgumentException.class, () -> new DescriptorsJob(tooFar, warehouse).run(null, QUIET));
        assertTrue(e.getMessage().contains("gx-far") && e.getMessage().contains("half the shortest box edge"),
                e.getMessage());
    }

    @Test
    @Order(4)
    void resimulatingATemperatureDropsItsDescriptors(SparkSession spark) {
        new SimulateJob(simulate(List.of(0.8), true), warehouse).run(spark, QUIET);
        assertFalse(warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, "ka3d", 0.8)));
        assertFalse(warehouse.exists(warehouse.partition(DescriptorSetsTable.SCHEMA, "ka3d", 0.8)));
        assertTrue(warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, "ka3d", 1.0, "wcn")));
    }

    @Test
    @Order(5)
    void inherentStructuresAreDescribedWhenAsked(SparkSession spark) throws IOException {
        new InherentJob(new InherentOptions("ka3d", List.of(1.0), List.of(), 2, 1e-6, 20000, false), warehouse)
                .run(spark, QUIET);
        DescriptorsOptions o = new DescriptorsOptions("ka3d", List.of(1.0), List.of(), 2,
                List.of(new DescriptorCatalog.Request("bo-is", "bo", Map.of("cutoff", "1.45"))), "inherent", null, 4, 0,
                false);
        new DescriptorsJob(o, warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        // frames 0 and 2 were minimised (every 2) and described
        assertEquals(2L * N, spark.sql("SELECT count(*) FROM descriptors WHERE descriptor = 'bo-is'").first().getLong(0));
        assertEquals("inherent", spark.sql("SELECT DISTINCT source FROM descriptors WHERE descriptor = 'bo-is'")
                .first().getString(0));
        String run = "ka3d-T1-r0-s5";
        List<Path> files = warehouse.dataFiles(warehouse.partition(glassworks.schema.tables.InherentTable.SCHEMA, "ka3d",
                1.0, run));
        double[][] expected = new double[1][];
        FramesFileReader.forEachFrame(glassworks.schema.tables.InherentTable.SCHEMA, files, Warehouse.conf(), N, 3, 2, 2,
                (FrameView f) -> expected[0] = new BondOrder(1.45).compute(f));
        Row r = spark.sql("SELECT features FROM descriptors WHERE descriptor = 'bo-is' AND frame = 2 AND particle = 17")
                .first();
        assertArrayEquals(java.util.Arrays.copyOfRange(expected[0], 8 * 17, 8 * 18), ((Vector) r.get(0)).toArray(), 0.0);
        // the quenched structure is more ordered than the thermal one: mean Q6 of A particles rises
        double thermal = spark.sql("SELECT avg(vector_to_array(features)[5]) FROM descriptors WHERE descriptor = 'bo' "
                + "AND T = 1 AND species = 0 AND frame IN (0, 2)").first().getDouble(0);
        double quenched = spark.sql("SELECT avg(vector_to_array(features)[5]) FROM descriptors WHERE descriptor = 'bo-is' "
                + "AND species = 0").first().getDouble(0);
        assertTrue(quenched > thermal, "Q6: inherent " + quenched + " vs thermal " + thermal);
    }

    @Test
    @Order(6)
    void resimulatingARunDropsItsInherentStructuresAndTheirDescriptors(SparkSession spark) {
        String run = "ka3d-T1-r0-s5";
        assertTrue(warehouse.exists(warehouse.partition(glassworks.schema.tables.InherentTable.SCHEMA, "ka3d", 1.0, run)));
        new SimulateJob(simulate(List.of(1.0), true), warehouse).run(spark, QUIET);
        assertFalse(warehouse.exists(warehouse.partition(glassworks.schema.tables.InherentTable.SCHEMA, "ka3d", 1.0, run)),
                "inherent structures minimised from the old frames must go with them");
        assertFalse(warehouse.exists(warehouse.partition(DescriptorsTable.SCHEMA, "ka3d", 1.0)));
    }
}
