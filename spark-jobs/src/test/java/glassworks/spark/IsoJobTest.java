package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;
import glassworks.md.RunConfig;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.RunsTable;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isoconfigurational replicas of a stored frame: same start, own velocities, lineage in runs, idempotent commit. */
@ExtendWith(SparkExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsoJobTest {
    static final int N = 256;
    static final String PARENT = "ka3d-T1-r0-s3";
    static java.nio.file.Path dir;
    static Warehouse warehouse;
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static IsoOptions iso(String run, int frame, int replicas, boolean overwrite) {
        return iso(run, frame, replicas, 3, overwrite);
    }

    static IsoOptions iso(String run, int frame, int replicas, int perTask, boolean overwrite) {
        return new IsoOptions(run, frame, replicas, perTask, 11, List.of(), 60, Double.NaN, FrameSchedule.linear(30),
                RunConfig.DEFAULT_MAX_FRAMES, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, true, false, false,
                overwrite);
    }

    @BeforeAll
    static void parent() throws IOException {
        dir = Files.createTempDirectory("glassworks-iso");
        warehouse = new Warehouse(dir.resolve("warehouse").toString());
    }

    @Test
    @Order(1)
    void replicasStartFromTheParentFrameWithTheirOwnVelocities(SparkSession spark) {
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(1.0), 1, 0.005, 200, 400, 200, 100, 3, Ensemble.NVT, 0.5,
                0.3, false, false, false), warehouse).run(spark, QUIET);
        List<RunsTable.Row> rows = new IsoJob(iso(PARENT, 1, 7, false), warehouse).run(spark, QUIET);
        assertEquals(7, rows.size());
        warehouse.registerViews(spark);
        List<Row> runs = spark.sql("SELECT run_id, parent_run, parent_frame, replica, n_frames, start, seed, T, model "
                + "FROM runs WHERE parent_run IS NOT NULL ORDER BY replica").collectAsList();
        assertEquals(7, runs.size());
        Set<Long> seeds = new HashSet<>();
        for (int k = 0; k < 7; k++) {
            Row r = runs.get(k);
            assertEquals(PARENT + "-f1-iso" + k + "-s11", r.getString(0));
            assertEquals(PARENT, r.getString(1));
            assertEquals(1, r.getInt(2));
            assertEquals(k, r.getInt(3));
            assertEquals(3, r.getInt(4)); // steps 0, 30, 60
            assertEquals("snapshot:" + PARENT + "#1", r.getString(5));
            assertEquals(1.0, r.getDouble(7));
            assertEquals("ka3d", r.getString(8));
            seeds.add(r.getLong(6));
        }
        assertEquals(7, seeds.size(), "every replica has its own seed");

        // frame 0 of every replica is the parent's frame 1: species and wrapped positions bit for bit; the unwrapped
        // coordinates of particles outside the box pass the kernel's wrap (x - kL) and unwrap (+ kL), which can move
        // the last bit (Snapshot carries no image counts), so those agree to 1e-12 sigma
        Row cmp = spark.sql("SELECT count(*), sum(CASE WHEN r.x = p.x AND r.y = p.y AND r.z = p.z THEN 1 ELSE 0 END), "
                + "max(greatest(abs(r.x - p.x), abs(r.y - p.y), abs(r.z - p.z))), "
                + "sum(CASE WHEN r.species = p.species THEN 1 ELSE 0 END), "
                + "sum(CASE WHEN pmod(r.x, r.box_x) = pmod(p.x, p.box_x) AND pmod(r.y, r.box_y) = pmod(p.y, p.box_y) "
                + "AND pmod(r.z, r.box_z) = pmod(p.z, p.box_z) THEN 1 ELSE 0 END) "
                + "FROM frames p JOIN frames r ON r.particle = p.particle "
                + "WHERE p.run = '" + PARENT + "' AND p.frame = 1 AND r.run LIKE '" + PARENT + "-f1-iso%' AND r.frame = 0")
                .first();
        assertEquals(7L * N, cmp.getLong(0));
        assertEquals(7L * N, cmp.getLong(3), "species equal");
        assertTrue(cmp.getDouble(2) <= 1e-12, "max |replica - parent| = " + cmp.getDouble(2));
        System.out.printf("iso: %d of %d replica start positions bit-identical to the parent's, max |diff| %.3g, "
                + "%d identical modulo the box%n", cmp.getLong(1), cmp.getLong(0), cmp.getDouble(2), cmp.getLong(4));
        // velocities differ between replicas (fresh Maxwell-Boltzmann draws)
        long distinctVx = spark.sql("SELECT count(DISTINCT vx) FROM frames WHERE run LIKE '" + PARENT + "-f1-iso%' "
                + "AND frame = 0 AND particle = 5").first().getLong(0);
        assertEquals(7L, distinctVx);
        // and the trajectories then diverge
        long distinctX = spark.sql("SELECT count(DISTINCT x) FROM frames WHERE run LIKE '" + PARENT + "-f1-iso%' "
                + "AND frame = 2 AND particle = 5").first().getLong(0);
        assertEquals(7L, distinctX);
    }

    @Test
    @Order(2)
    void rerunningIsRefusedWithoutOverwriteAndReplacesWithIt(SparkSession spark) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IsoJob(iso(PARENT, 1, 7, false), warehouse).validate());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        new IsoJob(iso(PARENT, 1, 7, true), warehouse).run(spark, QUIET);
        warehouse.registerViews(spark);
        assertEquals(8L, spark.sql("SELECT count(*) FROM runs").first().getLong(0));
        assertEquals(7L * 3 * N + 3L * N, spark.sql("SELECT count(*) FROM frames").first().getLong(0));
        assertEquals(1, warehouse.dataFiles(warehouse.partition(RunsTable.SCHEMA, "ka3d", 1.0)).size());
        assertEquals(1, warehouse.dataFiles(warehouse.partition(FramesTable.SCHEMA, "ka3d", 1.0, PARENT + "-f1-iso6-s11")).size());
        assertFalse(Files.exists(dir.resolve("warehouse/_staging")));
    }

    @Test
    @Order(3)
    void aBadRunOrFrameIsRefusedBeforeAnyTask() {
        IllegalArgumentException run = assertThrows(IllegalArgumentException.class,
                () -> new IsoJob(iso("ka3d-T1-r0-s99", 0, 2, false), warehouse).validate());
        assertTrue(run.getMessage().contains("no run 'ka3d-T1-r0-s99'") && run.getMessage().contains(PARENT), run.getMessage());
        IllegalArgumentException frame = assertThrows(IllegalArgumentException.class,
                () -> new IsoJob(iso(PARENT, 3, 2, false), warehouse).validate());
        assertTrue(frame.getMessage().contains("has 3 frame(s) (0..2); --frame 3"), frame.getMessage());
    }

    @Test
    @Order(4)
    void replicasPerTaskDefaultsToAboutFourTasksPerCore() {
        assertEquals(125, iso(PARENT, 0, 10000, 0, false).replicasPerTask(20));
        assertEquals(1, iso(PARENT, 0, 3, 0, false).replicasPerTask(20));
        assertEquals(3, iso(PARENT, 0, 3, false).replicasPerTask(20));
    }

    @Test
    @Order(5)
    void resimulatingTheParentRetiresItsReplicas(SparkSession spark) {
        warehouse.registerViews(spark);
        long replicas = spark.sql("SELECT count(*) FROM runs WHERE parent_run = '" + PARENT + "'").first().getLong(0);
        assertTrue(replicas > 0, "replicas from the earlier tests");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        new SimulateJob(new SimulateOptions("ka3d", N, 1.2, List.of(1.0), 1, 0.005, 200, 400, 200, 100, 3, Ensemble.NVT,
                0.5, 0.3, false, false, true), warehouse).run(spark, new PrintStream(log, true));
        assertTrue(log.toString().contains("iso replica " + PARENT + "-f"), log.toString());
        warehouse.registerViews(spark);
        assertEquals(0L, spark.sql("SELECT count(*) FROM runs WHERE parent_run IS NOT NULL").first().getLong(0));
        assertEquals(0L, spark.sql("SELECT count(*) FROM thermo WHERE run_id <> '" + PARENT + "'").first().getLong(0));
        assertEquals(1L, spark.sql("SELECT count(DISTINCT run) FROM frames").first().getLong(0));
        assertEquals(1, warehouse.dataFiles(FramesTable.SCHEMA).size(), "only the parent's frames file is left");
    }
}
