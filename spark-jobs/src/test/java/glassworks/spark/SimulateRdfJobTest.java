package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.analysis.RadialDistribution;
import glassworks.md.io.TableFiles;
import glassworks.schema.FormatVersionException;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.RdfTable;
import glassworks.schema.tables.RunsTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.fs.Path;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The first vertical slice end to end on a tiny campaign: simulate on Spark, tables, views, SQL, g(r) against an oracle. */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulateRdfJobTest {
    static final int N = 256;
    static java.nio.file.Path dir;
    static Warehouse warehouse;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static SimulateOptions options(boolean overwrite) {
        return new SimulateOptions("ka3d", N, 1.2, List.of(2.0, 1.0), 1, 0.005, 400, 800, 200, 100, 7, Ensemble.NVT, 0.5,
                0.3, false, true, overwrite);
    }

    @BeforeAll
    static void warehouse() throws IOException {
        dir = Files.createTempDirectory("glassworks-wh");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
    }

    @Test
    @Order(1)
    void simulateWritesPartitionedTablesWithMarkers(SparkSession spark) {
        List<RunsTable.Row> runs = new SimulateJob(options(false), warehouse).run(spark, QUIET);
        assertEquals(2, runs.size());
        for (String t : new String[] {"frames", "runs", "thermo"}) {
            assertTrue(Files.exists(dir.resolve("warehouse").resolve(t).resolve("_SUCCESS")), t + " _SUCCESS");
        }
        assertTrue(Files.isDirectory(dir.resolve("warehouse/frames/model=ka3d/T=2/run=ka3d-T2-r0-s7")));
        assertTrue(Files.isDirectory(dir.resolve("warehouse/frames/model=ka3d/T=1/run=ka3d-T1-r0-s7")));
        assertFalse(Files.exists(dir.resolve("warehouse/_staging")), "staging is removed after commit");
        // one file per run for frames, one per temperature for runs and thermo
        assertEquals(2, warehouse.dataFiles(FramesTable.SCHEMA).size());
        assertEquals(2, warehouse.dataFiles(RunsTable.SCHEMA).size());
        assertEquals(2, warehouse.dataFiles(ThermoTable.SCHEMA).size());

        warehouse.registerViews(spark);
        warehouse.registerViews(spark); // idempotent
        assertEquals(2L, spark.sql("SELECT count(*) FROM runs").first().getLong(0));
        assertEquals(2L * 5 * N, spark.sql("SELECT count(*) FROM frames").first().getLong(0));
        Row r = spark.sql("SELECT count(DISTINCT frame), min(time), max(time), count(DISTINCT particle), sum(pe) IS NOT NULL "
                + "FROM frames WHERE T = 1.0").first();
        assertEquals(5L, r.getLong(0));
        assertEquals(0.0, r.getDouble(1));
        assertEquals(4.0, r.getDouble(2), 1e-12); // 800 steps * 0.005
        assertEquals((long) N, r.getLong(3));
        assertTrue(r.getBoolean(4));
        // thermo: equilibration 0..400 and production 0..800 every 100 steps, per run
        assertEquals(2L * (5 + 9), spark.sql("SELECT count(*) FROM thermo").first().getLong(0));
        Row join = spark.sql("SELECT r.n_particles, r.n_frames, f.c FROM runs r JOIN (SELECT run, count(*) c FROM frames "
                + "GROUP BY run) f ON f.run = r.run_id WHERE r.T = 2").first();
        assertEquals(N, join.getInt(0));
        assertEquals(5, join.getInt(1));
        assertEquals(5L * N, join.getLong(2));
    }

    @Test
    @Order(2)
    void existingRunsAreRefusedWithoutOverwriteAndReplacedWithIt(SparkSession spark) throws IOException {
        long before = Files.getLastModifiedTime(dir.resolve("warehouse/frames/model=ka3d/T=1/run=ka3d-T1-r0-s7")).toMillis();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulateJob(options(false), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("warehouse/frames/model=ka3d/T=1/run=ka3d-T1-r0-s7")).toMillis());

        // a longer production run under the same id: the new data must replace the old, not sit beside it
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(1.0), 1, 0.005, 400, 1200, 200, 100, 7, Ensemble.NVT, 0.5,
                0.3, false, true, true), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        assertEquals(2L, spark.sql("SELECT count(*) FROM runs").first().getLong(0));
        assertEquals(7, spark.sql("SELECT n_frames FROM runs WHERE T = 1").first().getInt(0));
        assertEquals(5, spark.sql("SELECT n_frames FROM runs WHERE T = 2").first().getInt(0)); // untouched
        assertEquals((5L + 7) * N, spark.sql("SELECT count(*) FROM frames").first().getLong(0));
        assertEquals(7L * N, spark.sql("SELECT count(*) FROM frames WHERE T = 1").first().getLong(0));
        assertEquals(14L + 5 + 13, spark.sql("SELECT count(*) FROM thermo").first().getLong(0));
        assertEquals(1, warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, "ka3d", 1.0)).size());
        assertEquals(1, warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 1.0)).size());
    }

    @Test
    @Order(3)
    void rdfOnSparkEqualsTheKernelOnEveryFrame(SparkSession spark) throws IOException {
        RdfOptions o = new RdfOptions("ka3d", List.of(), 2.5, 50, false);
        List<RdfTable.Row> rows = new RdfJob(o, warehouse).run(spark, QUIET);
        assertEquals(2 * 4 * 50, rows.size());

        // oracle: read the T = 1 frames file directly and average the kernel's per-frame g(r)
        List<Path> files = warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 1.0));
        Map<Integer, List<FramesTable.Row>> byFrame = new TreeMap<>();
        for (Path f : files) {
            for (FramesTable.Row r : TableFiles.readRows(FramesTable.SCHEMA, f, Warehouse.conf(), FramesTable.Row::of)) {
                byFrame.computeIfAbsent(r.frame(), k -> new ArrayList<>()).add(r);
            }
        }
        RadialDistribution rdf = new RadialDistribution(2, 2.5, 50);
        double[][] mean = new double[rdf.pairs()][50];
        for (List<FramesTable.Row> frame : byFrame.values()) {
            int n = frame.size();
            int[] sp = new int[n];
            double[] x = new double[n];
            double[] y = new double[n];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                sp[i] = frame.get(i).species();
                x[i] = frame.get(i).x();
                y[i] = frame.get(i).y();
                z[i] = frame.get(i).z();
            }
            FramesTable.Row f0 = frame.get(0);
            RadialDistribution.Frame g = rdf.compute(new FrameView(0, 0, 0, n, 3, sp, x, y, z, f0.boxX(), f0.boxY(), f0.boxZ(),
                    null, null, null, null));
            for (int p = 0; p < rdf.pairs(); p++) {
                for (int k = 0; k < 50; k++) {
                    mean[p][k] += g.g()[p][k] / byFrame.size();
                }
            }
        }
        warehouse.registerViews(spark);
        Map<String, Double> stored = new HashMap<>();
        for (Row r : spark.sql("SELECT pair, r_lo, g, n_frames, n_runs FROM rdf WHERE T = 1").collectAsList()) {
            stored.put(r.getString(0) + "@" + Math.round(r.getDouble(1) / 0.05), r.getDouble(2));
            assertEquals(7L, r.getLong(3));
            assertEquals(1, r.getInt(4));
        }
        for (int p = 0; p < rdf.pairs(); p++) {
            for (int k = 0; k < 50; k++) {
                assertEquals(mean[p][k], stored.get(rdf.pairLabel(p) + "@" + k), 1e-12, rdf.pairLabel(p) + " bin " + k);
            }
        }
        // the first peak of g_AA sits near 1.0 sigma and g_AB peaks closer (sigma_AB = 0.8), as for Kob-Andersen
        Row peakAA = spark.sql("SELECT r FROM rdf WHERE T = 1 AND pair = 'AA' ORDER BY g DESC LIMIT 1").first();
        Row peakAB = spark.sql("SELECT r FROM rdf WHERE T = 1 AND pair = 'AB' ORDER BY g DESC LIMIT 1").first();
        assertEquals(1.05, peakAA.getDouble(0), 0.1);
        assertEquals(0.85, peakAB.getDouble(0), 0.1);

        IllegalArgumentException again = assertThrows(IllegalArgumentException.class, () -> new RdfJob(o, warehouse).validate());
        assertTrue(again.getMessage().contains("--overwrite"), again.getMessage());

        // r_max beyond half the box (L = 5.98 here) is refused from the runs table, before Spark
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> new RdfJob(new RdfOptions("ka3d", List.of(), 3.5, 50, true), warehouse).validate());
        assertTrue(far.getMessage().contains("--r-max <= 2.98"), far.getMessage());

        // in a campaign after a simulate stage: existing g(r) at temperatures simulate does not redo is refused up front
        IllegalArgumentException planned = assertThrows(IllegalArgumentException.class,
                () -> new RdfJob(o, warehouse).validatePlanned(List.of(1.0)));
        assertTrue(planned.getMessage().contains("T=2") && planned.getMessage().contains("overwrite: true"), planned.getMessage());
        new RdfJob(o, warehouse).validatePlanned(List.of(1.0, 2.0)); // both recomputed: nothing to refuse
    }

    @Test
    @Order(4)
    void aFileOfAnUnknownFormatVersionStopsRegistrationWithBothVersions(SparkSession spark) throws IOException {
        glassworks.schema.TableSchema future = new glassworks.schema.TableSchema(RdfTable.NAME, 42, "future",
                RdfTable.SCHEMA.columns(), RdfTable.SCHEMA.partitionColumns(), RdfTable.SCHEMA.sortColumns());
        Path odd = new Path(warehouse.partition(RdfTable.SCHEMA, "ka3d", 3.0), "part-future.parquet");
        glassworks.md.io.RowFileWriter.writeFile(future, odd, Warehouse.conf(),
                List.of(new RdfTable.Row("AA", 1, 0.9, 1.1, 2.0, 1.0, 10L, 1L, 1)));
        try {
            FormatVersionException e = assertThrows(FormatVersionException.class, () -> warehouse.registerViews(spark));
            assertTrue(e.getMessage().contains("format version 42") && e.getMessage().contains("[1]"), e.getMessage());
        } finally {
            warehouse.fs().delete(odd.getParent(), true);
        }
        warehouse.registerViews(spark);
    }

    @Test
    @Order(5)
    void aSimulationThatBlowsUpFailsWithStepAndParticleAndLeavesTheTablesAsTheyWere(SparkSession spark) {
        long framesBefore = warehouse.checkTable(FramesTable.SCHEMA);
        long runsBefore = warehouse.checkTable(RunsTable.SCHEMA);
        SimulateOptions absurd = new SimulateOptions("ka3d", N, 1.2, List.of(5.0), 1, 0.1, 200, 200, 100, 100, 7, Ensemble.NVT,
                0.5, 0.3, false, false, false);
        Exception e = assertThrows(Exception.class, () -> new SimulateJob(absurd, warehouse).run(spark, QUIET));
        String message = glassworks.cli.MainAccess.shown(e);
        assertTrue(message.contains("blew up") && message.contains("particle") && message.contains("time step too large"), message);
        assertEquals(framesBefore, warehouse.checkTable(FramesTable.SCHEMA));
        assertEquals(runsBefore, warehouse.checkTable(RunsTable.SCHEMA));
        assertFalse(Files.exists(dir.resolve("warehouse/frames/model=ka3d/T=5")), "no partition of the failed run");
        assertFalse(Files.exists(dir.resolve("warehouse/_staging")), "staging removed after the failure");
    }

    @Test
    @Order(6)
    void reSimulatingATemperatureRemovesItsNowStaleGofR(SparkSession spark) {
        assertTrue(warehouse.exists(warehouse.partition(RdfTable.SCHEMA, "ka3d", 1.0)));
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(1.0), 1, 0.005, 400, 800, 200, 100, 7, Ensemble.NVT, 0.5,
                0.3, false, false, true), warehouse).run(spark, QUIET);
        assertFalse(warehouse.exists(warehouse.partition(RdfTable.SCHEMA, "ka3d", 1.0)), "g(r) of changed runs removed");
        assertTrue(warehouse.exists(warehouse.partition(RdfTable.SCHEMA, "ka3d", 2.0)), "other temperatures kept");
    }

    @Test
    @Order(7)
    void aCorruptFileInAPartitionStopsTheJobBeforeAnyTableChanges(SparkSession spark) throws IOException {
        java.nio.file.Path bad = dir.resolve("warehouse/thermo/model=ka3d/T=2/part-corrupt.parquet");
        Files.write(bad, new byte[] {'P', 'A', 'R', '1', 0, 0, 0});
        long frames = warehouse.checkTable(FramesTable.SCHEMA);
        long runs = warehouse.checkTable(RunsTable.SCHEMA);
        try {
            Exception e = assertThrows(Exception.class, () -> new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(2.0),
                    1, 0.005, 100, 200, 100, 100, 99, Ensemble.NVT, 0.5, 0.3, false, false, false), warehouse).run(spark, QUIET));
            String message = glassworks.cli.MainAccess.shown(e);
            assertTrue(message.contains("part-corrupt.parquet") && message.contains("truncated or corrupt"), message);
            assertFalse(warehouse.exists(warehouse.partition(FramesTable.SCHEMA, "ka3d", 2.0, "ka3d-T2-r0-s99")),
                    "no frames committed when the merge of runs/thermo cannot be staged");
            assertEquals(frames, warehouse.checkTable(FramesTable.SCHEMA));
            assertEquals(runs, warehouse.checkTable(RunsTable.SCHEMA));
            assertTrue(Files.exists(dir.resolve("warehouse/runs/_SUCCESS")));
            assertFalse(Files.exists(dir.resolve("warehouse/_staging")));
        } finally {
            Files.delete(bad);
        }
    }
}
